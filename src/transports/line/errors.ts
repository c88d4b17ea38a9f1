/**
 * LINE Messaging API error → policy reason. LINE has no error codes: an error body is
 * `{ message, details?: [{ message, property }] }` and the status code plus `message` tell the cause
 * (https://developers.line.biz/en/reference/messaging-api/#status-codes, #error-responses).
 * 409 on a push with `X-Line-Retry-Key` is not an error: the same request was already accepted
 * (handled in send.ts as a success). Rows are tried in order; the first match wins; anything
 * else is 'provider_error', retryable for 5xx/429.
 */
import { retryableStatus } from '../provider.js';

export interface LineErrorRule {
  status: number;
  /** Matched against the error body's `message`; absent = any message. */
  message?: RegExp;
  reason: string;
  retryable: boolean;
}

export const LINE_ERRORS: readonly LineErrorRule[] = [
  // 429 "You have reached your monthly limit.": the free/purchased message quota of the month is used up;
  // retrying will not help until the quota is raised or the month turns.
  { status: 429, message: /monthly limit/i, reason: 'line.quota_exhausted', retryable: false },
  // 429 "The API rate limit has been exceeded. Try again later.": back off and retry.
  { status: 429, reason: 'provider_error', retryable: true },
  // 400 "Failed to send messages" (e.g. a user id that does not exist), 400 validation errors,
  // 401 "Authentication failed…" (token), 403 "Access to this API is not available for your account".
  { status: 400, reason: 'provider_error', retryable: false },
  { status: 401, reason: 'provider_error', retryable: false },
  { status: 403, reason: 'provider_error', retryable: false },
];

export function lineFailureReason(status: number, message: string): { reason: string; retryable: boolean } {
  const rule = LINE_ERRORS.find((r) => r.status === status && (!r.message || r.message.test(message)));
  return rule
    ? { reason: rule.reason, retryable: rule.retryable }
    : { reason: 'provider_error', retryable: retryableStatus(status) };
}
