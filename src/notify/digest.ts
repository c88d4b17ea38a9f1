/**
 * Grouping of due notices into Slack messages, and their plain-text summary (the Slack side builds the
 * blocks; this text is the message's `text` fallback and what tests read). Pure: time is a parameter.
 *
 * One group per (Slack channel, kind, minute of the tick, on time / late): 500 windows closing in the same
 * minute become one reminder digest and one notice digest per Slack channel, split into parts of at most
 * `maxPerMessage` lines (Slack rejects messages near 13k characters and 50 blocks), i.e. a handful of
 * messages. A group of one stays an individual message (`digest: false`). Notices that fell due while the app
 * was down form their own "late" groups, so the catch-up after a restart never reads like fresh news.
 */
import type { ContactChannel } from '../contacts/model.js';
import { type ChannelType, type WindowState, type WindowStatus, channelQuota } from '../policy/index.js';
import type { NoticeKind, WindowEdge } from './schedule.js';

export interface Notice {
  /** Idempotency key of the schedule entry (put it in the Slack message metadata to spot repeats). */
  key: string;
  kind: NoticeKind;
  edge: WindowEdge;
  contactId: string;
  contactName: string;
  /** Slack user id of the assigned agent, if any. */
  assignee: string | null;
  conversation: 'open' | 'closed';
  channel: ChannelType;
  channelKey: string;
  channelLabel: string;
  address: ContactChannel['address'];
  anchor: Date;
  windowClosesAt: Date;
  dueAt: Date;
  late: boolean;
  redelivery: boolean;
  slackChannel: string;
  /** The window at the tick (reminders: how long is left, WeChat messages left…). */
  current: WindowStatus;
  /** What is still possible once the edge is passed: evaluateWindow at `windowClosesAt`. */
  after: WindowStatus;
}

export interface NoticeGroup {
  /** Stable id of the message: `${slackChannel}|${kind}|${minuteISO}|${on_time|late}|${part}`. */
  key: string;
  slackChannel: string;
  kind: NoticeKind;
  /** The minute (UTC, start) of the tick that produced the group. */
  minute: Date;
  late: boolean;
  /** Some notice in it may already have been posted before a crash. */
  redelivery: boolean;
  /** More than one notice: render as a digest. */
  digest: boolean;
  part: number;
  parts: number;
  notices: Notice[];
}

export interface GroupOptions {
  /** Lines per Slack message; bigger groups are split into parts. Default 100. */
  maxPerMessage?: number;
}

export const DEFAULT_MAX_PER_MESSAGE = 100;
const MINUTE_MS = 60_000;

export function floorMinute(d: Date): Date {
  return new Date(Math.floor(d.getTime() / MINUTE_MS) * MINUTE_MS);
}

const KIND_ORDER: Record<NoticeKind, number> = { notice: 0, reminder: 1 };

export function groupNotices(notices: readonly Notice[], now: Date, opts: GroupOptions = {}): NoticeGroup[] {
  const max = Math.max(1, opts.maxPerMessage ?? DEFAULT_MAX_PER_MESSAGE);
  const minute = floorMinute(now);
  const buckets = new Map<string, { slackChannel: string; kind: NoticeKind; late: boolean; notices: Notice[] }>();
  for (const n of notices) {
    const id = `${n.slackChannel}\u0000${n.kind}\u0000${n.late ? 1 : 0}`;
    let b = buckets.get(id);
    if (!b) buckets.set(id, (b = { slackChannel: n.slackChannel, kind: n.kind, late: n.late, notices: [] }));
    b.notices.push(n);
  }
  const ordered = [...buckets.values()].sort(
    (a, b) =>
      (a.slackChannel < b.slackChannel ? -1 : a.slackChannel > b.slackChannel ? 1 : 0) ||
      Number(b.late) - Number(a.late) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
  const groups: NoticeGroup[] = [];
  for (const b of ordered) {
    const sorted = b.notices
      .slice()
      .sort((x, y) => x.windowClosesAt.getTime() - y.windowClosesAt.getTime() || (x.key < y.key ? -1 : 1));
    const parts = Math.ceil(sorted.length / max);
    for (let p = 0; p < parts; p++) {
      const chunk = sorted.slice(p * max, (p + 1) * max);
      groups.push({
        key: `${b.slackChannel}|${b.kind}|${minute.toISOString()}|${b.late ? 'late' : 'on_time'}|${p + 1}`,
        slackChannel: b.slackChannel,
        kind: b.kind,
        minute,
        late: b.late,
        redelivery: chunk.some((n) => n.redelivery),
        digest: sorted.length > 1,
        part: p + 1,
        parts,
        notices: chunk,
      });
    }
  }
  return groups;
}

// ── plain-text summary ─────────────────────────────────────────────────────────────────────────────────

/** What a window state leaves possible, in words (data, not branches). */
const POSSIBLE: Record<WindowState, (s: WindowStatus) => string> = {
  open: () => 'free text',
  no_window: () => 'free text',
  human_agent: (s) =>
    'only messages written by a person (HUMAN_AGENT)' +
    (s.windowClosesAt ? ` until ${s.windowClosesAt.toISOString()}` : ''),
  template_only: () => 'an approved template only',
  tag_only: () => 'a tagged message only',
  chatbot_initiated: (s) =>
    s.billable
      ? 'chatbot-initiated messages, billable (free quota used)'
      : `chatbot-initiated messages (${s.messagesLeft ?? 0} free left this month)`,
  closed: () => 'nothing until the contact writes again',
};

export function describePossible(status: WindowStatus): string {
  return POSSIBLE[status.state](status);
}

function minutesLeft(n: Notice, now: Date): number {
  return Math.max(0, Math.round((n.windowClosesAt.getTime() - now.getTime()) / MINUTE_MS));
}

function whatCloses(n: Notice): string {
  return n.edge === 'standard' ? `standard 24 h ${n.channelLabel} window` : `${n.channelLabel} window`;
}

/** One line per notice, e.g. "Ana Silva – WhatsApp window closes in 60 min; then: an approved template only". */
export function describeNotice(n: Notice, now: Date): string {
  const who = n.contactName;
  if (n.kind === 'reminder') {
    const left = minutesLeft(n, now);
    const messagesLeft = n.current.messagesLeft;
    const cappedPerSession = messagesLeft !== null && channelQuota(n.channel) === 'session_cap';
    const cap = cappedPerSession ? ` (${messagesLeft} messages left)` : '';
    return `${who} – ${whatCloses(n)} closes in ${left} min${cap}; then: ${describePossible(n.after)}`;
  }
  return `${who} – ${whatCloses(n)} closed at ${n.windowClosesAt.toISOString()}; now: ${describePossible(n.after)}`;
}

export function summarizeGroup(group: NoticeGroup, now: Date): string {
  const late = group.late ? ' (while the app was down)' : '';
  const repeat = group.redelivery ? ' [possibly repeated after a restart]' : '';
  if (!group.digest) {
    const n = group.notices[0]!;
    const head = n.kind === 'reminder' ? 'Window closing soon' : 'Window closed';
    return `${head}${late}${repeat}: ${describeNotice(n, now)}`;
  }
  const total = group.parts > 1 ? ` (part ${group.part}/${group.parts})` : '';
  const head =
    group.kind === 'reminder'
      ? `${group.notices.length} messaging windows closing soon${late}${total}${repeat}:`
      : `${group.notices.length} messaging windows closed${late}${total}${repeat}:`;
  return [head, ...group.notices.map((n) => `• ${describeNotice(n, now)}`)].join('\n');
}
