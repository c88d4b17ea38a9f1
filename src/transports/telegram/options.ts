/**
 * Telegram account options (the `options` of a `transport: telegram` entry in the config file).
 * Credentials come from @BotFather; see README.md in this folder.
 */
import { z } from 'zod';
import type { ProviderAccount } from '../provider.js';

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
    secretToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -'),
    /** Bot API base URL; default the public API. Tests pass their local fake's URL. */
    baseUrl: z.url('must be a URL such as https://api.telegram.org').default('https://api.telegram.org'),
    /** Per-request timeout in milliseconds (the request is aborted and the send is retryable). */
    timeoutMs: z.number().int('must be a whole number of milliseconds').min(100).max(120_000).default(10_000),
  })
  .strict();

export type TelegramOptions = z.output<typeof telegramOptionsSchema>;

/** `channels[telegram:support]` / `channels[telegram]`: how errors name the account. */
export function accountLabel(account: Pick<ProviderAccount, 'type' | 'id'>): string {
  return `channels[${account.id ? `${account.type}:${account.id}` : account.type}]`;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = input;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** Validates options with `schema`; throws one line naming the option and the account. */
export function parseAccountOptions<S extends z.ZodType>(schema: S, account: ProviderAccount): z.output<S> {
  const options = account.options ?? {};
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = `${accountLabel(account)}.options`;
  if (issue.code === 'unrecognized_keys') {
    throw new Error(`${where} has unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`);
  }
  const path = issue.path.map(String).join('.');
  const missing = valueAt(options, issue.path) === undefined && issue.code === 'invalid_type';
  throw new Error(`${where}${path ? `.${path}` : ''} ${missing ? 'is required' : issue.message}`);
}
