/**
 * How channels and window states look in Slack: one table per concept (data, not branches), and the few
 * phrases every surface shares (badge, reason in plain words, what can be sent now). Output is mrkdwn that
 * contains no customer text, except where a function says it escapes it.
 */
import type { Contact, ContactChannel } from '../../contacts/model.js';
import {
  CHANNEL_TYPES,
  type ChannelType,
  type Quota,
  type WindowState,
  type WindowStatus,
  channelLabel,
  channelQuota,
  describeReason,
} from '../../policy/index.js';
import { NO_ADDRESS_BADGE, lacksAddress } from '../../followup/no-address.js';
import { dateToken, escapeTruncated, userMention } from './mrkdwn.js';

export interface ChannelPresentation {
  emoji: string;
  label: string;
}

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

/** The emoji is Slack's; the label is the policy's. */
export const CHANNEL_PRESENTATION: Readonly<Record<ChannelType, ChannelPresentation>> = Object.fromEntries(
  CHANNEL_TYPES.map((type) => [type, { emoji: CHANNEL_EMOJI[type], label: channelLabel(type) }]),
) as Record<ChannelType, ChannelPresentation>;

export interface WindowStatePresentation {
  emoji: string;
  /** Short words after the channel name in a badge. */
  badge: string;
  /** Option text in the search filter. */
  filter: string;
  /** One line for the help message. */
  meaning: string;
}

export const WINDOW_STATE_PRESENTATION: Readonly<Record<WindowState, WindowStatePresentation>> = {
  open: { emoji: '🟢', badge: 'open', filter: 'Open', meaning: 'free text allowed until the window closes' },
  human_agent: {
    emoji: '🟡',
    badge: 'agent only',
    filter: 'Agent only (HUMAN_AGENT)',
    meaning: 'Messenger/Instagram after 24 h: a person may still write (HUMAN_AGENT tag), automations may not',
  },
  template_only: {
    emoji: '📝',
    badge: 'template only',
    filter: 'Template only',
    meaning: 'WhatsApp after 24 h: only an approved template in the contact’s language',
  },
  tag_only: {
    emoji: '🏷️',
    badge: 'tag only',
    filter: 'Tag only',
    meaning: 'Messenger after 7 days: only a message with an allowed message tag',
  },
  chatbot_initiated: {
    emoji: '🤖',
    badge: 'chatbot-initiated',
    filter: 'Chatbot-initiated',
    meaning: 'Viber after the session: counts against the free monthly quota, or is billable',
  },
  closed: {
    emoji: '🔴',
    badge: 'closed',
    filter: 'Closed',
    meaning: 'nothing can be sent until the contact writes again',
  },
  no_window: {
    emoji: '⚪',
    badge: 'any time',
    filter: 'Any time (no window)',
    meaning: 'Telegram, LINE, website chat, SMS, email: write any time',
  },
};

/** A channel without an address: whatever its window, nothing can be sent (the policy's `no_address`). */
export const NO_ADDRESS_EMOJI = '🚫';

/** An open window closing within this is flagged ⏳: late enough that the agent should act now. */
export const CLOSING_SOON_MS = 2 * 3_600_000;

export function channelName(type: ChannelType): string {
  const p = CHANNEL_PRESENTATION[type];
  return `${p.emoji} ${p.label}`;
}

