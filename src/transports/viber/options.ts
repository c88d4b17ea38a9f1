/**
 * The Viber account options (config file `channels[].options`, already `${ENV}`-substituted).
 */
import { z } from 'zod';
import { baseUrlOption, requiredText as required, timeoutMsOption } from '../options.js';

export const viberOptionsSchema = z
  .object({
    /**
     * The bot's authentication token ("Your app key": Viber app → Settings → Bots → Edit Info, or the Viber Admin
     * Panel). Sent as `X-Viber-Auth-Token` and the HMAC key of callback signatures.
     */
    authToken: required('the bot authentication token'),
    /** `sender.name` on every message: the name the contact sees. Viber allows at most 28 characters. */
    senderName: required('the sender name shown to contacts').max(
      28,
      'must be at most 28 characters (Viber limit for sender.name)',
    ),
    /** `sender.avatar`: URL of the sender's avatar (Viber: at most 100 KB, 720×720 recommended). */
    senderAvatar: z.url({ error: 'must be a URL' }).optional(),
    /** `min_api_version` on every message (Viber's default is 1). */
    minApiVersion: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .default(1),
    baseUrl: baseUrlOption('https://chatapi.viber.com'),
    timeoutMs: timeoutMsOption({ acceptText: true }),
  })
  .strict();

export type ViberOptions = z.output<typeof viberOptionsSchema>;
