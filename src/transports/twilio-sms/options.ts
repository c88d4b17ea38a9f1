/**
 * Twilio Programmable Messaging (SMS) account options (the `options` of a `transport: twilio-sms` entry,
 * channel type `sms`). Credentials are in the Twilio Console; see README.md in this folder.
 */
import { z } from 'zod';
import { baseUrlOption, timeoutMsOption } from '../options.js';

const sid = (prefix: string, what: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be ${what} (${prefix} followed by 32 hex digits)`);

export const twilioSmsOptionsSchema = z
  .object({
    /** Account SID (`AC…`): the account the Messages API URL names (Console → Account info). */
    accountSid: sid('AC', 'an Account SID'),
    /**
     * Auth Token of that account: HTTP Basic password for the REST API (unless an API key is given) and
     * the HMAC-SHA1 key of `X-Twilio-Signature` on webhooks, so it is needed whenever `webhookUrl` is set.
     */
    authToken: z.string().min(1, 'is empty').optional(),
    /** API key SID (`SK…`) and secret: used for the REST API instead of the Auth Token when given. */
    apiKeySid: sid('SK', 'an API key SID').optional(),
    apiKeySecret: z.string().min(1, 'is empty').optional(),
    /** Sender: a Twilio phone number in E.164 (`+15017122661`), short code or alphanumeric sender id… */
    from: z.string().min(1, 'is empty').optional(),
    /** …or a Messaging Service SID (`MG…`) that picks the sender. Exactly one of `from` / `messagingServiceSid`. */
    messagingServiceSid: sid('MG', 'a Messaging Service SID').optional(),
    /**
     * The public URL Twilio calls, exactly as configured on the number / Messaging Service
     * (`https://YOUR_HOST/webhooks/twilio-sms/<id>`). Signatures are computed over it, and proxies change the
     * host we see, so it is configured rather than guessed. Also sent as `StatusCallback` with every message.
     * Without it there is no inbound webhook (send-only).
     */
    webhookUrl: z
      .url('must be the full public URL Twilio calls, e.g. https://followup.example.com/webhooks/twilio-sms/us')
      .optional(),
    baseUrl: baseUrlOption('https://api.twilio.com'),
    timeoutMs: timeoutMsOption(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.apiKeySid && !o.apiKeySecret)
      ctx.addIssue({ code: 'custom', path: ['apiKeySecret'], message: 'is required with apiKeySid' });
    if (o.apiKeySecret && !o.apiKeySid)
      ctx.addIssue({ code: 'custom', path: ['apiKeySid'], message: 'is required with apiKeySecret' });
    if (!o.authToken && !(o.apiKeySid && o.apiKeySecret)) {
      ctx.addIssue({ code: 'custom', path: ['authToken'], message: 'is required (or apiKeySid + apiKeySecret)' });
    }
    if (o.webhookUrl && !o.authToken) {
      ctx.addIssue({
        code: 'custom',
        path: ['authToken'],
        message: 'is required with webhookUrl (Twilio signs webhooks with the Auth Token)',
      });
    }
    if (!o.from && !o.messagingServiceSid)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required (or messagingServiceSid)' });
    if (o.from && o.messagingServiceSid) {
      ctx.addIssue({
        code: 'custom',
        path: ['messagingServiceSid'],
        message: 'cannot be combined with from: set one of them',
      });
    }
  });

export type TwilioSmsOptions = z.output<typeof twilioSmsOptionsSchema>;
