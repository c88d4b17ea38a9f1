/**
 * WhatsApp Cloud API account options (the `options` of a `transport: whatsapp-cloud` entry in the config
 * file). Where each value is found in Meta's consoles: README.md in this folder.
 */
import { z } from 'zod';
import { baseUrlOption, timeoutMsOption } from '../options.js';

/** Graph API version used when the config names none (Meta keeps a version callable for about two years). */
export const DEFAULT_API_VERSION = 'v23.0';

export const whatsappOptionsSchema = z
  .object({
    /**
     * The business phone number id (not the phone number itself): WhatsApp Manager / App Dashboard →
     * WhatsApp → API Setup. Sends go to `/{phoneNumberId}/messages`; webhooks for other numbers are ignored.
     */
    phoneNumberId: z.string().regex(/^\d{5,30}$/, 'must be the numeric phone number id from WhatsApp → API Setup'),
    /**
     * A System User access token with `whatsapp_business_messaging` (and `whatsapp_business_management` for
     * template sync), sent as `Authorization: Bearer …`.
     */
    accessToken: z.string().min(20, 'must be a Meta access token (System User token)'),
    /**
     * The Meta app's App Secret (App Dashboard → App settings → Basic): webhook POSTs are signed with it
     * (`X-Hub-Signature-256`). Without appSecret and verifyToken no webhook is mounted.
     */
    appSecret: z.string().min(8, 'must be the App Secret from App settings → Basic').optional(),
    /** The Verify Token you typed in the webhook configuration; Meta echoes it in the `GET` handshake. */
    verifyToken: z.string().min(1).max(512).optional(),
    /** WhatsApp Business Account id: enables template sync (`GET /{wabaId}/message_templates`). */
    wabaId: z
      .string()
      .regex(/^\d{5,30}$/, 'must be the numeric WhatsApp Business Account id')
      .optional(),
    baseUrl: baseUrlOption('https://graph.facebook.com'),
    /** Graph API version segment of every URL (`v21.0` or newer). */
    apiVersion: z
      .string()
      .regex(/^v\d{2,3}\.\d$/, 'must be a Graph API version such as v23.0')
      .refine((v) => Number(v.slice(1)) >= 21, 'must be v21.0 or newer')
      .default(DEFAULT_API_VERSION),
    timeoutMs: timeoutMsOption(),
  })
  .strict()
  .superRefine((o, ctx) => {
    // The webhook needs both: the token for Meta's GET handshake, the secret for every signed POST.
    const both = '(the webhook needs both)';
    if (o.appSecret && !o.verifyToken) {
      ctx.addIssue({ code: 'custom', path: ['verifyToken'], message: `is required when appSecret is set ${both}` });
    }
    if (o.verifyToken && !o.appSecret) {
      ctx.addIssue({ code: 'custom', path: ['appSecret'], message: `is required when verifyToken is set ${both}` });
    }
  });

export type WhatsappOptions = z.output<typeof whatsappOptionsSchema>;

/** `{baseUrl}/{apiVersion}/{node}/{edge}` */
export function graphUrl(options: Pick<WhatsappOptions, 'baseUrl' | 'apiVersion'>, ...segments: string[]): string {
  return `${options.baseUrl}/${options.apiVersion}/${segments.map(encodeURIComponent).join('/')}`;
}
