/**
 * The site backend's HTTP answers → policy reasons (our contract, README.md): 2xx delivered, 4xx refused
 * for good, 5xx and timeouts worth retrying. Tried in order; the first matching rule decides.
 */
import type { NetworkFailure } from '../http.js';
import type { SendFailure } from '../transport.js';

export interface WebchatStatusRule {
  statuses: readonly number[] | { from: number; to: number };
  reason: string;
  retryable: boolean;
  note: string;
}

export const WEBCHAT_STATUS_RULES: readonly WebchatStatusRule[] = [
  {
    statuses: [408, 429],
    reason: 'provider_error',
    retryable: true,
    note: 'request timeout / rate limited: the site asks us to come back later',
  },
  {
    statuses: { from: 300, to: 399 },
    reason: 'webchat.rejected',
    retryable: false,
    note: 'redirects are not followed (a signed POST must reach webhookUrl itself): fix webhookUrl',
  },
  {
    statuses: { from: 400, to: 499 },
    reason: 'webchat.rejected',
    retryable: false,
    note: 'the site refused the message (bad signature, unknown visitor, invalid body): resending changes nothing',
  },
  {
    statuses: { from: 500, to: 599 },
    reason: 'provider_error',
    retryable: true,
    note: 'the site failed: retry with backoff (it dedupes on `id`)',
  },
];

function covers(rule: WebchatStatusRule, status: number): boolean {
  return Array.isArray(rule.statuses)
    ? (rule.statuses as readonly number[]).includes(status)
    : status >= (rule.statuses as { from: number }).from && status <= (rule.statuses as { to: number }).to;
}

/** The failure for a non-2xx answer; `body` is the answer's text (its `error` field is quoted when JSON). */
export function webchatFailure(status: number, body: string, location?: string | null): SendFailure {
  const rule = WEBCHAT_STATUS_RULES.find((r) => covers(r, status));
  let said = body.trim();
  try {
    const json = JSON.parse(said) as unknown;
    if (json && typeof json === 'object') {
      const error = (json as Record<string, unknown>).error ?? (json as Record<string, unknown>).message;
      if (typeof error === 'string') said = error;
    }
  } catch {
    // Not JSON: quote the text as is.
  }
  const where =
    status >= 300 && status < 400 && location ? ` (redirect to ${location}; set webhookUrl to the final address)` : '';
  const detail = `HTTP ${status}${where}${said ? `: ${said.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`;
  return { ok: false, reason: rule?.reason ?? 'provider_error', detail, retryable: rule?.retryable ?? true };
}

/** A request that got no answer: refused connection, DNS failure, reset, or our timeout. */
export function webchatNetworkFailure(failure: NetworkFailure): SendFailure {
  const detail = failure.timedOut
    ? failure.detail
    : `request failed: ${failure.cause ?? failure.message}`.slice(0, 300);
  return { ok: false, reason: 'provider_error', detail, retryable: true };
}
