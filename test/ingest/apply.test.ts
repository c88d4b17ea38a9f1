import { KeyvSqlite } from '@keyv/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IngestEventInput, applyEvents, ingestPayload, parseEventPayload } from '../../src/ingest/index.js';
import { type Store, openStore } from '../../src/store/index.js';
import { tempDir } from '../store/helpers.js';
import { EXAMPLE_NDJSON } from './fixtures.js';

const NOW = new Date('2026-11-21T00:00:00Z');
const clock = () => NOW;

let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(async () => {
  tmp = tempDir('followup-ingest-');
  store = await openStore(tmp.url);
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

const upsert = (id: string, at: string, extra: Record<string, unknown> = {}): IngestEventInput => ({
  id: `up-${id}-${at}`,
  type: 'contact.upserted',
  at,
  contact: { id, firstName: 'An', ...extra },
});
const received = (eid: string, at: string, extra: Record<string, unknown> = {}): IngestEventInput =>
  ({ id: eid, type: 'message.received', at, contactId: 'c-1', channel: 'whatsapp', ...extra }) as IngestEventInput;
const sent = (eid: string, at: string, extra: Record<string, unknown> = {}): IngestEventInput =>
  ({ id: eid, type: 'message.sent', at, contactId: 'c-1', channel: 'whatsapp', ...extra }) as IngestEventInput;

describe('the example events', () => {
  it('apply, and a replay changes nothing', async () => {
    const { results } = await ingestPayload(store, EXAMPLE_NDJSON, 'application/x-ndjson', { now: clock });
    expect(results.map((r) => `${r.line}:${r.id}:${r.status}`)).toEqual([
      '1:e1:accepted',
      '2:e2:accepted',
      '3:e3:accepted',
      '4:e4:accepted',
      '5:e5:accepted',
    ]);

    const c = await store.contacts.get('c-42');
    expect(c).toMatchObject({
      firstName: 'Linh',
      lastName: 'Nguyễn',
      email: 'linh@example.vn',
      phone: '+84 912 345 678',
      language: 'vi',
      assignee: 'U024BE7LH',
      status: 'closed',
      statusChangedAt: '2026-11-20T10:30:00.000Z',
      lastActivityAt: '2026-11-20T10:30:00.000Z',
      createdAt: '2026-11-20T09:00:00.000Z',
      updatedAt: NOW.toISOString(),
    });
    expect(c?.channels).toEqual([
      {
        type: 'whatsapp',
        address: '+84912345678',
        lastInboundAt: '2026-11-20T10:00:00.000Z',
        lastOutboundAt: null,
        outboundSinceInbound: 0,
      },
    ]);
    expect((await store.templates.get('order_update', 'vi'))?.status).toBe('APPROVED');
    expect(await store.events.get('e2')).toEqual({ type: 'message.received', appliedAt: NOW.toISOString() });

    const later = new Date('2026-12-01T00:00:00Z');
    const { results: replay } = await ingestPayload(store, EXAMPLE_NDJSON, 'application/x-ndjson', {
      now: () => later,
    });
    expect(replay.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect((await store.contacts.get('c-42'))?.updatedAt).toBe(NOW.toISOString());
  });
});

describe('validation', () => {
  it('turns zod errors into one readable line per event; the good events still apply', async () => {
    const results = await applyEvents(
      store,
      [
        upsert('c-1', '2026-11-20T09:00:00Z'),
        {
          id: 'bad-email',
          type: 'contact.upserted',
          at: '2026-11-20T09:00:00Z',
          contact: { id: 'c-2', email: 'not-an-email' },
        },
        { id: 'bad-type', type: 'message.exploded', at: '2026-11-20T09:00:00Z' },
        'just a string',
        { id: 'no-offset', type: 'message.received', at: '2026-11-20 10:00', contactId: 'c-1', channel: 'whatsapp' },
        {
          id: 'receipt',
          type: 'message.received',
          at: '2026-11-20T10:00:00Z',
          contactId: 'c-1',
          channel: 'whatsapp',
          kind: 'read',
        },
        {
          id: 'seconds',
          type: 'message.received',
          at: '2026-11-20T10:00:00Z',
          contactId: 'c-1',
          channel: 'messenger',
          windowHours: 604800,
        },
        { id: 'pager', type: 'message.sent', at: '2026-11-20T10:00:00Z', contactId: 'c-1', channel: 'pager' },
        received('ok', '2026-11-20T10:00:00Z'),
      ],
      { now: clock },
    );
    expect(results.map((r) => r.status)).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
    ]);
    expect(results[1]).toEqual({
      index: 1,
      id: 'bad-email',
      status: 'rejected',
      reason: 'events[1].contact.email: Invalid email address',
    });
    expect(results[2]!.reason).toMatch(
      /^events\[2\]\.type: unknown event type "message\.exploded" \(expected contact\.upserted, message\.received, /,
    );
    expect(results[3]!.reason).toMatch(/^events\[3\]: /);
    expect(results[3]!.id).toBeUndefined();
    expect(results[4]!.reason).toMatch(/^events\[4\]\.at: /);
    expect(results[5]!.reason).toMatch(/^events\[5\]\.kind: /);
    expect(results[6]!.reason).toMatch(/^events\[6\]\.windowHours: Too big/);
    expect(results[7]!.reason).toMatch(/^events\[7\]\.channel: /);
    for (const r of results) expect(r.reason ?? '').not.toContain('\n');
    expect(await store.contacts.has('c-2')).toBe(false);
    expect((await store.contacts.get('c-1'))?.channels[0]?.lastInboundAt).toBe('2026-11-20T10:00:00.000Z');
    expect(await store.events.has('bad-email')).toBe(false);
  });

  it('marks a repeated id within one batch as duplicate', async () => {
    const results = await applyEvents(
      store,
      [upsert('c-1', '2026-11-20T09:00:00Z'), sent('s1', '2026-11-20T10:00:00Z'), sent('s1', '2026-11-20T10:00:00Z')],
      { now: clock },
    );
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'duplicate']);
    expect((await store.contacts.get('c-1'))?.channels[0]?.outboundSinceInbound).toBe(1);
  });
});

