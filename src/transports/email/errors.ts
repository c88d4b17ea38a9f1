/**
 * SMTP failures → policy reasons. SMTP has one retry rule (RFC 5321 §4.2.1): a 4yz reply is a transient
 * negative completion ("try again later"), a 5yz reply a permanent one. RFC 4954 §6 adds the AUTH replies
 * (530 authentication required, 534 mechanism too weak, 535 credentials invalid, 538 encryption
 * required; 454 temporary authentication failure). Nodemailer 10 puts the reply code on the error as
 * `responseCode` and the failing step as `code` (ECONNECTION, ETIMEDOUT, ESOCKET, EAUTH… see
 * nodemailer/dist/esm/errors.d.ts).
 *
 * The rules are tried in order; the first whose every condition matches decides.
 */
import type { SendFailure } from '../transport.js';

export interface SmtpErrorRule {
  /** SMTP reply codes this rule covers (exact codes, or an inclusive range). */
  replies?: readonly number[] | { from: number; to: number };
  /** Nodemailer (or Node socket) error codes this rule covers. */
  codes?: readonly string[];
  reason: string;
  retryable: boolean;
  /** Why, for the next reader. */
  note: string;
}

/** Connection-level failures: nothing was refused, the conversation just did not happen. */
const CONNECTION_CODES = [
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EPROXY',
  'EABORT',
  'EMAXLIMIT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
] as const;

export const SMTP_ERROR_RULES: readonly SmtpErrorRule[] = [
  {
    replies: { from: 400, to: 499 },
    reason: 'email.deferred',
    retryable: true,
    note:
      'RFC 5321 §4.2.1: 4yz is transient (421 service unavailable, 450 mailbox busy, 451 local error, ' +
      '452 storage, 454 temporary auth failure)',
  },
  {
    codes: ['ETLS', 'EREQUIRETLS'],
    reason: 'email.tls_failed',
    retryable: false,
    // Before the 5yz rule: requireTLS against a server without STARTTLS fails as ETLS with its 500 "command not
    // recognized", which is our configuration, not the server refusing the message.
    note: 'TLS handshake or required STARTTLS failed (also with a 5yz reply): our secure/requireTLS/port setting',
  },
  {
    replies: [530, 534, 535, 538],
    reason: 'email.auth_failed',
    retryable: false,
    note:
      'RFC 4954 §6: our credentials or auth setup are wrong; the same send fails until an operator fixes ' +
      'the config',
  },
  {
    codes: ['EAUTH', 'ENOAUTH', 'EOAUTH2'],
    reason: 'email.auth_failed',
    retryable: false,
    note: 'nodemailer: login failed without a reply code (no common AUTH mechanism, missing credentials)',
  },
  {
    replies: [503],
    reason: 'provider_error',
    retryable: true,
    note:
      'bad sequence of commands: a session-state problem, not a verdict on the message ' +
      '(nodemailer isPermanentResponseCode)',
  },
  {
    replies: { from: 500, to: 599 },
    reason: 'email.rejected',
    retryable: false,
    note:
      'RFC 5321 §4.2.1: 5yz is permanent (550 mailbox unavailable, 551, 552, 553 mailbox name not allowed, ' +
      '554 transaction failed)',
  },
  {
    codes: CONNECTION_CODES,
    reason: 'provider_error',
    retryable: true,
    note: 'connection refused, DNS, timeouts, dropped connection: the server never ruled on the message',
  },
  {
    codes: ['ECONFIG', 'EENVELOPE', 'EMESSAGE', 'ESTREAM'],
    reason: 'provider_error',
    retryable: false,
    note: 'nodemailer refused the message itself (no SMTP reply): resending the same message fails the same way',
  },
];

/** The shape of a nodemailer error as far as mapping needs it. */
export interface SmtpErrorLike {
  code?: string | undefined;
  originalCode?: string | undefined;
  responseCode?: number | undefined;
  response?: string | undefined;
  command?: string | undefined;
  message?: string | undefined;
}

function matches(rule: SmtpErrorRule, err: SmtpErrorLike): boolean {
  if (rule.replies) {
    const code = err.responseCode;
    if (code === undefined) return false;
    const ok = Array.isArray(rule.replies)
      ? (rule.replies as readonly number[]).includes(code)
      : code >= (rule.replies as { from: number }).from && code <= (rule.replies as { to: number }).to;
    if (!ok) return false;
  }
  if (rule.codes) {
    const codes = [err.code, err.originalCode].filter((c): c is string => Boolean(c));
    if (!codes.some((c) => rule.codes!.includes(c))) return false;
  }
  return true;
}

/** One line for the outbox: the step and the server's own words, never credentials. */
function describe(err: SmtpErrorLike): string {
  const what = err.response ?? err.message ?? 'SMTP send failed';
  const parts = [err.command ? `${err.command}: ${what}` : what];
  const code = err.originalCode ?? err.code;
  if (code && !what.includes(code)) parts.push(`(${code})`);
  return parts.join(' ').slice(0, 500);
}

export function smtpFailure(err: unknown): SendFailure {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SmtpErrorLike;
  const rule = SMTP_ERROR_RULES.find((r) => matches(r, e));
  // Unknown failures without a reply: retry (the stable Message-ID lets a duplicate be recognised).
  return {
    ok: false,
    reason: rule?.reason ?? 'provider_error',
    detail: describe(e),
    retryable: rule?.retryable ?? true,
  };
}
