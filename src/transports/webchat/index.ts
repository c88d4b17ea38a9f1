/**
 * The `webchat` transport: website chat served by the site's own backend. Agent messages go out as a
 * signed JSON POST to the site; visitor messages come in as signed POSTs to our webhook. The signing and
 * payload contract for site developers is in README.md.
 */
import { PROVIDERS } from '../registry.js';

export { webchatOptionsSchema, type WebchatOptions } from './options.js';
export type { WebchatOutboundMessage } from './send.js';
export { WebchatWebhook, webchatInboundSchema, webchatWebhookPath } from './webhook.js';
export { MAX_SKEW_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureFor, verifySignature } from './signature.js';
export { WEBCHAT_STATUS_RULES } from './errors.js';

/** The provider's factory as the registry builds it (tests build channel accounts with it). */
export const createWebchatChannel = PROVIDERS.webchat.factory;