describe('contact.upserted', () => {
  it('creates, then merges: given fields overwrite, channels merge by key, window fields survive', async () => {
    await applyEvents(
      store,
      [
        upsert('c-1', '2026-11-20T09:00:00Z', {
          lastName: 'Trần',
          email: 'an@example.vn',
          channels: [
            { type: 'whatsapp', address: '+1' },
            { type: 'messenger', channelId: 'page-1', address: 'psid-1' },
          ],
        }),
        received('r1', '2026-11-20T10:00:00Z'),
        sent('s1', '2026-11-20T10:01:00Z'),
        upsert('c-1', '2026-11-20T11:00:00Z', {
          firstName: 'Anh',
          status: 'closed',
          assignee: 'U1',
          channels: [
            { type: 'whatsapp', address: '+2' },
            { type: 'messenger', channelId: 'page-2' },
          ],
        }),
      ],
      { now: clock },
    );
    const c = await store.contacts.get('c-1');
    expect(c).toMatchObject({
      firstName: 'Anh',
      lastName: 'Trần',
      email: 'an@example.vn',
      status: 'closed',
      assignee: 'U1',
      statusChangedAt: '2026-11-20T11:00:00.000Z',
    });
    expect(c?.channels).toEqual([
      {
        type: 'whatsapp',
        address: '+2',
        lastInboundAt: '2026-11-20T10:00:00.000Z',
        lastOutboundAt: '2026-11-20T10:01:00.000Z',
        outboundSinceInbound: 1,
      },
      {
        type: 'messenger',
        channelId: 'page-1',
        address: 'psid-1',
        lastInboundAt: null,
        lastOutboundAt: null,
        outboundSinceInbound: 0,
      },
      { type: 'messenger', channelId: 'page-2', lastInboundAt: null, lastOutboundAt: null, outboundSinceInbound: 0 },
    ]);
  });
});

