/**
 * Viber callbacks: verified with `X-Viber-Content-Signature` (hex HMAC-SHA256 of the raw body keyed with
 * the bot's auth token, no prefix) and turned into ingest events and delivery reports.
 *
 * Callback formats: https://developers.viber.com/docs/api/rest-bot-api/#callbacks and
 * https://creators.viber.com/docs/bots-api/events/ (message, subscribed, unsubscribed, conversation-started,
 * message-delivered, message-seen, message-failed; `webhook` is the set_webhook availability check).
 * Viber retries a callback until it gets HTTP 200 (developers.viber.com/docs/faq), so every event id is
 * derived from the callback itself: a redelivery yields the same ids.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryStatus } from '../../contract/delivery-reports.js';
import {
  type ContactUpsertedEvent,
  type ProviderIngestEvent,
  addressedContact,
  inboundFromAddress,
  subscriptionChanged,
} from '../../contract/ingest-events.js';
import type { InboundWebhook, WebhookRequest, WebhookResponse } from '../provider.js';
import { idString, parseJsonLossless } from '../json.js';
import { acknowledged, refused } from '../webhook-response.js';
import { stripByteOrderMark } from '../../contract/byte-order-mark.js';

interface ViberUser {
  id: string;
  name?: string;
  language?: string;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

export class ViberWebhook implements InboundWebhook {
  constructor(
    readonly path: string,
    private readonly authToken: string,
    /** Channel account id the events carry (absent for the default Viber account). */
    private readonly channelId: string | undefined,
  ) {}

  async handle(request: WebhookRequest): Promise<WebhookResponse> {
    if (request.method !== 'POST') return refused(405, `method ${request.method} not allowed`);

    const signature = request.headers['x-viber-content-signature'];
    if (!signature) return refused(401, 'missing X-Viber-Content-Signature');
    if (!this.signatureMatches(request.rawBody, signature.trim())) return refused(401, 'bad X-Viber-Content-Signature');

    let payload: Record<string, unknown>;
    try {
      const parsed = parseJsonLossless(stripByteOrderMark(request.rawBody));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      payload = parsed as Record<string, unknown>;
    } catch {
      return malformed('body is not a JSON object');
    }

    const event = payload.event;
    if (typeof event !== 'string') return malformed('no event name');
    if (event === 'webhook') return ok(); // set_webhook's availability check: answer 200, nothing to ingest

    const timestamp = payload.timestamp;
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp <= 0)
      return malformed('no timestamp');
    const at = new Date(timestamp).toISOString();
    const token = idString(payload.message_token);

    switch (event) {
      case 'message': {
        const sender = user(payload.sender);
        if (!sender) return malformed('message without sender.id');
        if (!token) return malformed('message without message_token');
        const message = payload.message as { type?: unknown; text?: unknown } | undefined;
        return ok(
          inboundFromAddress({
            id: `viber:${token}`,
            at,
            channel: 'viber',
            channelId: this.channelId,
            address: sender.id,
            profile: profileOf(sender),
            kind: 'message',
            text: typeof message?.text === 'string' ? message.text : undefined,
          }),
        );
      }

      case 'subscribed': {
        const subscriber = user(payload.user);
        if (!subscriber) return malformed('subscribed without user.id');
        const id = `viber:subscribed:${token ?? `${subscriber.id}:${timestamp}`}`;
        const { channelId } = this;
        return ok([
          this.contactUpserted(`${id}:contact`, at, subscriber),
          subscriptionChanged({ id, at, type: 'contact.subscribed', address: subscriber.id, channelId }),
        ]);
      }

      case 'unsubscribed': {
        const userId = typeof payload.user_id === 'string' && payload.user_id ? payload.user_id : null;
        if (!userId) return malformed('unsubscribed without user_id');
        const id = `viber:unsubscribed:${token ?? `${userId}:${timestamp}`}`;
        const { channelId } = this;
        return ok([subscriptionChanged({ id, at, type: 'contact.unsubscribed', address: userId, channelId })]);
      }

      case 'conversation_started': {
        // "This event is not considered a subscribe event and does not allow your bot to send messages to
        // the user unless a welcome message is sent" (creators.viber.com/docs/bots-api/events/conversation-started):
        // it opens no session, so it is not a window anchor; only the profile is recorded.
        const opener = user(payload.user);
        if (!opener) return malformed('conversation_started without user.id');
        return ok([
          this.contactUpserted(
            `viber:conversation_started:${token ?? `${opener.id}:${timestamp}`}:contact`,
            at,
            opener,
          ),
        ]);
      }

      case 'delivered':
      case 'seen':
      case 'failed': {
        if (!token) return malformed(`${event} without message_token`);
        const status: DeliveryStatus = {
          providerMessageId: token,
          status: event === 'seen' ? 'read' : event,
          at,
        };
        if (event === 'failed' && typeof payload.desc === 'string' && payload.desc) status.detail = payload.desc;
        return ok([], [status]);
      }

      default:
        // client_status, action and any event Viber adds later: acknowledged so Viber stops retrying.
        return ok();
    }
  }

  private signatureMatches(rawBody: string, signature: string): boolean {
    if (!HEX_SHA256.test(signature)) return false;
    const expected = createHmac('sha256', this.authToken).update(rawBody, 'utf8').digest();
    return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  }

  private contactUpserted(id: string, at: string, who: ViberUser): ContactUpsertedEvent {
    const sender = { channel: 'viber' as const, channelId: this.channelId, address: who.id };
    return addressedContact({ id, at, ...sender, profile: profileOf(who) });
  }
}

/** Viber gives one display name; it is kept whole rather than guessed into first and last names. */
function profileOf(who: ViberUser) {
  return { firstName: who.name?.slice(0, 200), language: who.language?.slice(0, 15) };
}

/** The sender/user object of a callback, when it names a user id. */
function user(value: unknown): ViberUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, name, language } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !id || id.length > 180) return null; // contact ids are at most 200 characters
  return {
    id,
    ...(typeof name === 'string' && name.trim() ? { name: name.trim() } : {}),
    ...(typeof language === 'string' && language ? { language } : {}),
  };
}

function ok(events: ProviderIngestEvent[] = [], statuses: DeliveryStatus[] = []): WebhookResponse {
  return acknowledged(events, statuses);
}

function malformed(why: string): WebhookResponse {
  return refused(400, `malformed Viber callback: ${why}`);
}
