/**
 * The `smtp` transport's options (config file `channels[].options`, `${ENV}` already substituted).
 * Connection options are nodemailer's SMTP options (https://nodemailer.com/smtp/); the rest shapes
 * the message.
 */
import { domainToASCII } from 'node:url';
import { z } from 'zod';

/** A host name as it may appear after the `@` of a Message-ID. */
const hostname = z
  .string()
  .regex(
    /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    'must be a host name such as mail.example.com',
  );

export const smtpOptionsSchema = z
  .object({
    /** SMTP server host name (your provider's "SMTP relay" / "SMTP submission" host, e.g. smtp.sendgrid.net). */
    host: z.string().min(1),
    /** SMTP port; default 465 when `secure` is true, else 587 (message submission, RFC 6409). */
    port: z.number().int().min(1).max(65535).optional(),
    /**
     * true: TLS from the first byte (SMTPS, port 465). false: plain connect, upgraded by STARTTLS when the server
     * offers it.
     */
    secure: z.boolean().default(false),
    /** Refuse to send unless the server upgrades the connection with STARTTLS (recommended on 587). */
    requireTLS: z.boolean().default(false),
    /** Never upgrade with STARTTLS, even when offered. Only for a local test server: credentials go in clear. */
    ignoreTLS: z.boolean().default(false),
    /** SMTP AUTH credentials (usually `${SMTP_USER}` / `${SMTP_PASS}`); omit for a relay that trusts our IP. */
    auth: z
      .object({ user: z.string().min(1), pass: z.string().min(1) })
      .strict()
      .optional(),
    /** The From header and envelope sender: an address the SMTP account may send as, and a display name. */
    from: z.object({ address: z.email(), name: z.string().min(1).max(200).optional() }).strict(),
    /** Reply-To, when replies should go to another mailbox than `from` (e.g. the helpdesk's inbound address). */
    replyTo: z.email().optional(),
    /** Subject of every follow-up (the agent writes only the body). */
    subject: z.string().min(1).max(200).default('Following up on your request'),
    /** Right-hand side of our Message-IDs; default the domain of `from.address`. */
    messageIdDomain: hostname.optional(),
    /**
     * Milliseconds to wait for the connection, for the server's greeting and for each reply; a whole send gives
     * up after 3×.
     */
    timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  })
  .strict()
  .refine((o) => !(o.requireTLS && o.ignoreTLS), {
    message: 'cannot set both requireTLS and ignoreTLS',
    path: ['ignoreTLS'],
  });

export type SmtpOptions = z.output<typeof smtpOptionsSchema>;

export function domainOf(address: string): string {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return domainToASCII(domain) || domain;
}
