/**
 * Per-channel scheduling: lead overrides, Messenger/Instagram (standard window and HUMAN_AGENT end),
 * WeChat's outbound cap, Viber, channels without a window, watch modes, late arming.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App, Contacts, DAY, HOUR, MIN, RecordingSink, T, TempDb, channel, contact, iso } from './helpers.js';

let db: TempDb;
let contacts: Contacts;
let sink: RecordingSink;
const apps: App[] = [];

function app(
  start: number,
  opts: ConstructorParameters<typeof App>[4] = {},
  notifierOpts: ConstructorParameters<typeof App>[5] = {},
) {
  const a = new App(db, contacts, sink, start, opts, notifierOpts);
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

const dueTimes = (a: App, id: string) =>
  a.schedule.entriesOf(id).map((e) => `${e.kind}${e.edge === 'standard' ? '@standard' : ''} ${iso(e.dueAt.getTime())}`);

describe('lead time', () => {
  it('is configurable per channel type; types left out keep 60 min', async () => {
    const a = app(T, { leadMinutes: { whatsapp: 30, viber: 120 } });
    await a.load();
    await a.ingest(contact('c', [channel('whatsapp', T), channel('viber', T), channel('wechat', T)]));
    expect(dueTimes(a, 'c')).toEqual([
      `reminder ${iso(T + 23.5 * HOUR)}`,
      `notice ${iso(T + 24 * HOUR)}`,
      `reminder ${iso(T + 22 * HOUR)}`,
      `notice ${iso(T + 24 * HOUR)}`,
      `reminder ${iso(T + 47 * HOUR)}`,
      `notice ${iso(T + 48 * HOUR)}`,
    ]);
    expect(a.schedule.leadMinutesFor('email')).toBe(60);
  });

  it('a single number applies to every channel', async () => {
    const a = app(T, { leadMinutes: 15 });
    await a.load();
    await a.ingest(contact('c', [channel('whatsapp', T)]));
    expect(dueTimes(a, 'c')[0]).toBe(`reminder ${iso(T + 23 * HOUR + 45 * MIN)}`);
  });

  it('armed late (lead already past): the reminder goes out at once, unless less than the grace is left', async () => {
    const a = app(T + 23 * HOUR + 30 * MIN);
    await a.load();
    await a.ingest(contact('c', [channel('whatsapp', T)]));
    expect(dueTimes(a, 'c')).toEqual([`reminder ${iso(T + 23 * HOUR + 30 * MIN)}`, `notice ${iso(T + 24 * HOUR)}`]);
    const r = await a.tickAt(T + 23 * HOUR + 30 * MIN);
    expect(r).toMatchObject({ posted: 1, late: 0 });

    a.now = T + 24 * HOUR - MIN; // one minute left: only the notice is worth arming
    await a.ingest(contact('d', [channel('whatsapp', T)]));
    expect(dueTimes(a, 'd')).toEqual([`notice ${iso(T + 24 * HOUR)}`]);
  });

  it('a 1-minute lead: a window closing in 100 s still gets its reminder, due in 40 s', async () => {
    const close = T + 24 * HOUR;
    const a = app(close - 100_000, { leadMinutes: 1 });
    await a.load();
    await a.ingest(contact('c', [channel('whatsapp', T)]));
    expect(dueTimes(a, 'c')).toEqual([`reminder ${iso(close - MIN)}`, `notice ${iso(close)}`]);
    expect(await a.tickAt(close - MIN)).toMatchObject({ posted: 1, late: 0 });
    expect(sink.notices.map((n) => n.kind)).toEqual(['reminder']);
  });

  it('a lead longer than the window reminds right away at arm time', async () => {
    const a = app(T, { leadMinutes: { whatsapp: 30 * 60 } });
    await a.load();
    await a.ingest(contact('c', [channel('whatsapp', T)]));
    expect(dueTimes(a, 'c')).toEqual([`reminder ${iso(T)}`, `notice ${iso(T + 24 * HOUR)}`]);
  });

  it('a window already closed at arm time arms nothing (imports do not flood Slack)', async () => {
    const a = app(T + 3 * DAY);
    await a.load();
    expect(await a.ingest(contact('c', [channel('whatsapp', T)]))).toEqual({ created: 0, updated: 0, cancelled: 0 });
    expect(a.schedule.size.rows).toBe(0);
  });
});

describe('Messenger and Instagram', () => {
  it('Messenger: reminder before the standard 24 h end; reminder + notice at the 7-day HUMAN_AGENT end', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('m', [channel('messenger', T)]));
    expect(dueTimes(a, 'm')).toEqual([
      `reminder@standard ${iso(T + 23 * HOUR)}`,
      `reminder ${iso(T + 7 * DAY - HOUR)}`,
      `notice ${iso(T + 7 * DAY)}`,
    ]);
    expect((await a.tickAt(T + 23 * HOUR)).posted).toBe(1);
    const standard = sink.notices[0]!;
    expect(standard).toMatchObject({ kind: 'reminder', edge: 'standard' });
    expect(standard.current.state).toBe('open');
    expect(standard.after.state).toBe('human_agent');
    expect(standard.key).toBe(`m|messenger|${iso(T)}|reminder@standard`);

    expect((await a.tickAt(T + 2 * DAY)).posted).toBe(0);
    expect((await a.tickAt(T + 7 * DAY - HOUR)).posted).toBe(1);
    expect(sink.notices[1]!.current.state).toBe('human_agent');
    expect((await a.tickAt(T + 7 * DAY)).posted).toBe(1);
    const notice = sink.notices[2]!;
    expect(notice.kind).toBe('notice');
    expect(notice.after.state).toBe('tag_only');
    expect(sink.notices).toHaveLength(3);
  });

  it('Messenger with the standard reminder switched off, and with no tags left after the window', async () => {
    const a = app(T, { remindStandardWindow: false, rules: { messenger: { afterWindowTags: [] } } });
    await a.load();
    await a.ingest(contact('m', [channel('messenger', T)]));
    expect(dueTimes(a, 'm')).toEqual([`reminder ${iso(T + 7 * DAY - HOUR)}`, `notice ${iso(T + 7 * DAY)}`]);
    await a.tickAt(T + 7 * DAY - HOUR);
    await a.tickAt(T + 7 * DAY);
    expect(sink.notices.map((n) => [n.kind, n.after.state])).toEqual([
      ['reminder', 'closed'],
      ['notice', 'closed'],
    ]);
  });

  it('Messenger ad referral (7-day window carried by the inbound): no separate standard reminder', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('m', [channel('messenger', T, { lastInboundWindowHours: 168 })]));
    expect(dueTimes(a, 'm')).toEqual([`reminder ${iso(T + 7 * DAY - HOUR)}`, `notice ${iso(T + 7 * DAY)}`]);
  });

  it('Instagram: after 7 days nothing is possible', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('i', [channel('instagram', T)]));
    expect(a.schedule.entriesOf('i')).toHaveLength(3);
    await a.tickAt(T + 7 * DAY);
    // the two reminders are superseded by the close: only the notice
    expect(sink.notices).toHaveLength(1);
    expect(sink.notices[0]!.after.state).toBe('closed');
    expect(sink.notices[0]!.after.reason).toBe('instagram.window_closed');
  });
});

describe('WeChat', () => {
  it('48 h window: reminder at 47 h, notice at 48 h with nothing possible', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('w', [channel('wechat', T)]));
    await a.tickAt(T + 47 * HOUR);
    expect(sink.notices[0]!.current.messagesLeft).toBe(20);
    await a.tickAt(T + 48 * HOUR);
    expect(sink.notices.map((n) => [n.kind, n.after.state, n.after.reason])).toEqual([
      ['reminder', 'closed', 'wechat.window_expired'],
      ['notice', 'closed', 'wechat.window_expired'],
    ]);
  });

  it('the send that reaches the outbound cap closes the window at once: notice now, reminder cancelled', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('w', [channel('wechat', T, { outboundSinceInbound: 19, lastOutboundAt: iso(T + HOUR) })]));
    expect(a.schedule.entriesOf('w')).toHaveLength(2);
    a.now = T + 2 * HOUR;
    const capped = contact('w', [
      channel('wechat', T, { outboundSinceInbound: 20, lastOutboundAt: iso(T + 2 * HOUR) }),
    ]);
    expect(await a.ingest(capped)).toEqual({ created: 0, updated: 1, cancelled: 1 });
    expect(dueTimes(a, 'w')).toEqual([`notice ${iso(T + 2 * HOUR)}`]);
    expect(await a.tickAt(T + 2 * HOUR)).toMatchObject({ posted: 1, late: 0 });
    expect(sink.notices[0]!.after.reason).toBe('wechat.outbound_cap_reached');
    expect(sink.notices[0]!.windowClosesAt.toISOString()).toBe(iso(T + 2 * HOUR));
    expect((await a.tickAt(T + 48 * HOUR)).posted).toBe(0);
    expect(sink.notices).toHaveLength(1);
  });

  it('a cap reached without a re-arm is caught by the reminder tick: the notice moves to the cap instant', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('w', [channel('wechat', T)]));
    contacts.put(contact('w', [channel('wechat', T, { outboundSinceInbound: 20, lastOutboundAt: iso(T + 5 * HOUR) })]));
    const r = await a.tickAt(T + 47 * HOUR);
    expect(r).toMatchObject({ posted: 0, dropped: 1 });
    // the moved notice is durable even though its close is long past: a restart now still sends it
    await a.stop();
    const b = app(T + 47 * HOUR + MIN);
    expect(await b.load()).toMatchObject({ rows: 1, entries: 1, due: 1 });
    const r2 = await b.tickAt(T + 47 * HOUR + MIN);
    expect(r2).toMatchObject({ posted: 1, late: 1 });
    expect(sink.notices[0]!.after.reason).toBe('wechat.outbound_cap_reached');
  });

  it('a new inbound resets the cap and opens a new window', async () => {
    const a = app(T + HOUR + 30 * MIN);
    await a.load();
    await a.ingest(contact('w', [channel('wechat', T, { outboundSinceInbound: 20, lastOutboundAt: iso(T + HOUR) })]));
    // the cap was hit half an hour ago: too old to arm a notice for now
    expect(a.schedule.entriesOf('w')).toEqual([]);
    a.now = T + 2 * HOUR;
    await a.ingest(contact('w', [channel('wechat', T + 2 * HOUR)]));
    expect(dueTimes(a, 'w')).toEqual([`reminder ${iso(T + 49 * HOUR)}`, `notice ${iso(T + 50 * HOUR)}`]);
  });
});

describe('Viber', () => {
  it('24 h session; afterwards chatbot-initiated with the free quota left', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('v', [channel('viber', T)]));
    await a.tickAt(T + 23 * HOUR);
    await a.tickAt(T + 24 * HOUR);
    expect(sink.notices.map((n) => [n.kind, n.after.state, n.after.messagesLeft])).toEqual([
      ['reminder', 'chatbot_initiated', 10_000],
      ['notice', 'chatbot_initiated', 10_000],
    ]);
  });

  it('the monthly count comes from the windowInput hook: quota used up means nothing possible', async () => {
    const a = app(T, {}, { windowInput: () => ({ chatbotInitiatedThisMonth: 10_000 }) });
    await a.load();
    await a.ingest(contact('v', [channel('viber', T)]));
    await a.tickAt(T + 24 * HOUR);
    expect(sink.notices.map((n) => [n.kind, n.after.state, n.after.reason])).toEqual([
      ['notice', 'closed', 'viber.free_quota_exhausted'],
    ]);
  });

  it('an unsubscribed contact is not watched', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('v', [channel('viber', T)]));
    expect(a.schedule.entriesOf('v')).toHaveLength(2);
    expect(await a.ingest(contact('v', [channel('viber', T, { subscribed: false })]))).toMatchObject({ cancelled: 2 });
    expect((await a.tickAt(T + 24 * HOUR)).posted).toBe(0);
  });
});

describe('which contact-channels are scheduled', () => {
  it('channels without a window are never scheduled', async () => {
    const a = app(T, { watch: 'all' });
    await a.load();
    const types = ['telegram', 'line', 'webchat', 'sms', 'email'] as const;
    const r = await a.ingest(
      contact(
        'n',
        types.map((t) => channel(t, T)),
      ),
    );
    expect(r).toEqual({ created: 0, updated: 0, cancelled: 0 });
    expect(a.schedule.size.rows).toBe(0);
    expect((await a.tickAt(T + 30 * DAY)).posted).toBe(0);
  });

  it('a windowed channel the contact never wrote on is not scheduled', async () => {
    const a = app(T, { watch: 'all' });
    await a.load();
    await a.ingest(contact('n', [channel('whatsapp', null), channel('instagram', null)]));
    expect(a.schedule.size.rows).toBe(0);
  });

  it('closed conversations whose window is closed are not watched', async () => {
    const a = app(T + 3 * DAY);
    await a.load();
    await a.ingest(contact('x', [channel('whatsapp', T), channel('wechat', T)], { status: 'closed' }));
    expect(a.schedule.size.rows).toBe(0);
  });

  it('default: a closed conversation with an open window gets its reminder and the closed notice', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('x', [channel('whatsapp', T)], { status: 'closed' }));
    expect(dueTimes(a, 'x')).toEqual([`reminder ${iso(T + 23 * HOUR)}`, `notice ${iso(T + 24 * HOUR)}`]);
    await a.tickAt(T + 23 * HOUR);
    await a.tickAt(T + 24 * HOUR);
    expect(sink.notices.map((n) => [n.kind, n.conversation])).toEqual([
      ['reminder', 'closed'],
      ['notice', 'closed'],
    ]);
  });

  it('default: closing the conversation keeps the notice; an answer cancels it', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('x', [channel('whatsapp', T)]));
    contacts.put(contact('x', [channel('whatsapp', T)], { status: 'closed' })); // closed, no re-arm call
    expect(await a.tickAt(T + 23 * HOUR)).toMatchObject({ posted: 1 });
    a.now = T + 23 * HOUR + 30 * MIN;
    // The customer answered.
    await a.ingest(contact('x', [channel('whatsapp', T + 23 * HOUR + 30 * MIN)], { status: 'closed' }));
    expect(await a.tickAt(T + 24 * HOUR)).toMatchObject({ posted: 0 });
    expect(sink.notices.map((n) => n.kind)).toEqual(['reminder']);
  });

  it('all: closed conversations get the notice too; open_only: closed conversations get nothing', async () => {
    const all = app(T, { watch: 'all' });
    await all.load();
    await all.ingest(contact('x', [channel('whatsapp', T)], { status: 'closed' }));
    expect(all.schedule.entriesOf('x')).toHaveLength(2);
    await all.stop();

    const db2 = db;
    db = new TempDb();
    await db2.cleanup();
    const only = app(T, { watch: 'open_only' });
    await only.load();
    await only.ingest(contact('x', [channel('whatsapp', T)], { status: 'closed' }));
    expect(only.schedule.entriesOf('x')).toHaveLength(0);
    await only.ingest(contact('y', [channel('whatsapp', T)]));
    expect(only.schedule.entriesOf('y')).toHaveLength(2);
  });

  it.each([
    ['all', 1],
    ['default', 0],
  ] as const)('%s: a conversation closed after its window closed gets %i late notice(s)', async (watch, late) => {
    const a = app(T, { watch });
    await a.load();
    await a.ingest(contact('x', [channel('whatsapp', T)]));
    sink.failNext = 1; // Slack is down when the window closes: the notice stays due
    expect(await a.tickAt(T + 24 * HOUR)).toMatchObject({ posted: 0, failed: 1 });
    a.now = T + 25 * HOUR; // an agent, who saw the window end, closes the conversation
    await a.ingest(contact('x', [channel('whatsapp', T)], { status: 'closed', statusChangedAt: iso(a.now) }));
    expect(await a.tickAt(T + 26 * HOUR)).toMatchObject({ posted: late, late }); // Slack is back
  });

  it('two accounts of one channel type are two windows', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(
      contact('z', [channel('whatsapp', T, { channelId: 'PN1' }), channel('whatsapp', T + HOUR, { channelId: 'PN2' })]),
    );
    expect(a.schedule.entriesOf('z').map((e) => e.channelKey)).toEqual([
      'whatsapp:PN1',
      'whatsapp:PN1',
      'whatsapp:PN2',
      'whatsapp:PN2',
    ]);
    await a.tickAt(T + 25 * HOUR);
    expect(sink.count('notice')).toBe(2);
  });

  it('stale records never move an anchor backwards', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('s', [channel('whatsapp', T + 10 * HOUR)]));
    expect(await a.ingest(contact('s', [channel('whatsapp', T)]))).toEqual({ created: 0, updated: 0, cancelled: 0 });
    expect(a.schedule.entriesOf('s').every((e) => e.anchor.getTime() === T + 10 * HOUR)).toBe(true);
  });

  it('ids containing the key separator cannot collide', async () => {
    const a = app(T);
    await a.load();
    await a.ingest(contact('a|whatsapp', [channel('whatsapp', T)]));
    const [e] = a.schedule.entriesOf('a|whatsapp');
    expect(e!.key).toBe(`a%7Cwhatsapp|whatsapp|${iso(T)}|reminder`);
  });
});
