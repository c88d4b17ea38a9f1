/**
 * WeChat Official Account errcodes → policy reasons, as data.
 *
 * Sources: the customer-service send API
 * (developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage,
 * and the Mini Program copy customerServiceMessage.send which lists the codes), the global return codes
 * (全局返回码说明, developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html) and
 * POLICY.md trap 9: 45015 = wechat.window_expired, 45047 = wechat.outbound_cap_reached. Map on errcode only:
 * errmsg texts are not reliable (some SDKs pair 45015 with the 45047 message).
 */

export interface WechatError {
  /** WeChat's errmsg (or its Chinese description). */
  meaning: string;
  /** The reason the outbox records: a policy reason where one applies, else 'provider_error'. */
  reason: string;
  retryable: boolean;
}

const e = (meaning: string, reason = 'provider_error', retryable = false): WechatError => ({
  meaning,
  reason,
  retryable,
});

/** Codes that mean "this access_token is no longer good": refresh once and retry the send. */
export const TOKEN_INVALID_CODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

export const WECHAT_ERRORS: Readonly<Record<number, WechatError>> = {
  [-1]: e('system busy (系统繁忙), try again later', 'provider_error', true),
  40001: e('invalid credential: AppSecret wrong or access_token invalid / not the latest', 'wechat.auth_failed'),
  40002: e('invalid grant_type', 'wechat.auth_failed'),
  40003: e('invalid openid (not a follower, or an OpenID of another account)'),
  40008: e('invalid message type'),
  40013: e('invalid appid', 'wechat.auth_failed'),
  40014: e('invalid access_token', 'wechat.auth_failed'),
  40033: e('invalid characters: the request must not contain \\uxxxx escapes'),
  40125: e('invalid appsecret', 'wechat.auth_failed'),
  40164: e('the calling IP address is not on the account’s IP whitelist', 'wechat.auth_failed'),
  41001: e('access_token missing', 'wechat.auth_failed'),
  42001: e('access_token expired', 'wechat.auth_failed'),
  43004: e('require subscribe: the user does not follow the account', 'wechat.not_subscribed'),
  43019: e('the user is in the account’s blacklist'),
  44002: e('empty POST body'),
  45002: e('content size out of limit', 'text_too_long'),
  45009: e('API daily quota reached', 'provider_error', true),
  45011: e('API minute quota reached, try again shortly', 'provider_error', true),
  45015: e('response out of time limit or subscription is canceled', 'wechat.window_expired'),
  45047: e('out of response count limit', 'wechat.outbound_cap_reached'),
  48001: e('api unauthorized: the account has no permission for the customer-service API'),
  50002: e('the account is restricted (用户受限)'),
};

/** Any other errcode: reported as is, not retried (a retry could deliver twice). */
export function wechatError(errcode: number): WechatError {
  return WECHAT_ERRORS[errcode] ?? e('unknown error');
}
