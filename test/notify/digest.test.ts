/** Grouping: many windows closing at once become a handful of Slack messages, one bucket per minute. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateWindow } from '../../src/policy/index.js';
import { type Notice, groupNotices, summarizeGroup } from '../../src/notify/index.js';
import { App, Contacts, HOUR, MIN, RecordingSink, T, TempDb, channel, contact } from './helpers.js';

function notice(i: number, extra: Partial<Notice> = {}): Notice {
  const closes = new Date(T + 24 * HOUR + i * 1000);
  const anchor = new Date(T + i * 1000);
  return {
    key: `c${i}|whatsapp|${anchor.toISOString()}|notice`,
    kind: 'notice',
    edge: 'close',
    contactId: `c${i}`,
    contactName: `Contact ${i}`,
    assignee: null,
    conversation: 'open',
    channel: 'whatsapp',
    channelKey: 'whatsapp',
    channelLabel: 'WhatsApp',
    address: undefined,
    anchor,
    windowClosesAt: closes,
    dueAt: closes,
    late: false,
    redelivery: false,
    slackChannel: 'C1',
    current: evaluateWindow({ channel: 'whatsapp', now: closes, lastInboundAt: anchor }),
    after: evaluateWindow({ channel: 'whatsapp', now: closes, lastInboundAt: anchor }),
    ...extra,
  };
}

describe('groupNotices (pure)', () => {
  const now = new Date(T + 24 * HOUR + 59_000);

  it('a single item stays an individual message', () => {
    const groups = groupNotices([notice(1)], now);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ digest: false, parts: 1, kind: 'notice', slackChannel: 'C1', late: false });
    expect(groups[0]!.minute.toISOString()).toBe(new Date(T + 24 * HOUR).toISOString());
    expect(summarizeGroup(groups[0]!, now)).toBe(
      `Window closed: Contact 1 – WhatsApp window closed at ${new Date(T + 24 * HOUR + 1000).toISOString()}; ` +
        'now: an approved template only',
    );
  });

  it('groups per Slack channel, kind and on-time/late; splits big groups into parts of maxPerMessage', () => {
    const items = [
      ...Array.from({ length: 250 }, (_, i) => notice(i)),
      ...Array.from({ length: 3 }, (_, i) => notice(1000 + i, { slackChannel: 'C2' })),
      ...Array.from({ length: 2 }, (_, i) => notice(2000 + i, { kind: 'reminder' })),
      notice(3000, { late: true }),
    ];
    const groups = groupNotices(items, now);
    expect(
      groups.map((g) => [g.slackChannel, g.kind, g.late, g.notices.length, `${g.part}/${g.parts}`, g.digest]),
    ).toEqual([
      ['C1', 'notice', true, 1, '1/1', false],
      ['C1', 'notice', false, 100, '1/3', true],
      ['C1', 'notice', false, 100, '2/3', true],
      ['C1', 'notice', false, 50, '3/3', true],
      ['C1', 'reminder', false, 2, '1/1', true],
      ['C2', 'notice', false, 3, '1/1', true],
    ]);
    expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
    const text = summarizeGroup(groups[4]!, now);
    expect(text.split('\n')).toHaveLength(3);
    expect(text.startsWith('2 messaging windows closing soon:')).toBe(true);
  });

  it('maxPerMessage is configurable', () => {
    const groups = groupNotices(
      Array.from({ length: 500 }, (_, i) => notice(i)),
      now,
      { maxPerMessage: 500 },
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.notices).toHaveLength(500);
  });
});

describe('Notifier digests', () => {
  let db: TempDb;
  let contacts: Contacts;
  let sink: RecordingSink;
  let a: App | undefined;
  beforeEach(() => {
    db = new TempDb();
    contacts = new Contacts();
    sink = new RecordingSink();
  });
  afterEach(async () => {
    await a?.stop();
    await db.cleanup();
  });

  async function armMany(n: number, opts: ConstructorParameters<typeof App>[5] = {}) {
    a = new App(db, contacts, sink, T + 50_000, {}, opts);
    await a.load();
    // 500 contacts whose last inbound fell within 50 s: 500 windows closing within the same minute
    for (let i = 0; i < n; i++) {
      const type = opts.slackChannel ? (i % 2 ? 'whatsapp' : 'viber') : 'whatsapp';
      await a.ingest(contact(`c${i}`, [channel(type, T + i * 100)]));
    }
    return a;
  }

  it('500 windows closing in one minute produce a handful of messages', async () => {
    const app = await armMany(500);
    const r1 = await app.tickAt(T + 23 * HOUR + 59_000);
    expect(r1).toMatchObject({ posted: 500, messages: 5, late: 0 });
    const r2 = await app.tickAt(T + 24 * HOUR + 59_000);
    expect(r2).toMatchObject({ posted: 500, messages: 5, late: 0 });
    expect(sink.groups.map((g) => [g.kind, g.notices.length, g.digest])).toEqual([
      ...Array.from({ length: 5 }, () => ['reminder', 100, true]),
      ...Array.from({ length: 5 }, () => ['notice', 100, true]),
    ]);
    expect(new Set(sink.notices.map((n) => n.key)).size).toBe(1000);
  }, 30_000);

  it('per Slack channel: routing by channel type gives one digest per Slack channel', async () => {
    const app = await armMany(500, {
      slackChannel: (_c, type) => (type === 'whatsapp' ? 'C_WA' : 'C_VIBER'),
      maxPerMessage: 1000,
    });
    expect(await app.tickAt(T + 23 * HOUR + 59_000)).toMatchObject({ posted: 500, messages: 2 });
    expect(await app.tickAt(T + 24 * HOUR + 59_000)).toMatchObject({ posted: 500, messages: 2 });
    expect(sink.groups.map((g) => [g.slackChannel, g.kind, g.notices.length])).toEqual([
      ['C_VIBER', 'reminder', 250],
      ['C_WA', 'reminder', 250],
      ['C_VIBER', 'notice', 250],
      ['C_WA', 'notice', 250],
    ]);
  }, 30_000);

  it('short tick intervals still give one message per Slack channel, kind and minute', async () => {
    const app = await armMany(500, { maxPerMessage: 1000 });
    // reminders fall due from T+23h over 50 s; tick every 15 s
    const base = T + 23 * HOUR;
    const results = [];
    for (const s of [0, 15, 30, 45, 60, 75]) results.push(await app.tickAt(base + s * 1000));
    expect(results.map((r) => [r.posted, r.held, r.messages])).toEqual([
      [1, 0, 1], // 12:00:00 — the first window alone
      [0, 150, 0], // the rest of the minute waits…
      [0, 300, 0],
      [0, 450, 0],
      [499, 0, 1], // …and goes out as one digest in the next minute
      [0, 0, 0],
    ]);
    expect(sink.groups.map((g) => [g.notices.length, g.digest])).toEqual([
      [1, false],
      [499, true],
    ]);
  }, 30_000);

  it('the idle tick does no I/O and posts nothing', async () => {
    const app = await armMany(20);
    let loads = 0;
    const orig = contacts.load;
    contacts.load = async (id) => {
      loads++;
      return orig(id);
    };
    for (let s = 0; s < 100; s++) expect((await app.tickAt(T + HOUR + s * MIN)).posted).toBe(0);
    expect(loads).toBe(0);
    expect(sink.groups).toHaveLength(0);
  });
});
