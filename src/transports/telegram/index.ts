/**
 * Telegram Bot API provider: `sendMessage` out, verified webhook Updates in.
 * Config: `transport: telegram` with the options in `telegramOptionsSchema` (README.md in this folder).
 */
import { defineProvider } from '../define.js';
import { TELEGRAM_ERRORS } from './errors.js';
import { telegramOptionsSchema } from './options.js';
import { TELEGRAM_SEND_GUARD, sendTelegramMessage } from './send.js';
import { TelegramWebhook } from './webhook.js';

export { telegramOptionsSchema, type TelegramOptions } from './options.js';
export { TELEGRAM_ERRORS, telegramFailureReason } from './errors.js';
export { chatIdValue } from './send.js';
export { TelegramWebhook, SECRET_HEADER } from './webhook.js';

export const telegramProvider = defineProvider({
  name: 'telegram',
  serves: ['telegram'],
  optionsSchema: telegramOptionsSchema,
  sendGuard: TELEGRAM_SEND_GUARD,
  failureReasons: TELEGRAM_ERRORS.map((rule) => rule.reason),
  create: (options, account, deps) => ({
    send: (request) => sendTelegramMessage(options, deps, request),
    webhook: new TelegramWebhook(options, options.botToken.slice(0, options.botToken.indexOf(':')), account.id),
  }),
});

export const createTelegramChannel = telegramProvider.factory;
