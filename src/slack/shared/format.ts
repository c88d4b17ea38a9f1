/**
 * How channels and window states look in Slack, in the agent's language: emoji tables (data, not branches),
 * and the few phrases every surface shares (badge, reason in plain words, what can be sent now). Output is
 * mrkdwn that contains no customer text, except where a function says it escapes it.
 */
import type { Contact, ContactChannel } from '../../contacts/model.js';
import { lacksAddress } from '../../followup/no-address.js';
import {
  type ChannelType,
  type Quota,
  type WindowState,
  type WindowStatus,
  channelQuota,
  describeReason,
  isChannelType,
} from '../../policy/index.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { dateToken, escapeTruncated, userMention } from './mrkdwn.js';

const CHANNEL_EMOJI: Readonly<Record<ChannelType, string>> = {
  whatsapp: '📱',
  messenger: '💬',
  instagram: '📸',
  viber: '📞',
  wechat: '🗨️',
  telegram: '✈️',
  line: '🟩',
  webchat: '🌐',
  sms: '✉️',
  email: '📧',
};

export function channelEmoji(type: ChannelType): string {
  return CHANNEL_EMOJI[type];
}

/** The channel's name in the agent's language ("Website chat", "Chat du site"; brand names stay). */
export function channelLabel(t: Translator, type: ChannelType): string {
  return t.t(`channel.${type}`);
}

export const WINDOW_STATE_EMOJI: Readonly<Record<WindowState, string>> = {
  open: '🟢',
  human_agent: '🟡',
  template_only: '📝',
  tag_only: '🏷️',
  chatbot_initiated: '🤖',
  closed: '🔴',
  no_window: '⚪',
};

/**
 * A window state in words: `badge` (short words after the channel name), `filter` (the search filter's
 * option) or `meaning` (one line of help).
 */
export function windowStateText(t: Translator, state: WindowState, what: 'badge' | 'filter' | 'meaning'): string {
  return t.t(`state.${state}.${what}`);
}

/** A channel without an address: whatever its window, nothing can be sent (the policy's `no_address`). */
export const NO_ADDRESS_EMOJI = '🚫';

/** An open window closing within this is flagged ⏳: late enough that the agent should act now. */
export const CLOSING_SOON_MS = 2 * 3_600_000;

export function channelName(t: Translator, type: ChannelType): string {
  return `${CHANNEL_EMOJI[type]} ${channelLabel(t, type)}`;
}

/** `📱 WhatsApp` plus the channel account when there is one (escaped: it comes from the provider). */
export function channelAccountName(t: Translator, channel: Pick<ContactChannel, 'type' | 'channelId'>): string {
  const name = channelName(t, channel.type);
  return channel.channelId ? `${name} (${t.isolate(escapeTruncated(channel.channelId, 40))})` : name;
}

export function formatCount(t: Translator, n: number): string {
  return t.number(n);
}

/** A Slack date token whose fallback (for clients that cannot render tokens) is in the agent's language. */
export function dateIn(t: Translator, date: Date, format?: string): string {
  return dateToken(date, format, t.utcDateTime(date));
}

/** When the state changes next, as an agent cares about it: free text ends, or the agent-only extension ends. */
export function closesAt(status: WindowStatus): Date | null {
  if (status.state === 'open') return status.changesAt ?? status.windowClosesAt;
  if (status.state === 'human_agent') return status.windowClosesAt ?? status.changesAt;
  return null;
}

/**
 * The one-line badge, e.g. `🟢 WhatsApp · open until <date token>`. `now` only decides the ⏳ flag:
 * the builders never read the clock.
 */
export function badge(t: Translator, status: WindowStatus, now: Date): string {
  const label = channelLabel(t, status.channel);
  if (lacksAddress(status)) return `${NO_ADDRESS_EMOJI} ${label} · ${t.t('badge.noAddress')}`;
  const words = windowStateText(t, status.state, 'badge');
  const parts = [`${WINDOW_STATE_EMOJI[status.state]} ${label}`];
  const end = closesAt(status);
  if (end) {
    const soon = end.getTime() - now.getTime() <= CLOSING_SOON_MS;
    parts.push(`${t.t('badge.until', { state: words, when: dateIn(t, end) })}${soon ? ' ⏳' : ''}`);
  } else {
    parts.push(words);
  }
  const cappedPerSession = channelQuota(status.channel) === 'session_cap';
  if (status.state === 'chatbot_initiated') {
    parts.push(status.billable ? t.t('badge.billable') : t.t('badge.freeLeft', { left: status.messagesLeft ?? 0 }));
  } else if (cappedPerSession && status.state === 'open' && status.messagesLeft !== null) {
    parts.push(t.t('badge.left', { left: status.messagesLeft }));
  } else if (status.state === 'closed' && status.changesAt) {
    parts.push(t.t('badge.changes', { when: dateIn(t, status.changesAt) }));
  }
  return parts.join(' · ');
}

