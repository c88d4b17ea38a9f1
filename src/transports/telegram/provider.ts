/** Telegram's provider parts (built on its line of ../registry.ts): `sendMessage` out, webhook Updates in. */
import type { ProviderAccount, ProviderDeps, ProviderParts } from '../provider.js';
import { TELEGRAM_ERRORS } from './errors.js';
import type { TelegramOptions } from './options.js';
import { sendTelegramMessage } from './send.js';
import { TelegramWebhook } from './webhook.js';

export { telegramOptionsSchema as optionsSchema } from './options.js';
export { TELEGRAM_SEND_GUARD as sendGuard } from './send.js';
export const failureReasons = TELEGRAM_ERRORS.map((rule) => rule.reason);

export function create(options: TelegramOptions, account: ProviderAccount, deps: ProviderDeps): ProviderParts {
  // Update ids are per bot: the bot's numeric id is the part of the token before the colon.
  const botId = options.botToken.slice(0, options.botToken.indexOf(':'));
  return {
    send: (request) => sendTelegramMessage(options, deps, request),
    webhook: new TelegramWebhook(options, botId, account.id),
  };
}
