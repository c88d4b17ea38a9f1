/**
 * The WeChat Official Account options (config file `channels[].options`, already `${ENV}`-substituted).
 */
import { z } from 'zod';
import { baseUrlOption, requiredText as required, timeoutMsOption } from '../options.js';

export const wechatOptionsSchema = z
  .object({
    /** AppID (开发者ID) of the Official Account: 微信公众平台 → 设置与开发 → 基本配置 (Settings & Development → Basic configuration). */
    appId: required('the AppID').regex(
      /^[A-Za-z0-9_-]+$/,
      'must be the AppID (letters and digits, e.g. wx1234567890abcdef)',
    ),
    /** AppSecret (开发者密码) from the same page; exchanged for the access_token. */
    appSecret: required('the AppSecret'),
    /** Token (令牌) entered under 服务器配置 (server configuration): the key of the callback signature. */
    token: required('the server-configuration Token'),
    baseUrl: baseUrlOption('https://api.weixin.qq.com'),
    timeoutMs: timeoutMsOption({ acceptText: true }),
  })
  .strict();

export type WechatOptions = z.output<typeof wechatOptionsSchema>;
