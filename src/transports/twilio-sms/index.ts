/**
 * Twilio Programmable Messaging (SMS) provider: Messages API out, signed webhooks in (incoming SMS and
 * status callbacks). Config: `transport: twilio-sms`, channel type `sms`, with the options in
 * `twilioSmsOptionsSchema` (README.md in this folder).
 */
import { defineProvider } from '../define.js';
import { accountLabel } from '../options.js';
import type { GuardedSendRequest } from '../provider.js';
import { TWILIO_ERRORS } from './errors.js';
import { twilioSmsOptionsSchema } from './options.js';
import { TWILIO_SMS_SEND_GUARD, sendTwilioSms } from './send.js';
import { TwilioSmsWebhook } from './webhook.js';

export { twilioSmsOptionsSchema, type TwilioSmsOptions } from './options.js';
export { TWILIO_ERRORS, twilioErrorRule } from './errors.js';
export {
  TwilioSmsWebhook,
  SIGNATURE_HEADER,
  EMPTY_TWIML,
  formParams,
  twilioSignature,
  urlVariants,
} from './webhook.js';

export const twilioSmsProvider = defineProvider({
  name: 'twilio-sms',
  serves: ['sms'],
  optionsSchema: twilioSmsOptionsSchema,
  sendGuard: TWILIO_SMS_SEND_GUARD,
  failureReasons: Object.values(TWILIO_ERRORS).map((rule) => rule.reason),
  create: (options, account, deps) => {
    const send = (request: GuardedSendRequest) => sendTwilioSms(options, deps, request);
    if (!options.webhookUrl) {
      const why = 'no options.webhookUrl, so incoming SMS and delivery reports are not received';
      deps.logger.warn(`${accountLabel(account)}: ${why}`);
      return { send };
    }
    const accountKey = account.id ?? options.accountSid;
    const webhook = new TwilioSmsWebhook(options.authToken!, options.webhookUrl, deps, accountKey, account.id);
    if (!new URL(options.webhookUrl).pathname.endsWith(`/webhooks/${webhook.path}`)) {
      const where = `${accountLabel(account)}: options.webhookUrl ${options.webhookUrl}`;
      deps.logger.warn(`${where} does not end with /webhooks/${webhook.path}, where this account's webhook is mounted`);
    }
    return { send, webhook };
  },
});

export const createTwilioSmsChannel = twilioSmsProvider.factory;
