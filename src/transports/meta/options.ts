/**
 * Option pieces shared by the Messenger and Instagram transports, and the one place an invalid `options`
 * block becomes a one-line error naming the account and the option
 * (`channels[messenger:1234].options.accessToken is required`).
 */
import { z } from 'zod';
import { accountLabel, parseAccountOptions as parseOptions } from '../options.js';
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

/** Validates `account.options` for a transport that serves one channel type; throws one line naming both. */
export function parseAccountOptions<S extends z.ZodObject>(schema: S, account: ProviderAccount, transport: string): z.output<S> {
  if (account.type !== transport) {
    throw new Error(`${accountLabel(account)}: the ${transport} transport serves "${transport}" channels, not "${account.type}"`);
  }
  return parseOptions(schema, account);
}
