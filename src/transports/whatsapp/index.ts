/**
 * WhatsApp Business Platform, Cloud API (config `transport: whatsapp-cloud`): sends text and approved
 * templates, verifies and parses the webhook (messages, user calls, delivery statuses), and syncs templates.
 * Setup: README.md in this folder.
 */
import { PROVIDERS } from '../registry.js';

export { whatsappOptionsSchema, DEFAULT_API_VERSION } from './options.js';
export type { WhatsappOptions } from './options.js';
export { WHATSAPP_ERROR_RULES, whatsappErrorRule } from './errors.js';
export { WhatsappWebhook } from './webhook.js';

/** The provider's factory as the registry builds it (tests build channel accounts with it). */
export const createWhatsappChannel = PROVIDERS['whatsapp-cloud'].factory;
