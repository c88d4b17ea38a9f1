/**
 * The channel rule table: one entry per channel type, data rather than code paths.
 * Defaults are the seed article's rules (shared/design/POLICY.md); every number can be overridden
 * per install because providers move them (see "Where providers have moved" in POLICY.md).
 */
import { z } from 'zod';

export const CHANNEL_TYPES = [
  'whatsapp',
  'messenger',
  'instagram',
  'viber',
  'wechat',
  'telegram',
  'line',
  'webchat',
  'sms',
  'email',
] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];
export const channelTypeSchema = z.enum(CHANNEL_TYPES);

export const WINDOW_STATES = [
  'no_window',
  'open',
  'human_agent',
  'template_only',
  'tag_only',
  'chatbot_initiated',
  'closed',
] as const;
export type WindowState = (typeof WINDOW_STATES)[number];
export const windowStateSchema = z.enum(WINDOW_STATES);

/** What the business may still send once the free-text window has closed (or never opened). */
export type Fallback = 'text' | 'template' | 'tag' | 'chatbot_initiated' | 'nothing';

/** How a provider measures text length: LINE counts UTF-16 code units, the rest count characters. */
export type LengthUnit = 'characters' | 'utf16';

/**
 * What a channel counts down (`WindowStatus.messagesLeft`): `session_cap` = business messages since the
 * contact's last inbound (WeChat; kept on the contact's channel), `monthly_free` = free chatbot-initiated
 * messages per channel account and calendar month in UTC (Viber; kept in the store's counters).
 */
export type Quota = 'session_cap' | 'monthly_free';

export interface ChannelRule {
  /** Human label for messages to people. */
  label: string;
  /** Free-text window after the last inbound event, in hours; null = the channel has no window. */
  windowHours: number | null;
  /** Messenger/Instagram: human-written messages may follow up to this many days with HUMAN_AGENT. */
  humanAgentDays: number | null;
  /** What may be sent after the window (and before any inbound). */
  afterWindow: Fallback;
  neverInbound: Fallback;
  /** WeChat: outbound messages allowed since the contact's last inbound message. */
  maxOutbound: number | null;
  /** Viber: chatbot-initiated messages free per calendar month (UTC). */
  freeMonthly: number | null;
  /** Viber: the business accepted the Chatbot Commercial Terms, so sends past the free quota are billable. */
  commercialTerms: boolean;
  /** Messenger: message tags accepted after the window. */
  afterWindowTags: string[];
  maxTextLength: number | null;
  lengthUnit: LengthUnit;
  /** WhatsApp: rendered template body limit. */
  templateBodyMax: number | null;
  /**
   * An inbound may carry its own, longer window (`windowHours` on the event): only Meta's ad referrals do
   * (click-to-Messenger/Instagram ads, up to 7 days). Elsewhere such a window would be invented, so ingest refuses it.
   */
  acceptsAnchorWindow: boolean;
  /** What the channel counts down, if anything. The provider's model, so not an override. */
  quota: Quota | null;
  /**
   * Provider failure reasons (transports map provider errors to them) that mean the provider sees the window
   * closed: recorded on the contact's channel so free text is not offered until the contact writes again.
   */
  providerClosedReasons: readonly string[];
}

const NO_WINDOW = {
  windowHours: null,
  humanAgentDays: null,
  afterWindow: 'text',
  neverInbound: 'text',
  maxOutbound: null,
  freeMonthly: null,
  commercialTerms: false,
  afterWindowTags: [],
  lengthUnit: 'characters',
  templateBodyMax: null,
  acceptsAnchorWindow: false,
  quota: null,
  providerClosedReasons: [],
} as const satisfies Omit<ChannelRule, 'label' | 'maxTextLength'>;

/** Message tags Messenger documented for follow-ups after the window (the seed's list). */
export const MESSENGER_TAGS = ['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE'] as const;

/** What each Messenger tag may be used for (Messenger Platform policy), shown when an agent picks one. */
export const MESSAGE_TAG_USES: Readonly<Record<string, string>> = {
  ACCOUNT_UPDATE: 'A non-recurring change to their account or application (e.g. status changed, suspicious activity).',
  CONFIRMED_EVENT_UPDATE: 'A reminder or update about an event they registered for.',
  POST_PURCHASE_UPDATE: 'An update about a purchase they made (receipt, shipping, order status).',
  HUMAN_AGENT: 'A reply written by a person, up to 7 days after their last message.',
};

