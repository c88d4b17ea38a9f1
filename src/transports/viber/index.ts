/**
 * Viber REST Bot API provider: text messages to subscribers (`POST /pa/send_message`) and verified
 * callbacks at `/webhooks/viber/<account id or "default">`. See README.md in this folder.
 */
import { defineProvider } from '../define.js';
import { VIBER_STATUSES } from './errors.js';
import { viberOptionsSchema } from './options.js';
import { VIBER_SEND_GUARD, sendViberMessage } from './send.js';
import { ViberWebhook } from './webhook.js';

export { viberOptionsSchema, type ViberOptions } from './options.js';
export { VIBER_STATUSES, viberStatus } from './errors.js';

export const viberProvider = defineProvider({
  name: 'viber',
  serves: ['viber'],
  optionsSchema: viberOptionsSchema,
  sendGuard: VIBER_SEND_GUARD,
  failureReasons: Object.values(VIBER_STATUSES).map((status) => status.reason),
  create: (options, account, deps) => ({
    send: (request) => sendViberMessage(options, deps, request),
    webhook: new ViberWebhook(`viber/${encodeURIComponent(account.id ?? 'default')}`, options.authToken, account.id),
  }),
});

export const createViberChannel = viberProvider.factory;
