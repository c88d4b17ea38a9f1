/**
 * LINE Messaging API provider: push messages out (with a deterministic retry key), verified webhooks in.
 * Config: `transport: line` with the options in `lineOptionsSchema` (README.md in this folder).
 */
import { PROVIDERS } from '../registry.js';

export { lineOptionsSchema, type LineOptions } from './options.js';
export { LINE_ERRORS, lineFailureReason } from './errors.js';
export { LineWebhook, SIGNATURE_HEADER } from './webhook.js';
export { LINE_RETRY_KEY_NAMESPACE, lineRetryKey, uuidV5 } from './retry-key.js';

/** The provider's factory as the registry builds it (tests build channel accounts with it). */
export const createLineChannel = PROVIDERS.line.factory;
