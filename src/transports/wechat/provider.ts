/** WeChat's provider parts (built on its line of ../registry.ts): customer-service messages, server callbacks. */
import type { ProviderAccount, ProviderDeps, ProviderParts } from '../provider.js';
import { WECHAT_ERRORS } from './errors.js';
import type { WechatOptions } from './options.js';
import { sendWechatMessage } from './send.js';
import { AccessTokenCache } from './token.js';
import { WechatWebhook } from './webhook.js';

export { wechatOptionsSchema as optionsSchema } from './options.js';
export { WECHAT_SEND_GUARD as sendGuard } from './send.js';
export const failureReasons = Object.values(WECHAT_ERRORS).map((error) => error.reason);

export function create(options: WechatOptions, account: ProviderAccount, deps: ProviderDeps): ProviderParts {
  // One access_token per account, shared by every send (fetching a new one invalidates the old).
  const tokens = new AccessTokenCache(options, deps);
  return {
    send: (request) => sendWechatMessage(options, deps, tokens, request),
    webhook: new WechatWebhook(`wechat/${options.appId}`, options.token, account.id),
  };
}
