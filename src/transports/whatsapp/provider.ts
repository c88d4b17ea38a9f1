/**
 * The WhatsApp Cloud API provider's parts (built on its line of ../registry.ts): text and approved templates
 * out, the verified webhook in, and the template sync.
 */
import { accountLabel } from '../options.js';
import type { ProviderAccount, ProviderDeps, ProviderParts } from '../provider.js';
import { WHATSAPP_ERROR_RULES } from './errors.js';
import type { WhatsappOptions } from './options.js';
import { sendWhatsappMessage } from './send.js';
import { syncWhatsappTemplates } from './templates.js';
import { WhatsappWebhook } from './webhook.js';

export { whatsappOptionsSchema as optionsSchema } from './options.js';
export { WHATSAPP_SEND_GUARD as sendGuard } from './send.js';
// The 200-299 "API Permission" family maps to whatsapp.permission_denied, which the table also gives.
export const failureReasons = Object.values(WHATSAPP_ERROR_RULES).map((rule) => rule.reason);

export function create(options: WhatsappOptions, account: ProviderAccount, deps: ProviderDeps): ProviderParts {
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
}
