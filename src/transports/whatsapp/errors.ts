/**
 * WhatsApp Cloud API error codes → policy reasons (POLICY.md trap 9) and whether a retry can help.
 *
 * Codes and titles: Meta, "Error codes" (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes,
 * now developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes). The same codes
 * arrive synchronously (`{ error: { code } }` from POST /messages) and later in a failed status webhook
 * (`statuses[].errors[].code`), so one table serves both.
 */
import { retryableStatus } from '../provider.js';

export interface ErrorRule {
  /** Policy reason code, or 'provider_error' when the code has no policy meaning. */
  reason: string;
  /** Worth retrying through the outbox (later, with backoff). */
  retryable: boolean;
}

/** The table, as data. Codes not listed fall back to the HTTP status (5xx/429 retryable). */
export const WHATSAPP_ERROR_RULES: Readonly<Record<number, ErrorRule & { title: string }>> = {
  // Customer service window
  131047: {
    title: 'Re-engagement message (more than 24 h since the customer last replied)',
    reason: 'whatsapp.window_closed',
    retryable: false,
  },
  // Delivery
  131026: { title: 'Message undeliverable', reason: 'whatsapp.undeliverable', retryable: false },
  131030: {
    title: 'Recipient phone number not in allowed list (test number)',
    reason: 'whatsapp.recipient_not_allowed',
    retryable: false,
  },
  131050: {
    title: 'User stopped marketing messages from this business',
    reason: 'whatsapp.marketing_opted_out',
    retryable: false,
  },
  131049: {
    title: 'Not delivered to maintain healthy ecosystem engagement',
    reason: 'whatsapp.ecosystem_limited',
    retryable: false,
  },
  // Templates
  132000: {
    title: 'Number of template parameters does not match the template',
    reason: 'whatsapp.template_params_mismatch',
    retryable: false,
  },
  132001: {
    title: 'Template does not exist (name or language)',
    reason: 'whatsapp.template_not_found',
    retryable: false,
  },
  132005: { title: 'Translated template text too long', reason: 'whatsapp.template_too_long', retryable: false },
  132007: {
    title: 'Template format character policy violated',
    reason: 'whatsapp.template_format_policy',
    retryable: false,
  },
  132012: {
    title: 'Template parameter format does not match the template',
    reason: 'whatsapp.template_param_format',
    retryable: false,
  },
  132015: { title: 'Template is paused (low quality)', reason: 'whatsapp.template_paused', retryable: false },
  132016: { title: 'Template is disabled', reason: 'whatsapp.template_disabled', retryable: false },
  // Throughput: wait and try again
  131056: { title: '(Business, consumer) pair rate limit hit', reason: 'whatsapp.pair_rate_limited', retryable: true },
  130429: { title: 'Cloud API throughput rate limit hit', reason: 'whatsapp.rate_limited', retryable: true },
  80007: { title: 'WhatsApp Business Account rate limit hit', reason: 'whatsapp.rate_limited', retryable: true },
  4: { title: 'App API call rate limit hit', reason: 'whatsapp.rate_limited', retryable: true },
  131048: { title: 'Spam rate limit hit (number quality)', reason: 'whatsapp.spam_rate_limited', retryable: false },
  // Meta-side trouble
  131000: { title: 'Something went wrong', reason: 'provider_error', retryable: true },
  131016: { title: 'Service unavailable', reason: 'provider_error', retryable: true },
  2: { title: 'Temporary API service error', reason: 'provider_error', retryable: true },
  // Credentials and account: an operator must act, retrying does not help
  190: { title: 'Access token expired or invalid', reason: 'whatsapp.auth_failed', retryable: false },
  0: { title: 'Unable to authenticate the app user', reason: 'whatsapp.auth_failed', retryable: false },
  10: { title: 'Permission denied', reason: 'whatsapp.permission_denied', retryable: false },
  131031: { title: 'Business account locked', reason: 'whatsapp.account_locked', retryable: false },
  131042: { title: 'Business eligibility payment issue', reason: 'whatsapp.payment_issue', retryable: false },
  133010: { title: 'Business phone number not registered', reason: 'whatsapp.sender_not_registered', retryable: false },
  368: { title: 'Temporarily blocked for policy violations', reason: 'whatsapp.account_restricted', retryable: false },
};

/** The rule for a Graph error `code` (with the HTTP status of a synchronous answer, if any). */
export function whatsappErrorRule(code: number | undefined, httpStatus?: number): ErrorRule {
  if (code !== undefined) {
    const rule = WHATSAPP_ERROR_RULES[code];
    if (rule) return { reason: rule.reason, retryable: rule.retryable };
    // 200-299: "API Permission" family.
    if (code >= 200 && code <= 299) return { reason: 'whatsapp.permission_denied', retryable: false };
  }
  return { reason: 'provider_error', retryable: httpStatus !== undefined && retryableStatus(httpStatus) };
}
