/**
 * The Messenger-platform webhook shared by Messenger (`object: "page"`) and Instagram messaging
 * (`object: "instagram"`): verify, then turn `entry[].messaging[]` into normalised ingest events.
 *
 * Payload shapes (Messenger Platform webhook event references,
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/…):
 *   messages            { sender:{id}, recipient:{id}, timestamp(ms), message:{ mid, text, is_echo?, referral? } }
 *   messaging_postbacks { …, postback:{ mid, title, payload, referral? } }
 *   message_reactions   { …, reaction:{ mid (of the message reacted to), action:"react"|"unreact", reaction, emoji } }
 *   messaging_referrals { …, referral:{ ref?, source:"ADS"|"SHORTLINK"|…, type:"OPEN_THREAD", ad_id?,
 *                         ads_context_data? } }
 *   message_deliveries  { …, delivery:{ mids?, watermark } }       (no timestamp in Meta's example)
 *   message_reads       { …, read:{ watermark } }                  Instagram messaging_seen: read:{ mid }
 * Instagram (https://developers.facebook.com/docs/instagram-platform/webhooks/examples): story replies carry
 * `message.reply_to.story { url, id }`, story mentions `message.attachments[{ type:"story_mention" }]`.
 *
 * Rules that matter for the window (POLICY.md):
 * - Echoes (`is_echo`, or anything whose sender is our own account) are the business's messages: never an
 *   inbound event, or they would move the anchor (trap 1).
 * - `at` is Meta's `timestamp` of the event (trap 2), never our receive time.
 * - A click-to-Messenger / click-to-Direct ad referral carries a 7-day window: "When the user action is a
 *   person sending their first message after clicking a Click-to-Messenger or Click-to-Direct ad, the window
 *   may last up to 7 days from that message." (Messenger Platform and IG Messaging API policy,
 *   https://developers.facebook.com/documentation/business-messaging/messenger-platform/policy/).
 * - A removed reaction (`unreact`) and an unsent message (`is_deleted`) are not new customer actions.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { DeliveryStatus } from '../../contract/delivery-reports.js';
import { type InboundKind, type ProviderIngestEvent, inboundFromAddress } from '../../contract/ingest-events.js';
import type { InboundWebhook, ProviderDeps, WebhookRequest, WebhookResponse } from '../provider.js';
import { jsonBody, refused } from '../webhook-response.js';
import type { MetaChannel } from './errors.js';
import { checkHandshake, checkSignature } from './signature.js';

/** Hours of window an ad referral carries (Meta: "up to 7 days"). */
export const AD_REFERRAL_WINDOW_HOURS = 168;

export interface MetaWebhookConfig {
  channel: MetaChannel;
  /** Mounted at `/webhooks/<path>`. */
  path: string;
  /** The `object` Meta sends for this product. */
  object: 'page' | 'instagram';
  /** Our account's Meta id (Page id, Instagram account id): `entry[].id` of our events, the sender of echoes. */
  accountId: string;
  /** The config's channel account id, carried by events as `channelId`; absent = the default account of the type. */
  channelId: string | undefined;
  appSecret: string;
  verifyToken: string;
  /** The kind of a customer message (Instagram: story replies and mentions); default `message`. */
  messageKind?: (message: Record<string, unknown>) => InboundKind;
}

/** Meta's webhook fields that carry messaging events when delivered as `entry[].changes[{ field, value }]`. */
const MESSAGING_FIELDS = new Set([
  'messages',
  'messaging_postbacks',
  'message_reactions',
  'messaging_referral',
  'messaging_referrals',
  'messaging_seen',
  'message_deliveries',
  'message_reads',
  'message_echoes',
]);

const entrySchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]),
    time: z.union([z.number(), z.string()]).optional(),
    messaging: z.array(z.unknown()).optional(),
    standby: z.array(z.unknown()).optional(),
    changes: z.array(z.unknown()).optional(),
  })
  .loose();

const payloadSchema = z.object({ object: z.string(), entry: z.array(entrySchema) }).loose();

type Rec = Record<string, unknown>;

function rec(v: unknown): Rec | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return undefined;
}

/**
 * Meta's timestamps are epoch milliseconds; the App Dashboard's sample payloads send epoch seconds as
 * strings ("1527459824"). Anything below 1e11 cannot be milliseconds of a real message (it is 1973).
 */
export function metaTime(v: unknown): string | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const date = new Date(n < 1e11 ? n * 1000 : n);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A stable event id (ingest accepts 200 characters; Meta mids are long, so very long ids are hashed). */
function eventId(channel: MetaChannel, ...parts: string[]): string {
  const id = [channel, ...parts].join(':');
  return id.length <= 180 ? id : `${channel}:sha256:${createHash('sha256').update(id).digest('hex')}`;
}

function adWindow(referral: Rec | undefined): number | undefined {
  return referral && str(referral.source)?.toUpperCase() === 'ADS' ? AD_REFERRAL_WINDOW_HOURS : undefined;
}

interface Collected {
  events: ProviderIngestEvent[];
  statuses: DeliveryStatus[];
}

function inbound(
  config: MetaWebhookConfig,
  out: Collected,
  e: {
    id: string;
    at: string;
    sender: string;
    kind: InboundKind;
    text?: string | undefined;
    windowHours?: number | undefined;
  },
): void {
  const text = e.text !== undefined && e.text.length <= 100_000 ? e.text : undefined;
  const sender = { channel: config.channel, channelId: config.channelId, address: e.sender };
  const { id, at, kind, windowHours } = e;
  out.events.push(...inboundFromAddress({ id, at, ...sender, kind, text, windowHours }));
}

