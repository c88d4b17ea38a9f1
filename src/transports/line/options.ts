/**
 * LINE Messaging API account options (the `options` of a `transport: line` entry in the config file).
 * Both credentials are in the LINE Developers Console; see README.md in this folder.
 */
import { z } from 'zod';

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

export { accountLabel, parseAccountOptions } from '../options.js';
