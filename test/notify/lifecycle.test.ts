/**
 * The ingest-like sequence without Slack: one WhatsApp contact, a reply, restarts, downtime, crashes and sink
 * failures, against a real SQLite file. Every count is exact: one reminder and one notice per window.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App, Contacts, DAY, HOUR, MIN, RecordingSink, T, TempDb, channel, contact, iso } from './helpers.js';

let db: TempDb;
let contacts: Contacts;
let sink: RecordingSink;
const apps: App[] = [];

function app(start: number, opts: ConstructorParameters<typeof App>[4] = {}) {
  const a = new App(db, contacts, sink, start, opts);
  apps.push(a);
  return a;
}

beforeEach(() => {
  db = new TempDb();
  contacts = new Contacts();
  sink = new RecordingSink();
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  await db.cleanup();
});

const ana = (inboundAt: number) =>
  contact('ana', [channel('whatsapp', inboundAt, { address: '+351900000001' })], {
    firstName: 'Ana',
    lastName: 'Silva',
  });

describe('WhatsApp window: reminder 60 min before, notice at the close', () => {
  it('arms a reminder at T+23h and a notice at T+24h, and posts each exactly once', async () => {
    const a = app(T);
    await a.load();
    expect(await a.ingest(ana(T))).toEqual({ created: 2, updated: 0, cancelled: 0 });
    const entries = a.schedule.entriesOf('ana');
    expect(entries.map((e) => [e.kind, iso(e.dueAt.getTime()), iso(e.windowClosesAt.getTime())])).toEqual([
      ['reminder', iso(T + 23 * HOUR), iso(T + 24 * HOUR)],
      ['notice', iso(T + 24 * HOUR), iso(T + 24 * HOUR)],
    ]);
    expect(entries[0]!.key).toBe(`ana|whatsapp|${iso(T)}|reminder`);

    expect((await a.tickAt(T + 23 * HOUR - 1)).posted).toBe(0);
    const r = await a.tickAt(T + 23 * HOUR);
    expect(r).toMatchObject({ posted: 1, late: 0, messages: 1, dropped: 0 });
    const reminder = sink.groups[0]!;
    expect(reminder).toMatchObject({ kind: 'reminder', digest: false, late: false, slackChannel: 'default' });
    expect(reminder.notices[0]).toMatchObject({ contactName: 'Ana Silva', channel: 'whatsapp', conversation: 'open' });
    expect(reminder.notices[0]!.current.state).toBe('open');
    expect(reminder.notices[0]!.after.state).toBe('template_only');

    expect((await a.tickAt(T + 23 * HOUR + 30 * MIN)).posted).toBe(0);
    expect((await a.tickAt(T + 24 * HOUR - 1)).posted).toBe(0);
    expect(await a.tickAt(T + 24 * HOUR)).toMatchObject({ posted: 1, late: 0 });
    expect(sink.groups[1]!.kind).toBe('notice');
    expect(sink.groups[1]!.notices[0]!.after.state).toBe('template_only');
    expect(sink.groups[1]!.notices[0]!.after.allowed).toEqual(['template']);
    expect((await a.tickAt(T + 25 * HOUR)).posted).toBe(0);
    expect((await a.tickAt(T + 3 * DAY)).posted).toBe(0);

    expect(sink.count('reminder')).toBe(1);
    expect(sink.count('notice')).toBe(1);
  });

  it('a reply at T+10h cancels both and arms new ones for T+34h', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(ana(T));
    a.now = T + 10 * HOUR;
    expect(await a.ingest(ana(T + 10 * HOUR))).toEqual({ created: 2, updated: 0, cancelled: 2 });
    expect(a.schedule.entriesOf('ana').map((e) => iso(e.dueAt.getTime()))).toEqual([
      iso(T + 33 * HOUR),
      iso(T + 34 * HOUR),
    ]);
    for (const t of [T + 23 * HOUR, T + 24 * HOUR, T + 30 * HOUR]) expect((await a.tickAt(t)).posted).toBe(0);
    expect((await a.tickAt(T + 33 * HOUR)).posted).toBe(1);
    expect((await a.tickAt(T + 34 * HOUR)).posted).toBe(1);
    expect(sink.notices.map((n) => [n.kind, iso(n.anchor.getTime())])).toEqual([
      ['reminder', iso(T + 10 * HOUR)],
      ['notice', iso(T + 10 * HOUR)],
    ]);
    // and it survives a restart: the old window's entries are gone from the store too
    const b = app(T + 35 * HOUR);
    const loaded = await b.load();
    expect(loaded.entries).toBe(2);
    expect(loaded.due).toBe(0);
  });

  it('an answered contact gets no stale notice even when ingest has not re-armed yet', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(ana(T));
    contacts.put(ana(T + 20 * HOUR)); // the contact store has the reply; nobody called rearm
    const r = await a.tickAt(T + 23 * HOUR);
    expect(r).toMatchObject({ posted: 0, dropped: 1 });
    // the tick re-armed from the current record
    expect(a.schedule.entriesOf('ana').map((e) => iso(e.dueAt.getTime()))).toEqual([
      iso(T + 43 * HOUR),
      iso(T + 44 * HOUR),
    ]);
    expect((await a.tickAt(T + 24 * HOUR)).posted).toBe(0);
    expect((await a.tickAt(T + 43 * HOUR)).posted).toBe(1);
    expect((await a.tickAt(T + 44 * HOUR)).posted).toBe(1);
    expect(sink.notices.map((n) => n.kind)).toEqual(['reminder', 'notice']);
  });

  it('re-arming with the same anchor changes nothing and writes nothing', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(ana(T));
    a.now = T + 5 * HOUR;
    const sameAgain = { ...ana(T), lastActivityAt: iso(T + 5 * HOUR) }; // e.g. an outbound send
    expect(await a.ingest(sameAgain)).toEqual({ created: 0, updated: 0, cancelled: 0 });
    expect(a.schedule.entriesOf('ana')).toHaveLength(2);
  });

  it('uses the batch loader when given one: one call per tick, never the single loader', async () => {
    let single = 0;
    const batches: number[] = [];
    const a = new App(
      db,
      contacts,
      sink,
      T,
      {},
      {
        loadContact: async (id) => {
          single++;
          return contacts.byId.get(id);
        },
        loadContacts: async (ids) => {
          batches.push(ids.length);
          return ids.map((id) => contacts.byId.get(id));
        },
      },
    );
    apps.push(a);
    await a.load();
    for (const id of ['a', 'b', 'c']) await a.ingest(contact(id, [channel('whatsapp', T)]));
    expect(await a.tickAt(T + 23 * HOUR)).toMatchObject({ posted: 3, messages: 1 });
    expect(batches).toEqual([3]);
    expect(single).toBe(0);
  });

  it('a deleted contact is forgotten, not notified', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(ana(T));
    contacts.byId.delete('ana');
    expect(await a.tickAt(T + 23 * HOUR)).toMatchObject({ posted: 0, dropped: 1 });
    expect(a.schedule.entriesOf('ana')).toEqual([]);
    expect((await a.tickAt(T + 24 * HOUR)).posted).toBe(0);
  });
});

describe('restarts', () => {
  it('a restart mid-way loses nothing and duplicates nothing', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(ana(T));
    expect((await a.tickAt(T + 23 * HOUR)).posted).toBe(1);
    await a.stop();

    const b = app(T + 23 * HOUR + 30 * MIN);
    const loaded = await b.load();
    expect(loaded).toMatchObject({ rows: 1, entries: 2, due: 0 });
    // ingest replays the same contact after the restart: the delivered reminder is not re-created
    expect(await b.ingest(ana(T))).toEqual({ created: 0, updated: 0, cancelled: 0 });
    expect((await b.tickAt(T + 23 * HOUR + 31 * MIN)).posted).toBe(0);
    expect(await b.tickAt(T + 24 * HOUR)).toMatchObject({ posted: 1, late: 0 });
    await b.stop();

    const c = app(T + 24 * HOUR + MIN);
    expect((await c.load()).due).toBe(0);
    expect((await c.tickAt(T + 26 * HOUR)).posted).toBe(0);
    expect(sink.count('reminder')).toBe(1);
    expect(sink.count('notice')).toBe(1);
  });

  it('notices that fell due while the app was down are sent once on start, marked late', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(ana(T));
    await a.ingest(contact('bo', [channel('whatsapp', T + HOUR)]));
    await a.stop(); // down from T to T+26h: both reminders and Ana's notice fall due meanwhile

    const b = app(T + 26 * HOUR);
    expect(await b.load()).toMatchObject({ rows: 2, entries: 4, due: 4 });
    const r = await b.tickAt(T + 26 * HOUR);
    // Ana: the notice goes out late; her reminder is superseded (the window has closed). Bo: his window
    // (T+1h … T+25h) closed too, so the same.
    expect(r).toMatchObject({ posted: 2, late: 2, dropped: 2 });
    expect(sink.groups).toHaveLength(1);
    expect(sink.groups[0]).toMatchObject({ kind: 'notice', late: true, digest: true });
    expect((await b.tickAt(T + 27 * HOUR)).posted).toBe(0);
    await b.stop();

    const c = app(T + 28 * HOUR);
    expect((await c.load()).due).toBe(0);
    expect((await c.tickAt(T + 28 * HOUR)).posted).toBe(0);
    expect(sink.count('notice')).toBe(2);
    expect(sink.count('reminder')).toBe(0);
  });

  it('a reminder that fell due while down is still sent (late) when the window is still open', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(ana(T));
    await a.stop();
    const b = app(T + 23 * HOUR + 20 * MIN);
    await b.load();
    expect(await b.tickAt(T + 23 * HOUR + 20 * MIN)).toMatchObject({ posted: 1, late: 1 });
    expect(sink.groups[0]).toMatchObject({ kind: 'reminder', late: true });
    expect(await b.tickAt(T + 24 * HOUR)).toMatchObject({ posted: 1, late: 0 });
    expect(sink.notices.map((n) => [n.kind, n.late])).toEqual([
      ['reminder', true],
      ['notice', false],
    ]);
  });

  it('a crash between posting and recording re-sends that batch once, flagged as a possible repeat', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(ana(T));
    a.now = T + 24 * HOUR;
    const due = a.schedule.due(new Date(a.now));
    expect(due.map((d) => d.kind)).toEqual(['reminder', 'notice']);
    // The notifier claimed the notice and posted it, then the process died before markDelivered.
    await a.schedule.claim([due[1]!], new Date(a.now));
    await a.schedule.settle();

    const b = app(T + 24 * HOUR + 5 * MIN);
    await b.load();
    const again = b.schedule.due(new Date(b.now));
    expect(again.map((d) => [d.kind, d.redelivery])).toEqual([
      ['reminder', false],
      ['notice', true],
    ]);
    const r = await b.tickAt(T + 24 * HOUR + 5 * MIN);
    expect(r).toMatchObject({ posted: 1, dropped: 1 });
    expect(sink.groups[0]).toMatchObject({ kind: 'notice', redelivery: true });
    await b.stop();
    const c = app(T + 25 * HOUR);
    expect((await c.load()).due).toBe(0);
  });

  it('a sink failure leaves the entries due for the next tick, not lost', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(ana(T));
    sink.failNext = 2;
    expect(await a.tickAt(T + 23 * HOUR)).toMatchObject({ posted: 0, failed: 1 });
    expect(await a.tickAt(T + 23 * HOUR + MIN)).toMatchObject({ posted: 0, failed: 1 });
    // a restart meanwhile does not flag it as a repeat: the claim was released
    await a.stop();
    const b = app(T + 23 * HOUR + 2 * MIN);
    await b.load();
    expect(b.schedule.due(new Date(b.now)).map((d) => [d.kind, d.redelivery])).toEqual([['reminder', false]]);
    expect(await b.tickAt(T + 23 * HOUR + 2 * MIN)).toMatchObject({ posted: 1, failed: 0 });
    expect(sink.count('reminder')).toBe(1);
  });

  it('delivered markers expire a day after the close; memory and store are cleaned up', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(ana(T));
    await a.tickAt(T + 23 * HOUR);
    await a.tickAt(T + 24 * HOUR);
    expect(a.schedule.size.rows).toBe(1);
    await a.tickAt(T + 48 * HOUR + 1);
    expect(a.schedule.size).toMatchObject({ rows: 0, entries: 0, queued: 0 });
    await a.stop();
    const b = app(T + 49 * HOUR);
    const loaded = await b.load();
    expect(loaded).toMatchObject({ rows: 0, entries: 0 });
    expect(loaded.expired).toBe(3); // the row and two delivery records
    const c = app(T + 50 * HOUR);
    expect((await c.load()).expired).toBe(0);
  });
});
