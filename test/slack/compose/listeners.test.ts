/**
 * The compose screen's listeners called with fake Bolt arguments: a control change re-renders with the draft
 * kept; the submission answers Slack whatever fails before the answer (compose-submission.test.ts covers the
 * outbox timing).
 */
import { describe, expect, it } from 'vitest';
import { composeControlChanged } from '../../../src/slack/compose/compose-actions.js';
import { renderCompose } from '../../../src/slack/compose/compose-screen.js';
import type { ComposeMeta } from '../../../src/slack/compose/compose-state.js';
import { composeSubmission } from '../../../src/slack/compose/compose-submission.js';
import { ACTION, BLOCK } from '../../../src/slack/shared/ids.js';
import {
  AGENT,
  type ListenerWorld,
  failing,
  lastViewJson,
  recordingAck,
  slackView,
  useListenerWorld,
} from '../listener-world.js';

const META: ComposeMeta = {
  k: 'compose',
  contactId: 'c-jm',
  channelKey: 'messenger',
  idem: 'idem-listener-01',
  stacked: true,
};
const TEXT_META: ComposeMeta = { ...META, contactId: 'c-linh', channelKey: 'whatsapp', idem: 'idem-listener-02' };

let w: ListenerWorld;
useListenerWorld((world) => {
  w = world;
});

describe('compose controls', () => {
  const tagPicked = {
    [BLOCK.tag]: { [ACTION.tag]: { type: 'static_select', selected_option: { value: 'POST_PURCHASE_UPDATE' } } },
    [BLOCK.text]: { [ACTION.text]: { type: 'plain_text_input', value: 'Ihre Bestellung ist unterwegs.' } },
  };

  it('picking a tag acknowledges and re-renders in place with its hash, keeping what was typed', async () => {
    const view = slackView(await renderCompose(META, w.services(), AGENT), tagPicked);
    const ack = recordingAck();
    const body = { user: { id: AGENT }, view, trigger_id: 't' };
    await composeControlChanged(w.services())({ ack, body, client: w.client, logger: w.logger } as never);
    expect(ack.answers).toEqual([undefined]);
    const [update] = w.fake.callsTo('views.update');
    expect(update).toMatchObject({ view_id: view.id, hash: view.hash });
    expect(JSON.stringify(update!.view)).toContain('Ihre Bestellung ist unterwegs.');
  });

  it('the use case fails: the view says something went wrong', async () => {
    const view = slackView(await renderCompose(META, w.services(), AGENT), tagPicked);
    const ack = recordingAck();
    const body = { user: { id: AGENT }, view, trigger_id: 't' };
    await composeControlChanged(w.services({ followup: { composeContext: failing() } }))({
      ack,
      body,
      client: w.client,
      logger: w.logger,
    } as never);
    expect(ack.answers).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain('Something went wrong');
  });
});

describe('compose submission', () => {
  async function submit(services: ReturnType<ListenerWorld['services']>) {
    const view = slackView(await renderCompose(TEXT_META, w.services(), AGENT), {
      [BLOCK.text]: { [ACTION.text]: { type: 'plain_text_input', value: 'Chào Linh' } },
    });
    const ack = recordingAck();
    const body = { user: { id: AGENT }, view };
    await composeSubmission(services)({ ack, body, view, client: w.client, logger: w.logger } as never);
    return ack;
  }

  it('acknowledges with "Sending…", then shows it sent', async () => {
    const ack = await submit(w.services());
    expect(ack.answers).toHaveLength(1);
    expect(JSON.stringify(ack.answers[0])).toContain('Sending…');
    expect(lastViewJson(w.fake)).toContain('Sent');
  });

  it('reading the contact fails before Slack was answered: the ack says not sent, and nothing is', async () => {
    const ack = await submit(w.services({ followup: { composeContext: failing('the store is not reachable') } }));
    expect(ack.answers).toEqual([expect.objectContaining({ response_action: 'update' })]);
    const answer = JSON.stringify(ack.answers[0]);
    expect(answer).toContain('Not sent');
    expect(answer).toContain('the store is not reachable');
    expect(await w.store.outbox.list({ contactId: 'c-linh' })).toEqual([]);
  });

  it('delivery fails after "Sending…": the view says so (no second ack)', async () => {
    const ack = await submit(w.services({ followup: { deliverFollowUp: failing('provider down') } }));
    expect(ack.answers).toHaveLength(1);
    expect(JSON.stringify(ack.answers[0])).toContain('Sending…');
    expect(lastViewJson(w.fake)).toContain('Something went wrong while sending');
  });
});
