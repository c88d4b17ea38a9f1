/**
 * Inbound: LINE POSTs `{ destination, events: [...] }` to the webhook URL with `x-line-signature`, the
 * Base64 HMAC-SHA256 of the raw request body keyed with the channel secret
 * (https://developers.line.biz/en/docs/messaging-api/verify-webhook-signature/). We verify it over the
 * raw body, in constant time, before parsing anything.
 *
 * Webhook event objects (https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects)
 * carry `type`, `timestamp` (ms), `webhookEventId` (unique per event, kept on redelivery), `source`
 * (`{ type: 'user', userId }` in one-to-one chats) and, per type, `message` or `postback`.
 * The console's "Verify" button sends a signed body with `events: []`: answered 200 with nothing to apply.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { type ProviderIngestEvent, addressedContact, inboundFromAddress } from '../../contract/ingest-events.js';
import type { InboundWebhook, WebhookRequest, WebhookResponse } from '../provider.js';
import { jsonBody, refused } from '../webhook-response.js';
import type { LineOptions } from './options.js';

export const SIGNATURE_HEADER = 'x-line-signature';

const bodySchema = z.object({
  destination: z.string().optional(),
  events: z.array(z.looseObject({ type: z.string().min(1) })),
});

const userEventSchema = z.object({
  type: z.string(),
  /** Milliseconds since the epoch. */
  timestamp: z.number().int().nonnegative(),
  webhookEventId: z.string().min(1).max(150),
  source: z.object({ type: z.string(), userId: z.string().min(1).max(300).optional() }),
  message: z.object({ id: z.string(), type: z.string(), text: z.string().optional() }).optional(),
  postback: z.object({ data: z.string() }).optional(),
});

function signatureMatches(channelSecret: string, rawBody: string, header: string): boolean {
  const expected = createHmac('sha256', channelSecret).update(rawBody, 'utf8').digest();
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export class LineWebhook implements InboundWebhook {
  readonly path: string;

  constructor(
    private readonly options: LineOptions,
    /** Channel account id for events (absent = the default LINE account). */
    private readonly channelId: string | undefined,
  ) {
    this.path = `line/${channelId ?? 'default'}`;
  }

  async handle(req: WebhookRequest): Promise<WebhookResponse> {
    if (req.method.toUpperCase() !== 'POST') return refused(405, `method ${req.method}`);
    const signature = req.headers[SIGNATURE_HEADER];
    if (!signature) return refused(401, 'missing x-line-signature header');
    if (!signatureMatches(this.options.channelSecret, req.rawBody, signature)) {
      return refused(401, 'x-line-signature does not match the body (channelSecret)');
    }

    const body = jsonBody(req.rawBody, bodySchema);
    if (!body) return { status: 400, events: [] };

    const events: ProviderIngestEvent[] = [];
    for (const raw of body.events) {
      // Unfollow, join, beacon…: acknowledged, nothing to apply.
      if (raw.type !== 'message' && raw.type !== 'postback' && raw.type !== 'follow') continue;
      const parsed = userEventSchema.safeParse(raw);
      if (!parsed.success) return { status: 400, events: [] };
      const event = parsed.data;
      if (event.type === 'message' && !event.message) return { status: 400, events: [] };
      // Only one-to-one chats: a group or room is not a contact we can push to as a person.
      if (event.source.type !== 'user' || !event.source.userId) continue;

      const sender = { channel: 'line' as const, channelId: this.channelId, address: event.source.userId };
      const at = new Date(event.timestamp).toISOString();
      const id = `line:${event.webhookEventId}`;
      if (event.type === 'follow') {
        events.push(addressedContact({ id, at, ...sender }));
        continue;
      }
      const text = event.type === 'message' && event.message?.type === 'text' ? event.message.text : undefined;
      const kind = event.type === 'postback' ? 'postback' : 'message';
      events.push(...inboundFromAddress({ id, at, ...sender, kind, text }));
    }
    return { status: 200, events };
  }
}
