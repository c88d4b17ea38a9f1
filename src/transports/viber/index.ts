/**
 * Viber REST Bot API provider: text messages to subscribers (`POST /pa/send_message`) and verified
 * callbacks at `/webhooks/viber/<account id or "default">`. See README.md in this folder.
 */
import { PROVIDERS } from '../registry.js';

export { viberOptionsSchema, type ViberOptions } from './options.js';
export { VIBER_STATUSES, viberStatus } from './errors.js';

/** The provider's factory as the registry builds it (tests build channel accounts with it). */
export const createViberChannel = PROVIDERS.viber.factory;
