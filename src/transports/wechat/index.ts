/**
 * WeChat Official Account provider: customer-service text messages (客服消息) and verified server callbacks
 * at `/webhooks/wechat/<appId>` (plaintext mode). See README.md in this folder.
 */
import type { ProviderFactory } from '../provider.js';
import { parseWechatOptions } from './options.js';
import { WechatTransport } from './send.js';
import { WechatWebhook } from './webhook.js';

export { wechatOptionsSchema, type WechatOptions } from './options.js';
export { WECHAT_ERRORS, TOKEN_INVALID_CODES, wechatError } from './errors.js';

export const createWechatChannel: ProviderFactory = (account, deps) => {
  if (account.type !== 'wechat') throw new Error(`channels[${account.type}:${account.id ?? 'default'}]: the wechat transport serves type wechat only`);
  const options = parseWechatOptions(account);
  return {
    transport: new WechatTransport(options, deps),
    webhook: new WechatWebhook(`wechat/${options.appId}`, options.token, account.id),
  };
};
