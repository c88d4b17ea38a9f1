/**
 * Inbound: the WhatsApp Business Account webhook, mounted at `/webhooks/whatsapp/{phoneNumberId}`.
 *
 * - `GET` verification (Meta "Webhooks → Getting started / verification requests",
 *   developers.facebook.com/docs/graph-api/webhooks/getting-started): `hub.mode=subscribe`, `hub.verify_token`,
 *   `hub.challenge` → 200 with the challenge as the body when the token matches, else 403.
 * - `POST` event notifications carry `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw payload keyed with
 *   the App Secret>` (same page, "Event notifications / validating payloads"). Bad or missing → 401, no events.
 * - Payload (…/whatsapp/webhooks/reference/messages): `{ object: 'whatsapp_business_account', entry: [{ id,
 *   changes: [{ field: 'messages', value: { messaging_product, metadata: { display_phone_number, phone_number_id },
 *   contacts: [{ profile: { name }, wa_id }], messages: [{ from, id, timestamp, type, text?: { body } … }],
 *   statuses: [{ id, status, timestamp, recipient_id, errors?: [{ code, title, message, error_data: { details } }] }]
 *   } }] }] }`. Timestamps are Unix seconds (as strings).
 * - Calls (…/whatsapp/calling/user-initiated-calls, …/calling/reference): `field: 'calls'`, `value: { metadata,
 *   contacts: [{ profile: { name }, wa_id }], calls: [{ id: 'wacid…', from, to, event: 'connect'|'terminate',
 *   timestamp, direction: 'USER_INITIATED'|'BUSINESS_INITIATED', session? }] }`. A user's call opens and resets
 *   the customer service window like a message (…/messages/send-messages, "Customer service windows").
 *
 * Meta retries a delivery that is not answered 200, so redeliveries are expected: event ids are derived from
 * Meta's ids (`whatsapp:<wamid>`, `whatsapp:call:<wacid>`) and a replay is a duplicate downstream.
 */
import { z } from 'zod';
import type { DeliveryStatus } from '../../contract/delivery-reports.js';
import { type InboundKind, type ProviderIngestEvent, inboundFromAddress } from '../../contract/ingest-events.js';
import type { InboundWebhook, ProviderDeps, WebhookRequest, WebhookResponse } from '../provider.js';
import { refused } from '../webhook-response.js';
import { checkHandshake, checkSignature } from '../meta/signature.js';
import { WHATSAPP_ERROR_RULES, whatsappErrorRule } from './errors.js';
import type { WhatsappOptions } from './options.js';
import { stripByteOrderMark } from '../../contract/byte-order-mark.js';

const unixSeconds = z
  .union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()])
  .transform((v) => Number(v));

const envelopeSchema = z.object({
  object: z.string(),
  entry: z.array(
    z
      .object({
        id: z.string().optional(),
        changes: z.array(z.object({ field: z.string(), value: z.unknown() }).loose()).default([]),
      })
      .loose(),
  ),
});

const contactSchema = z
  .object({ wa_id: z.string().optional(), profile: z.object({ name: z.string().optional() }).loose().optional() })
  .loose();

const valueBase = {
  metadata: z.object({ phone_number_id: z.string(), display_phone_number: z.string().optional() }).loose(),
  contacts: z.array(z.unknown()).default([]),
};

const messagesValueSchema = z
  .object({ ...valueBase, messages: z.array(z.unknown()).default([]), statuses: z.array(z.unknown()).default([]) })
  .loose();

const callsValueSchema = z.object({ ...valueBase, calls: z.array(z.unknown()).default([]) }).loose();

const captioned = z.object({ caption: z.string().optional() }).loose().optional();
const inboundMessageSchema = z
  .object({
    from: z.string().min(1).max(64),
    id: z.string().min(1).max(180),
    timestamp: unixSeconds,
    type: z.string(),
    text: z.object({ body: z.string() }).loose().optional(),
    button: z.object({ text: z.string().optional() }).loose().optional(),
    interactive: z
      .object({
        button_reply: z.object({ title: z.string().optional() }).loose().optional(),
        list_reply: z.object({ title: z.string().optional() }).loose().optional(),
      })
      .loose()
      .optional(),
    image: captioned,
    video: captioned,
    document: captioned,
  })
  .loose();

