/**
 * LINE Messaging API account options (the `options` of a `transport: line` entry in the config file).
 * Both credentials are in the LINE Developers Console; see README.md in this folder.
 */
import { z } from 'zod';
import { baseUrlOption, timeoutMsOption } from '../options.js';

export const lineOptionsSchema = z
  .object({
    /** Channel access token (long-lived, or a v2.1/stateless token): Messaging API tab → "Channel access token". */
    channelAccessToken: z.string().min(1, 'is empty'),
    /** Channel secret (Basic settings tab): the HMAC-SHA256 key of `X-Line-Signature` on webhooks. */
    channelSecret: z.string().min(1, 'is empty'),
    baseUrl: baseUrlOption('https://api.line.me'),
    timeoutMs: timeoutMsOption(),
  })
  .strict();

export type LineOptions = z.output<typeof lineOptionsSchema>;
