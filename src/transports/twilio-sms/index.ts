/**
 * Twilio Programmable Messaging (SMS) provider: Messages API out, signed webhooks in (incoming SMS and
 * status callbacks). Config: `transport: twilio-sms`, channel type `sms`, with the options in
 * `twilioSmsOptionsSchema` (README.md in this folder).
 */
import type { ProviderFactory } from '../provider.js';
import { accountLabel, parseAccountOptions, twilioSmsOptionsSchema } from './options.js';
import { TwilioSmsTransport } from './send.js';
import { TwilioSmsWebhook } from './webhook.js';

export { twilioSmsOptionsSchema, type TwilioSmsOptions } from './options.js';
export { TWILIO_ERRORS, twilioErrorRule } from './errors.js';
export { TwilioSmsTransport } from './send.js';
export { TwilioSmsWebhook, SIGNATURE_HEADER, EMPTY_TWIML, formParams, twilioSignature, urlVariants } from './webhook.js';

export const createTwilioSmsChannel: ProviderFactory = (account, deps) => {
  if (account.type !== 'sms') {
    throw new Error(`${accountLabel(account)}: transport twilio-sms serves channel type sms, not ${account.type}`);
  }
  const options = parseAccountOptions(twilioSmsOptionsSchema, account);
  const transport = new TwilioSmsTransport(options, deps);
  if (!options.webhookUrl) {
    deps.logger.warn(`${accountLabel(account)}: no options.webhookUrl, so incoming SMS and delivery reports are not received`);
    return { transport };
  }
  const webhook = new TwilioSmsWebhook(options.authToken!, options.webhookUrl, deps, account.id ?? options.accountSid, account.id);
  if (!new URL(options.webhookUrl).pathname.endsWith(`/webhooks/${webhook.path}`)) {
    deps.logger.warn(
      `${accountLabel(account)}: options.webhookUrl ${options.webhookUrl} does not end with /webhooks/${webhook.path}, where this account's webhook is mounted`,
    );
  }
  return { transport, webhook };
};
