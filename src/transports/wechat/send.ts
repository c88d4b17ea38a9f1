/**
 * WeChat outbound: customer-service text messages (客服消息),
 * `POST {baseUrl}/cgi-bin/message/custom/send?access_token=…` with `{ touser, msgtype: 'text', text: { content } }`
 * (developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage).
 *
 * The body is JSON.stringify output: non-ASCII text stays raw UTF-8, as WeChat requires (errcode 40033
 * "不合法的请求字符，不能包含 \uxxxx 格式的字符" refuses \u escapes of such text).
 */
import type { ProviderDeps } from '../provider.js';
import { providerFailure, retryableStatus } from '../provider.js';
import type { SendRequest, SendResult, Transport } from '../transport.js';
import { TOKEN_INVALID_CODES, wechatError } from './errors.js';
import { idString, parseJsonLossless } from '../json.js';
import type { WechatOptions } from './options.js';
import { AccessTokenCache, TokenUnavailable, describeFetchError } from './token.js';

type Attempt = { done: SendResult } | { tokenInvalid: number; errmsg: string };

export class WechatTransport implements Transport {
  readonly name = 'wechat';
  readonly sandbox = false;

  constructor(
    private readonly options: WechatOptions,
    private readonly deps: ProviderDeps,
    private readonly tokens: AccessTokenCache = new AccessTokenCache(options, deps),
  ) {}

  async send({ plan, channel, idempotencyKey }: SendRequest): Promise<SendResult> {
    if (!channel.address) {
      return providerFailure('wechat.no_address', 'This contact has no WeChat OpenID on this channel.', false);
    }
    if (plan.kind !== 'text') {
      return providerFailure(`wechat.${plan.kind}_not_supported`, `WeChat customer-service messages are sent as text, not a ${plan.kind}.`, false);
    }
    const body = JSON.stringify({ touser: channel.address, msgtype: 'text', text: { content: plan.text } });

    try {
      let token = await this.tokens.get();
      let attempt = await this.post(token, body, idempotencyKey);
      if ('tokenInvalid' in attempt) {
        // The token went stale before its time (fetched elsewhere, or revoked): refresh once and retry.
        this.tokens.invalidate(token);
        token = await this.tokens.get();
        attempt = await this.post(token, body, idempotencyKey);
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

  private async post(token: string, body: string, idempotencyKey: string): Promise<Attempt> {
    let response: Response;
    let raw: string;
    try {
      response = await this.deps.fetch(
        `${this.options.baseUrl.replace(/\/+$/, '')}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        },
      );
      raw = await response.text();
    } catch (error) {
      return { done: providerFailure('provider_error', `WeChat could not be reached: ${describeFetchError(error)}`, true) };
    }
    if (!response.ok) {
      return { done: providerFailure('provider_error', `WeChat answered HTTP ${response.status}.`, retryableStatus(response.status)) };
    }

    let result: { errcode?: unknown; errmsg?: unknown; msgid?: unknown };
    try {
      result = parseJsonLossless(raw) as typeof result;
      if (typeof result !== 'object' || result === null) throw new Error('not an object');
    } catch {
      // HTTP 200 with an unreadable body: the message may have gone out, so it is not retried.
      return { done: providerFailure('provider_error', 'WeChat answered with a body that is not JSON.', false) };
    }

    const errcode = Number(result.errcode ?? 0);
    const errmsg = typeof result.errmsg === 'string' ? result.errmsg : '';
    if (errcode === 0) {
      // The customer-service API has no delivery reports; msgid is kept when WeChat returns one.
      return { done: { ok: true, providerMessageId: idString(result.msgid) ?? `wechat-local:${idempotencyKey}`, sandbox: false } };
    }
    if (TOKEN_INVALID_CODES.has(errcode)) return { tokenInvalid: errcode, errmsg };
    const known = Number.isInteger(errcode) ? wechatError(errcode) : wechatError(Number.NaN);
    return { done: providerFailure(known.reason, `WeChat errcode ${result.errcode} (${errmsg || known.meaning})`, known.retryable) };
  }
}
