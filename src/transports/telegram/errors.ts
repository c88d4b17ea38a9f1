/**
 * Bot API error → policy reason. Telegram's `error_code` mirrors the HTTP status and the `description`
 * string carries the cause (https://core.telegram.org/bots/api#making-requests: "An Integer 'error_code'
 * field is also returned, but its contents are subject to change in the future"), so rows match on both.
 * Rows are tried in order; the first match wins. Unmatched errors are 'provider_error', retryable for 5xx/429.
 */
import { retryableStatus } from '../provider.js';

export interface TelegramErrorRule {
  errorCode: number;
  /** Matched case-insensitively against `description`; absent = any description. */
  description?: RegExp;
  reason: string;
  retryable: boolean;
}

export const TELEGRAM_ERRORS: readonly TelegramErrorRule[] = [
  // "Forbidden: bot was blocked by the user": the contact blocked the bot.
  { errorCode: 403, description: /bot was blocked by the user/i, reason: 'telegram.blocked', retryable: false },
  // "Forbidden: user is deactivated": the contact deleted their account; nothing reaches it any more.
  { errorCode: 403, description: /user is deactivated/i, reason: 'telegram.blocked', retryable: false },
  // "Bad Request: chat not found": the chat id is unknown to this bot (never started it, or a wrong id).
  { errorCode: 400, description: /chat not found/i, reason: 'telegram.no_address', retryable: false },
  // "Too Many Requests: retry after N" with parameters.retry_after: flood control.
  { errorCode: 429, reason: 'provider_error', retryable: true },
];

export function telegramFailureReason(errorCode: number, description: string): { reason: string; retryable: boolean } {
  const rule = TELEGRAM_ERRORS.find(
    (r) => r.errorCode === errorCode && (!r.description || r.description.test(description)),
  );
  return rule
    ? { reason: rule.reason, retryable: rule.retryable }
    : { reason: 'provider_error', retryable: retryableStatus(errorCode) };
}
