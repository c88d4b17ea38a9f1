/**
 * Viber REST Bot API status codes → policy reasons, as data.
 *
 * Viber answers HTTP 200 even for failures; the outcome is the `status` field of the JSON body.
 * Codes and names: https://developers.viber.com/docs/api/rest-bot-api/#error-codes and
 * https://creators.viber.com/docs/bots-api/errors (names as returned in `status_message`).
 * Reasons (POLICY.md trap 9): 6 → viber.not_subscribed, 23 → viber.free_quota_exhausted, 24 → viber.no_balance.
 */

export interface ViberStatus {
  /** The `status_message` Viber returns for this code. */
  name: string;
  /** What it means, in Viber's words. */
  description: string;
  /** The reason the outbox records: a policy reason where one applies, else 'provider_error'. */
  reason: string;
  /** Worth retrying later through the outbox. */
  retryable: boolean;
}

const failure = (name: string, description: string, reason = 'provider_error', retryable = false): ViberStatus => ({
  name,
  description,
  reason,
  retryable,
});

export const VIBER_STATUSES: Readonly<Record<number, ViberStatus>> = {
  1: failure('invalidUrl', 'The webhook URL is not valid.'),
  2: failure('invalidAuthToken', 'The authentication token is not valid.', 'viber.auth_failed'),
  3: failure('badData', 'There is an error in the request itself (missing comma, brackets, etc.).'),
  4: failure('missingData', 'Some mandatory data is missing.'),
  5: failure('receiverNotRegistered', 'The receiver is not registered to Viber.'),
  6: failure('receiverNotSubscribed', 'The receiver is not subscribed to the account.', 'viber.not_subscribed'),
  7: failure('publicAccountBlocked', 'The account is blocked.'),
  8: failure('publicAccountNotFound', 'The account associated with the token is not an account.', 'viber.auth_failed'),
  9: failure('publicAccountSuspended', 'The account is suspended.'),
  10: failure('webhookNotSet', 'No webhook was set for the account.'),
  11: failure(
    'receiverNoSuitableDevice',
    "The receiver is using a device or a Viber version that doesn't support bots.",
  ),
  // "You can send up to 100 messages to a user within an hour without receiving a reply" (send-message page):
  // the limit lifts with time, so the outbox may retry.
  12: failure('tooManyRequests', 'Rate control breach.', 'provider_error', true),
  13: failure(
    'apiVersionNotSupported',
    "The maximum API version supported by all the user's devices is lower than min_api_version.",
  ),
  14: failure('incompatibleWithVersion', 'min_api_version is not compatible with the message fields.'),
  15: failure('publicAccountNotAuthorized', 'The account is not authorized.'),
  16: failure('inchatReplyMessageNotAllowed', 'Inline message not allowed.'),
  17: failure('publicAccountIsNotInline', 'The account is not inline.'),
  18: failure('noPublicChat', 'Failed to post to public account: the bot is missing a Public Chat interface.'),
  19: failure('cannotSendBroadcast', 'Cannot send broadcast message.'),
  20: failure('broadcastNotAllowed', 'Attempt to send broadcast message from the bot.'),
  21: failure('unsupportedCountry', 'The message sent is not supported in the destination country.'),
  22: failure('paymentUnsupported', 'The bot does not support payment messages.'),
  23: failure(
    'freeMessagesExceeded',
    'The non-billable bot has reached the monthly threshold of free out-of-session messages.',
    'viber.free_quota_exhausted',
  ),
  24: failure(
    'noBalance',
    'No balance for a billable bot (the free out-of-session messages threshold has been reached).',
    'viber.no_balance',
  ),
};

/**
 * Any other non-zero status is Viber's "General error". Not retried: the message may have gone out, and a
 * retry would send it twice.
 */
export function viberStatus(status: number): ViberStatus {
  return VIBER_STATUSES[status] ?? failure('generalError', 'General error.');
}
