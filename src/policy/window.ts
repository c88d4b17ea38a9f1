/**
 * evaluateWindow: the status of one contact-channel at one instant. Pure: `now` is a parameter.
 *
 * Rules (POLICY.md): a window of W is open while `now < anchor + W` (strict). The anchor is the
 * contact's last inbound event on that channel, never a business message.
 */
import { type ChannelType, type RuleOverrides, type WindowState, ruleFor } from './channels.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Longest window an inbound event may carry (click-to-Messenger/Direct ads: up to 7 days). */
const MAX_CARRIED_WINDOW_HOURS = 7 * 24;

export type SendKind = 'text' | 'template' | 'tag';

export interface WindowInput {
  channel: ChannelType;
  now: Date;
  /** The contact's last inbound event on this channel (provider timestamp); null = never wrote. */
  lastInboundAt: Date | null;
  /** Business messages sent since the last inbound event (WeChat cap). */
  outboundSinceInbound?: number;
  /** Viber chatbot-initiated messages already sent this calendar month (UTC). */
  chatbotInitiatedThisMonth?: number;
  /** Viber: false when the contact unsubscribed (nothing can reach them). Unknown = subscribed. */
  subscribed?: boolean;
  /** Window length carried by the last inbound event itself (e.g. Messenger ad referral: up to 7 days). */
  anchorWindowHours?: number;
  /**
   * The provider refused a send because the window was closed (e.g. WhatsApp 131047) at this time. It wins
   * over our own clock until the contact writes again (an inbound after it).
   */
  closedByProviderAt?: Date | null;
  rules?: RuleOverrides;
}

export interface WindowStatus {
  channel: ChannelType;
  state: WindowState;
  /** End of the messaging window (Messenger/Instagram: incl. the HUMAN_AGENT extension); null when none or closed. */
  windowClosesAt: Date | null;
  /** WeChat: outbound left this session; Viber: free chatbot-initiated left this month (UTC); else null. */
  messagesLeft: number | null;
  allowed: SendKind[];
  /** Stable code for the UI, e.g. 'whatsapp.window_closed'. */
  reason: string;
  /** When the state next changes by the clock alone (e.g. Messenger 24 h → HUMAN_AGENT, Viber quota reset). */
  changesAt: Date | null;
  /** Messenger/Instagram: only a person may write now (HUMAN_AGENT). */
  humanOnly: boolean;
  /** Viber: sends count as chatbot-initiated; billable when past the free quota with commercial terms. */
  billable: boolean;
}

/** Start of the next calendar month in UTC: when Viber's free quota resets. */
export function nextUtcMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

function status(
  input: WindowInput,
  state: WindowState,
  reason: string,
  extra: Partial<Omit<WindowStatus, 'channel' | 'state' | 'reason'>> = {},
): WindowStatus {
  return {
    channel: input.channel,
    state,
    windowClosesAt: null,
    messagesLeft: null,
    allowed: [],
    reason,
    changesAt: null,
    humanOnly: false,
    billable: false,
    ...extra,
  };
}

