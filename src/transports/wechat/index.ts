/**
 * WeChat Official Account provider: customer-service text messages (客服消息) and verified server callbacks
 * at `/webhooks/wechat/<appId>` (plaintext mode). See README.md in this folder.
 */
import { defineProvider } from '../define.js';
import { WECHAT_ERRORS } from './errors.js';
import { wechatOptionsSchema } from './options.js';
import { WECHAT_SEND_GUARD, sendWechatMessage } from './send.js';
import { AccessTokenCache } from './token.js';
import { WechatWebhook } from './webhook.js';

export { wechatOptionsSchema, type WechatOptions } from './options.js';
export { WECHAT_ERRORS, TOKEN_INVALID_CODES, wechatError } from './errors.js';

export const wechatProvider = defineProvider({
  name: 'wechat',
  serves: ['wechat'],
  optionsSchema: wechatOptionsSchema,
  sendGuard: WECHAT_SEND_GUARD,
  failureReasons: Object.values(WECHAT_ERRORS).map((error) => error.reason),
  create: (options, account, deps) => {
    // One access_token per account, shared by every send (fetching a new one invalidates the old).
    const tokens = new AccessTokenCache(options, deps);
    return {
      send: (request) => sendWechatMessage(options, deps, tokens, request),
      webhook: new WechatWebhook(`wechat/${options.appId}`, options.token, account.id),
    };
  },
});

export const createWechatChannel = wechatProvider.factory;
