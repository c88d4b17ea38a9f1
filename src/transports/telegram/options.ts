/**
 * Telegram account options (the `options` of a `transport: telegram` entry in the config file).
 * Credentials come from @BotFather; see README.md in this folder.
 */
import { z } from 'zod';
import { baseUrlOption, timeoutMsOption } from '../options.js';

export const telegramOptionsSchema = z
  .object({
    /** Bot token from @BotFather (`123456789:AA…`); the number before the colon is the bot id. */
    botToken: z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must be a bot token from @BotFather (digits, a colon, then letters)'),
    /**
     * The `secret_token` given to setWebhook: Telegram sends it back in `X-Telegram-Bot-Api-Secret-Token`
     * on every update (1–256 characters of A–Z, a–z, 0–9, `_` and `-`, per the Bot API setWebhook docs).
     */
    secretToken: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -'),
    baseUrl: baseUrlOption('https://api.telegram.org'),
    timeoutMs: timeoutMsOption(),
  })
  .strict();

export type TelegramOptions = z.output<typeof telegramOptionsSchema>;
