/**
 * The WeChat Official Account options (config file `channels[].options`, already `${ENV}`-substituted).
 */
import { z } from 'zod';
import { parseAccountOptions } from '../options.js';
import type { ProviderAccount } from '../provider.js';

const required = (what: string) => z.string({ error: `must be ${what}` }).min(1, 'is required (it is empty)');

export const wechatOptionsSchema = z
  .object({
    /** AppID (开发者ID) of the Official Account: 微信公众平台 → 设置与开发 → 基本配置 (Settings & Development → Basic configuration). */
    appId: required('the AppID').regex(/^[A-Za-z0-9_-]+$/, 'must be the AppID (letters and digits, e.g. wx1234567890abcdef)'),
    /** AppSecret (开发者密码) from the same page; exchanged for the access_token. */
    appSecret: required('the AppSecret'),
    /** Token (令牌) entered under 服务器配置 (server configuration): the key of the callback signature. */
    token: required('the server-configuration Token'),
    /** Base URL of the WeChat API; tests point it at a local fake. */
    baseUrl: z.url({ error: 'must be a URL such as https://api.weixin.qq.com' }).default('https://api.weixin.qq.com'),
    /** Timeout of each request to WeChat, in milliseconds. */
    timeoutMs: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(100, 'must be at least 100 ms')
      .max(120_000, 'must be at most 120000 ms')
      .default(10_000),
  })
  .strict();

export type WechatOptions = z.output<typeof wechatOptionsSchema>;

/** Validates an account's options; throws one line naming the option and the account. */
export function parseWechatOptions(account: ProviderAccount): WechatOptions {
  return parseAccountOptions(wechatOptionsSchema, account);
}
