/** Viber's provider parts (built on its line of ../registry.ts): `send_message` out, verified callbacks in. */
import type { ProviderAccount, ProviderDeps, ProviderParts } from '../provider.js';
import { VIBER_STATUSES } from './errors.js';
import type { ViberOptions } from './options.js';
import { sendViberMessage } from './send.js';
import { ViberWebhook } from './webhook.js';

export { viberOptionsSchema as optionsSchema } from './options.js';
export { VIBER_SEND_GUARD as sendGuard } from './send.js';
export const failureReasons = Object.values(VIBER_STATUSES).map((status) => status.reason);

export function create(options: ViberOptions, account: ProviderAccount, deps: ProviderDeps): ProviderParts {
  const path = `viber/${encodeURIComponent(account.id ?? 'default')}`;
  return {
    send: (request) => sendViberMessage(options, deps, request),
    webhook: new ViberWebhook(path, options.authToken, account.id),
  };
}
