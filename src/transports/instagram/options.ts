/**
 * Instagram messaging account options (the `options` of a `transport: instagram` entry in the config file).
 * Where each value is found in Meta's consoles: README.md in this folder.
 */
import { z } from 'zod';
import { apiVersion, metaId, text } from '../meta/options.js';
import { timeoutMsOption } from '../options.js';

export const instagramOptionsSchema = z
  .object({
    /**
     * The Instagram professional account id that webhooks carry as `entry[].id` / `recipient.id`
     * (Instagram Login: the `user_id` field of GET /me; Facebook Login: the IG User id, 1784…).
     */
    igUserId: metaId(),
    /**
     * Which Meta set-up the account uses: `instagram` = Instagram API with Instagram Login (graph.instagram.com,
     * Instagram User token); `facebook` = Messenger API for Instagram via the linked Facebook Page
     * (graph.facebook.com, Page token).
     */
    login: z
      .enum(['instagram', 'facebook'], {
        error: 'must be "instagram" (Instagram Login) or "facebook" (linked Facebook Page)',
      })
      .default('instagram'),
    /** `login: facebook` only: the linked Page id the message is sent from (default: `/me`, the token's Page). */
    pageId: metaId().optional(),
    /**
     * Instagram User access token (`instagram_business_manage_messages`) or, with `login: facebook`, the Page
     * access token.
     */
    accessToken: text(),
    /**
     * Verifies `X-Hub-Signature-256`: the Instagram app secret (Instagram Login) or the Meta App Secret
     * (Facebook Login).
     */
    appSecret: text(),
    /** Any string you choose; typed into the Webhooks settings and echoed back in the GET handshake. */
    verifyToken: text(),
    /** Graph API base URL; default https://graph.instagram.com (`login: instagram`) or https://graph.facebook.com. */
    baseUrl: z
      .url({ error: 'must be a URL such as https://graph.instagram.com' })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    /** Graph API version in the path, e.g. "v25.0". */
    apiVersion: apiVersion(),
    /** Timeout for each send request, in milliseconds (a timeout is retried through the outbox). */
    timeoutMs: timeoutMsOption(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.login === 'instagram' && o.pageId !== undefined) {
      const message = 'is only used with login: facebook (remove it, or set login: facebook)';
      ctx.addIssue({ code: 'custom', path: ['pageId'], message });
    }
  });

export type InstagramOptions = z.output<typeof instagramOptionsSchema>;
