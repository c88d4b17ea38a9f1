/**
 * WeChat Official Account provider: customer-service text messages (客服消息) and verified server callbacks
 * at `/webhooks/wechat/<appId>` (plaintext mode). See README.md in this folder.
 */
import { PROVIDERS } from '../registry.js';

export { wechatOptionsSchema, type WechatOptions } from './options.js';
export { WECHAT_ERRORS, TOKEN_INVALID_CODES, wechatError } from './errors.js';

/** The provider's factory as the registry builds it (tests build channel accounts with it). */
export const createWechatChannel = PROVIDERS.wechat.factory;
