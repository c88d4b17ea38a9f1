/** Team settings end to end: closing logic "keep" and the permission lists for the All inbox and sending. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_ID, plainTextValue } from '../support/signed-request.js';
import { ACTION, BLOCK } from '../../src/slack/shared/ids.js';
import { type Harness, findAction, startHarness } from './harness.js';

const T = new Date('2026-11-21T12:00:00.000Z');
const iso = (ms: number) => new Date(T.getTime() + ms).toISOString();
const OTHER = 'U0OTHER02';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    start: T.toISOString(),
    config: `closing: { logic: keep }\npermissions:\n  allInbox: [${AGENT_ID}]\n  send: [${AGENT_ID}]\n`,
  });
  await h.ingest([
    {
      id: 'u1',
      type: 'contact.upserted',
      at: iso(-86_400_000),
      contact: {
        id: 'k-1',
        firstName: 'Hélène',
        lastName: 'Girard',
        channels: [{ type: 'sms', address: '+33600000000' }],
      },
    },
    { id: 'a1', type: 'contact.assigned', at: iso(-7_200_000), contactId: 'k-1', assignee: AGENT_ID },
    { id: 'c1', type: 'conversation.closed', at: iso(-3_600_000), contactId: 'k-1' },
  ]);
});
afterAll(() => h?.stop());

async function openContact(user: string) {
  const searchId = await h.opening(() => h.command('helene', user));
  await h.waitForView(searchId, (v) => v.callback_id === 'followup_search');
  const id = await h.opening(() =>
    h.click(searchId, { action_id: `${ACTION.openContact}:0`, value: 'k-1', type: 'button' }, {}, user),
  );
  return { id, view: await h.waitForView(id, (v) => v.callback_id === 'followup_contact') };
}

describe('team settings', () => {
  it('an agent not on the All-inbox list searches their own inbox only, and is told so', async () => {
    const id = await h.opening(() => h.command('helene', OTHER));
    const view = await h.waitForView(id, (v) => v.callback_id === 'followup_search');
    const json = JSON.stringify(view);
    expect(json).not.toContain('Girard');
    expect(json).not.toContain('"value":"all"');
  });

  it('an agent not allowed to send gets no send button', async () => {
    const { view } = await openContact(OTHER);
    expect(findAction(view, ACTION.composeOpen)).toBeUndefined();
    expect(findAction(view, ACTION.closeConversation)).toBeUndefined();
    expect(JSON.stringify(view)).toMatch(/cannot send follow-ups/i);
  });

  it('closing with "keep" keeps the agent assigned; a send reopens it', async () => {
    const { id, view } = await openContact(AGENT_ID);
    const compose = findAction(view, ACTION.composeOpen)!;
    const composeId = await h.opening(() => h.click(id, compose));
    await h.waitForView(composeId, (v) => v.callback_id === 'followup_compose');
    const sent = await h.submit(composeId, {
      [BLOCK.text]: { [ACTION.text]: plainTextValue('Bonjour Hélène, tout est réglé ?') },
    });
    expect(sent.json.response_action).toBe('update');
    await h.waitForView(composeId, (v) => JSON.stringify(v).includes('Sent'));
    expect(await h.app.store.contacts.get('k-1')).toMatchObject({ status: 'open', assignee: AGENT_ID });

    const again = await openContact(AGENT_ID);
    const close = findAction(again.view, ACTION.closeConversation)!;
    await h.click(again.id, close);
    await h.waitForView(again.id, (v) => !findAction(v, ACTION.closeConversation));
    expect(await h.app.store.contacts.get('k-1')).toMatchObject({ status: 'closed', assignee: AGENT_ID });
  });
});
