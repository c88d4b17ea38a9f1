/**
 * Outbound website chat: a signed JSON POST to the site's own backend (README.md, "Contract for site
 * developers"), which shows the message to the visitor. `id` is the follow-up's idempotency key, the same
 * on every retry, so the site shows a retried message once.
 */
import type { GuardedSendRequest, ProviderDeps, SendGuard } from '../provider.js';
import type { SendResult } from '../transport.js';
import { request } from '../http.js';
import { ANY_KIND } from '../send-guard.js';
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

export const WEBCHAT_SEND_GUARD: SendGuard = {
  channel: 'webchat',
  // The site shows the plan's text whatever its kind.
  supports: ANY_KIND,
  noAddress: 'This contact has no website visitor id on this channel.',
  trimAddress: true,
};

export async function sendWebchatMessage(
  options: WebchatOptions,
  deps: ProviderDeps,
  { plan, contact, address, idempotencyKey }: GuardedSendRequest,
): Promise<SendResult> {
  const now = deps.now();
  const message: WebchatOutboundMessage = {
    id: idempotencyKey,
    contactId: contact.id,
    address,
    text: plan.text,
    sentAt: now.toISOString(),
  };
  const rawBody = JSON.stringify(message);
  const timestamp = Math.floor(now.getTime() / 1000);
  const { webhookUrl, secret, timeoutMs } = options;
  const outcome = await request(
    deps,
    webhookUrl,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signatureFor(secret, timestamp, rawBody),
      },
      body: rawBody,
      // A redirected POST would lose its method or its signature's meaning: report it instead.
      redirect: 'manual',
    },
    timeoutMs,
  );
  if (!outcome.ok) return webchatNetworkFailure(outcome);
  if (outcome.status < 200 || outcome.status > 299) {
    const failure = webchatFailure(outcome.status, outcome.text, outcome.headers.get('location'));
    deps.logger.warn(`webchat send ${idempotencyKey} failed: ${failure.reason}: ${failure.detail}`);
    return failure;
  }
  return { ok: true, providerMessageId: messageIdOf(outcome.text) ?? idempotencyKey, sandbox: false };
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
