/**
 * Ingest that no input can corrupt (issue 8): event times ahead of our clock, windows carried on channels
 * that have none, late upserts undoing a newer status, ids re-sent after a rejection, byte-order marks.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../src/cli/main.js';
import {
  type IngestEventInput,
  MAX_CLOCK_SKEW_MS,
  applyEvents,
  ingestPayload,
  parseEventPayload,
  parseNdjsonLine,
  stripByteOrderMark,
} from '../../src/ingest/index.js';
import { CHANNEL_TYPES, type ChannelType, DEFAULT_RULES } from '../../src/policy/index.js';
import { type Store, openStore } from '../../src/store/index.js';
import { tempDir } from '../store/helpers.js';
import { EXAMPLE_NDJSON } from './fixtures.js';

const NOW = new Date('2026-11-21T12:00:00.000Z');
const clock = () => NOW;
const BOM = '\uFEFF';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(async () => {
  tmp = tempDir('followup-ingest-guards-');
  store = await openStore(tmp.url);
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

const upsert = (id: string, at: string, extra: Record<string, unknown> = {}, eventId?: string): IngestEventInput => ({
  id: eventId ?? `up-${id}-${at}`,
  type: 'contact.upserted',
  at,
  contact: { id, firstName: 'An', ...extra },
});
const received = (id: string, at: string, extra: Record<string, unknown> = {}): IngestEventInput =>
  ({ id, type: 'message.received', at, contactId: 'c-1', channel: 'whatsapp', ...extra }) as IngestEventInput;
const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

describe('event times ahead of our clock', () => {
  it('accepts up to the tolerance, rejects beyond it with the time, the clock and what to send', async () => {
    expect(MAX_CLOCK_SKEW_MS).toBe(5 * 60_000);
    const results = await applyEvents(
      store,
      [
        upsert('c-1', '2026-11-20T08:00:00Z'),
        received('edge', iso(MAX_CLOCK_SKEW_MS)),
        received('beyond', iso(MAX_CLOCK_SKEW_MS + 1), { channel: 'telegram' }),
        received('2099', '2099-01-01T00:00:00Z', { channel: 'sms' }),
        { id: 'close-2099', type: 'conversation.closed', at: '2099-01-01T00:00:00Z', contactId: 'c-1' },
      ],
      { now: clock },
    );
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected', 'rejected', 'rejected']);
    expect(results[3]).toEqual({
      index: 3,
      id: '2099',
      status: 'rejected',
      reason:
        "events[3].at: 2099-01-01T00:00:00Z is more than 5 minutes ahead of this server's clock " +
        "(2026-11-21T12:00:00.000Z); send the provider's timestamp",
    });
    const c = await store.contacts.get('c-1');
    expect(c?.channels.map((ch) => ch.type)).toEqual(['whatsapp']); // nothing anchored in the future
    expect(c).toMatchObject({ status: 'open', lastActivityAt: iso(MAX_CLOCK_SKEW_MS) });
    expect(await store.events.has('2099')).toBe(false);
  });

  it('judges against the clock it is given, and a rejected event can be sent again once it is due', async () => {
    const body = JSON.stringify(received('f1', '2026-11-21T13:00:00Z'));
    const early = await ingestPayload(store, body, 'application/x-ndjson', { now: clock });
    expect(early.results[0]!.reason).toMatch(/^line 1: at: 2026-11-21T13:00:00Z is more than 5 minutes ahead/);
    const due = () => new Date('2026-11-21T13:00:00Z');
    const later = await ingestPayload(store, body, 'application/x-ndjson', { now: due });
    expect(later.results[0]!.status).toBe('accepted');
  });
});

describe('windowHours (a window carried by the inbound)', () => {
  const withWindow = (channel: ChannelType, i: number) =>
    received(`w-${channel}`, `2026-11-21T10:0${i}:00Z`, { channel, windowHours: 168 });

  it('is accepted on Messenger and Instagram only; elsewhere rejected naming the channel', async () => {
    const results = await applyEvents(store, CHANNEL_TYPES.map(withWindow), { now: clock });
    const accepted = CHANNEL_TYPES.filter((_, i) => results[i]!.status === 'accepted');
    expect(accepted).toEqual(['messenger', 'instagram']);
    expect(accepted).toEqual(CHANNEL_TYPES.filter((c) => DEFAULT_RULES[c].acceptsAnchorWindow));
    expect(results[CHANNEL_TYPES.indexOf('whatsapp')]!.reason).toBe(
      'events[0].windowHours: WhatsApp messages carry no window of their own ' +
        '(only Messenger and Instagram ad referrals do); remove windowHours',
    );
    const channels = (await store.contacts.get('c-1'))!.channels;
    expect(channels.map((c) => [c.type, c.lastInboundWindowHours])).toEqual([
      ['messenger', 168],
      ['instagram', 168],
    ]);
  });

  it('is not refused when absent: a WhatsApp inbound without it applies', async () => {
    const [r] = await applyEvents(store, [received('plain', '2026-11-21T10:00:00Z')], { now: clock });
    expect(r!.status).toBe('accepted');
  });
});

describe('contact.upserted carrying a status', () => {
  it('does not undo a newer status change; its other fields still apply', async () => {
    await applyEvents(
      store,
      [
        upsert('c-1', '2026-11-20T08:00:00Z'),
        { id: 'close', type: 'conversation.closed', at: '2026-11-20T11:00:00Z', contactId: 'c-1' },
      ],
      { now: clock },
    );
    const lateUpsert = upsert('c-1', '2026-11-20T10:00:00Z', { status: 'open', lastName: 'Trần' });
    const late = await applyEvents(store, [lateUpsert], { now: clock });
    expect(late[0]!.status).toBe('accepted');
    expect(await store.contacts.get('c-1')).toMatchObject({
      status: 'closed',
      statusChangedAt: '2026-11-20T11:00:00.000Z',
      lastName: 'Trần',
    });

    await applyEvents(store, [upsert('c-1', '2026-11-20T12:00:00Z', { status: 'open' })], { now: clock });
    const now = await store.contacts.get('c-1');
    expect(now).toMatchObject({ status: 'open', statusChangedAt: '2026-11-20T12:00:00.000Z' });
  });
});

describe('ids re-sent after a rejection', () => {
  const assign = (id: string, assignee: string): IngestEventInput => ({
    id,
    type: 'contact.assigned',
    at: '2026-11-20T10:00:00Z',
    contactId: 'c-1',
    assignee,
  });

  it('a copy after a rejected copy applies, in order; a copy after an applied one is a duplicate', async () => {
    const upserted = upsert('c-1', '2026-11-20T09:00:00Z');
    const batch = [assign('a', 'U1'), upserted, assign('a', 'U1'), assign('b', 'U2'), assign('a', 'U1')];
    const results = await applyEvents(store, batch, { now: clock });
    expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted', 'accepted', 'accepted', 'duplicate']);
    expect((await store.contacts.get('c-1'))?.assignee).toBe('U2');
    expect(await store.events.has('a')).toBe(true);
  });

  it('a copy about another contact is a duplicate if the first applied, else rejected saying why', async () => {
    const results = await applyEvents(
      store,
      [
        { id: 'x', type: 'contact.assigned', at: '2026-11-20T10:00:00Z', contactId: 'ghost', assignee: 'U1' },
        upsert('c-2', '2026-11-20T09:00:00Z', {}, 'x'),
        upsert('c-3', '2026-11-20T09:00:00Z', {}, 'y'),
        upsert('c-4', '2026-11-20T09:00:00Z', {}, 'y'),
      ],
      { now: clock },
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'accepted', 'duplicate']);
    expect(results[1]!.reason).toBe(
      'events[1].id: "x" is also the id of events[0] (about contact "ghost"), which was rejected; ' +
        'give each event its own id',
    );
    expect(await store.contacts.has('c-2')).toBe(false);
    expect(await store.contacts.has('c-4')).toBe(false);
    expect(await store.events.has('x')).toBe(false);
  });

  it('a rejected id is not recorded: sent again in a later request it applies', async () => {
    const first = await applyEvents(store, [assign('a', 'U1')], { now: clock });
    expect(first[0]!.status).toBe('rejected');
    await applyEvents(store, [upsert('c-1', '2026-11-20T09:00:00Z')], { now: clock });
    const again = await applyEvents(store, [assign('a', 'U1')], { now: clock });
    expect(again[0]!.status).toBe('accepted');
  });
});

describe('a leading byte-order mark', () => {
  it('is stripped once, from the start only', () => {
    expect(stripByteOrderMark(`${BOM}{}`)).toBe('{}');
    expect(stripByteOrderMark(`${BOM}${BOM}{}`)).toBe(`${BOM}{}`);
    expect(stripByteOrderMark(`{}${BOM}`)).toBe(`{}${BOM}`);
  });

  it('does not break the first event of NDJSON, a JSON array or one JSON event', async () => {
    const ndjson = parseEventPayload(`${BOM}${EXAMPLE_NDJSON}`, 'application/x-ndjson');
    expect(ndjson.map((e) => e.ok)).toEqual([true, true, true, true, true]);
    // NDJSON sent as JSON takes the line-by-line path after JSON.parse failed.
    expect(parseEventPayload(`${BOM}${EXAMPLE_NDJSON}`, 'application/json').every((e) => e.ok)).toBe(true);
    const array = parseEventPayload(`${BOM}[{"id":"a"}]`, 'application/json');
    expect(array).toEqual([{ ok: true, index: 0, line: null, value: { id: 'a' } }]);
    expect(parseNdjsonLine(`${BOM}{"id":"a"}`, 1, 0)).toEqual({ ok: true, index: 0, line: 1, value: { id: 'a' } });

    const { results } = await ingestPayload(store, `${BOM}${EXAMPLE_NDJSON}`, 'application/x-ndjson', { now: clock });
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
  });

  it('does not break `followup import` from a file or from standard input', async () => {
    const run = async (argv: string[], stdin?: string) => {
      let stdout = '';
      let stderr = '';
      const io: CliIo = {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: (t: string) => (stderr += t), isTTY: false },
        env: { STORE_URL: `sqlite://${join(tmp.dir, 'cli.sqlite')}`, FOLLOWUP_NOW: '2026-11-21T12:00:00Z' },
        now: clock,
        ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}),
      };
      return { code: await main(argv, io), stdout, stderr };
    };
    const file = join(tmp.dir, 'bom.ndjson');
    writeFileSync(file, `${BOM}${EXAMPLE_NDJSON.split('\n').slice(0, 2).join('\n')}\n`);
    expect(await run(['import', file])).toMatchObject({ code: 0, stdout: 'accepted 2, duplicate 0, rejected 0\n' });
    const stdin = `${BOM}${EXAMPLE_NDJSON.split('\n').slice(2).join('\n')}\n`;
    const fromStdin = await run(['import', '-'], stdin);
    expect(fromStdin).toMatchObject({ code: 0, stdout: 'accepted 3, duplicate 0, rejected 0\n' });
  });
});
