/**
 * The `webchat` transport: website chat served by the site's own backend. Agent messages go out as a
 * signed JSON POST to the site; visitor messages come in as signed POSTs to our webhook. The signing and
 * payload contract for site developers is in README.md.
 */
import { defineProvider } from '../define.js';
import { WEBCHAT_STATUS_RULES } from './errors.js';
import { webchatOptionsSchema } from './options.js';
import { WEBCHAT_SEND_GUARD, sendWebchatMessage } from './send.js';
import { WebchatWebhook } from './webhook.js';

export { webchatOptionsSchema, type WebchatOptions } from './options.js';
export { type WebchatOutboundMessage } from './send.js';
export { WebchatWebhook, webchatInboundSchema, webchatWebhookPath } from './webhook.js';
export { MAX_SKEW_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureFor, verifySignature } from './signature.js';
export { WEBCHAT_STATUS_RULES } from './errors.js';

export const webchatProvider = defineProvider({
  name: 'webchat',
  serves: ['webchat'],
  optionsSchema: webchatOptionsSchema,
  sendGuard: WEBCHAT_SEND_GUARD,
  failureReasons: WEBCHAT_STATUS_RULES.map((rule) => rule.reason),
  create: (options, account, deps) => ({
    send: (request) => sendWebchatMessage(options, deps, request),
    webhook: new WebchatWebhook(account, options.secret, deps),
  }),
});

export const createWebchatChannel = webchatProvider.factory;