/** The catalog key for a reason code: the channel's own words first (`reason.whatsapp.window_closed`). */
function reasonKey(t: Translator, code: string, suffix: '' | '.reopens'): MessageKey | null {
  const [maybeChannel, ...rest] = code.split('.');
  const bare = isChannelType(maybeChannel) ? rest.join('.') : code;
  for (const key of [`reason.${code}${suffix}`, `reason.${bare}${suffix}`]) if (t.has(key)) return key;
  return null;
}

/** What the state means, in plain words (the policy's reason codes, worded by the catalog). */
export function reasonText(t: Translator, status: Pick<WindowStatus, 'reason'>): string {
  const key = reasonKey(t, status.reason, '');
  // A code no catalog knows yet (a new provider answer): the policy's English words rather than nothing.
  return key ? t.t(key) : describeReason(status.reason).summary;
}

/** What would make free text possible again; null when nothing is closed. */
export function reopensText(t: Translator, status: Pick<WindowStatus, 'reason'>): string | null {
  if (!describeReason(status.reason).reopensWhen) return null;
  const key = reasonKey(t, status.reason, '.reopens');
  return key ? t.t(key) : (describeReason(status.reason).reopensWhen ?? null);
}

/** `messagesLeft` in words, by what the channel counts down (the policy's `quota`). */
const MESSAGES_LEFT_TEXT: Readonly<Record<Quota, (t: Translator, left: number, billable: boolean) => string>> = {
  session_cap: (t, left) => t.t('left.sessionCap', { left }),
  monthly_free: (t, left, billable) => (billable ? t.t('left.monthlyBillable') : t.t('left.monthlyFree', { left })),
};

/** WeChat / Viber counters in words; null for channels that count nothing. */
export function messagesLeftText(t: Translator, status: WindowStatus): string | null {
  const left = status.messagesLeft;
  if (left === null) return null;
  const quota = channelQuota(status.channel);
  return quota ? MESSAGES_LEFT_TEXT[quota](t, left, status.billable) : t.t('left.other', { left });
}

/** "Can send now: free text or an approved template." / "Nothing can be sent now." */
export function allowedText(t: Translator, status: WindowStatus): string {
  if (status.allowed.length === 0) return t.t('allowed.nothing');
  const kinds = t.list(
    status.allowed.map((k) => t.t(`allowed.kind.${k}`)),
    'disjunction',
  );
  if (status.humanOnly) return t.t('allowed.canSendHuman', { kinds });
  if (status.state === 'chatbot_initiated') return t.t('allowed.canSendChatbot', { kinds });
  return t.t('allowed.canSend', { kinds });
}

/** `<@U123>` or "Unassigned". */
export function assigneeText(t: Translator, assignee: string | null): string {
  return assignee ? userMention(assignee) : t.t('assignee.none');
}

/** "Closed <date>" / "Open since <date>". */
export function conversationText(t: Translator, contact: Pick<Contact, 'status' | 'statusChangedAt'>): string {
  const at = new Date(contact.statusChangedAt);
  const closed = contact.status === 'closed';
  if (Number.isNaN(at.getTime())) return t.t(closed ? 'conversation.closedUndated' : 'conversation.openUndated');
  return t.t(closed ? 'conversation.closed' : 'conversation.openSince', { when: dateIn(t, at) });
}

/** The earliest `closesAt` among a contact's statuses, for "soonest close first" lists. */
export function soonestClose(statuses: readonly WindowStatus[]): Date | null {
  let best: Date | null = null;
  for (const s of statuses) {
    const at = closesAt(s);
    if (at && (!best || at < best)) best = at;
  }
  return best;
}

/** A contact with the window status of each of its channels: what the search results and Home list show. */
export interface ContactWithStatuses {
  contact: Contact;
  statuses: Array<{ channel: ContactChannel; status: WindowStatus }>;
}

/** One badge per channel, in the contact's channel order. */
export function contactBadges(t: Translator, statuses: ContactWithStatuses['statuses'], now: Date): string[] {
  return statuses.map(({ status }) => badge(t, status, now));
}

/** Where to reach the contact: email and phone, escaped, empty parts left out. */
export function reachText(t: Translator, contact: Pick<Contact, 'email' | 'phone'>): string {
  return [contact.email, contact.phone]
    .filter((s) => s.trim().length > 0)
    .map((s) => t.isolate(escapeTruncated(s, 120)))
    .join(' · ');
}
