/**
 * Viber REST Bot API provider: text messages to subscribers (`POST /pa/send_message`) and verified
 * callbacks at `/webhooks/viber/<account id or "default">`. See README.md in this folder.
 */
import type { ProviderFactory } from '../provider.js';
import { parseViberOptions } from './options.js';
import { ViberTransport } from './send.js';
import { ViberWebhook } from './webhook.js';

export { viberOptionsSchema, type ViberOptions } from './options.js';
export { VIBER_STATUSES, viberStatus } from './errors.js';

export const createViberChannel: ProviderFactory = (account, deps) => {
  if (account.type !== 'viber') throw new Error(`channels[${account.type}:${account.id ?? 'default'}]: the viber transport serves type viber only`);
  const options = parseViberOptions(account);
  return {
    transport: new ViberTransport(options, deps),
    webhook: new ViberWebhook(`viber/${encodeURIComponent(account.id ?? 'default')}`, options.authToken, account.id),
  };
};
