/** WeChat Official Account for the contract suite: access_token, customer-service send errcodes, signed callbacks. */
import { createHash } from 'node:crypto';
import type { ContractFixture } from '../contract-fixture.js';
import { webhookRequest } from '../contract-fixture.js';
import { startFakeApi } from '../../support/fake-api.js';

const APP_ID = 'wx1234567890abcdef';
const TOKEN = 'wxcallbacktoken';
const OPENID = 'oLVPpjqs9BhvzwPj5A-vTYAX3GLc';

const sign = (timestamp: string, nonce: string, token = TOKEN) =>
  createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');

const MESSAGE = [
  '<xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName>',
  `<FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>1763805600</CreateTime>`,
  '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>24123456789012345</MsgId></xml>',
].join('');

function callback(signature: string | undefined, body = MESSAGE) {
  const timestamp = '1763805600';
  const nonce = '1514711492';
  const query: Record<string, string> = signature === undefined ? {} : { signature, timestamp, nonce, openid: OPENID };
  return webhookRequest(`wechat/${APP_ID}`, { query, headers: { 'content-type': 'text/xml' }, body });
}

export const fixture: ContractFixture = {
  provider: 'wechat',
  async start() {
    let sendAnswer: unknown = { errcode: 0, errmsg: 'ok' };
    const api = await startFakeApi((req) =>
      req.url.startsWith('/cgi-bin/token')
        ? { status: 200, body: { access_token: 'ACCESS_TOKEN_1', expires_in: 7200 } }
        : { status: 200, body: sendAnswer },
    );
    const errcode = (code: number, errmsg: string, reason: string, retryable = false) => ({
      name: `errcode ${code} ${errmsg}`,
      arrange: () => void (sendAnswer = { errcode: code, errmsg }),
      expected: { ok: false as const, reason, retryable },
    });
    return {
      account: {
        type: 'wechat',
        id: 'oa-1',
        options: { appId: APP_ID, appSecret: 'app-secret', token: TOKEN, baseUrl: api.url },
      },
      address: OPENID,
      requestsReceived: () => api.requests.length,
      success: {
        name: 'errcode 0 with msgid',
        arrange: () => void (sendAnswer = { errcode: 0, errmsg: 'ok', msgid: '5595771666503728439' }),
        expected: { ok: true, providerMessageId: '5595771666503728439' },
      },
      failures: [
        errcode(40164, 'invalid ip, not in whitelist', 'wechat.auth_failed'),
        errcode(43004, 'require subscribe', 'wechat.not_subscribed'),
        errcode(45002, 'content size out of limit', 'text_too_long'),
        errcode(45015, 'response out of time limit or subscription is canceled', 'wechat.window_expired'),
        errcode(45047, 'out of response count limit', 'wechat.outbound_cap_reached'),
        errcode(45011, 'api minute-quota reach limit', 'provider_error', true),
        {
          // A token refused twice: refreshed once, then reported (nothing is sent a third time).
          ...errcode(40001, 'invalid credential', 'wechat.auth_failed'),
          name: 'errcode 40001 on a fresh token too',
        },
      ],
      webhook: {
        sender: OPENID,
        signed: () => callback(sign('1763805600', '1514711492')),
        badSignature: () => callback(sign('1763805600', '1514711492', 'another-token')),
        missingSignature: () => callback(undefined),
        malformed: () => callback(sign('1763805600', '1514711492'), '<xml><MsgType>'),
      },
      stop: () => api.close(),
    };
  },
};
