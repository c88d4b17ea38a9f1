/**
 * Instagram Direct messages through Meta's Messenger-platform API for Instagram. One channel account = one
 * Instagram professional account. See README.md in this folder for the config entry and the console steps.
 */
import { PROVIDERS } from '../registry.js';

export { instagramOptionsSchema, type InstagramOptions } from './options.js';

/** The provider's factory as the registry builds it (tests build channel accounts with it). */
export const createInstagramChannel = PROVIDERS.instagram.factory;
