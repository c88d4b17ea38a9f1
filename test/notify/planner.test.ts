/** The pure planner: due times and arming at the lead/grace boundaries, watch modes per entry, entry actions. */
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/contacts/model.js';
import {
  DEFAULT_GRACE_MS,
  type EntryAction,
  type PlannedEntry,
  type PlannerSettings,
  type WatchMode,
  entryAction,
  planWindow,
} from '../../src/notify/planner.js';
import { DAY, HOUR, MIN, T, channel, contact, iso } from './helpers.js';

const SEC = 1_000;
const settings = (over: Partial<PlannerSettings> = {}): PlannerSettings => ({
  leadMinutes: 60,
  remindStandardWindow: true,
  watch: 'default',
  graceMs: DEFAULT_GRACE_MS,
  ...over,
});

/** A WhatsApp window (24 h) that closes `closesInMs` after T, planned at T. */
function planWhatsApp(closesInMs: number, over: Partial<PlannerSettings> = {}, extra: Partial<Contact> = {}) {
  const c = contact('p', [channel('whatsapp', T + closesInMs - DAY)], extra);
  return planWindow(c, c.channels[0]!, T, settings(over));
}

/** `armed in Xs` / `not armable` / `absent`, relative to T. */
function describeEntry(entries: PlannedEntry[] | undefined, kind: PlannedEntry['kind']): string {
  const e = entries?.find((x) => x.kind === kind);
  if (!e) return 'absent';
  return e.armable ? `due in ${(e.dueAt - T) / SEC}s` : 'not armable';
}

describe('planWindow: lead and grace at the boundaries (WhatsApp, planned at T)', () => {
  const rows: Array<{ lead: number; graceMs?: number; closesIn: number; reminder: string; notice: string }> = [
    // The grace only stops reminders that would already be due: a due time still ahead is always armed.
    { lead: 1, closesIn: 100 * SEC, reminder: 'due in 40s', notice: 'due in 100s' },
    { lead: 1, closesIn: 60 * SEC + 1, reminder: 'due in 0.001s', notice: 'due in 60.001s' },
    { lead: 1, closesIn: 60 * SEC, reminder: 'not armable', notice: 'due in 60s' },
    { lead: 1, closesIn: 30 * SEC, reminder: 'not armable', notice: 'due in 30s' },
    { lead: 1, graceMs: 0, closesIn: 30 * SEC, reminder: 'due in 0s', notice: 'due in 30s' },
    // Lead already past: due at once while at least the grace is left.
    { lead: 60, closesIn: 24 * HOUR, reminder: `due in ${23 * 3600}s`, notice: `due in ${24 * 3600}s` },
    { lead: 60, closesIn: 60 * MIN + 1, reminder: 'due in 0.001s', notice: 'due in 3600.001s' },
    { lead: 60, closesIn: 3 * MIN, reminder: 'due in 0s', notice: 'due in 180s' },
    { lead: 60, closesIn: 2 * MIN, reminder: 'due in 0s', notice: 'due in 120s' },
    { lead: 60, closesIn: 2 * MIN - 1, reminder: 'not armable', notice: 'due in 119.999s' },
    // Closed already: only a notice within the grace (the WeChat send that just hit the cap).
    { lead: 60, closesIn: 0, reminder: 'not armable', notice: 'due in 0s' },
    { lead: 60, closesIn: -2 * MIN, reminder: 'not armable', notice: 'due in -120s' },
    { lead: 60, closesIn: -2 * MIN - 1, reminder: 'not armable', notice: 'not armable' },
    // A lead of 0: the notice alone.
    { lead: 0, closesIn: 24 * HOUR, reminder: 'absent', notice: `due in ${24 * 3600}s` },
  ];
  it.each(rows)('lead $lead min, closes in $closesIn ms: reminder $reminder, notice $notice', (row) => {
    const plan = planWhatsApp(row.closesIn, { leadMinutes: row.lead, graceMs: row.graceMs ?? DEFAULT_GRACE_MS });
    expect(plan).not.toBeNull();
    expect(describeEntry(plan?.entries, 'reminder')).toBe(row.reminder);
    expect(describeEntry(plan?.entries, 'notice')).toBe(row.notice);
  });

  it('names the anchor; no window (no inbound, a channel without one) is no plan', () => {
    const c = contact('p', [channel('whatsapp', T - HOUR), channel('whatsapp', null, { channelId: 'X' })]);
    expect(planWindow(c, c.channels[0]!, T, settings())).toMatchObject({
      anchorIso: iso(T - HOUR),
      anchorMs: T - HOUR,
    });
    expect(planWindow(c, c.channels[1]!, T, settings())).toBeNull();
    const e = contact('e', [channel('email', T)]);
    expect(planWindow(e, e.channels[0]!, T, settings())).toBeNull();
  });
});

