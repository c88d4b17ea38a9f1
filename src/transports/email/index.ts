/**
 * The `smtp` transport for the email channel: follow-ups go out through the business's own SMTP
 * account (nodemailer, pooled). Email has no provider webhook: inbound mail reaches Followup through
 * `POST /api/events`, built with `emailToIngestEvents` (see README.md).
 */
import type { ProviderFactory } from '../provider.js';
import { accountLabel, parseAccountOptions, smtpOptionsSchema } from './options.js';
import { SmtpTransport } from './send.js';

export { smtpOptionsSchema, type SmtpOptions } from './options.js';
export { SmtpTransport, messageIdFor } from './send.js';
export { SMTP_ERROR_RULES, smtpFailure } from './errors.js';
export { emailToIngestEvents, type InboundEmail } from './inbound.js';

export const createSmtpChannel: ProviderFactory = (account, deps) => {
  if (account.type !== 'email') {
    throw new Error(`${accountLabel(account)}.transport "smtp" serves the email channel only, not ${account.type}`);
  }
  const options = parseAccountOptions(smtpOptionsSchema, account);
  return { transport: new SmtpTransport(options, deps) };
};
