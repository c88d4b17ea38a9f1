import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, ContactChannel } from '../../../src/contacts/model.js';
import type { PlannedSend } from '../../../src/policy/index.js';
import type { ProviderDeps } from '../../../src/transports/provider.js';
import type { SendRequest } from '../../../src/transports/transport.js';
import { WECHAT_ERRORS, createWechatChannel, wechatOptionsSchema } from '../../../src/transports/wechat/index.js';
import { FakeWechat } from './fake-wechat.js';
import { plannedSend } from '../../support/planned-send.js';
import { refusedUrl } from '../../support/fake-api.js';

const OPENID = 'oLVPpjqs9BhvzwPj5A-vTYAX3GLc';
let now = new Date('2026-11-21T10:00:00Z');
const deps: ProviderDeps = {
  fetch: (...a) => fetch(...a),
  now: () => now,
  logger: { info() {}, warn() {}, error() {} },
};

function request(
  text = '您好，您的订单已发货 📦',
  address: string | null = OPENID,
  kind: PlannedSend['kind'] = 'text',
): SendRequest {
  const channel: ContactChannel = {
    type: 'wechat',
    ...(address ? { address } : {}),
    lastInboundAt: null,
    lastOutboundAt: null,
    outboundSinceInbound: 0,
  };
  const contact: Contact = {
    id: 'c-1',
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    language: 'zh',
    assignee: null,
    status: 'open',
    statusChangedAt: now.toISOString(),
    lastActivityAt: now.toISOString(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    channels: [channel],
  };
  const plan = plannedSend('wechat', text, { kind, countsTowardCap: true });
  return { plan, contact, channel, idempotencyKey: 'idem-7' };
}

const fake = new FakeWechat();
beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
  now = new Date('2026-11-21T10:00:00Z');
});

function channel(options: Record<string, unknown> = {}) {
  return createWechatChannel(
    {
      type: 'wechat',
      id: 'oa-1',
      options: {
        appId: 'wx1234567890abcdef',
        appSecret: 's3cr3t&x',
        token: 'cbtoken',
        baseUrl: fake.baseUrl,
        ...options,
      },
    },
    deps,
  );
}

