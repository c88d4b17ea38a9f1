/**
 * The `webchat` transport's options (config file `channels[].options`, `${ENV}` already substituted).
 * Website chat is the site's own backend: Followup and the site share one secret and sign every request
 * both ways (README.md "Contract for site developers").
 */
import { z } from 'zod';
import { timeoutMsOption } from '../options.js';

export const webchatOptionsSchema = z
  .object({
    /** The site backend's endpoint that receives agent messages (`POST`, JSON); https in production. */
    webhookUrl: z.url({
      protocol: /^https?$/,
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be an http(s) URL'),
    }),
    /** Shared secret for the HMAC-SHA256 signatures, both directions (e.g. `openssl rand -hex 32`). */
    secret: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)'),
    timeoutMs: timeoutMsOption(),
  })
  .strict();

export type WebchatOptions = z.output<typeof webchatOptionsSchema>;