describe('message.received and message.sent', () => {
  beforeEach(async () => {
    await applyEvents(store, [upsert('c-1', '2026-11-20T08:00:00Z')], { now: clock });
  });
  const channel = async (key = 'whatsapp') =>
    (await store.contacts.get('c-1'))!.channels.find(
      (c) => (c.channelId ? `${c.type}:${c.channelId}` : c.type) === key,
    );

  it('moves the anchor only forward and resets the outbound count only then', async () => {
    await applyEvents(
      store,
      [received('r2', '2026-11-20T12:00:00Z'), sent('s1', '2026-11-20T12:05:00Z'), sent('s2', '2026-11-20T12:06:00Z')],
      { now: clock },
    );
    expect(await channel()).toMatchObject({
      lastInboundAt: '2026-11-20T12:00:00.000Z',
      outboundSinceInbound: 2,
      lastOutboundAt: '2026-11-20T12:06:00.000Z',
    });

    // A late, older inbound: accepted, but the anchor and the count stay.
    const late = await applyEvents(store, [received('r1', '2026-11-20T11:00:00+00:00')], { now: clock });
    expect(late[0]!.status).toBe('accepted');
    expect(await channel()).toMatchObject({ lastInboundAt: '2026-11-20T12:00:00.000Z', outboundSinceInbound: 2 });

    // A sent message from before the latest inbound belongs to the previous session.
    await applyEvents(store, [sent('s0', '2026-11-20T11:30:00Z')], { now: clock });
    expect(await channel()).toMatchObject({ outboundSinceInbound: 2, lastOutboundAt: '2026-11-20T12:06:00.000Z' });

    // A newer inbound, given with an offset: anchor moves (stored in UTC), count resets.
    await applyEvents(store, [received('r3', '2026-11-20T20:00:00+07:00')], { now: clock });
    expect(await channel()).toMatchObject({ lastInboundAt: '2026-11-20T13:00:00.000Z', outboundSinceInbound: 0 });
    expect((await store.contacts.get('c-1'))?.lastActivityAt).toBe('2026-11-20T13:00:00.000Z');
  });

  it('creates the channel on first contact and keeps the window the inbound carried', async () => {
    await applyEvents(
      store,
      [
        received('r1', '2026-11-20T10:00:00Z', {
          channel: 'messenger',
          channelId: 'page-1',
          windowHours: 168,
          kind: 'referral',
        }),
      ],
      { now: clock },
    );
    expect(await channel('messenger:page-1')).toMatchObject({
      lastInboundAt: '2026-11-20T10:00:00.000Z',
      lastInboundWindowHours: 168,
    });
    // The clock after the event: ingest refuses event times ahead of it.
    const after = () => new Date('2026-11-21T10:00:00Z');
    await applyEvents(store, [received('r2', '2026-11-21T10:00:00Z', { channel: 'messenger', channelId: 'page-1' })], {
      now: after,
    });
    const ch = await channel('messenger:page-1');
    expect(ch?.lastInboundAt).toBe('2026-11-21T10:00:00.000Z');
    expect(ch).not.toHaveProperty('lastInboundWindowHours');
  });

  it('applies a contact’s events in the given order across write batches', async () => {
    const events = [
      received('r', '2026-11-20T10:00:00Z'),
      ...Array.from({ length: 5 }, (_, i) => sent(`s${i}`, `2026-11-20T10:0${i + 1}:00Z`)),
    ];
    const others = Array.from({ length: 6 }, (_, i) => upsert(`o-${i}`, '2026-11-20T09:00:00Z'));
    const results = await applyEvents(
      store,
      [others[0]!, events[0]!, others[1]!, ...events.slice(1), ...others.slice(2)],
      { now: clock, batchSize: 2 },
    );
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    expect(await channel()).toMatchObject({ outboundSinceInbound: 5, lastInboundAt: '2026-11-20T10:00:00.000Z' });
    expect(await store.contacts.count()).toBe(7);
  });

  it('counts Viber sends outside the session as chatbot-initiated, per channel account and UTC month', async () => {
    await applyEvents(
      store,
      [
        sent('v0', '2026-11-20T09:00:00Z', { channel: 'viber' }), // never wrote: chatbot-initiated
        received('v1', '2026-11-20T10:00:00Z', { channel: 'viber' }),
        sent('v2', '2026-11-21T09:59:59Z', { channel: 'viber' }), // inside the 24 h session
        sent('v3', '2026-11-21T10:00:00Z', { channel: 'viber' }), // exactly at the end: closed
        sent('v4', '2026-11-30T23:59:59Z', { channel: 'viber', channelId: 'bot-2' }),
        sent('v5', '2026-12-01T00:00:00Z', { channel: 'viber', channelId: 'bot-2' }),
      ],
      { now: () => new Date('2026-12-01T00:00:00Z') }, // after every event: ingest refuses times ahead of it
    );
    expect(await store.counters.get('viber:default:2026-11')).toBe(2);
    expect(await store.counters.get('viber:bot-2:2026-11')).toBe(1);
    expect(await store.counters.get('viber:bot-2:2026-12')).toBe(1);
  });

  it('tracks Viber unsubscribes; a new inbound makes the contact reachable again', async () => {
    await applyEvents(
      store,
      [{ id: 'u1', type: 'contact.unsubscribed', at: '2026-11-20T09:00:00Z', contactId: 'c-1' }],
      { now: clock },
    );
    expect((await channel('viber'))?.subscribed).toBe(false);
    await applyEvents(store, [received('r1', '2026-11-20T10:00:00Z', { channel: 'viber' })], { now: clock });
    expect((await channel('viber'))?.subscribed).toBe(true);
  });
});

