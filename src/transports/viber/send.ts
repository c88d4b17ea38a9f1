/**
 * Viber outbound: `POST {baseUrl}/pa/send_message` with the `X-Viber-Auth-Token` header and a text message.
 * Format: https://creators.viber.com/docs/bots-api/resources/messaging/send-message
 * (developers.viber.com/docs/api/rest-bot-api/#send-message).
 */
import type { GuardedSendRequest, ProviderDeps, SendGuard } from '../provider.js';
import { providerFailure, retryableStatus } from '../provider.js';
import type { SendResult } from '../transport.js';
import { viberStatus } from './errors.js';
import { describeNetworkFailure, request, withoutTrailingSlash } from '../http.js';
import { idString, parseJsonLossless } from '../json.js';
import type { ViberOptions } from './options.js';

export const VIBER_SEND_GUARD: SendGuard = {
  channel: 'viber',
  // The policy core never plans templates or tags for Viber; refuse rather than send something else.
  supports: ['text'],
  noAddress: 'This contact has no Viber user id on this channel.',
  unsupported: (kind) => `Viber bots send plain text only, not a ${kind}.`,
};

export async function sendViberMessage(
  options: ViberOptions,
  deps: ProviderDeps,
  { plan, address, idempotencyKey }: GuardedSendRequest,
): Promise<SendResult> {
  const body = {
    receiver: address,
    min_api_version: options.minApiVersion,
    sender: {
      name: options.senderName,
      ...(options.senderAvatar ? { avatar: options.senderAvatar } : {}),
    },
    type: 'text',
    text: plan.text,
  };
  const outcome = await request(
    deps,
    `${withoutTrailingSlash(options.baseUrl)}/pa/send_message`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Viber-Auth-Token': options.authToken },
      body: JSON.stringify(body),
    },
    options.timeoutMs,
  );
  if (!outcome.ok) {
    return providerFailure('provider_error', `Viber could not be reached: ${describeNetworkFailure(outcome)}`, true);
  }
  if (outcome.status < 200 || outcome.status > 299) {
    return providerFailure('provider_error', `Viber answered HTTP ${outcome.status}.`, retryableStatus(outcome.status));
  }

  let result: { status?: unknown; status_message?: unknown; message_token?: unknown };
  try {
    result = parseJsonLossless(outcome.text) as typeof result;
    if (typeof result !== 'object' || result === null) throw new Error('not an object');
  } catch {
    // HTTP 200 with an unreadable body: the message may have gone out, so it is not retried.
    return providerFailure('provider_error', 'Viber answered with a body that is not JSON.', false);
  }

  const status = typeof result.status === 'number' ? result.status : Number(result.status);
  if (status === 0) {
    // Viber documents message_token on every success; should it ever be missing the message still went
    // out, so it is recorded as sent under our own key (no delivery report will match it).
    const token = idString(result.message_token) ?? `viber-untracked:${idempotencyKey}`;
    return { ok: true, providerMessageId: token, sandbox: false };
  }
  if (!Number.isInteger(status)) {
    return providerFailure('provider_error', 'Viber answered without a status.', false);
  }
  const known = viberStatus(status);
  const said = typeof result.status_message === 'string' && result.status_message ? result.status_message : known.name;
  return providerFailure(known.reason, `Viber status ${status} (${said}): ${known.description}`, known.retryable);
}