const statusSchema = z
  .object({
    id: z.string().min(1),
    status: z.string(),
    timestamp: unixSeconds,
    recipient_id: z.string().optional(),
    errors: z
      .array(
        z
          .object({
            code: z.number().int().optional(),
            title: z.string().optional(),
            message: z.string().optional(),
            error_data: z.object({ details: z.string().optional() }).loose().optional(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose();

const callSchema = z
  .object({
    id: z.string().min(1).max(170),
    from: z.string().optional(),
    to: z.string().optional(),
    event: z.string(),
    timestamp: unixSeconds,
    direction: z.string().optional(),
    session: z.object({ sdp_type: z.string().optional() }).loose().optional(),
  })
  .loose();

const DELIVERY_STATES = new Set<DeliveryStatus['status']>(['sent', 'delivered', 'read', 'failed']);

/** Message types that are not the customer writing to us (a number-change notice). */
const NOT_CUSTOMER_ACTIONS = new Set(['system']);

function isoFromSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function textOf(msg: z.infer<typeof inboundMessageSchema>): string | undefined {
  const text =
    msg.text?.body ??
    msg.button?.text ??
    msg.interactive?.button_reply?.title ??
    msg.interactive?.list_reply?.title ??
    msg.image?.caption ??
    msg.video?.caption ??
    msg.document?.caption;
  return text ? text.slice(0, 100_000) : undefined;
}

function profileNames(contacts: unknown[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const raw of contacts) {
    const c = contactSchema.safeParse(raw);
    const name = c.success ? c.data.profile?.name?.trim() : undefined;
    if (c.success && c.data.wa_id && name) names.set(c.data.wa_id, name.slice(0, 200));
  }
  return names;
}

export class WhatsappWebhook implements InboundWebhook {
  readonly path: string;

  constructor(
    private readonly options: WhatsappOptions & { appSecret: string; verifyToken: string },
    /** The channel account id events carry (`channelId`). */
    private readonly channelId: string,
    private readonly deps: Pick<ProviderDeps, 'logger'>,
  ) {
    this.path = `whatsapp/${options.phoneNumberId}`;
  }

  async handle(request: WebhookRequest): Promise<WebhookResponse> {
    const method = request.method.toUpperCase();
    if (method === 'GET') return this.verify(request.url);
    if (method !== 'POST') return refused(405, `method ${method} not allowed`);

    const signature = checkSignature(request.headers['x-hub-signature-256'], request.rawBody, this.options.appSecret);
    if (!signature.ok) return refused(401, signature.refused);

    let json: unknown;
    try {
      json = JSON.parse(stripByteOrderMark(request.rawBody));
    } catch {
      return refused(400, 'body is not JSON');
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) return refused(400, 'body is not a webhook notification (object, entry[])');
    // Other Graph objects (page, instagram…) are valid notifications, just not ours.
    if (envelope.data.object !== 'whatsapp_business_account') return { status: 200, events: [] };

    const events: ProviderIngestEvent[] = [];
    const statuses: DeliveryStatus[] = [];
    for (const entry of envelope.data.entry) {
      for (const change of entry.changes) {
        if (change.field === 'messages') this.messagesChange(change.value, events, statuses);
        else if (change.field === 'calls') this.callsChange(change.value, events);
        // Other fields (message_template_status_update, account_update, echoes…) are acknowledged and ignored.
      }
    }
    return { status: 200, events, statuses };
  }

  private verify(url: URL): WebhookResponse {
    const handshake = checkHandshake(url, this.options.verifyToken);
    if (handshake.ok) return { status: 200, body: handshake.challenge, contentType: 'text/plain', events: [] };
    return refused(handshake.status, handshake.refused);
  }

  /** A change's value, when readable and about this account's number (a WABA webhook carries all its numbers). */
  private ourChange<S extends typeof messagesValueSchema | typeof callsValueSchema>(
    schema: S,
    raw: unknown,
    field: string,
  ): z.output<S> | undefined {
    const value = schema.safeParse(raw);
    const ignored = `WhatsApp webhook: ${field} change without metadata.phone_number_id ignored`;
    if (!value.success) this.deps.logger.warn(ignored);
    else if (value.data.metadata.phone_number_id === this.options.phoneNumberId) return value.data as z.output<S>;
    return undefined;
  }

  /** One item of a change, or undefined (logged) when it lacks what we need. */
  private readable<S extends z.ZodType>(schema: S, raw: unknown, warning: string): z.output<S> | undefined {
    const item = schema.safeParse(raw);
    if (item.success) return item.data;
    this.deps.logger.warn(`WhatsApp webhook: ${warning}`);
    return undefined;
  }

  private inbound(
    events: ProviderIngestEvent[],
    key: string,
    at: string,
    address: string,
    name: string | undefined,
    kind: InboundKind,
    text?: string,
  ): void {
    const sender = { channel: 'whatsapp' as const, channelId: this.channelId, address };
    const profile = { firstName: name || undefined };
    const id = `whatsapp:${key}`;
    events.push(...inboundFromAddress({ id, at, ...sender, profile, kind, text: text || undefined }));
  }

  private messagesChange(raw: unknown, events: ProviderIngestEvent[], statuses: DeliveryStatus[]): void {
    const value = this.ourChange(messagesValueSchema, raw, 'messages');
    if (!value) return;
    const names = profileNames(value.contacts);

    for (const rawMessage of value.messages) {
      const m = this.readable(inboundMessageSchema, rawMessage, 'inbound message without from/id/timestamp ignored');
      if (!m || NOT_CUSTOMER_ACTIONS.has(m.type)) continue;
      // A reaction is the customer acting on a message; `request_welcome` is a first chat opened with us.
      const kind =
        m.type === 'reaction' ? 'reaction' : m.type === 'request_welcome' ? 'conversation_started' : 'message';
      this.inbound(events, m.id, isoFromSeconds(m.timestamp), m.from, names.get(m.from), kind, textOf(m));
    }

    for (const rawStatus of value.statuses) {
      const s = statusSchema.safeParse(rawStatus);
      if (!s.success || !DELIVERY_STATES.has(s.data.status as DeliveryStatus['status'])) continue;
      const status: DeliveryStatus = {
        providerMessageId: s.data.id,
        status: s.data.status as DeliveryStatus['status'],
        at: isoFromSeconds(s.data.timestamp),
      };
      if (status.status === 'failed') {
        const error = s.data.errors?.[0];
        status.reason = whatsappErrorRule(error?.code).reason;
        const title =
          error?.title ??
          error?.message ??
          (error?.code !== undefined ? WHATSAPP_ERROR_RULES[error.code]?.title : undefined);
        const details = error?.error_data?.details;
        status.detail = error
          ? `(#${error.code ?? '?'}) ${title ?? 'delivery failed'}${details && details !== title ? `: ${details}` : ''}`
          : 'delivery failed (no error given)';
      }
      statuses.push(status);
    }
  }

  private callsChange(raw: unknown, events: ProviderIngestEvent[]): void {
    const value = this.ourChange(callsValueSchema, raw, 'calls');
    if (!value) return;
    const names = profileNames(value.contacts);
    const contactIds = value.contacts
      .map((c) => contactSchema.safeParse(c))
      .flatMap((c) => (c.success && c.data.wa_id ? [c.data.wa_id] : []));

    for (const rawCall of value.calls) {
      const c = this.readable(callSchema, rawCall, 'call without id/event/timestamp ignored');
      if (!c) continue;
      // Only the customer calling us counts; the connect event is the call being placed (terminate follows).
      const userInitiated =
        c.direction === 'USER_INITIATED' || (c.direction === undefined && c.session?.sdp_type === 'offer');
      if (c.event !== 'connect' || !userInitiated) continue;
      // The caller: `from` when it is one of the webhook's contacts (wa_id), else the first contact, else
      // `from` unless that is our own number.
      const from = c.from?.replace(/^\+/, '');
      const own = value.metadata.display_phone_number?.replace(/\D/g, '');
      const address =
        from && contactIds.includes(from) ? from : (contactIds[0] ?? (from && from !== own ? from : undefined));
      if (!address) {
        this.deps.logger.warn(`WhatsApp webhook: call ${c.id} without a caller ignored`);
        continue;
      }
      this.inbound(events, `call:${c.id}`, isoFromSeconds(c.timestamp), address, names.get(address), 'call');
    }
  }
}
