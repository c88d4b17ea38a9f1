/**
 * Option pieces shared by the Messenger and Instagram transports, and the one place an invalid `options`
 * block becomes a one-line error naming the account and the option
 * (`channels[messenger:1234].options.accessToken is required`).
 */
import { z } from 'zod';
import type { ProviderAccount } from '../provider.js';

/** The Graph API version used when the config names none (Meta's Send API reference shows v25.0). */
export const DEFAULT_GRAPH_VERSION = 'v25.0';
export const DEFAULT_TIMEOUT_MS = 10_000;

/** A non-empty string; a YAML number gets its own hint (Meta ids exceed 2^53 and lose digits as numbers). */
export function text() {
  return z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? 'is required'
          : typeof iss.input === 'number'
            ? 'must be a string: quote it (YAML reads long ids as numbers and loses digits)'
            : 'must be a string',
    })
    .min(1, 'is empty (is its ${ENV} variable set?)');
}

/** A Meta object id (Page id, Instagram account id): digits only. */
export function metaId() {
  return text().regex(/^\d+$/, 'must be the numeric id (digits only)');
}

export function baseUrl(defaultUrl: string) {
  return z
    .url({ error: 'must be a URL such as https://graph.facebook.com' })
    .transform((u) => u.replace(/\/+$/, ''))
    .default(defaultUrl);
}

export function apiVersion() {
  return z
    .string({ error: 'must be a string such as "v25.0"' })
    .regex(/^v\d+\.\d+$/, 'must look like "v25.0"')
    .default(DEFAULT_GRAPH_VERSION);
}

export function timeoutMs() {
  return z
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100 ms')
    .max(120_000, 'must be at most 120000 ms')
    .default(DEFAULT_TIMEOUT_MS);
}

/** `messenger:1234`, or just `messenger` for the default account of the type. */
export function accountLabel(account: Pick<ProviderAccount, 'type' | 'id'>): string {
  return account.id ? `${account.type}:${account.id}` : account.type;
}

/** Validates `account.options`; throws one line naming the account and the option. */
export function parseAccountOptions<S extends z.ZodObject>(
  schema: S,
  account: ProviderAccount,
  transport: string,
): z.output<S> {
  const where = `channels[${accountLabel(account)}]`;
  if (account.type !== transport) {
    throw new Error(`${where}: the ${transport} transport serves "${transport}" channels, not "${account.type}"`);
  }
  const result = schema.safeParse(account.options ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(schema.shape).join(', ');
    throw new Error(`${where}.options.${issue.keys[0]} is not an option of the ${transport} transport (known: ${known})`);
  }
  const path = issue.path.map(String).join('.');
  throw new Error(`${where}.options${path ? `.${path}` : ''} ${issue.message}`);
}
