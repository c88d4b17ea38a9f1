/**
 * Contact records as stored and searched. Times are ISO-8601 strings in records (JSON-safe);
 * convert with `new Date()` at the edge of the policy core.
 */
import { z } from 'zod';
import { channelTypeSchema } from '../policy/index.js';

export const isoTime = z.iso.datetime({ offset: true });

export const contactChannelSchema = z.object({
  type: channelTypeSchema,
  /** The business's channel account (WhatsApp phone number id, page id, bot…); absent = the default one. */
  channelId: z.string().min(1).optional(),
  /** How the provider addresses this contact (phone, PSID, chat id, email…). */
  address: z.string().min(1).optional(),
  /** Provider timestamp of the contact's last inbound event on this channel: the window anchor. */
  lastInboundAt: isoTime.nullable().default(null),
  /** Window length carried by that inbound event (e.g. Messenger ad referral), hours. */
  lastInboundWindowHours: z.number().positive().optional(),
  lastOutboundAt: isoTime.nullable().default(null),
  /** Business messages since the last inbound (WeChat cap). Reset by an inbound. */
  outboundSinceInbound: z.number().int().nonnegative().default(0),
  /** Viber: false after an unsubscribe event. */
  subscribed: z.boolean().optional(),
  /** When a provider refused a send as outside the window (e.g. WhatsApp 131047); cleared by an inbound. */
  closedByProviderAt: isoTime.nullable().optional(),
});
export type ContactChannel = z.infer<typeof contactChannelSchema>;

export const conversationStatusSchema = z.enum(['open', 'closed']);

export const contactSchema = z.object({
  id: z.string().min(1).max(200),
  firstName: z.string().max(200).default(''),
  lastName: z.string().max(200).default(''),
  email: z.string().max(320).default(''),
  phone: z.string().max(64).default(''),
  /** BCP-47-ish language tag (`vi`, `pt-BR`); WhatsApp templates must match it. */
  language: z.string().max(15).default(''),
  /** Slack user id of the assigned agent, or null. */
  assignee: z.string().nullable().default(null),
  status: conversationStatusSchema.default('open'),
  statusChangedAt: isoTime,
  /** Newest inbound/outbound/status activity: the search sort key. */
  lastActivityAt: isoTime,
  createdAt: isoTime,
  updatedAt: isoTime,
  channels: z.array(contactChannelSchema).default([]),
});
export type Contact = z.infer<typeof contactSchema>;

/** A contact's channel is identified by its type and channel account. */
export function channelKey(ch: { type: string; channelId?: string | undefined }): string {
  return ch.channelId ? `${ch.type}:${ch.channelId}` : ch.type;
}

export function displayName(c: Pick<Contact, 'firstName' | 'lastName' | 'email' | 'phone' | 'id'>): string {
  const name = `${c.firstName} ${c.lastName}`.trim();
  return name || c.email || c.phone || c.id;
}
