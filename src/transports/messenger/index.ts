/**
 * Facebook Messenger through the Messenger Platform (Graph API Send API + Page webhooks). One channel
 * account = one Facebook Page. See README.md in this folder for the config entry and the Meta console steps.
 */
import { PROVIDERS } from '../registry.js';

export { messengerOptionsSchema, type MessengerOptions } from './options.js';

/** The provider's factory as the registry builds it (tests build channel accounts with it). */
export const createMessengerChannel = PROVIDERS.messenger.factory;
