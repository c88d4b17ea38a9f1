/**
 * The `webchat` transport: website chat served by the site's own backend. Agent messages go out as a
 * signed JSON POST to the site; visitor messages come in as signed POSTs to our webhook. The signing and
 * payload contract for site developers is in README.md.
 */
import type { ProviderFactory } from '../provider.js';
import { accountLabel, parseWebchatOptions } from './options.js';
import { WebchatTransport } from './send.js';
import { WebchatWebhook } from './webhook.js';

export { webchatOptionsSchema, type WebchatOptions } from './options.js';
export { WebchatTransport, type WebchatOutboundMessage } from './send.js';
export { WebchatWebhook, webchatInboundSchema, webchatWebhookPath } from './webhook.js';
export { MAX_SKEW_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureFor, verifySignature } from './signature.js';
export { WEBCHAT_STATUS_RULES } from './errors.js';

export const createWebchatChannel: ProviderFactory = (account, deps) => {
  if (account.type !== 'webchat') {
    throw new Error(`${accountLabel(account)}.transport "webchat" serves the webchat channel only, not ${account.type}`);
  }
  const options = parseWebchatOptions(account);
  return {
    transport: new WebchatTransport(options, deps),
    webhook: new WebchatWebhook(account, options.secret, deps),
  };
};
