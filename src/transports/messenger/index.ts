/**
 * Facebook Messenger through the Messenger Platform (Graph API Send API + Page webhooks). One channel
 * account = one Facebook Page. See README.md in this folder for the config entry and the Meta console steps.
 */
import { defineMetaProvider } from '../meta/define.js';
import { messengerOptionsSchema } from './options.js';
import { messengerSendConfig } from './send.js';
import { createMessengerWebhook } from './webhook.js';

export { messengerOptionsSchema, type MessengerOptions } from './options.js';

export const messengerProvider = defineMetaProvider('messenger', {
  optionsSchema: messengerOptionsSchema,
  sendConfig: messengerSendConfig,
  webhook: createMessengerWebhook,
});

export const createMessengerChannel = messengerProvider.factory;
