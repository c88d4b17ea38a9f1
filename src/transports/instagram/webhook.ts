/**
 * Instagram messaging webhook at `/webhooks/instagram/<igUserId>`: the GET verification handshake and
 * signed `object: "instagram"` notifications (payloads and window rules in ../meta/webhook.ts).
 *
 * Instagram-only kinds (https://developers.facebook.com/docs/instagram-platform/webhooks/examples,
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/story-mention):
 * - a reply to the account's story: `message.reply_to.story { url, id }` → `story_reply`
 * - a story that mentions the account: `message.attachments[{ type: "story_mention", payload: { url } }]` → `story_mention`
 */
import type { InboundKind } from '../../contract/ingest-events.js';
import { createMetaWebhook } from '../meta/webhook.js';
import type { InboundWebhook, ProviderDeps } from '../provider.js';
import type { InstagramOptions } from './options.js';

export function instagramWebhookPath(igUserId: string): string {
  return `instagram/${igUserId}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function instagramMessageKind(message: Record<string, unknown>): InboundKind {
  const replyTo = message.reply_to;
  if (isRecord(replyTo) && isRecord(replyTo.story)) return 'story_reply';
  const attachments = Array.isArray(message.attachments) ? message.attachments : [];
  if (attachments.some((a) => isRecord(a) && a.type === 'story_mention')) return 'story_mention';
  return 'message';
}

export function createInstagramWebhook(
  options: InstagramOptions,
  channelId: string | undefined,
  deps: Pick<ProviderDeps, 'logger'>,
): InboundWebhook {
  return createMetaWebhook(
    {
      channel: 'instagram',
      path: instagramWebhookPath(options.igUserId),
      object: 'instagram',
      accountId: options.igUserId,
      channelId,
      appSecret: options.appSecret,
      verifyToken: options.verifyToken,
      messageKind: instagramMessageKind,
    },
    deps,
  );
}
