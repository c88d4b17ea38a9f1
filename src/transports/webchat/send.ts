/**
 * Outbound website chat: a signed JSON POST to the site's own backend (README.md, "Contract for site
 * developers"), which shows the message to the visitor. `id` is the follow-up's idempotency key, the same
 * on every retry, so the site shows a retried message once.
 */
import { providerFailure } from '../provider.js';
import type { ProviderDeps } from '../provider.js';
import type { SendRequest, SendResult, Transport } from '../transport.js';
import { webchatFailure, webchatNetworkFailure } from './errors.js';
import type { WebchatOptions } from './options.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureFor } from './signature.js';

/** The body Followup POSTs to `webhookUrl`. */
export interface WebchatOutboundMessage {
  /** The follow-up's idempotency key: dedupe on it. */
  id: string;
  /** Followup's contact id. */
  contactId: string;
  /** The site's visitor/user id (the contact's webchat channel address). */
  address: string;
  text: string;
  /** ISO 8601 UTC. */
  sentAt: string;
}

export class WebchatTransport implements Transport {
  readonly name = 'webchat';
  readonly sandbox = false;

  constructor(
    private readonly options: WebchatOptions,
    private readonly deps: ProviderDeps,
  ) {}

  async send({ plan, contact, channel, idempotencyKey }: SendRequest): Promise<SendResult> {
    const address = channel.address?.trim();
    if (!address) return providerFailure('webchat.no_address', 'This contact has no website visitor id on this channel.', false);
    const now = this.deps.now();
    const message: WebchatOutboundMessage = { id: idempotencyKey, contactId: contact.id, address, text: plan.text, sentAt: now.toISOString() };
    const rawBody = JSON.stringify(message);
    const timestamp = Math.floor(now.getTime() / 1000);
    const { webhookUrl, secret, timeoutMs } = this.options;
    let response: Response;
    let body: string;
    try {
      response = await this.deps.fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signatureFor(secret, timestamp, rawBody),
        },
        body: rawBody,
        // A redirected POST would lose its method or its signature's meaning: report it instead.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await response.text();
    } catch (err) {
      return webchatNetworkFailure(err, timeoutMs);
    }
    if (response.status < 200 || response.status > 299) {
      const failure = webchatFailure(response.status, body, response.headers.get('location'));
      this.deps.logger.warn(`webchat send ${idempotencyKey} failed: ${failure.reason}: ${failure.detail}`);
      return failure;
    }
    return { ok: true, providerMessageId: messageIdOf(body) ?? idempotencyKey, sandbox: false };
  }
}

/** `{ "messageId": "…" }` from a 2xx answer, when the site sent one. */
function messageIdOf(body: string): string | null {
  if (!body.trim()) return null;
  try {
    const json = JSON.parse(body) as unknown;
    const id = json && typeof json === 'object' ? (json as Record<string, unknown>).messageId : undefined;
    if (typeof id === 'string' && id.trim()) return id.trim().slice(0, 200);
    if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  } catch {
    // A 2xx without JSON is still a delivery.
  }
  return null;
}
