/**
 * Telegram Bot API provider: `sendMessage` out, verified webhook Updates in.
 * Config: `transport: telegram` with the options in `telegramOptionsSchema` (README.md in this folder).
 */
import { PROVIDERS } from '../registry.js';

export { telegramOptionsSchema, type TelegramOptions } from './options.js';
export { TELEGRAM_ERRORS, telegramFailureReason } from './errors.js';
export { chatIdValue } from './send.js';
export { TelegramWebhook, SECRET_HEADER } from './webhook.js';

/** The provider's factory as the registry builds it (tests build channel accounts with it). */
export const createTelegramChannel = PROVIDERS.telegram.factory;
