/**
 * Outbound: "Send push message" (https://developers.line.biz/en/reference/messaging-api/#send-push-message):
 * `POST {baseUrl}/v2/bot/message/push` with `Authorization: Bearer <channel access token>`,
 * `X-Line-Retry-Key: <UUID>` and JSON `{ to, messages: [{ type: 'text', text }] }`; 200 answers
 * `{ sentMessages: [{ id, quoteToken }] }`. A retried push with the same retry key answers 409
 * ("An API request with the same retry key has already been accepted", optionally repeating
 * sentMessages and naming the first request in `X-Line-Accepted-Request-Id`), which we report as the
 * success it was (https://developers.line.biz/en/docs/messaging-api/retrying-api-request/).
 */
import type { GuardedSendRequest, ProviderDeps, SendGuard } from '../provider.js';
import { providerFailure } from '../provider.js';
import type { SendResult } from '../transport.js';
import { lineFailureReason } from './errors.js';
import { parseJson, request, withoutTrailingSlash } from '../http.js';
import type { LineOptions } from './options.js';
import { lineRetryKey } from './retry-key.js';

interface PushAnswer {
  sentMessages?: Array<{ id?: string; quoteToken?: string }>;
  message?: string;
  details?: Array<{ message?: string; property?: string }>;
}

export const LINE_SEND_GUARD: SendGuard = {
  channel: 'line',
  supports: ['text'],
  noAddress: 'This contact has no LINE user id yet (they must add the account or message it first).',
  unsupported: (kind) => `LINE does not support ${kind} messages here.`,
};

export async function sendLineMessage(
  options: LineOptions,
  deps: ProviderDeps,
  { plan, address, idempotencyKey }: GuardedSendRequest,
): Promise<SendResult> {
  const { channelAccessToken, baseUrl, timeoutMs } = options;
  const retryKey = lineRetryKey(idempotencyKey);
  const outcome = await request(
    deps,
    `${withoutTrailingSlash(baseUrl)}/v2/bot/message/push`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${channelAccessToken}`,
        'content-type': 'application/json',
        'x-line-retry-key': retryKey,
      },
      body: JSON.stringify({ to: address, messages: [{ type: 'text', text: plan.text }] }),
    },
    timeoutMs,
  );
  if (!outcome.ok) return providerFailure('provider_error', `LINE: ${outcome.detail}`, true);

  const body = parseJson(outcome.text) as PushAnswer | undefined;
  const sentId = body?.sentMessages?.[0]?.id;
  if (outcome.status === 200) {
    const requestId = outcome.headers.get('x-line-request-id');
    const id = sentId ?? (requestId ? `line-request:${requestId}` : `line-retry-key:${retryKey}`);
    return { ok: true, providerMessageId: String(id), sandbox: false };
  }
  if (outcome.status === 409) {
    // Already accepted under this retry key: the message went out once; do not send it again.
    const accepted = outcome.headers.get('x-line-accepted-request-id');
    const id = sentId ?? (accepted ? `line-request:${accepted}` : `line-retry-key:${retryKey}`);
    deps.logger.info('LINE push already accepted under retry key', retryKey, 'as', id);
    return { ok: true, providerMessageId: String(id), sandbox: false };
  }
  const message = body?.message ?? `HTTP ${outcome.status}`;
  const details = (body?.details ?? [])
    .map((d) => [d.property, d.message].filter(Boolean).join(': '))
    .filter(Boolean)
    .join('; ');
  const { reason, retryable } = lineFailureReason(outcome.status, message);
  return providerFailure(reason, `LINE ${outcome.status}: ${message}${details ? ` (${details})` : ''}`, retryable);
}
