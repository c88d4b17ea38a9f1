/** Option pieces shared by the Messenger and Instagram options schemas. */
import { z } from 'zod';

/** The Graph API version used when the config names none (Meta's Send API reference shows v25.0). */
export const DEFAULT_GRAPH_VERSION = 'v25.0';

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

export function apiVersion() {
  return z
    .string({ error: 'must be a string such as "v25.0"' })
    .regex(/^v\d+\.\d+$/, 'must look like "v25.0"')
    .default(DEFAULT_GRAPH_VERSION);
}
