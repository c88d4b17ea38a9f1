/**
 * Telegram Bot API provider: `sendMessage` out, verified webhook Updates in.
 * Config: `transport: telegram` with the options in `telegramOptionsSchema` (README.md in this folder).
 */
import type { ProviderFactory } from '../provider.js';
import { accountLabel, parseAccountOptions, telegramOptionsSchema } from './options.js';
import { TelegramTransport } from './send.js';
import { TelegramWebhook } from './webhook.js';

export { telegramOptionsSchema, type TelegramOptions } from './options.js';
export { TELEGRAM_ERRORS, telegramFailureReason } from './errors.js';
export { TelegramTransport, chatIdValue } from './send.js';
export { TelegramWebhook, SECRET_HEADER } from './webhook.js';

export const createTelegramChannel: ProviderFactory = (account, deps) => {
  if (account.type !== 'telegram') {
    throw new Error(`${accountLabel(account)}: transport telegram serves channel type telegram, not ${account.type}`);
  }
  const options = parseAccountOptions(telegramOptionsSchema, account);
  const botId = options.botToken.slice(0, options.botToken.indexOf(':'));
  return {
    transport: new TelegramTransport(options, deps),
    webhook: new TelegramWebhook(options, botId, account.id),
  };
};