describe('wechat send (contract with the customer-service message API)', () => {
  it('fetches the access_token with GET /cgi-bin/token, then POSTs the documented text body', async () => {
    const result = await channel().transport.send(request());

    expect(result).toEqual({ ok: true, providerMessageId: 'wechat-local:idem-7', sandbox: false });
    expect(fake.tokenRequests).toHaveLength(1);
    const tokenRequest = fake.tokenRequests[0]!;
    expect(tokenRequest.method).toBe('GET');
    expect(tokenRequest.url).toBe(
      '/cgi-bin/token?grant_type=client_credential&appid=wx1234567890abcdef&secret=s3cr3t%26x',
    );

    expect(fake.sendRequests).toHaveLength(1);
    const sent = fake.sendRequests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/cgi-bin/message/custom/send?access_token=ACCESS_TOKEN_1');
    expect(sent.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(sent.body)).toEqual({
      touser: OPENID,
      msgtype: 'text',
      text: { content: '您好，您的订单已发货 📦' },
    });
  });

  it('sends non-ASCII text as raw UTF-8, never as \\u escapes (WeChat errcode 40033)', async () => {
    await channel().transport.send(request('你好 😀'));
    const raw = fake.sendRequests[0]!.raw;
    expect(raw.includes(Buffer.from('你好 😀', 'utf8'))).toBe(true);
    expect(raw.toString('latin1')).not.toContain('\\u');
  });

  it('keeps a 64-bit msgid exactly when WeChat returns one', async () => {
    fake.replySend({ body: '{"errcode":0,"errmsg":"ok","msgid":8589934592123456789}' });
    expect(await channel().transport.send(request())).toEqual({
      ok: true,
      providerMessageId: '8589934592123456789',
      sandbox: false,
    });
  });

  it('reuses the cached token and refreshes it 5 minutes before expires_in, by the injected clock', async () => {
    const { transport } = channel();
    await transport.send(request());
    now = new Date(now.getTime() + (7200 - 301) * 1000);
    await transport.send(request());
    expect(fake.tokenRequests).toHaveLength(1);
    now = new Date(now.getTime() + 2_000); // now 299 s before expiry
    await transport.send(request());
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.sendRequests.map((r) => r.url.split('access_token=')[1])).toEqual([
      'ACCESS_TOKEN_1',
      'ACCESS_TOKEN_1',
      'ACCESS_TOKEN_2',
    ]);
  });

  it('honours a shorter expires_in', async () => {
    fake.replyToken({ body: { access_token: 'SHORT', expires_in: 60 } });
    const { transport } = channel();
    await transport.send(request());
    now = new Date(now.getTime() + 31_000); // past half of 60 s
    await transport.send(request());
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it.each([40001, 40014, 42001])('errcode %i on send → one refresh, one retry with the new token', async (errcode) => {
    fake.replySend({ body: { errcode, errmsg: 'invalid credential, access_token is invalid or not latest' } });
    const result = await channel().transport.send(request());
    expect(result).toEqual({ ok: true, providerMessageId: 'wechat-local:idem-7', sandbox: false });
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.sendRequests.map((r) => r.url.split('access_token=')[1])).toEqual(['ACCESS_TOKEN_1', 'ACCESS_TOKEN_2']);
  });

  it('a second token refusal is an auth failure, not a loop', async () => {
    fake.replySend(
      { body: { errcode: 40001, errmsg: 'invalid credential' } },
      { body: { errcode: 40001, errmsg: 'invalid credential' } },
    );
    const result = await channel().transport.send(request());
    expect(result).toMatchObject({ ok: false, reason: 'wechat.auth_failed', retryable: false });
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.sendRequests).toHaveLength(2);
  });

  it('concurrent sends share one token fetch', async () => {
    fake.replyToken({ body: { access_token: 'SHARED', expires_in: 7200 }, delayMs: 100 });
    const { transport } = channel();
    const results = await Promise.all(Array.from({ length: 5 }, () => transport.send(request())));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.sendRequests.map((r) => r.url)).toEqual(
      Array(5).fill('/cgi-bin/message/custom/send?access_token=SHARED'),
    );
  });

  it('concurrent sends refused for an expired token share one refresh', async () => {
    const { transport } = channel();
    await transport.send(request()); // caches ACCESS_TOKEN_1
    fake.replySend(...Array.from({ length: 3 }, () => ({ body: { errcode: 42001, errmsg: 'access_token expired' } })));
    fake.replyToken({ body: { access_token: 'FRESH', expires_in: 7200 }, delayMs: 100 });
    const results = await Promise.all(Array.from({ length: 3 }, () => transport.send(request())));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.sendRequests.slice(4).map((r) => r.url.split('access_token=')[1])).toEqual(['FRESH', 'FRESH', 'FRESH']);
  });

  it.each([
    [45015, 'response out of time limit or subscription is canceled', 'wechat.window_expired', false],
    [45047, 'out of response count limit', 'wechat.outbound_cap_reached', false],
    [43004, 'require subscribe', 'wechat.not_subscribed', false],
    [-1, 'system error', 'provider_error', true],
    [45002, 'content size out of limit', 'text_too_long', false],
    [40003, 'invalid openid', 'provider_error', false],
    [48001, 'api unauthorized', 'provider_error', false],
    [99999, 'something new', 'provider_error', false],
  ])('errcode %i (%s) → %s, retryable %s', async (errcode, errmsg, reason, retryable) => {
    fake.replySend({ body: { errcode, errmsg: `${errmsg} rid: 64a774ce-020c072d-6c820ec0` } });
    const result = await channel().transport.send(request());
    expect(result).toMatchObject({ ok: false, reason, retryable });
    expect(result.ok === false && result.detail).toContain(`WeChat errcode ${errcode} (${errmsg}`);
    expect(fake.tokenRequests).toHaveLength(1); // not a token problem: no refresh
  });

  it('maps 45015 and 45047 by errcode, not by errmsg', async () => {
    fake.replySend({ body: { errcode: 45015, errmsg: 'out of response count limit' } });
    expect(await channel().transport.send(request())).toMatchObject({ ok: false, reason: 'wechat.window_expired' });
    expect(WECHAT_ERRORS[45047]!.reason).toBe('wechat.outbound_cap_reached');
  });

  it('HTTP 5xx is retryable, HTTP 4xx is not', async () => {
    fake.replySend({ status: 502, body: 'bad gateway' }, { status: 400, body: 'bad request' });
    expect(await channel().transport.send(request())).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: true,
    });
    expect(await channel().transport.send(request())).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: false,
    });
  });

  it('a refused connection is retryable', async () => {
    expect(await channel({ baseUrl: await refusedUrl() }).transport.send(request())).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: true,
    });
  });

  it('a send that outlives timeoutMs is aborted and retryable', async () => {
    const { transport } = channel({ timeoutMs: 200 });
    fake.replySend({ hang: true });
    expect(await transport.send(request())).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: true,
      detail: 'WeChat could not be reached: the request timed out',
    });
  });

  it('token errors: bad AppID/AppSecret are auth failures, system busy and 5xx are retryable', async () => {
    fake.replyToken(
      { body: { errcode: 40013, errmsg: 'invalid appid' } },
      { body: { errcode: 40125, errmsg: 'invalid appsecret' } },
      { body: { errcode: -1, errmsg: 'system error' } },
      { status: 503, body: '' },
    );
    expect(await channel().transport.send(request())).toMatchObject({
      ok: false,
      reason: 'wechat.auth_failed',
      retryable: false,
    });
    expect(await channel().transport.send(request())).toMatchObject({
      ok: false,
      reason: 'wechat.auth_failed',
      retryable: false,
    });
    expect(await channel().transport.send(request())).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: true,
    });
    expect(await channel().transport.send(request())).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: true,
    });
    expect(fake.sendRequests).toHaveLength(0);
  });

  it('a failed token fetch is not cached: the next send fetches again', async () => {
    fake.replyToken({ body: { errcode: -1, errmsg: 'system error' } });
    const { transport } = channel();
    expect((await transport.send(request())).ok).toBe(false);
    expect(await transport.send(request())).toMatchObject({ ok: true });
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('a channel without an OpenID or a non-text plan is refused without calling WeChat', async () => {
    expect(await channel().transport.send(request('hi', null))).toMatchObject({
      ok: false,
      reason: 'wechat.no_address',
      retryable: false,
    });
    expect(await channel().transport.send(request('hi', OPENID, 'tag'))).toMatchObject({
      ok: false,
      reason: 'wechat.tag_not_supported',
      retryable: false,
    });
    expect(fake.tokenRequests).toHaveLength(0);
    expect(fake.sendRequests).toHaveLength(0);
  });
});

