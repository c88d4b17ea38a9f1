/**
 * The notification planner: which reminders and notices one contact-channel's window wants, when each is due,
 * and what becomes of an entry already armed for it. Pure: the time is a parameter; no I/O, no clock reads.
 *
 * Decisions:
 * - One reminder and one notice per contact, channel and anchor (the contact's last inbound on the channel).
 * - Messenger/Instagram: the notice is at the end of the HUMAN_AGENT extension (evaluateWindow's
 *   windowClosesAt, 7 days), when free text really ends; one reminder before it, and one reminder before the
 *   standard 24 h window (after it only a person may write, automations must stop). The latter can be
 *   switched off with `remindStandardWindow: false`.
 * - WeChat: the window closes at anchor + 48 h or at the send that reaches the outbound cap
 *   (`lastOutboundAt`), whichever is first; re-arming after that send moves the notice to the cap instant.
 * - A lead of 0 minutes arms no reminder for that channel type, only the notice. The config file asks for a
 *   lead of at least 1 minute, so only code that builds a WindowSchedule itself can ask for notices alone.
 * - A reminder is due `lead` before its edge. Lead already past at arm time (armed late, or a window shorter
 *   than the lead): it is due at once, as long as at least the grace period is left before the edge;
 *   otherwise only the notice is armed. A reminder whose due time is still ahead is always armed: the grace
 *   only stops reminders that would already be due.
 * - A window already closed at arm time arms nothing (importing old contacts must not flood Slack), except a
 *   notice whose close is within the grace period (the WeChat send that just hit the cap).
 * - Watch modes, decided per entry (its edge is the instant it is about):
 *   `all`       every contact-channel with a window, whatever its conversation;
 *   `default`   open conversations, and closed ones whose edge comes after the conversation was closed (closed
 *               while the window was open, or written to again since): the follow-ups this app exists for; they
 *               get the reminder and the "has closed" notice (what is still possible). A conversation closed at
 *               or after an edge was closed by someone who saw the window end: a notice about it that is late
 *               (Slack or the app was down) or armed just after the close is noise;
 *   `open_only` open conversations only.
 */
import type { Contact, ContactChannel } from '../contacts/model.js';
import { type ChannelType, type RuleOverrides, evaluateWindow, ruleFor } from '../policy/index.js';
import type { EntryState } from './storage.js';

export type NoticeKind = 'reminder' | 'notice';
/** `close`: the window's end. `standard`: Messenger/Instagram's 24 h window, before HUMAN_AGENT takes over. */
export type WindowEdge = 'close' | 'standard';
export type WatchMode = 'default' | 'all' | 'open_only';
export type LeadMinutes = number | Partial<Record<ChannelType, number>>;

export const DEFAULT_LEAD_MINUTES = 60;
export const DEFAULT_GRACE_MS = 2 * 60_000;

export interface PlannerSettings {
  rules?: RuleOverrides | undefined;
  /** Minutes before the edge to remind; one number, or per channel type (missing types: 60). */
  leadMinutes: LeadMinutes;
  /** Messenger/Instagram: also remind before the standard 24 h window ends. */
  remindStandardWindow: boolean;
  watch: WatchMode;
  /** The least time before an edge worth a reminder that is due at once, and how late a notice may be armed. */
  graceMs: number;
}

/** One reminder or notice a window wants. */
export interface PlannedEntry {
  kind: NoticeKind;
  edge: WindowEdge;
  /** When the edge is reached (for a notice: when the window closes). */
  closesAt: number;
  /** When it falls due if it is armed (or moved) now. */
  dueAt: number;
  /** It may be armed now if it is not armed yet; a reminder that may not be armed is cancelled when it moves. */
  armable: boolean;
}

export interface WindowPlan {
  anchorIso: string;
  anchorMs: number;
  entries: PlannedEntry[];
}

/** What becomes of the entry armed for a planned one (or of the missing one). */
export type EntryAction = 'create' | 'skip' | 'keep' | 'move' | 'cancel';

export function leadMinutesFor(lead: LeadMinutes, channel: ChannelType): number {
  return typeof lead === 'number' ? lead : (lead[channel] ?? DEFAULT_LEAD_MINUTES);
}

