/**
 * LINE Messaging API provider: push messages out (with a deterministic retry key), verified webhooks in.
 * Config: `transport: line` with the options in `lineOptionsSchema` (README.md in this folder).
 */
import type { ProviderFactory } from '../provider.js';
import { accountLabel, lineOptionsSchema, parseAccountOptions } from './options.js';
import { LineTransport } from './send.js';
import { LineWebhook } from './webhook.js';

export { lineOptionsSchema, type LineOptions } from './options.js';
export { LINE_ERRORS, lineFailureReason } from './errors.js';
export { LineTransport } from './send.js';
export { LineWebhook, SIGNATURE_HEADER, lineSignature } from './webhook.js';
export { LINE_RETRY_KEY_NAMESPACE, lineRetryKey, uuidV5 } from './retry-key.js';

export const createLineChannel: ProviderFactory = (account, deps) => {
  if (account.type !== 'line') {
    throw new Error(`${accountLabel(account)}: transport line serves channel type line, not ${account.type}`);
  }
  const options = parseAccountOptions(lineOptionsSchema, account);
  return {
    transport: new LineTransport(options, deps),
    webhook: new LineWebhook(options, account.id),
  };
};
