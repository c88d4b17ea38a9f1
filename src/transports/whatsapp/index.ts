/**
 * WhatsApp Business Platform, Cloud API (config `transport: whatsapp-cloud`): sends text and approved
 * templates, verifies and parses the webhook (messages, user calls, delivery statuses), and syncs templates.
 * Setup: README.md in this folder.
 */
import { defineProvider } from '../define.js';
import { accountLabel } from '../options.js';
import type { ProviderParts } from '../provider.js';
import { WHATSAPP_ERROR_RULES } from './errors.js';
import { whatsappOptionsSchema } from './options.js';
import { WHATSAPP_SEND_GUARD, sendWhatsappMessage } from './send.js';
import { syncWhatsappTemplates } from './templates.js';
import { WhatsappWebhook } from './webhook.js';

export { whatsappOptionsSchema, DEFAULT_API_VERSION } from './options.js';
export type { WhatsappOptions } from './options.js';
export { WHATSAPP_ERROR_RULES, whatsappErrorRule } from './errors.js';
export { WhatsappWebhook } from './webhook.js';

export const whatsappProvider = defineProvider({
  name: 'whatsapp-cloud',
  serves: ['whatsapp'],
  optionsSchema: whatsappOptionsSchema,
  sendGuard: WHATSAPP_SEND_GUARD,
  // The 200-299 "API Permission" family maps to whatsapp.permission_denied, which the table also gives.
  failureReasons: Object.values(WHATSAPP_ERROR_RULES).map((rule) => rule.reason),
  create: (options, account, deps) => {
    // Events and templates name the channel account as the transport registry knows it; by default (and as
    // the README recommends) that is the phone number id.
    const channelId = account.id ?? options.phoneNumberId;
    const parts: ProviderParts = { send: (request) => sendWhatsappMessage(options, deps, request) };
    if (options.appSecret && options.verifyToken) {
      const secrets = { appSecret: options.appSecret, verifyToken: options.verifyToken };
      parts.webhook = new WhatsappWebhook({ ...options, ...secrets }, channelId, deps);
    } else {
      const why = 'no appSecret/verifyToken, so no WhatsApp webhook (inbound messages will not open windows)';
      deps.logger.warn(`${accountLabel(account)}: ${why}`);
    }
    if (options.wabaId) parts.syncTemplates = () => syncWhatsappTemplates(options, channelId, deps);
    return parts;
  },
});

export const createWhatsappChannel = whatsappProvider.factory;