/** Whether a conversation is watched for an entry about the edge at `edgeAt`. */
const WATCHED: Record<WatchMode, (contact: Contact, edgeAt: number) => boolean> = {
  all: () => true,
  default: (contact, edgeAt) => contact.status === 'open' || Date.parse(contact.statusChangedAt) < edgeAt,
  open_only: (contact) => contact.status === 'open',
};

const DUE_AT: Record<NoticeKind, (closesAt: number, leadMs: number, nowMs: number) => number> = {
  notice: (closesAt) => closesAt,
  // Lead already past: due now, but never after the edge itself.
  reminder: (closesAt, leadMs, nowMs) => Math.max(closesAt - leadMs, Math.min(nowMs, closesAt)),
};

const ARMABLE: Record<NoticeKind, (closesAt: number, leadMs: number, nowMs: number, graceMs: number) => boolean> = {
  notice: (closesAt, _leadMs, nowMs, graceMs) => closesAt >= nowMs - graceMs,
  reminder: (closesAt, leadMs, nowMs, graceMs) => closesAt - leadMs > nowMs || closesAt - nowMs >= graceMs,
};

/** The entries a contact-channel's current window wants at `nowMs`, or null when it has no window to watch. */
export function planWindow(
  contact: Contact,
  channel: ContactChannel,
  nowMs: number,
  settings: PlannerSettings,
): WindowPlan | null {
  const rule = ruleFor(channel.type, settings.rules);
  if (rule.windowHours === null || !channel.lastInboundAt) return null;
  const anchorMs = Date.parse(channel.lastInboundAt);
  if (!Number.isFinite(anchorMs)) return null;
  const anchor = new Date(anchorMs);
  // The window as the policy core defines it, evaluated at its own start: no counters spent yet.
  const atStart = evaluateWindow({
    channel: channel.type,
    now: anchor,
    lastInboundAt: anchor,
    anchorWindowHours: channel.lastInboundWindowHours,
    subscribed: channel.subscribed,
    rules: settings.rules,
  });
  if (atStart.state !== 'open' || !atStart.windowClosesAt) return null;
  let closesAt = atStart.windowClosesAt.getTime();
  if (rule.maxOutbound !== null && channel.outboundSinceInbound >= rule.maxOutbound) {
    // The send that reached the cap closed the window at once.
    const last = channel.lastOutboundAt ? Date.parse(channel.lastOutboundAt) : Number.NaN;
    const capAt = Number.isFinite(last) && last >= anchorMs ? last : nowMs;
    closesAt = Math.min(closesAt, capAt);
  }
  const leadMs = leadMinutesFor(settings.leadMinutes, channel.type) * 60_000;
  const entries: PlannedEntry[] = [];
  const want = (kind: NoticeKind, edge: WindowEdge, edgeAt: number) => {
    if (!WATCHED[settings.watch](contact, edgeAt)) return;
    const dueAt = DUE_AT[kind](edgeAt, leadMs, nowMs);
    entries.push({
      kind,
      edge,
      closesAt: edgeAt,
      dueAt,
      armable: ARMABLE[kind](edgeAt, leadMs, nowMs, settings.graceMs),
    });
  };
  const standardEnd = atStart.changesAt?.getTime();
  if (leadMs > 0 && settings.remindStandardWindow && standardEnd !== undefined && standardEnd < closesAt) {
    want('reminder', 'standard', standardEnd);
  }
  if (leadMs > 0) want('reminder', 'close', closesAt);
  want('notice', 'close', closesAt);
  return { anchorIso: anchor.toISOString(), anchorMs, entries };
}

/** What to do with the entry armed for `planned`, if there is one. */
export function entryAction(
  planned: PlannedEntry,
  armed: { closesAt: number; state: EntryState } | undefined,
): EntryAction {
  if (!armed) return planned.armable ? 'create' : 'skip';
  // Delivered or being posted: never again. Same close: keep (a clamped due time must not drift).
  if (armed.state !== 'pending' || armed.closesAt === planned.closesAt) return 'keep';
  // The window ends at another time (WeChat cap reached, rules changed): move the entry, even into the past —
  // a window we promised to report on is reported, late if need be. A reminder too late to arm is dropped.
  return planned.kind === 'reminder' && !planned.armable ? 'cancel' : 'move';
}
