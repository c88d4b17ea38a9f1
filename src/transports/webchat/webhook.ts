/**
 * Inbound website chat: the site's backend POSTs each visitor message, signed like our outbound requests
 * (signature.ts), to `/webhooks/webchat/<account id or "default">`. It becomes `contact.upserted` (the
 * visitor id as the webchat address, the name and email the visitor gave) and `message.received` at the
 * site's `sentAt`.
 */
import { z } from 'zod';
import { normaliseEmail } from '../../contacts/normalize.js';
import { type ProviderIngestEvent, inboundFromAddress } from '../../contract/ingest-events.js';
import type { InboundWebhook, ProviderAccount, ProviderDeps, WebhookRequest, WebhookResponse } from '../provider.js';
import { verifySignature } from './signature.js';
import { stripByteOrderMark } from '../../contract/byte-order-mark.js';

/**
 * Event ids are at most 200 characters (`webchat:<id>:contact` must fit) and contact ids too
 * (`addr:webchat:<visitorId>`).
 */
const MAX_ID = 180;

/** What the site POSTs. Unknown fields are ignored so the site can send more than we read. */
export const webchatInboundSchema = z.object({
  /** Optional; `message` (the default) is the only type read, others are acknowledged and ignored. */
  type: z.literal('message').optional(),
  /** The site's id for this message: a redelivery with the same id changes nothing. */
  id: z.string().min(1).max(MAX_ID),
  /** The site's stable visitor/user id: our address for this contact. */
  visitorId: z.string().trim().min(1).max(MAX_ID),
  text: z.string().optional(),
  /** When the visitor sent it, ISO 8601 with an offset: the anchor, never our receive time. */
  sentAt: z.iso.datetime({ offset: true }),
  name: z.string().optional(),
  email: z.string().optional(),
});

const emailAddress = z.email();

function json(status: number, body: Record<string, unknown>, extra: Partial<WebhookResponse> = {}): WebhookResponse {
  return { status, body: JSON.stringify(body), contentType: 'application/json; charset=utf-8', events: [], ...extra };
}

export function webchatWebhookPath(account: Pick<ProviderAccount, 'id'>): string {
  return `webchat/${encodeURIComponent(account.id ?? 'default')}`;
}

export class WebchatWebhook implements InboundWebhook {
  readonly path: string;

  constructor(
    private readonly account: ProviderAccount,
    private readonly secret: string,
    private readonly deps: ProviderDeps,
  ) {
    this.path = webchatWebhookPath(account);
  }

  async handle(request: WebhookRequest): Promise<WebhookResponse> {
    if (request.method.toUpperCase() !== 'POST') return json(405, { ok: false, error: 'POST only' });
    const check = verifySignature(this.secret, request.headers, request.rawBody, this.deps.now());
    if (!check.ok) return json(401, { ok: false, error: 'invalid signature' }, { refused: check.why });

    let payload: unknown;
    try {
      payload = JSON.parse(stripByteOrderMark(request.rawBody));
    } catch {
      return json(400, { ok: false, error: 'body is not JSON' });
    }
    // Other event types (typing, read…) may come later from the site: acknowledged, not read.
    const type =
      payload && typeof payload === 'object' && !Array.isArray(payload)
        ? (payload as { type?: unknown }).type
        : undefined;
    if (typeof type === 'string' && type !== 'message') return json(200, { ok: true, ignored: type.slice(0, 64) });
    const parsed = webchatInboundSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return json(400, { ok: false, error: `${issue.path.join('.') || 'body'}: ${issue.message}` });
    }
    return json(200, { ok: true }, { events: this.eventsFor(parsed.data) });
  }

  private eventsFor(message: z.output<typeof webchatInboundSchema>): ProviderIngestEvent[] {
    // One `name` field: kept whole as the first name, since splitting guesses wrong for many cultures.
    const name = message.name?.trim().slice(0, 200);
    const email = message.email?.trim() ? normaliseEmail(message.email) : '';
    const validEmail = email !== '' && email.length <= 320 && emailAddress.safeParse(email).success;
    if (email && !validEmail)
      this.deps.logger.warn(`webchat message ${message.id}: ignoring email that is not an address`);
    return inboundFromAddress({
      id: `webchat:${message.id}`,
      at: new Date(message.sentAt).toISOString(),
      channel: 'webchat',
      channelId: this.account.id,
      address: message.visitorId,
      profile: { firstName: name || undefined, email: validEmail ? email : undefined },
      kind: 'message',
      text: message.text ? message.text.slice(0, 100_000) : undefined,
    });
  }
}
