/**
 * End to end (real server, signed requests, fake Slack API): `/followup 🦄` and `/followup 123` say what is
 * wrong instead of listing everyone, and a channel without an address shows "no address — cannot send" in
 * the search results and the contact view, with no Follow up for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, BLOCK, followUpValue } from '../../src/slack/shared/ids.js';
import { assertBlockKitLimits } from '../support/block-kit-limits.js';
import { plainTextValue, staticSelectValue } from '../support/signed-request.js';
import { type Harness, startHarness } from './harness.js';

const T = new Date('2026-11-21T12:00:00.000Z');
const iso = (ms: number) => new Date(T.getTime() + ms).toISOString();

const EVENTS = [
  {
    id: 'up-1',
    type: 'contact.upserted',
    at: iso(-86_400_000),
    contact: {
      id: 'c-1',
      firstName: 'Linh',
      lastName: 'Nguyễn',
      channels: [{ type: 'telegram' }, { type: 'whatsapp', address: '+84912345678' }],
    },
  },
  { id: 'in-1', type: 'message.received', at: iso(-3_600_000), contactId: 'c-1', channel: 'telegram' },
  { id: 'in-2', type: 'message.received', at: iso(-3_600_000), contactId: 'c-1', channel: 'whatsapp' },
  { id: 'cl-1', type: 'conversation.closed', at: iso(-1_800_000), contactId: 'c-1' },
  {
    id: 'up-2',
    type: 'contact.upserted',
    at: iso(-86_400_000),
    contact: { id: 'c-2', firstName: 'José', channels: [{ type: 'sms', address: '+15550100' }] },
  },
  { id: 'cl-2', type: 'conversation.closed', at: iso(-1_800_000), contactId: 'c-2' },
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: T.toISOString() });
  const r = await h.ingest(EVENTS.map((e) => JSON.stringify(e)).join('\n'));
  expect(r.json.rejected).toBe(0);
});
afterAll(async () => {
  await h?.stop();
});

async function search(text: string) {
  const id = await h.opening(() => h.command(text));
  const view = await h.waitForView(
    id,
    (v) => v.callback_id === 'followup_search' && !JSON.stringify(v).includes('Loading contacts'),
  );
  assertBlockKitLimits('modal', view);
  return { id, json: JSON.stringify(view), view };
}

describe('search text that cannot be searched', () => {
  it('/followup 🦄 says there is nothing to search for, and lists no one', async () => {
    const { json } = await search('🦄');
    expect(json).toContain(
      'Nothing to search for in \\"🦄\\": type part of a name, an email, or at least 4 digits of a phone number.',
    );
    expect(json).not.toContain('Linh');
    expect(json).not.toContain('José');
  });

  it('/followup 123 says a phone search needs at least 4 digits', async () => {
    const { json } = await search('123');
    expect(json).toContain('Too few digits in \\"123\\"');
    expect(json).not.toContain('José');
  });

  it('typing a searchable word into the box lists the match again', async () => {
    const { id } = await search('*');
    await h.click(
      id,
      { action_id: ACTION.searchText, type: 'plain_text_input', value: 'linh' },
      {
        [BLOCK.searchText]: { [ACTION.searchText]: plainTextValue('linh') },
        [BLOCK.searchFilters]: { [ACTION.inbox]: staticSelectValue('all') },
      },
    );
    const view = await h.waitForView(id, (v) => JSON.stringify(v).includes('Linh'));
    expect(JSON.stringify(view)).not.toContain('Nothing to search for');
  });
});

describe('a channel without an address', () => {
  it('shows "no address — cannot send" in results and contact view; only the other channel has Follow up', async () => {
    const s = await search('linh');
    expect(s.json).toContain('Telegram · no address — cannot send');
    const contactId = await h.opening(() =>
      h.click(s.id, { action_id: `${ACTION.openContact}:0`, value: 'c-1', type: 'button' }),
    );
    const contact = await h.waitForView(contactId, (v) => v.callback_id === 'followup_contact');
    const json = JSON.stringify(contact);
    expect(json).toContain('no address — cannot send');
    expect(json).toContain('This contact has no address on this channel');
    const followUps = json.match(new RegExp(`"action_id":"${ACTION.composeOpen}[^"]*"`, 'g')) ?? [];
    expect(followUps).toHaveLength(1);
    expect(json).toContain(`"value":"${followUpValue('c-1', 'whatsapp')}"`);
    expect(json).not.toContain(followUpValue('c-1', 'telegram'));
  });
});
