/**
 * LINE Messaging API provider: push messages out (with a deterministic retry key), verified webhooks in.
 * Config: `transport: line` with the options in `lineOptionsSchema` (README.md in this folder).
 */
import { defineProvider } from '../define.js';
import { LINE_ERRORS } from './errors.js';
import { lineOptionsSchema } from './options.js';
import { LINE_SEND_GUARD, sendLineMessage } from './send.js';
import { LineWebhook } from './webhook.js';

export { lineOptionsSchema, type LineOptions } from './options.js';
export { LINE_ERRORS, lineFailureReason } from './errors.js';
export { LineWebhook, SIGNATURE_HEADER } from './webhook.js';
export { LINE_RETRY_KEY_NAMESPACE, lineRetryKey, uuidV5 } from './retry-key.js';

export const lineProvider = defineProvider({
  name: 'line',
  serves: ['line'],
  optionsSchema: lineOptionsSchema,
  sendGuard: LINE_SEND_GUARD,
  failureReasons: LINE_ERRORS.map((rule) => rule.reason),
  create: (options, account, deps) => ({
    send: (request) => sendLineMessage(options, deps, request),
    webhook: new LineWebhook(options, account.id),
  }),
});

export const createLineChannel = lineProvider.factory;
