/**
 * The normalised ingest event: what support bridges, channel webhooks and the importer send. Every event
 * has an `id` (idempotency: a replayed id changes nothing), a `type`, and `at`, the provider's timestamp
 * with an offset (the window anchor is the provider's time of the inbound, never our receive time).
 */
import { z } from 'zod';
import { conversationStatusSchema, isoTime } from '../contacts/model.js';
import { CHANNEL_TYPES, type RuleOverrides, channelTypeSchema, ruleFor, templateSchema } from '../policy/index.js';
import { INBOUND_KINDS } from '../contract/ingest-events.js';

/** Customer actions that open or refresh a window: shared with the webhooks that produce them. */
export { INBOUND_KINDS } from '../contract/ingest-events.js';

/**
 * How far an event time may be ahead of our clock. Provider and server clocks kept by NTP differ by
 * milliseconds, a badly set one by seconds to a few minutes; beyond that the time is wrong, and a window
 * anchored in the future would stay open until then (anchors only move forward, so nothing later repairs it).
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** The longest window an inbound may carry (Messenger/Instagram ad referral: 7 days). Catches seconds sent as hours. */
export const MAX_INBOUND_WINDOW_HOURS = 168;

const contactId = z.string().min(1).max(200);
const slackUserId = z.string().min(1).max(64);
const channelAccount = z.string().min(1).max(200);

const base = {
  id: z.string().min(1).max(200),
  at: isoTime,
};

const upsertedChannel = z.object({
  type: channelTypeSchema,
  channelId: channelAccount.optional(),
  address: z.string().min(1).max(320).optional(),
});

export const contactUpsertedSchema = z.object({
  ...base,
  type: z.literal('contact.upserted'),
  contact: z.object({
    id: contactId,
    firstName: z.string().max(200).optional(),
    lastName: z.string().max(200).optional(),
    email: z.union([z.literal(''), z.email().max(320)]).optional(),
    phone: z.string().max(64).optional(),
    language: z.string().max(15).optional(),
    channels: z.array(upsertedChannel).max(50).optional(),
    status: conversationStatusSchema.optional(),
    assignee: slackUserId.nullable().optional(),
  }),
});

/** An event about one contact: the fields every event has, its type, the contact's id, and what it says. */
function contactEvent<Type extends string, Shape extends z.ZodRawShape>(type: Type, shape: Shape) {
  return z.object({ ...base, type: z.literal(type), contactId, ...shape });
}

export const messageReceivedSchema = contactEvent('message.received', {
  channel: channelTypeSchema,
  channelId: channelAccount.optional(),
  /** Accepted for the bridge's convenience; not stored. */
  text: z.string().max(100_000).optional(),
  windowHours: z.number().positive().max(MAX_INBOUND_WINDOW_HOURS).optional(),
  kind: z.enum(INBOUND_KINDS).default('message'),
});

export const messageSentSchema = contactEvent('message.sent', {
  channel: channelTypeSchema,
  channelId: channelAccount.optional(),
  text: z.string().max(100_000).optional(),
});

/** Who opened or closed the conversation, when a person did. */
const conversationChange = { by: slackUserId.optional() };

export const conversationOpenedSchema = contactEvent('conversation.opened', conversationChange);
export const conversationClosedSchema = contactEvent('conversation.closed', conversationChange);
export const contactAssignedSchema = contactEvent('contact.assigned', { assignee: slackUserId.nullable() });

export const templateUpsertedSchema = z.object({
  ...base,
  type: z.literal('template.upserted'),
  template: templateSchema,
});

/** Viber: a contact unsubscribing from (or subscribing to) the bot; nothing reaches an unsubscribed contact. */
const viberSubscription = {
  channel: z.literal('viber').default('viber'),
  channelId: channelAccount.optional(),
};

export const contactUnsubscribedSchema = contactEvent('contact.unsubscribed', viberSubscription);
export const contactSubscribedSchema = contactEvent('contact.subscribed', viberSubscription);

export const ingestEventSchema = z.discriminatedUnion('type', [
  contactUpsertedSchema,
  messageReceivedSchema,
  messageSentSchema,
  conversationOpenedSchema,
  conversationClosedSchema,
  contactAssignedSchema,
  templateUpsertedSchema,
  contactUnsubscribedSchema,
  contactSubscribedSchema,
]);

export type IngestEvent = z.output<typeof ingestEventSchema>;
export type IngestEventInput = z.input<typeof ingestEventSchema>;
export type EventType = IngestEvent['type'];
export type ContactEvent = Exclude<IngestEvent, { type: 'template.upserted' }>;

export const EVENT_TYPES = ingestEventSchema.options.map((o) => o.shape.type.value) as EventType[];

/** The contact an event is about, or null for events that are not about one contact. */
export function contactIdOf(event: IngestEvent): string | null {
  switch (event.type) {
    case 'contact.upserted':
      return event.contact.id;
    case 'template.upserted':
      return null;
    default:
      return event.contactId;
  }
}

/** What is wrong with a well-formed event given our clock and rules: where (a field path) and what to do. */
export interface EventProblem {
  path: string;
  message: string;
}

const ANCHOR_WINDOW_CHANNELS = CHANNEL_TYPES.filter((c) => ruleFor(c).acceptsAnchorWindow).map((c) => ruleFor(c).label);

/** Checks the schema cannot make: an event time ahead of our clock, a carried window on a channel without one. */
export function eventProblem(event: IngestEvent, now: Date, rules?: RuleOverrides): EventProblem | null {
  if (Date.parse(event.at) - now.getTime() > MAX_CLOCK_SKEW_MS) {
    return {
      path: 'at',
      message:
        `${event.at} is more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes ahead of this server's clock ` +
        `(${now.toISOString()}); send the provider's timestamp`,
    };
  }
  if (event.type === 'message.received' && event.windowHours !== undefined) {
    const rule = ruleFor(event.channel, rules);
    if (!rule.acceptsAnchorWindow) {
      return {
        path: 'windowHours',
        message:
          `${rule.label} messages carry no window of their own (only ${ANCHOR_WINDOW_CHANNELS.join(' and ')} ` +
          `ad referrals do); remove windowHours`,
      };
    }
  }
  return null;
}
