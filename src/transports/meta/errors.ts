/**
 * Graph API errors of the Send API → policy reasons (POLICY.md trap 9), as data.
 *
 * Error body (Messenger Platform "Common Error Codes",
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/error-codes):
 *   { "error": { "message", "type", "code", "error_subcode", "fbtrace_id" } }
 * Rate-limit codes: Graph API "Rate Limiting" (https://developers.facebook.com/docs/graph-api/overview/rate-limiting).
 */
import { providerFailure, retryableStatus } from '../provider.js';

export type MetaChannel = 'messenger' | 'instagram';

export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
  is_transient?: boolean;
}

export interface GraphErrorRule {
  code?: number;
  subcode?: number;
  /** Only when the request carried a message tag. */
  tagged?: boolean;
  /** `<channel>.<suffix>`, or a bare reason when `bare` is set. */
  reason: string;
  bare?: boolean;
  retryable: boolean;
  /** Where the mapping comes from. */
  source: string;
}

/** First match wins: subcode rules before code rules, tagged before untagged. */
export const GRAPH_ERROR_RULES: readonly GraphErrorRule[] = [
  {
    code: 10,
    subcode: 2018278,
    reason: 'window_closed',
    retryable: false,
    source: 'Messenger error codes: (#10) "sent outside of allowed window"',
  },
  // Instagram's spelling of the same refusal; two independent codebases map it, Meta's table excerpt did not show it.
  {
    code: 10,
    subcode: 2534022,
    reason: 'window_closed',
    retryable: false,
    source: 'secondary: IG "outside the 24h messaging window"',
  },
  {
    code: 551,
    reason: 'person_unavailable',
    retryable: false,
    source: 'Messenger error codes: (#551) / 1545041 "This person isn\'t available right now"',
  },
  { subcode: 1545041, reason: 'person_unavailable', retryable: false, source: 'Messenger error codes: 1545041' },
  // "(#100) No matching user found": the recipient id is wrong for this Page, not the tag.
  {
    code: 100,
    subcode: 2018001,
    reason: 'invalid_request',
    retryable: false,
    source: 'Messenger error codes: 100 / 2018001',
  },
  {
    code: 100,
    tagged: true,
    reason: 'tag_not_accepted',
    retryable: false,
    source: 'POLICY.md trap 9; chatwoot#14674 (dead tags answer 100 since 2026-04-27)',
  },
  { code: 100, reason: 'invalid_request', retryable: false, source: 'Graph: (#100) invalid parameter' },
  { code: 190, reason: 'auth_failed', retryable: false, source: 'Graph: 190 invalid OAuth access token' },
  { code: 102, reason: 'auth_failed', retryable: false, source: 'Graph: 102 API session (token expired)' },
  { code: 4, reason: 'rate_limited', retryable: true, source: 'Graph rate limiting: 4 application request limit' },
  { code: 17, reason: 'rate_limited', retryable: true, source: 'Graph rate limiting: 17 user request limit' },
  { code: 32, reason: 'rate_limited', retryable: true, source: 'Graph rate limiting: 32 page request limit' },
  {
    code: 613,
    reason: 'rate_limited',
    retryable: true,
    source: 'Graph rate limiting: 613 calls exceeded the rate limit',
  },
  {
    code: 80006,
    reason: 'rate_limited',
    retryable: true,
    source: 'Graph rate limiting: 80006 Messenger business use case limit',
  },
  { code: 1, reason: 'provider_error', bare: true, retryable: true, source: 'Graph: 1 unknown error, retry later' },
  {
    code: 2,
    reason: 'provider_error',
    bare: true,
    retryable: true,
    source: 'Messenger error codes: 2 "unexpected error, retry later"',
  },
];

function matches(rule: GraphErrorRule, error: GraphError, tagged: boolean): boolean {
  if (rule.code !== undefined && rule.code !== error.code) return false;
  if (rule.subcode !== undefined && rule.subcode !== error.error_subcode) return false;
  if (rule.tagged && !tagged) return false;
  return true;
}

export function describeGraphError(error: GraphError): string {
  const code =
    error.code !== undefined
      ? `(#${error.code}${error.error_subcode !== undefined ? `/${error.error_subcode}` : ''}) `
      : '';
  const trace = error.fbtrace_id ? ` [fbtrace_id ${error.fbtrace_id}]` : '';
  return `${code}${error.message ?? 'Graph API error'}${trace}`;
}

/** The reason a rule gives on a channel. */
function reasonOf(rule: GraphErrorRule, channel: MetaChannel): string {
  return rule.bare ? rule.reason : `${channel}.${rule.reason}`;
}

/** Every reason the Graph error rules give on a channel. */
export function graphFailureReasons(channel: MetaChannel): string[] {
  return GRAPH_ERROR_RULES.map((rule) => reasonOf(rule, channel));
}

/** The SendResult for a Graph error answer (HTTP status decides only where no rule applies). */
export function graphFailure(channel: MetaChannel, error: GraphError, httpStatus: number, tagged: boolean) {
  const rule = GRAPH_ERROR_RULES.find((r) => matches(r, error, tagged));
  const detail = describeGraphError(error);
  if (rule) return providerFailure(reasonOf(rule, channel), detail, rule.retryable);
  return providerFailure('provider_error', detail, error.is_transient === true || retryableStatus(httpStatus));
}
