/**
 * Reading a channel account's provider options: zod-validated, and every failure one line naming the
 * account and the option, the way an operator finds them in the config file
 * (`channels[line:main].options.channelSecret is required`,
 * `channels[whatsapp:123].options has unknown option "token" (known: phoneNumberId, accessToken, …)`).
 */
import { z } from 'zod';
import { withoutTrailingSlash } from './http.js';
import type { ProviderAccount } from './provider.js';

/** `channels[telegram:support]` / `channels[telegram]`: how errors name a channel account. */
export function accountLabel(account: Pick<ProviderAccount, 'type' | 'id'>): string {
  return `channels[${account.id ? `${account.type}:${account.id}` : account.type}]`;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = input;
  for (const key of path)
    v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** The option names a schema knows (an object schema, possibly wrapped in refinements). */
function knownOptions(schema: z.ZodType): string[] {
  const shape =
    (schema as { shape?: Record<string, unknown> }).shape ??
    (schema as { def?: { in?: { shape?: Record<string, unknown> } } }).def?.in?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Validates options with `schema`; throws one line naming the account and the option. */
export function parseAccountOptions<S extends z.ZodType>(schema: S, account: ProviderAccount): z.output<S> {
  const options = account.options ?? {};
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = `${accountLabel(account)}.options`;
  if (issue.code === 'unrecognized_keys') {
    const known = knownOptions(schema);
    const names = issue.keys.map((k) => `"${k}"`).join(', ');
    const knownText = known.length ? ` (known: ${known.join(', ')})` : '';
    throw new Error(`${where} has unknown option${issue.keys.length > 1 ? 's' : ''} ${names}${knownText}`);
  }
  const path = issue.path.map(String).join('.');
  const missing = valueAt(options, issue.path) === undefined && issue.code === 'invalid_type';
  throw new Error(`${where}${path ? `.${path}` : ''} ${missing ? 'is required' : issue.message}`);
}

/** An API base URL without a trailing slash: default the provider's public API; tests pass their local fake's URL. */
export function baseUrlOption(defaultUrl: string) {
  return z
    .url({ error: `must be a URL such as ${defaultUrl}` })
    .transform(withoutTrailingSlash)
    .default(defaultUrl);
}

/**
 * Per-request timeout in milliseconds (the request is aborted and the send is retryable). `acceptText`
 * also takes "5000", as the Viber and WeChat options always have.
 */
export function timeoutMsOption({ acceptText = false } = {}) {
  const error = 'must be a number of milliseconds';
  return (acceptText ? z.coerce.number({ error }) : z.number({ error }))
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100 ms')
    .max(120_000, 'must be at most 120000 ms')
    .default(10_000);
}

/** A credential or name that must be there: `must be <what>` when it is not a string, `is required` when empty. */
export function requiredText(what: string) {
  return z.string({ error: `must be ${what}` }).min(1, 'is required (it is empty)');
}
