/**
 * The `smtp` transport for the email channel: follow-ups go out through the business's own SMTP
 * account (nodemailer, pooled). Email has no provider webhook: inbound mail reaches Followup through
 * `POST /api/events`, built with `emailToIngestEvents` (see README.md).
 */
import { PROVIDERS } from '../registry.js';

export { smtpOptionsSchema, type SmtpOptions } from './options.js';
export { messageIdFor } from './send.js';
export { SMTP_ERROR_RULES, smtpFailure } from './errors.js';
export { emailToIngestEvents, type InboundEmail } from './inbound.js';

/** The provider's factory as the registry builds it (tests build channel accounts with it). */
export const createSmtpChannel = PROVIDERS.smtp.factory;
