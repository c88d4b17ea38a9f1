/**
 * LINE Messaging API account options (the `options` of a `transport: line` entry in the config file).
 * Both credentials are in the LINE Developers Console; see README.md in this folder.
 */
import { z } from 'zod';
import type { ProviderAccount } from '../provider.js';

export const lineOptionsSchema = z
  .object({
    /** Channel access token (long-lived, or a v2.1/stateless token): Messaging API tab → "Channel access token". */
    channelAccessToken: z.string().min(1, 'is empty'),
    /** Channel secret (Basic settings tab): the HMAC-SHA256 key of `X-Line-Signature` on webhooks. */
    channelSecret: z.string().min(1, 'is empty'),
    /** Messaging API base URL; default the public API. Tests pass their local fake's URL. */
    baseUrl: z.url('must be a URL such as https://api.line.me').default('https://api.line.me'),
    /** Per-request timeout in milliseconds (the request is aborted and the send is retryable). */
    timeoutMs: z.number().int('must be a whole number of milliseconds').min(100).max(120_000).default(10_000),
  })
  .strict();

export type LineOptions = z.output<typeof lineOptionsSchema>;

/** `channels[line:main]` / `channels[line]`: how errors name the account. */
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