/** One `messaging[]` item → events/statuses; anything unknown or incomplete is skipped. */
function translate(config: MetaWebhookConfig, item: Rec, entryTime: unknown, out: Collected): void {
  const { channel } = config;
  const sender = str(rec(item.sender)?.id);
  const at = metaTime(item.timestamp) ?? metaTime(entryTime);

  const delivery = rec(item.delivery);
  if (delivery) {
    const when = metaTime(item.timestamp) ?? metaTime(delivery.watermark) ?? metaTime(entryTime);
    const mids = Array.isArray(delivery.mids) ? delivery.mids : [];
    for (const mid of mids) {
      if (when && str(mid)) out.statuses.push({ providerMessageId: str(mid)!, status: 'delivered', at: when });
    }
    return;
  }
  const read = rec(item.read);
  if (read) {
    // Messenger reads carry only a watermark (no message ids); Instagram's messaging_seen names the mid.
    const mid = str(read.mid);
    const when = at ?? metaTime(read.watermark);
    if (mid && when) out.statuses.push({ providerMessageId: mid, status: 'read', at: when });
    return;
  }

  // Everything below is a customer action: it needs the customer's id and Meta's time, and never comes from us.
  if (!sender || !at || sender === config.accountId) return;

  const message = rec(item.message);
  if (message) {
    if (message.is_echo === true || message.is_deleted === true) return;
    const mid = str(message.mid);
    if (!mid) return;
    inbound(config, out, {
      id: eventId(channel, mid),
      at,
      sender,
      kind: config.messageKind?.(message) ?? 'message',
      text: str(message.text),
      windowHours: adWindow(rec(message.referral)) ?? adWindow(rec(item.referral)),
    });
    return;
  }

  const postback = rec(item.postback);
  if (postback) {
    const mid = str(postback.mid);
    inbound(config, out, {
      id: mid ? eventId(channel, 'postback', mid) : eventId(channel, 'postback', sender, at),
      at,
      sender,
      kind: 'postback',
      text: str(postback.title),
      windowHours: adWindow(rec(postback.referral)),
    });
    return;
  }

  const reaction = rec(item.reaction);
  if (reaction) {
    if (str(reaction.action) !== 'react') return;
    inbound(config, out, {
      id: eventId(channel, 'reaction', str(reaction.mid) ?? '-', sender, at),
      at,
      sender,
      kind: 'reaction',
    });
    return;
  }

  const referral = rec(item.referral);
  if (referral) {
    inbound(config, out, {
      id: eventId(channel, 'referral', sender, at),
      at,
      sender,
      kind: 'referral',
      windowHours: adWindow(referral),
    });
  }
  // optins, handover (pass_thread_control…), account linking, policy enforcement: acknowledged, not ingested.
}

export async function handleMetaWebhook(
  config: MetaWebhookConfig,
  deps: Pick<ProviderDeps, 'logger'>,
  request: WebhookRequest,
): Promise<WebhookResponse> {
  const method = request.method.toUpperCase();
  if (method === 'GET') {
    const hs = checkHandshake(request.url, config.verifyToken);
    if (!hs.ok) return refused(hs.status, hs.refused);
    return { status: 200, body: hs.challenge, contentType: 'text/plain', events: [] };
  }
  if (method !== 'POST') return refused(405, `method ${method} is not GET or POST`);

  const signature = checkSignature(request.headers['x-hub-signature-256'], request.rawBody, config.appSecret);
  if (!signature.ok) return refused(401, signature.refused);

  const payload = jsonBody(request.rawBody, payloadSchema);
  if (!payload) {
    return refused(400, 'malformed body: expected JSON { object, entry: [ { id, messaging: [...] } ] }');
  }
  const out: Collected = { events: [], statuses: [] };
  const ack = (): WebhookResponse => ({ status: 200, body: 'EVENT_RECEIVED', contentType: 'text/plain', ...out });

  if (payload.object !== config.object) {
    const ignored = `ignored a "${payload.object}" notification (this endpoint takes "${config.object}")`;
    deps.logger.warn(`Webhook ${config.path}: ${ignored}`);
    return ack();
  }
  for (const entry of payload.entry) {
    if (String(entry.id) !== config.accountId) {
      // Meta sends every account of an app to the app's one callback URL.
      deps.logger.warn(
        `Webhook ${config.path}: ignored events for ${config.channel} account ${entry.id} ` +
          `(this endpoint serves ${config.accountId})`,
      );
      continue;
    }
    const items: unknown[] = [...(entry.messaging ?? []), ...(entry.standby ?? [])];
    for (const change of entry.changes ?? []) {
      const c = rec(change);
      if (c && typeof c.field === 'string' && MESSAGING_FIELDS.has(c.field)) items.push(c.value);
    }
    for (const item of items) {
      const r = rec(item);
      if (r) translate(config, r, entry.time, out);
    }
  }
  return ack();
}

export function createMetaWebhook(config: MetaWebhookConfig, deps: Pick<ProviderDeps, 'logger'>): InboundWebhook {
  return { path: config.path, handle: (request) => handleMetaWebhook(config, deps, request) };
}