describe('planWindow: watch modes, decided per entry', () => {
  /** What would be armed now. */
  const armed = (watch: WatchMode, closesIn: number, extra: Partial<Contact>) =>
    (planWhatsApp(closesIn, { watch }, extra)?.entries ?? [])
      .filter((e) => e.armable)
      .map((e) => e.kind)
      .join('+') || 'nothing';
  const open = { status: 'open' as const };
  const closed30sAgo = { status: 'closed' as const, statusChangedAt: iso(T - 30 * SEC) };
  const both = 'reminder+notice';

  const rows: Array<{
    case: string;
    closesIn: number;
    extra: Partial<Contact>;
    all: string;
    dflt: string;
    only: string;
  }> = [
    { case: 'open conversation', closesIn: HOUR + MIN, extra: open, all: both, dflt: both, only: both },
    {
      case: 'closed while its window is open',
      closesIn: HOUR + MIN,
      extra: closed30sAgo,
      all: both,
      dflt: both,
      only: 'nothing',
    },
    // The window closed 60 s ago, the conversation 30 s ago: closed by someone who saw the window end.
    {
      case: 'closed after its window closed',
      closesIn: -MIN,
      extra: closed30sAgo,
      all: 'notice',
      dflt: 'nothing',
      only: 'nothing',
    },
    // The window closed just after the conversation did: the follow-up it was watched for.
    {
      case: 'closed just before its window closed',
      closesIn: -30 * SEC + 1,
      extra: closed30sAgo,
      all: 'notice',
      dflt: 'notice',
      only: 'nothing',
    },
  ];
  it.each(rows)('$case: all $all, default $dflt, open_only $only', (row) => {
    expect(armed('all', row.closesIn, row.extra)).toBe(row.all);
    expect(armed('default', row.closesIn, row.extra)).toBe(row.dflt);
    expect(armed('open_only', row.closesIn, row.extra)).toBe(row.only);
  });

  it('default drops only the edges a closed conversation outlived (Messenger: the standard 24 h edge)', () => {
    const closedAt30h = { status: 'closed' as const, statusChangedAt: iso(T + 30 * HOUR) };
    const c = contact('m', [channel('messenger', T)], closedAt30h);
    const edges = (watch: WatchMode) =>
      planWindow(c, c.channels[0]!, T + 31 * HOUR, settings({ watch }))!.entries.map((e) => `${e.kind}@${e.edge}`);
    expect(edges('all')).toEqual(['reminder@standard', 'reminder@close', 'notice@close']);
    expect(edges('default')).toEqual(['reminder@close', 'notice@close']);
  });
});

describe('entryAction', () => {
  const planned = (kind: PlannedEntry['kind'], armable: boolean): PlannedEntry => ({
    kind,
    edge: 'close',
    closesAt: T,
    dueAt: T,
    armable,
  });
  const rows: Array<[string, PlannedEntry, Parameters<typeof entryAction>[1], EntryAction]> = [
    ['nothing armed, armable', planned('notice', true), undefined, 'create'],
    ['nothing armed, too late to arm', planned('reminder', false), undefined, 'skip'],
    ['delivered', planned('notice', true), { closesAt: T - HOUR, state: 'delivered' }, 'keep'],
    ['being posted', planned('reminder', true), { closesAt: T - HOUR, state: 'claimed' }, 'keep'],
    [
      'same close (a clamped due time must not drift)',
      planned('reminder', false),
      { closesAt: T, state: 'pending' },
      'keep',
    ],
    [
      'notice whose close moved, even into the past',
      planned('notice', false),
      { closesAt: T + HOUR, state: 'pending' },
      'move',
    ],
    [
      'reminder whose close moved, still armable',
      planned('reminder', true),
      { closesAt: T + HOUR, state: 'pending' },
      'move',
    ],
    [
      'reminder whose close moved too near',
      planned('reminder', false),
      { closesAt: T + HOUR, state: 'pending' },
      'cancel',
    ],
  ];
  it.each(rows)('%s → %s', (_name, p, armed, action) => {
    expect(entryAction(p, armed)).toBe(action);
  });
});