describe('unknown contacts', () => {
  it('creates a bare contact for a message (the anchor must not be lost), refuses status and assignment', async () => {
    const results = await applyEvents(
      store,
      [
        { id: 'c1', type: 'conversation.closed', at: '2026-11-20T10:00:00Z', contactId: 'ghost' },
        { id: 'a1', type: 'contact.assigned', at: '2026-11-20T10:00:00Z', contactId: 'ghost', assignee: 'U1' },
        {
          id: 'm1',
          type: 'message.received',
          at: '2026-11-20T10:00:00Z',
          contactId: 'new-1',
          channel: 'telegram',
          text: 'hi',
        },
      ],
      { now: clock },
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'accepted']);
    expect(results[0]!.reason).toBe('events[0]: unknown contact "ghost": send contact.upserted first');
    expect(await store.contacts.has('ghost')).toBe(false);
    expect(await store.events.has('c1')).toBe(false); // can be retried once the contact exists
    expect(await store.contacts.get('new-1')).toMatchObject({
      firstName: '',
      status: 'open',
      createdAt: '2026-11-20T10:00:00.000Z',
      channels: [{ type: 'telegram', lastInboundAt: '2026-11-20T10:00:00.000Z' }],
    });
  });
});

describe('conversation status', () => {
  it('follows provider time: an older event does not undo a newer one', async () => {
    await applyEvents(
      store,
      [
        upsert('c-1', '2026-11-20T08:00:00Z'),
        { id: 'o1', type: 'conversation.closed', at: '2026-11-20T11:00:00Z', contactId: 'c-1', by: 'U1' },
        { id: 'o0', type: 'conversation.opened', at: '2026-11-20T10:00:00Z', contactId: 'c-1' },
      ],
      { now: clock },
    );
    expect(await store.contacts.get('c-1')).toMatchObject({
      status: 'closed',
      statusChangedAt: '2026-11-20T11:00:00.000Z',
    });
    await applyEvents(
      store,
      [{ id: 'o2', type: 'conversation.opened', at: '2026-11-20T12:00:00Z', contactId: 'c-1' }],
      { now: clock },
    );
    expect(await store.contacts.get('c-1')).toMatchObject({
      status: 'open',
      statusChangedAt: '2026-11-20T12:00:00.000Z',
      lastActivityAt: '2026-11-20T12:00:00.000Z',
    });
  });
});

