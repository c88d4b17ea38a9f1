/** The SMTP provider's parts (built on its line of ../registry.ts): pooled sends, no webhook (README.md). */
import type { ProviderAccount, ProviderDeps, ProviderParts } from '../provider.js';
import { SMTP_ERROR_RULES } from './errors.js';
import type { SmtpOptions } from './options.js';
import { createSmtpSender } from './send.js';

export { smtpOptionsSchema as optionsSchema } from './options.js';
export { SMTP_SEND_GUARD as sendGuard } from './send.js';
// 'email.invalid_address' is refused before the server is asked.
export const failureReasons = [...SMTP_ERROR_RULES.map((rule) => rule.reason), 'email.invalid_address'];

export function create(options: SmtpOptions, _account: ProviderAccount, deps: ProviderDeps): ProviderParts {
  return createSmtpSender(options, deps);
}
