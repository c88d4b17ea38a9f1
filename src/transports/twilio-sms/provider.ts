/** Twilio SMS's provider parts (built on its line of ../registry.ts): Messages API out, signed webhooks in. */
import { accountLabel } from '../options.js';
import type { GuardedSendRequest, ProviderAccount, ProviderDeps, ProviderParts } from '../provider.js';
import { TWILIO_ERRORS } from './errors.js';
import type { TwilioSmsOptions } from './options.js';
import { sendTwilioSms } from './send.js';
import { TwilioSmsWebhook } from './webhook.js';

export { twilioSmsOptionsSchema as optionsSchema } from './options.js';
export { TWILIO_SMS_SEND_GUARD as sendGuard } from './send.js';
export const failureReasons = Object.values(TWILIO_ERRORS).map((rule) => rule.reason);

export function create(options: TwilioSmsOptions, account: ProviderAccount, deps: ProviderDeps): ProviderParts {
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
}
