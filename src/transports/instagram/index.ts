/**
 * Instagram Direct messages through Meta's Messenger-platform API for Instagram. One channel account = one
 * Instagram professional account. See README.md in this folder for the config entry and the console steps.
 */
import { defineMetaProvider } from '../meta/define.js';
import { instagramOptionsSchema } from './options.js';
import { instagramSendConfig } from './send.js';
import { createInstagramWebhook } from './webhook.js';

export { instagramOptionsSchema, type InstagramOptions } from './options.js';

export const instagramProvider = defineMetaProvider('instagram', {
  optionsSchema: instagramOptionsSchema,
  sendConfig: instagramSendConfig,
  webhook: createInstagramWebhook,
});

export const createInstagramChannel = instagramProvider.factory;
