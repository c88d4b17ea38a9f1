/**
 * The Follow up button of a window notification, called with fake Bolt arguments: it acknowledges and opens
 * the compose view on its own (a message has no modal to stack on), and answers the person when that fails.
 */
import { describe, expect, it } from 'vitest';
import { openCompose } from '../../../src/slack/compose/open-compose.js';
import { CALLBACK, ACTION, followUpValue } from '../../../src/slack/shared/ids.js';
import { AGENT, type ListenerWorld, failing, lastViewJson, recordingAck, useListenerWorld } from '../listener-world.js';

let w: ListenerWorld;
useListenerWorld((world) => {
  w = world;
});

function click(value: string) {
  const ack = recordingAck();
  const action = { action_id: `${ACTION.notifyFollowUp}:0`, type: 'button', value };
  // A block action on a message: a channel and a message, no view.
  const body = { user: { id: AGENT }, trigger_id: 'trigger-1', channel: { id: 'CNOTIFY' }, message: { ts: '1.2' } };
  return { ack, args: { ack, body, action, client: w.client, logger: w.logger } as never };
}

describe('Follow up on a notification', () => {
  it('acknowledges and opens the compose view alone (views.open, not push)', async () => {
    const { ack, args } = click(followUpValue('c-linh', 'whatsapp'));
    await openCompose(w.services(), { stacked: false })(args);
    expect(ack.answers).toEqual([undefined]);
    expect(w.fake.callsTo('views.push')).toEqual([]);
    const [open] = w.fake.callsTo('views.open');
    expect(JSON.stringify(open!.view)).toContain(CALLBACK.compose);
    expect(JSON.parse(open!.view.private_metadata)).toMatchObject({ contactId: 'c-linh', stacked: false });
  });

  it('a button value that names no contact-channel is acknowledged and opens nothing', async () => {
    const { ack, args } = click('no-separator');
    await openCompose(w.services(), { stacked: false })(args);
    expect(ack.answers).toEqual([undefined]);
    expect(w.fake.calls).toEqual([]);
  });

  it('the use case fails: a loading view opens and then says something went wrong', async () => {
    const { ack, args } = click(followUpValue('c-linh', 'whatsapp'));
    await openCompose(w.services({ followup: { composeContext: failing() } }), { stacked: false })(args);
    expect(ack.answers).toHaveLength(1);
    expect(w.fake.callsTo('views.open')).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain('Something went wrong');
  });
});