export function evaluateWindow(input: WindowInput): WindowStatus {
  const { channel, now } = input;
  const rule = ruleFor(channel, input.rules);
  const t = now.getTime();
  const anchor = input.lastInboundAt?.getTime() ?? null;
  const providerClosed = input.closedByProviderAt ? input.closedByProviderAt.getTime() : null;

  if (rule.windowHours === null) {
    return status(input, 'no_window', `${channel}.no_window`, { allowed: ['text'] });
  }

  // The window in force: the rule's, or longer when the inbound event carried its own (ad referral),
  // which Meta caps at 7 days. Only channels whose rule accepts a carried window honour one, so a record
  // stored before ingest refused `windowHours` elsewhere cannot hold a WhatsApp window open for a week.
  const carried = rule.acceptsAnchorWindow ? Math.min(input.anchorWindowHours ?? 0, MAX_CARRIED_WINDOW_HOURS) : 0;
  const windowMs = Math.max(rule.windowHours, carried) * HOUR_MS;
  const humanMs = rule.humanAgentDays ? Math.max(rule.humanAgentDays * DAY_MS, windowMs) : windowMs;
  // A provider's "window closed" ends the window at that instant, unless the contact wrote since.
  const cut =
    providerClosed !== null && anchor !== null && providerClosed >= anchor ? providerClosed : Number.POSITIVE_INFINITY;
  const freeEnd = anchor === null ? null : Math.min(anchor + windowMs, cut);
  const humanEnd = anchor === null ? null : Math.min(anchor + humanMs, cut);

  // Viber counts free chatbot-initiated messages per month; WeChat counts outbound per session.
  if (rule.quota === 'monthly_free' || rule.freeMonthly !== null) {
    return evaluateViberLike(input, rule.freeMonthly ?? 0, rule.commercialTerms, freeEnd, t);
  }
  if (rule.maxOutbound !== null) {
    const sent = Math.max(0, input.outboundSinceInbound ?? 0);
    const left = Math.max(0, rule.maxOutbound - sent);
    if (freeEnd === null) return status(input, 'closed', `${channel}.never_inbound`, { messagesLeft: 0 });
    if (t >= freeEnd) return status(input, 'closed', `${channel}.window_expired`, { messagesLeft: 0 });
    if (left === 0) return status(input, 'closed', `${channel}.outbound_cap_reached`, { messagesLeft: 0 });
    return status(input, 'open', `${channel}.open`, {
      allowed: ['text'],
      windowClosesAt: new Date(freeEnd),
      changesAt: new Date(freeEnd),
      messagesLeft: left,
    });
  }

  if (freeEnd !== null && humanEnd !== null) {
    if (t < freeEnd) {
      return status(input, 'open', `${channel}.open`, {
        allowed: rule.afterWindow === 'template' ? ['text', 'template'] : ['text'],
        windowClosesAt: new Date(humanEnd),
        changesAt: new Date(freeEnd),
      });
    }
    if (t < humanEnd) {
      return status(input, 'human_agent', `${channel}.human_agent`, {
        allowed: ['text'],
        windowClosesAt: new Date(humanEnd),
        changesAt: new Date(humanEnd),
        humanOnly: true,
      });
    }
  }

  const fallback = anchor === null ? rule.neverInbound : rule.afterWindow;
  const why = anchor === null ? 'never_inbound' : 'window_closed';
  switch (fallback) {
    case 'template':
      return status(input, 'template_only', `${channel}.${why}`, { allowed: ['template'] });
    case 'tag':
      if (rule.afterWindowTags.length > 0) {
        return status(input, 'tag_only', `${channel}.${why}`, { allowed: ['tag'] });
      }
      return status(input, 'closed', `${channel}.${why}_no_tags`);
    case 'text':
      return status(input, 'no_window', `${channel}.no_window`, { allowed: ['text'] });
    default:
      return status(input, 'closed', `${channel}.${why}`);
  }
}

function evaluateViberLike(
  input: WindowInput,
  freeMonthly: number,
  commercialTerms: boolean,
  freeEnd: number | null,
  t: number,
): WindowStatus {
  const { channel } = input;
  const used = Math.max(0, input.chatbotInitiatedThisMonth ?? 0);
  const left = Math.max(0, freeMonthly - used);
  if (input.subscribed === false) {
    return status(input, 'closed', `${channel}.not_subscribed`, { messagesLeft: left });
  }
  if (freeEnd !== null && t < freeEnd) {
    return status(input, 'open', `${channel}.open`, {
      allowed: ['text'],
      windowClosesAt: new Date(freeEnd),
      changesAt: new Date(freeEnd),
      messagesLeft: left,
    });
  }
  if (left > 0) {
    return status(input, 'chatbot_initiated', `${channel}.chatbot_initiated`, {
      allowed: ['text'],
      messagesLeft: left,
    });
  }
  if (commercialTerms) {
    return status(input, 'chatbot_initiated', `${channel}.chatbot_initiated_billable`, {
      allowed: ['text'],
      messagesLeft: 0,
      billable: true,
    });
  }
  return status(input, 'closed', `${channel}.free_quota_exhausted`, {
    messagesLeft: 0,
    changesAt: nextUtcMonth(input.now),
  });
}
