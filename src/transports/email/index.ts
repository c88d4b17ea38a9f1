/**
 * The `smtp` transport for the email channel: follow-ups go out through the business's own SMTP
 * account (nodemailer, pooled). Email has no provider webhook: inbound mail reaches Followup through
 * `POST /api/events`, built with `emailToIngestEvents` (see README.md).
 */
import { defineProvider } from '../define.js';
import { SMTP_ERROR_RULES } from './errors.js';
import { smtpOptionsSchema } from './options.js';
import { SMTP_SEND_GUARD, createSmtpSender } from './send.js';

export { smtpOptionsSchema, type SmtpOptions } from './options.js';
export { messageIdFor } from './send.js';
export { SMTP_ERROR_RULES, smtpFailure } from './errors.js';
export { emailToIngestEvents, type InboundEmail } from './inbound.js';

export const smtpProvider = defineProvider({
  name: 'smtp',
  serves: ['email'],
  optionsSchema: smtpOptionsSchema,
  sendGuard: SMTP_SEND_GUARD,
  // 'email.invalid_address' is refused before the server is asked.
  failureReasons: [...SMTP_ERROR_RULES.map((rule) => rule.reason), 'email.invalid_address'],
  create: (options, _account, deps) => createSmtpSender(options, deps),
});

export const createSmtpChannel = smtpProvider.factory;
