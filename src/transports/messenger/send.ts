/**
 * Messenger Send API: `POST {baseUrl}/{apiVersion}/{pageId}/messages?access_token=<Page access token>`
 * with `{ recipient: { id: PSID }, messaging_type, tag?, message: { text } }`; the reference documents the
 * token as the `access_token` parameter (https://developers.facebook.com/docs/messenger-platform/reference/send-api).
 */
import { type GraphSendConfig, createGraphTransport } from '../meta/send.js';
import type { ProviderDeps } from '../provider.js';
import type { Transport } from '../transport.js';
import type { MessengerOptions } from './index.js';

export function messengerSendConfig(options: MessengerOptions): GraphSendConfig {
  return {
    channel: 'messenger',
    baseUrl: options.baseUrl,
    apiVersion: options.apiVersion,
    node: options.pageId,
    accessToken: options.accessToken,
    auth: 'query',
    timeoutMs: options.timeoutMs,
  };
}

export function createMessengerTransport(options: MessengerOptions, deps: Pick<ProviderDeps, 'fetch'>): Transport {
  return createGraphTransport(messengerSendConfig(options), deps);
}
