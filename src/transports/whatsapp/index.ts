/**
 * WhatsApp Business Platform, Cloud API (config `transport: whatsapp-cloud`): sends text and approved
 * templates, verifies and parses the webhook (messages, user calls, delivery statuses), and syncs templates.
 * Setup: README.md in this folder.
 */
import type { ProviderChannel, ProviderFactory } from '../provider.js';
import { accountLabel, parseWhatsappOptions } from './options.js';
import { WhatsappCloudTransport } from './send.js';
import { syncWhatsappTemplates } from './templates.js';
import { WhatsappWebhook } from './webhook.js';

export { whatsappOptionsSchema, DEFAULT_API_VERSION } from './options.js';
export type { WhatsappOptions } from './options.js';
export { WHATSAPP_ERROR_RULES, whatsappErrorRule } from './errors.js';
export { WhatsappCloudTransport } from './send.js';
export { WhatsappWebhook } from './webhook.js';

export const createWhatsappChannel: ProviderFactory = (account, deps) => {
  if (account.type !== 'whatsapp') {
    throw new Error(`${accountLabel(account)}.transport whatsapp-cloud serves only type: whatsapp (got ${account.type})`);
  }
  const options = parseWhatsappOptions(account);
  // Events and templates name the channel account as the transport registry knows it; by default (and as the
  // README recommends) that is the phone number id.
  const channelId = account.id ?? options.phoneNumberId;

  const channel: ProviderChannel = { transport: new WhatsappCloudTransport(options, deps) };
  if (options.appSecret && options.verifyToken) {
    channel.webhook = new WhatsappWebhook({ ...options, appSecret: options.appSecret, verifyToken: options.verifyToken }, channelId, deps);
  } else {
    deps.logger.warn(`${accountLabel(account)}: no appSecret/verifyToken, so no WhatsApp webhook (inbound messages will not open windows)`);
  }
  if (options.wabaId) channel.syncTemplates = () => syncWhatsappTemplates(options, channelId, deps);
  return channel;
};
