/**
 * Instagram messaging send, in either of Meta's two set-ups (both take `{ recipient: { id: IGSID },
 * messaging_type, tag?, message: { text } }` and answer `{ recipient_id, message_id }`):
 *
 * - `login: instagram` — Instagram API with Instagram Login: "All endpoints can be accessed via the
 *   graph.instagram.com host", `POST /{IG_ID}/messages` with an Instagram User access token sent as
 *   `Authorization: Bearer`
 *   (https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api).
 * - `login: facebook` — Messenger API support for Instagram (account linked to a Facebook Page):
 *   `POST https://graph.facebook.com/{version}/{PAGE-ID}/messages` (or `/me/messages`) with the Page access
 *   token as `access_token` (https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message).
 *
 * After 24 hours a person may still answer for up to 7 days with `messaging_type: MESSAGE_TAG,
 * tag: HUMAN_AGENT`; the policy core decides that and the plan carries it.
 */
import type { GraphSendConfig } from '../meta/send.js';
import type { InstagramOptions } from './options.js';

export const INSTAGRAM_LOGIN_BASE_URL = 'https://graph.instagram.com';
export const FACEBOOK_LOGIN_BASE_URL = 'https://graph.facebook.com';

export function instagramSendConfig(options: InstagramOptions): GraphSendConfig {
  const viaInstagram = options.login === 'instagram';
  return {
    channel: 'instagram',
    baseUrl: options.baseUrl ?? (viaInstagram ? INSTAGRAM_LOGIN_BASE_URL : FACEBOOK_LOGIN_BASE_URL),
    apiVersion: options.apiVersion,
    node: viaInstagram ? options.igUserId : (options.pageId ?? 'me'),
    accessToken: options.accessToken,
    auth: viaInstagram ? 'bearer' : 'query',
    timeoutMs: options.timeoutMs,
  };
}
