/**
 * What Instagram's webhook adds to Meta's (../meta/webhook.ts, which handles the handshake, the signature,
 * the payloads and the window rules): the kinds of customer message only Instagram has.
 *
 * Instagram-only kinds (https://developers.facebook.com/docs/instagram-platform/webhooks/examples,
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/story-mention):
 * - a reply to the account's story: `message.reply_to.story { url, id }` → `story_reply`
 * - a story that mentions the account: `message.attachments[{ type: "story_mention", payload: { url } }]`
 *   → `story_mention`
 */
import type { InboundKind } from '../../contract/ingest-events.js';

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
