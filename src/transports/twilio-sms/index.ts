/**
 * Twilio Programmable Messaging (SMS) provider: Messages API out, signed webhooks in (incoming SMS and
 * status callbacks). Config: `transport: twilio-sms`, channel type `sms`, with the options in
 * `twilioSmsOptionsSchema` (README.md in this folder).
 */
import { PROVIDERS } from '../registry.js';

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

/** The provider's factory as the registry builds it (tests build channel accounts with it). */
export const createTwilioSmsChannel = PROVIDERS['twilio-sms'].factory;