/** `📱 WhatsApp` plus the channel account when there is one (escaped: it comes from the provider). */
export function channelAccountName(channel: Pick<ContactChannel, 'type' | 'channelId'>): string {
  const name = channelName(channel.type);
  return channel.channelId ? `${name} (${escapeTruncated(channel.channelId, 40)})` : name;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
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
export function badge(status: WindowStatus, now: Date): string {
  const label = CHANNEL_PRESENTATION[status.channel].label;
  if (lacksAddress(status)) return `${NO_ADDRESS_EMOJI} ${label} · ${NO_ADDRESS_BADGE}`;
  const p = WINDOW_STATE_PRESENTATION[status.state];
  const parts = [`${p.emoji} ${label}`];
  const end = closesAt(status);
  if (end) {
    const soon = end.getTime() - now.getTime() <= CLOSING_SOON_MS;
    parts.push(`${p.badge} until ${dateToken(end)}${soon ? ' ⏳' : ''}`);
  } else {
    parts.push(p.badge);
  }
  const cappedPerSession = channelQuota(status.channel) === 'session_cap';
  if (status.state === 'chatbot_initiated') {
    parts.push(status.billable ? 'billable' : `${formatCount(status.messagesLeft ?? 0)} free left`);
  } else if (cappedPerSession && status.state === 'open' && status.messagesLeft !== null) {
    parts.push(`${formatCount(status.messagesLeft)} left`);
  } else if (status.state === 'closed' && status.changesAt) {
    parts.push(`changes ${dateToken(status.changesAt)}`);
  }
  return parts.join(' · ');
}

/** What the state means, in plain words (policy's reason table). */
export function reasonText(status: Pick<WindowStatus, 'reason'>): string {
  return describeReason(status.reason).summary;
}

/** What would make free text possible again; null when nothing is closed. */
export function reopensText(status: Pick<WindowStatus, 'reason'>): string | null {
  return describeReason(status.reason).reopensWhen ?? null;
}

const plural = (n: number): string => (n === 1 ? '' : 's');

/** `messagesLeft` in words, by what the channel counts down (the policy's `quota`). */
const MESSAGES_LEFT_TEXT: Readonly<Record<Quota, (left: number, billable: boolean) => string>> = {
  session_cap: (left) => `${formatCount(left)} message${plural(left)} left in this window`,
  monthly_free: (left, billable) =>
    billable
      ? 'Free chatbot-initiated quota used up this month: messages are billable'
      : `${formatCount(left)} free chatbot-initiated message${plural(left)} left this month`,
};

/** WeChat / Viber counters in words; null for channels that count nothing. */
export function messagesLeftText(status: WindowStatus): string | null {
  if (status.messagesLeft === null) return null;
  const quota = channelQuota(status.channel);
  if (quota) return MESSAGES_LEFT_TEXT[quota](status.messagesLeft, status.billable);
  return `${formatCount(status.messagesLeft)} message${plural(status.messagesLeft)} left`;
}

const SEND_KIND_WORDS = { text: 'free text', template: 'an approved template', tag: 'a tagged message' } as const;

/** "Can send now: free text or an approved template." / "Nothing can be sent now." */
export function allowedText(status: WindowStatus): string {
  if (status.allowed.length === 0) return 'Nothing can be sent now.';
  const words = status.allowed.map((k) => SEND_KIND_WORDS[k]);
  const kind = status.humanOnly ? `${words.join(' or ')} written by you (HUMAN_AGENT)` : words.join(' or ');
  return `Can send now: ${kind}${status.state === 'chatbot_initiated' ? ' (chatbot-initiated)' : ''}.`;
}

/** `<@U123>` or "Unassigned". */
export function assigneeText(assignee: string | null): string {
  return assignee ? userMention(assignee) : 'Unassigned';
}

/** "Closed <date>" / "Open since <date>". */
export function conversationText(contact: Pick<Contact, 'status' | 'statusChangedAt'>): string {
  const at = new Date(contact.statusChangedAt);
  const when = Number.isNaN(at.getTime()) ? '' : ` ${dateToken(at)}`;
  return contact.status === 'closed' ? `Closed${when}` : `Open since${when}`;
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
export function contactBadges(statuses: ContactWithStatuses['statuses'], now: Date): string[] {
  return statuses.map(({ status }) => badge(status, now));
}

/** Where to reach the contact: email and phone, escaped, empty parts left out. */
export function reachText(contact: Pick<Contact, 'email' | 'phone'>): string {
  return [contact.email, contact.phone]
    .filter((s) => s.trim().length > 0)
    .map((s) => escapeTruncated(s, 120))
    .join(' · ');
}