export const DEFAULT_RULES: Readonly<Record<ChannelType, Readonly<ChannelRule>>> = {
  telegram: { ...NO_WINDOW, label: 'Telegram', maxTextLength: 4096, afterWindowTags: [] },
  line: { ...NO_WINDOW, label: 'LINE', maxTextLength: 5000, lengthUnit: 'utf16', afterWindowTags: [] },
  webchat: { ...NO_WINDOW, label: 'Website chat', maxTextLength: null, afterWindowTags: [] },
  sms: { ...NO_WINDOW, label: 'SMS', maxTextLength: 1600, afterWindowTags: [] },
  email: { ...NO_WINDOW, label: 'Email', maxTextLength: null, afterWindowTags: [] },
  whatsapp: {
    ...NO_WINDOW,
    label: 'WhatsApp',
    windowHours: 24,
    afterWindow: 'template',
    neverInbound: 'template',
    maxTextLength: 4096,
    templateBodyMax: 1024,
    afterWindowTags: [],
    // Cloud API 131047 "Re-engagement message".
    providerClosedReasons: ['whatsapp.window_closed'],
  },
  messenger: {
    ...NO_WINDOW,
    label: 'Messenger',
    windowHours: 24,
    humanAgentDays: 7,
    afterWindow: 'tag',
    neverInbound: 'nothing',
    afterWindowTags: [...MESSENGER_TAGS],
    maxTextLength: 2000,
    acceptsAnchorWindow: true,
    // Send API (#10) 2018278 "outside of allowed window"; (#551) / 1545041 "person isn't available".
    providerClosedReasons: ['messenger.window_closed', 'messenger.person_unavailable'],
  },
  instagram: {
    ...NO_WINDOW,
    label: 'Instagram',
    windowHours: 24,
    humanAgentDays: 7,
    afterWindow: 'nothing',
    neverInbound: 'nothing',
    maxTextLength: 1000,
    afterWindowTags: [],
    acceptsAnchorWindow: true,
    providerClosedReasons: ['instagram.window_closed', 'instagram.person_unavailable'],
  },
  viber: {
    ...NO_WINDOW,
    label: 'Viber',
    windowHours: 24,
    afterWindow: 'chatbot_initiated',
    neverInbound: 'chatbot_initiated',
    freeMonthly: 10_000,
    maxTextLength: 7000,
    afterWindowTags: [],
    quota: 'monthly_free',
    // send_message status 6 "receiver not subscribed".
    providerClosedReasons: ['viber.not_subscribed'],
  },
  wechat: {
    ...NO_WINDOW,
    label: 'WeChat',
    windowHours: 48,
    afterWindow: 'nothing',
    neverInbound: 'nothing',
    maxOutbound: 20,
    maxTextLength: null,
    afterWindowTags: [],
    quota: 'session_cap',
    // errcode 45015 (out of time), 45047 (out of response count), 43004 (not following the account).
    providerClosedReasons: ['wechat.window_expired', 'wechat.outbound_cap_reached', 'wechat.not_subscribed'],
  },
};

/** Operator overrides of one channel's defaults (config file `policy.<channel>`). */
export const channelRuleOverrideSchema = z
  .object({
    windowHours: z.number().positive().optional(),
    humanAgentDays: z.number().nonnegative().optional(),
    maxOutbound: z.number().int().nonnegative().optional(),
    freeMonthly: z.number().int().nonnegative().optional(),
    commercialTerms: z.boolean().optional(),
    afterWindowTags: z.array(z.string().min(1)).optional(),
    maxTextLength: z.number().int().positive().optional(),
  })
  .strict();
export type ChannelRuleOverride = z.infer<typeof channelRuleOverrideSchema>;

export const ruleOverridesSchema = z.partialRecord(channelTypeSchema, channelRuleOverrideSchema);
export type RuleOverrides = { [C in ChannelType]?: ChannelRuleOverride };

/** The rule in force for a channel: the table's default with the operator's overrides on top. */
export function ruleFor(channel: ChannelType, overrides?: RuleOverrides): ChannelRule {
  const base = DEFAULT_RULES[channel];
  const o = overrides?.[channel];
  if (!o) return base;
  const defined = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return { ...base, ...defined };
}

/** What a channel counts down (`messagesLeft`), for surfaces that word it: not overridable, so no overrides. */
export function channelQuota(channel: ChannelType): Quota | null {
  return DEFAULT_RULES[channel].quota;
}

/** The provider's failure `reason` on this channel means the window is closed as the provider sees it. */
export function providerClosedWindow(channel: ChannelType, reason: string): boolean {
  return DEFAULT_RULES[channel].providerClosedReasons.includes(reason);
}

/**
 * The counter a chatbot-initiated send on a `monthly_free` channel counts in: one per channel account and
 * calendar month in UTC (Viber's free quota). Null for channels whose quota is not kept in counters.
 */
export function quotaCounterKey(channel: ChannelType, channelId: string | null | undefined, at: Date): string | null {
  if (DEFAULT_RULES[channel].quota !== 'monthly_free') return null;
  return `${channel}:${channelId || 'default'}:${at.toISOString().slice(0, 7)}`;
}

export function isChannelType(value: unknown): value is ChannelType {
  return typeof value === 'string' && (CHANNEL_TYPES as readonly string[]).includes(value);
}
