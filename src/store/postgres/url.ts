/**
 * `postgres://USER[:PASSWORD]@HOST:PORT/DB[?schema=NAME]` (or `postgresql://`): what pg connects with, the
 * schema the store lives in, and the URL as every message shows it (password replaced by `***`).
 */
import { StoreOpenError } from '../lock.js';

export const POSTGRES_SCHEMES = ['postgres:', 'postgresql:'] as const;

/** Lowercase, digits and `_`: used unquoted in channel names and lock keys; ≤ 48 so `followup:NAME` fits 63. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export interface PostgresTarget {
  /** For pg: the URL without our own `schema` parameter. */
  connectionString: string;
  schema: string;
  /** The URL with the password replaced by `***`. */
  shownUrl: string;
}

export function isPostgresUrl(url: string): boolean {
  return POSTGRES_SCHEMES.some((scheme) => url.startsWith(`${scheme}//`));
}

/** Hides a password even in a URL that does not parse: `scheme://user:secret@` → `scheme://user:***@`. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

export function parsePostgresUrl(url: string): PostgresTarget {
  const shape = 'postgres://USER[:PASSWORD]@HOST:PORT/DB[?schema=NAME]';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreOpenError(`STORE_URL "${redactUrl(url)}" is not a valid URL: use ${shape}`);
  }
  const shownUrl = redactUrl(url);
  if (!parsed.hostname) throw new StoreOpenError(`STORE_URL "${shownUrl}" names no host: use ${shape}`);
  if (parsed.pathname.length <= 1) throw new StoreOpenError(`STORE_URL "${shownUrl}" names no database: use ${shape}`);
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreOpenError(
      `STORE_URL "${shownUrl}": schema "${schema}" is not a plain name: ` +
        'use lowercase letters, digits and _ (at most 48)',
    );
  }
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema, shownUrl };
}
