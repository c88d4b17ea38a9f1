/**
 * What a provider webhook may hand to ingest, shared by src/transports (which builds these events) and
 * src/ingest (which resolves and applies them). Neither imports the other: both import this module.
 *
 * Webhooks build events only through the typed builders below, so a misspelt field or a missing `at` is a
 * compile error in the provider, not a rejected event at run time. The shapes are a subset of the ingest
 * schema's input (src/ingest/events.ts); test/contract/ingest-events.test.ts checks that every shape here
 * is accepted by it, by type and by value.
 */
import type { ChannelType } from '../policy/index.js';

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

export type InboundKind = (typeof INBOUND_KINDS)[number];

/**
 * `addr:<channel type>:<address>`: a contact known by its channel address only. A webhook knows the sender
 * only by the provider's address; ingest maps this id to the contact holding that address on that channel,
 * or creates the contact under it.
 */
export function addressContactId(type: ChannelType, address: string): string {
  return `addr:${type}:${address}`;
}

/** A contact's channel as a webhook knows it. */
export type ChannelAddress = { type: ChannelType; channelId?: string; address: string };

/** What a provider's profile may say about a person (each field only when the provider gives it). */
export type ContactProfile = {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  language?: string;
};

export type ContactUpsertedEvent = {
  id: string;
  type: 'contact.upserted';
  at: string;
  contact: ContactProfile & { id: string; channels: ChannelAddress[] };
};

export type MessageReceivedEvent = {
  id: string;
  type: 'message.received';
  at: string;
  contactId: string;
  channel: ChannelType;
  channelId?: string;
  kind: InboundKind;
  text?: string;
  windowHours?: number;
};

/** Viber only: nothing reaches an unsubscribed contact. */
export type SubscriptionEvent = {
  id: string;
  type: 'contact.subscribed' | 'contact.unsubscribed';
  at: string;
  contactId: string;
  channel: 'viber';
  channelId?: string;
};

/** Every event a webhook may produce. */
export type ProviderIngestEvent = ContactUpsertedEvent | MessageReceivedEvent | SubscriptionEvent;

/**
 * An event as ingest receives it from a webhook: its `addr:` ids not yet resolved, and validated again by the
 * ingest schema on apply (a webhook's events are typed, a bridge's are not).
 */
export type IngestEventDraft = Record<string, unknown> & { id: string; type: string; at: string };

/** The object without its undefined fields: events carry only what the provider said. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Where a sender writes to us: the channel type, our channel account (absent = the default), their address. */
export interface SenderAddress {
  channel: ChannelType;
  channelId?: string | undefined;
  address: string;
}

type Optional<T> = { [K in keyof T]?: T[K] | undefined };

/** The contact behind a sender address, created or merged; `profile` fields that are undefined are left out. */
export function addressedContact(
  event: { id: string; at: string; profile?: Optional<ContactProfile> } & SenderAddress,
): ContactUpsertedEvent {
  const channel = defined({ type: event.channel, channelId: event.channelId, address: event.address });
  return {
    id: event.id,
    type: 'contact.upserted',
    at: event.at,
    contact: {
      id: addressContactId(event.channel, event.address),
      ...defined(event.profile ?? {}),
      channels: [channel],
    },
  };
}

/** A customer action on a channel: the window anchor at `at`, the provider's time. */
export function inboundMessage(event: {
  id: string;
  at: string;
  contactId: string;
  channel: ChannelType;
  channelId?: string | undefined;
  kind: InboundKind;
  text?: string | undefined;
  windowHours?: number | undefined;
}): MessageReceivedEvent {
  return defined({ ...event, type: 'message.received' as const });
}

/**
 * The usual pair for a customer writing in: their contact (`<id>:contact`) and the message (`<id>`), both
 * at the provider's time, the contact named by its address.
 */
export function inboundFromAddress(
  event: {
    id: string;
    at: string;
    kind: InboundKind;
    text?: string | undefined;
    windowHours?: number | undefined;
    profile?: Optional<ContactProfile>;
  } & SenderAddress,
): [ContactUpsertedEvent, MessageReceivedEvent] {
  const { id, at, channel, channelId, address, profile, kind, text, windowHours } = event;
  return [
    addressedContact({ id: `${id}:contact`, at, channel, channelId, address, profile }),
    inboundMessage({
      id,
      at,
      contactId: addressContactId(channel, address),
      channel,
      channelId,
      kind,
      text,
      windowHours,
    }),
  ];
}

/** A Viber contact subscribing to or unsubscribing from the bot. */
export function subscriptionChanged(event: {
  id: string;
  at: string;
  type: SubscriptionEvent['type'];
  address: string;
  channelId?: string | undefined;
}): SubscriptionEvent {
  const { id, at, type, address, channelId } = event;
  return defined({ id, type, at, contactId: addressContactId('viber', address), channel: 'viber' as const, channelId });
}