describe('robustness', () => {
  it('a corrupt stored contact rejects only its own events', async () => {
    await applyEvents(store, [upsert('good', '2026-11-20T08:00:00Z')], { now: clock });
    const raw = new KeyvSqlite(`sqlite://${tmp.file}`);
    await raw.set('contacts:bad', JSON.stringify({ value: { id: 'bad', channels: 'oops' } }));
    await raw.disconnect();
    const results = await applyEvents(
      store,
      [
        { id: 'x1', type: 'contact.assigned', at: '2026-11-20T10:00:00Z', contactId: 'bad', assignee: 'U1' },
        { id: 'x2', type: 'contact.assigned', at: '2026-11-20T10:00:00Z', contactId: 'good', assignee: 'U2' },
      ],
      { now: clock },
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
    expect(results[0]!.reason).toMatch(/^events\[0\]: not stored: Corrupt record contacts:"bad": /);
    expect((await store.contacts.get('good'))?.assignee).toBe('U2');
  });

  it('two concurrent deliveries of the same events apply them once', async () => {
    await applyEvents(store, [upsert('c-1', '2026-11-20T08:00:00Z')], { now: clock });
    const batch = [sent('s1', '2026-11-20T10:00:00Z'), sent('s2', '2026-11-20T10:01:00Z')];
    const [a, b] = await Promise.all([
      applyEvents(store, batch, { now: clock }),
      applyEvents(store, batch, { now: clock }),
    ]);
    expect([...a!, ...b!].map((r) => r.status).sort()).toEqual(['accepted', 'accepted', 'duplicate', 'duplicate']);
    expect((await store.contacts.get('c-1'))?.channels[0]?.outboundSinceInbound).toBe(2);
  });
});

describe('parseEventPayload', () => {
  it('accepts one object, an array, or NDJSON with blank lines and bad lines', () => {
    expect(parseEventPayload('{"id":"a"}')).toEqual([{ ok: true, index: 0, line: null, value: { id: 'a' } }]);
    expect(parseEventPayload(' [{"id":"a"},{"id":"b"}] ', 'application/json').map((e) => e.ok && e.value)).toEqual([
      { id: 'a' },
      { id: 'b' },
    ]);
    expect(parseEventPayload('')).toEqual([]);
    const nd = parseEventPayload('{"id":"a"}\r\n\n  \n{oops\n{"id":"c"}\n', 'application/x-ndjson; charset=utf-8');
    expect(nd.map((e) => [e.index, e.line, e.ok])).toEqual([
      [0, 1, true],
      [1, 4, false],
      [2, 5, true],
    ]);
    expect(nd[1]!.ok === false && nd[1]!.error).toMatch(/^line 4: not valid JSON/);
    // NDJSON sent without the right content type still parses line by line.
    expect(parseEventPayload('{"id":"a"}\n{"id":"b"}').map((e) => e.line)).toEqual([1, 2]);
    expect(parseEventPayload('{oops')).toEqual([
      { ok: false, index: 0, line: 1, error: expect.stringMatching(/^not valid JSON/) },
    ]);
  });

  it('ingests a body with a bad line: the bad line is rejected with its number, the rest applies', async () => {
    const badEmail =
      '{"id":"e9","type":"contact.upserted","at":"2026-11-20T09:00:00Z","contact":{"id":"c-43","email":"x"}}';
    const body = `${EXAMPLE_NDJSON.split('\n')[0]}\n\nnot json\n${badEmail}\n${EXAMPLE_NDJSON.split('\n')[1]}`;
    const { results, notJson } = await ingestPayload(store, body, 'application/x-ndjson', { now: clock });
    expect(results).toEqual([
      { index: 0, line: 1, id: 'e1', status: 'accepted' },
      { index: 1, line: 3, status: 'rejected', reason: expect.stringMatching(/^line 3: not valid JSON/) },
      { index: 2, line: 4, id: 'e9', status: 'rejected', reason: 'line 4: contact.email: Invalid email address' },
      { index: 3, line: 5, id: 'e2', status: 'accepted' },
    ]);
    expect(notJson).toBe(1);
  });
});
