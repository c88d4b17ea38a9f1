/** LINE's provider parts (built on its line of ../registry.ts): push messages out, verified webhooks in. */
import type { ProviderAccount, ProviderDeps, ProviderParts } from '../provider.js';
import { LINE_ERRORS } from './errors.js';
import type { LineOptions } from './options.js';
import { sendLineMessage } from './send.js';
import { LineWebhook } from './webhook.js';

export { lineOptionsSchema as optionsSchema } from './options.js';
export { LINE_SEND_GUARD as sendGuard } from './send.js';
export const failureReasons = LINE_ERRORS.map((rule) => rule.reason);

export function create(options: LineOptions, account: ProviderAccount, deps: ProviderDeps): ProviderParts {
  return {
    send: (request) => sendLineMessage(options, deps, request),
    webhook: new LineWebhook(options, account.id),
  };
}
