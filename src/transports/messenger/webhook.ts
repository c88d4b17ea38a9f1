/**
 * Messenger webhook at `/webhooks/messenger/<pageId>`: the GET verification handshake and signed
 * `object: "page"` notifications (see ../meta/webhook.ts for the payloads and the window rules).
 */
import { createMetaWebhook } from '../meta/webhook.js';
import type { InboundWebhook, ProviderDeps } from '../provider.js';
import type { MessengerOptions } from './options.js';

export function messengerWebhookPath(pageId: string): string {
  return `messenger/${pageId}`;
}

export function createMessengerWebhook(
  options: MessengerOptions,
  channelId: string | undefined,
  deps: Pick<ProviderDeps, 'logger'>,
): InboundWebhook {
  return createMetaWebhook(
    {
      channel: 'messenger',
      path: messengerWebhookPath(options.pageId),
      object: 'page',
      accountId: options.pageId,
      channelId,
      appSecret: options.appSecret,
      verifyToken: options.verifyToken,
    },
    deps,
  );
}
