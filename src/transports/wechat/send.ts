/**
 * WeChat outbound: customer-service text messages (客服消息),
 * `POST {baseUrl}/cgi-bin/message/custom/send?access_token=…` with `{ touser, msgtype: 'text', text: { content } }`
 * (developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage).
 *
 * The body is JSON.stringify output: non-ASCII text stays raw UTF-8, as WeChat requires (errcode 40033
 * "不合法的请求字符，不能包含 \uxxxx 格式的字符" refuses \u escapes of such text).
 */
import type { GuardedSendRequest, ProviderDeps, SendGuard } from '../provider.js';
import { providerFailure, retryableStatus } from '../provider.js';
import type { SendResult } from '../transport.js';
import { TOKEN_INVALID_CODES, wechatError } from './errors.js';
import { describeNetworkFailure, request, withoutTrailingSlash } from '../http.js';
import { idString, parseJsonLossless } from '../json.js';
import type { WechatOptions } from './options.js';
import { type AccessTokenCache, TokenUnavailable } from './token.js';

type Attempt = { done: SendResult } | { tokenInvalid: number; errmsg: string };

export const WECHAT_SEND_GUARD: SendGuard = {
  channel: 'wechat',
  supports: ['text'],
  noAddress: 'This contact has no WeChat OpenID on this channel.',
  unsupported: (kind) => `WeChat customer-service messages are sent as text, not a ${kind}.`,
};

export async function sendWechatMessage(
  options: WechatOptions,
  deps: ProviderDeps,
  tokens: AccessTokenCache,
  { plan, address, idempotencyKey }: GuardedSendRequest,
): Promise<SendResult> {
  const body = JSON.stringify({ touser: address, msgtype: 'text', text: { content: plan.text } });
  try {
    let token = await tokens.get();
    let attempt = await post(options, deps, token, body, idempotencyKey);
    if ('tokenInvalid' in attempt) {
      // The token went stale before its time (fetched elsewhere, or revoked): refresh once and retry.
      tokens.invalidate(token);
      token = await tokens.get();
      attempt = await post(options, deps, token, body, idempotencyKey);
      if ('tokenInvalid' in attempt) {
        return providerFailure(
          'wechat.auth_failed',
          `WeChat refused a freshly fetched access_token: errcode ${attempt.tokenInvalid} (${attempt.errmsg})`,
          false,
        );
      }
    }
    return attempt.done;
  } catch (error) {
    if (error instanceof TokenUnavailable) return providerFailure(error.reason, error.detail, error.retryable);
    throw error;
  }
}

async function post(
  options: WechatOptions,
  deps: ProviderDeps,
  token: string,
  body: string,
  idempotencyKey: string,
): Promise<Attempt> {
  const outcome = await request(
    deps,
    `${withoutTrailingSlash(options.baseUrl)}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`,
    { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body },
    options.timeoutMs,
  );
  if (!outcome.ok) {
    const detail = `WeChat could not be reached: ${describeNetworkFailure(outcome)}`;
    return { done: providerFailure('provider_error', detail, true) };
  }
  if (outcome.status < 200 || outcome.status > 299) {
    const detail = `WeChat answered HTTP ${outcome.status}.`;
    return { done: providerFailure('provider_error', detail, retryableStatus(outcome.status)) };
  }

  let result: { errcode?: unknown; errmsg?: unknown; msgid?: unknown };
  try {
    result = parseJsonLossless(outcome.text) as typeof result;
    if (typeof result !== 'object' || result === null) throw new Error('not an object');
  } catch {
    // HTTP 200 with an unreadable body: the message may have gone out, so it is not retried.
    return { done: providerFailure('provider_error', 'WeChat answered with a body that is not JSON.', false) };
  }

  const errcode = Number(result.errcode ?? 0);
  const errmsg = typeof result.errmsg === 'string' ? result.errmsg : '';
  if (errcode === 0) {
    // The customer-service API has no delivery reports; msgid is kept when WeChat returns one.
    const providerMessageId = idString(result.msgid) ?? `wechat-local:${idempotencyKey}`;
    return { done: { ok: true, providerMessageId, sandbox: false } };
  }
  if (TOKEN_INVALID_CODES.has(errcode)) return { tokenInvalid: errcode, errmsg };
  const known = Number.isInteger(errcode) ? wechatError(errcode) : wechatError(Number.NaN);
  const detail = `WeChat errcode ${result.errcode} (${errmsg || known.meaning})`;
  return { done: providerFailure(known.reason, detail, known.retryable) };
}
