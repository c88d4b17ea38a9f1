/**
 * Outbound email over SMTP with nodemailer's pooled transport (https://nodemailer.com/smtp/pooled/): one
 * pool per channel account, so follow-ups reuse authenticated connections instead of logging in per
 * message.
 *
 * Retries: the outbox retries a send that failed as retryable. SMTP has no idempotency key, and a send cut
 * off by a timeout may already have been accepted (nodemailer README, "Cancelling an individual SMTP
 * send"), so every attempt of one follow-up carries the same Message-ID, derived from the idempotency key:
 * a duplicate is recognisable in the recipient's mailbox and in our records (and mailbox providers such as
 * Gmail collapse messages with the same Message-ID).
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Mail, SMTPPoolOptions, SMTPPoolSentMessageInfo } from 'nodemailer';
import { z } from 'zod';
import type { GuardedSendRequest, ProviderDeps, ProviderParts, SendGuard } from '../provider.js';
import { providerFailure } from '../provider.js';
import { ANY_KIND } from '../send-guard.js';
import type { SendResult } from '../transport.js';
import { smtpFailure } from './errors.js';
import { type SmtpOptions, domainOf } from './options.js';

const emailAddress = z.email();

/** RFC 5322 §3.2.3 dot-atom-text: what may stand left of the `@` of a msg-id (§3.6.4) as is. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * `<idempotencyKey@domain>`: the same for every attempt of one follow-up. A key that is not a valid
 * dot-atom (or is very long) is replaced by a hash of itself, which is just as stable.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  const left =
    DOT_ATOM.test(idempotencyKey) && idempotencyKey.length <= 128
      ? idempotencyKey
      : `fu.${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
  return `<${left}@${domain}>`;
}

export const SMTP_SEND_GUARD: SendGuard = {
  channel: 'email',
  // The mail carries the plan's text whatever its kind.
  supports: ANY_KIND,
  noAddress: 'This contact has no email address on this channel.',
  trimAddress: true,
};

/** One pooled SMTP connection set per channel account, and the send through it. */
export function createSmtpSender(options: SmtpOptions, deps: ProviderDeps): ProviderParts {
  const { timeoutMs } = options;
  const mailer: Mail<SMTPPoolSentMessageInfo, SMTPPoolOptions> = nodemailer.createTransport({
    pool: true,
    host: options.host,
    port: options.port ?? (options.secure ? 465 : 587),
    secure: options.secure,
    requireTLS: options.requireTLS,
    ignoreTLS: options.ignoreTLS,
    ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const messageIdDomain = options.messageIdDomain ?? domainOf(options.from.address);

  async function send({ plan, address: to, idempotencyKey }: GuardedSendRequest): Promise<SendResult> {
    if (!emailAddress.safeParse(to).success) {
      return providerFailure(
        'email.invalid_address',
        `${JSON.stringify(to.slice(0, 100))} is not an email address.`,
        false,
      );
    }
    const messageId = messageIdFor(idempotencyKey, messageIdDomain);
    const { from, replyTo, subject } = options;
    try {
      const info = await mailer.sendMail({
        from: from.name ? { name: from.name, address: from.address } : from.address,
        to,
        ...(replyTo ? { replyTo } : {}),
        subject,
        text: plan.text,
        messageId,
        date: deps.now(),
        // Covers the wait for a pooled connection too; each step is also bounded by timeoutMs.
        signal: AbortSignal.timeout(timeoutMs * 3),
      });
      if (info.rejected.length > 0 || info.accepted.length === 0) {
        return providerFailure('email.rejected', `The server did not accept the recipient: ${info.response}`, false);
      }
      return { ok: true, providerMessageId: info.messageId || messageId, sandbox: false };
    } catch (err) {
      const failure = smtpFailure(err);
      deps.logger.warn(`smtp send ${messageId} failed: ${failure.reason}: ${failure.detail}`);
      return failure;
    }
  }

  // Closes the pooled connections on shutdown (idle ones also close by themselves).
  return { send, close: () => mailer.close() };
}