describe('wechat options', () => {
  const make = (options: Record<string, unknown>, id?: string) => () =>
    createWechatChannel({ type: 'wechat', ...(id ? { id } : {}), options }, deps);

  it('names the missing option and the account', () => {
    expect(make({ appSecret: 's', token: 't' }, 'oa-1')).toThrow('channels[wechat:oa-1].options.appId is required');
    expect(make({ appId: 'wx1', token: 't' })).toThrow('channels[wechat].options.appSecret is required');
    expect(make({ appId: 'wx1', appSecret: 's', token: '' })).toThrow(
      'channels[wechat].options.token is required (it is empty)',
    );
  });

  it('rejects unknown options, a bad URL and a bad timeout', () => {
    const base = { appId: 'wx1', appSecret: 's', token: 't' };
    expect(make({ ...base, secret: 'x' })).toThrow(
      'channels[wechat].options has unknown option "secret" (known: appId, appSecret',
    );
    expect(make({ ...base, baseUrl: 'api.weixin.qq.com' })).toThrow('options.baseUrl must be a URL');
    expect(make({ ...base, timeoutMs: 'soon' })).toThrow('options.timeoutMs must be a number of milliseconds');
    expect(make({ ...base, appId: 'wx 1/..' })).toThrow('options.appId must be the AppID');
  });

  it('applies defaults', () => {
    expect(wechatOptionsSchema.parse({ appId: 'wx1', appSecret: 's', token: 't' })).toEqual({
      appId: 'wx1',
      appSecret: 's',
      token: 't',
      baseUrl: 'https://api.weixin.qq.com',
      timeoutMs: 10_000,
    });
  });

  it('exposes the webhook at wechat/<appId>', () => {
    expect(channel().webhook?.path).toBe('wechat/wx1234567890abcdef');
    expect(channel().transport).toMatchObject({ name: 'wechat', sandbox: false });
  });
});
