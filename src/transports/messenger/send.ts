/**
 * Messenger Send API: `POST {baseUrl}/{apiVersion}/{pageId}/messages?access_token=<Page access token>`
 * with `{ recipient: { id: PSID }, messaging_type, tag?, message: { text } }`; the reference documents the
 * token as the `access_token` parameter (https://developers.facebook.com/docs/messenger-platform/reference/send-api).
 */
import type { GraphSendConfig } from '../meta/send.js';
import type { MessengerOptions } from './options.js';

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
