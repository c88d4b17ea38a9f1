/**
 * Messenger account options (the `options` of a `transport: messenger` entry in the config file). Where each
 * value is found in Meta's consoles: README.md in this folder.
 */
import { z } from 'zod';
import { apiVersion, metaId, text } from '../meta/options.js';
import { baseUrlOption, timeoutMsOption } from '../options.js';

export const messengerOptionsSchema = z
  .object({
    /** The Facebook Page id (Page → About → Page transparency, or Meta Business Suite → Settings). */
    pageId: metaId(),
    /** Page access token with `pages_messaging` (a System User token does not expire). */
    accessToken: text(),
    /** App secret (App Dashboard → App settings → Basic): verifies `X-Hub-Signature-256` on webhooks. */
    appSecret: text(),
    /** Any string you choose; typed into the Webhooks product and echoed back in the GET handshake. */
    verifyToken: text(),
    /** Graph API base URL; tests point it at a local fake. */
    baseUrl: baseUrlOption('https://graph.facebook.com'),
    /** Graph API version in the path, e.g. "v25.0". */
    apiVersion: apiVersion(),
    /** Timeout for each Send API request, in milliseconds (a timeout is retried through the outbox). */
    timeoutMs: timeoutMsOption(),
  })
  .strict();

export type MessengerOptions = z.output<typeof messengerOptionsSchema>;
