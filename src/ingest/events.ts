/**
 * The normalised ingest event: what support bridges, channel webhooks and the importer send. Every event
 * has an `id` (idempotency: a replayed id changes nothing), a `type`, and `at`, the provider's timestamp
 * with an offset (the window anchor is the provider's time of the inbound, never our receive time).
 */
import { z } from 'zod';
import { conversationStatusSchema, isoTime } from '../contacts/model.js';
import { channelTypeSchema, templateSchema } from '../policy/index.js';

/**
 * Customer actions that open or refresh a window (POLICY.md: a message, a WhatsApp call, a Messenger
 * postback, reaction or ad referral, an Instagram story reply or mention; a WhatsApp welcome request).
 * Viber's `conversation_started` is deliberately not sent as one by its transport: Viber says it does not
 * let a bot message the user (beyond the welcome message), so it only records the contact.
 * Receipts (delivered/read) are not among them and are refused rather than mistaken for an anchor.
 */
export const INBOUND_KINDS = [
  'message',
  'call',
  'postback',
  'reaction',
  'referral',
  'optin',
  'story_reply',
  'story_mention',
  'conversation_started',
] as const;

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

export const messageReceivedSchema = z.object({
  ...base,
  type: z.literal('message.received'),
  contactId,
  channel: channelTypeSchema,
  channelId: channelAccount.optional(),
  /** Accepted for the bridge's convenience; not stored. */
  text: z.string().max(100_000).optional(),
  windowHours: z.number().positive().max(MAX_INBOUND_WINDOW_HOURS).optional(),
  kind: z.enum(INBOUND_KINDS).default('message'),
});

export const messageSentSchema = z.object({
  ...base,
  type: z.literal('message.sent'),
  contactId,
  channel: channelTypeSchema,
  channelId: channelAccount.optional(),
  text: z.string().max(100_000).optional(),
});

export const conversationOpenedSchema = z.object({
  ...base,
  type: z.literal('conversation.opened'),
  contactId,
  by: slackUserId.optional(),
});

export const conversationClosedSchema = z.object({
  ...base,
  type: z.literal('conversation.closed'),
  contactId,
  by: slackUserId.optional(),
});

export const contactAssignedSchema = z.object({
  ...base,
  type: z.literal('contact.assigned'),
  contactId,
  assignee: slackUserId.nullable(),
});

export const templateUpsertedSchema = z.object({
  ...base,
  type: z.literal('template.upserted'),
  template: templateSchema,
});

/** Viber: a contact unsubscribing from (or subscribing to) the bot; nothing reaches an unsubscribed contact. */
export const contactUnsubscribedSchema = z.object({
  ...base,
  type: z.literal('contact.unsubscribed'),
  contactId,
  channel: z.literal('viber').default('viber'),
  channelId: channelAccount.optional(),
});

export const contactSubscribedSchema = z.object({
  ...base,
  type: z.literal('contact.subscribed'),
  contactId,
  channel: z.literal('viber').default('viber'),
  channelId: channelAccount.optional(),
});

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
