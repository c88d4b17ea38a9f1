/**
 * Reading a channel account's provider options: zod-validated, and every failure one line naming the
 * option and the account (`channels[line:main].options.channelSecret is required`).
 */
import type { z } from 'zod';
import type { ProviderAccount } from './provider.js';

/** `channels[telegram:support]` / `channels[telegram]`: how errors name a channel account. */
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
