/**
 * Facebook Messenger through the Messenger Platform (Graph API Send API + Page webhooks). One channel
 * account = one Facebook Page. See README.md in this folder for the config entry and the Meta console steps.
 */
import { z } from 'zod';
import { apiVersion, baseUrl, metaId, parseAccountOptions, text, timeoutMs } from '../meta/options.js';
import type { ProviderFactory } from '../provider.js';
import { createMessengerTransport } from './send.js';
import { createMessengerWebhook } from './webhook.js';

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
    baseUrl: baseUrl('https://graph.facebook.com'),
    /** Graph API version in the path, e.g. "v25.0". */
    apiVersion: apiVersion(),
    /** Timeout for each Send API request, in milliseconds (a timeout is retried through the outbox). */
    timeoutMs: timeoutMs(),
  })
  .strict();

export type MessengerOptions = z.output<typeof messengerOptionsSchema>;

export const createMessengerChannel: ProviderFactory = (account, deps) => {
  const options = parseAccountOptions(messengerOptionsSchema, account, 'messenger');
  // Events name the channel account as the config does (ProviderAccount.id); none = the type's default account.
  const channelId = account.id;
  return {
    transport: createMessengerTransport(options, deps),
    webhook: createMessengerWebhook(options, channelId, deps),
  };
};
