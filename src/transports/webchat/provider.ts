/** Website chat's provider parts (built on its line of ../registry.ts): signed POSTs both ways. */
import type { ProviderAccount, ProviderDeps, ProviderParts } from '../provider.js';
import { WEBCHAT_STATUS_RULES } from './errors.js';
import type { WebchatOptions } from './options.js';
import { sendWebchatMessage } from './send.js';
import { WebchatWebhook } from './webhook.js';

export { webchatOptionsSchema as optionsSchema } from './options.js';
export { WEBCHAT_SEND_GUARD as sendGuard } from './send.js';
export const failureReasons = WEBCHAT_STATUS_RULES.map((rule) => rule.reason);

export function create(options: WebchatOptions, account: ProviderAccount, deps: ProviderDeps): ProviderParts {
  return {
    send: (request) => sendWebchatMessage(options, deps, request),
    webhook: new WebchatWebhook(account, options.secret, deps),
  };
}
