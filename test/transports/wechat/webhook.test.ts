import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ingestEventSchema } from '../../../src/ingest/events.js';
import type { InboundWebhook, ProviderDeps, WebhookResponse } from '../../../src/transports/provider.js';
import { createWechatChannel } from '../../../src/transports/wechat/index.js';

const TOKEN = 'wxcallbacktoken';
const APP_ID = 'wx1234567890abcdef';
const OPENID = 'oLVPpjqs9BhvzwPj5A-vTYAX3GLc';
const deps: ProviderDeps = {
  fetch: () => Promise.reject(new Error('no network in webhook tests')),
  now: () => new Date('2030-01-01T00:00:00Z'), // `at` must come from CreateTime, never from here
  logger: { info() {}, warn() {}, error() {} },
};

function webhook(id?: string): InboundWebhook {
  return createWechatChannel(
    { type: 'wechat', ...(id ? { id } : {}), options: { appId: APP_ID, appSecret: 's', token: TOKEN } },
    deps,
  ).webhook!;
}

const sign = (timestamp: string, nonce: string, token = TOKEN) =>
  createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');

function url(params: Record<string, string>): URL {
  const u = new URL(`https://followup.example/webhooks/wechat/${APP_ID}`);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u;
}

function signedPost(xml: string, params: Record<string, string> = {}) {
  const timestamp = '1700000000';
  const nonce = '1514711492';
  return {
    method: 'POST',
    url: url({ signature: sign(timestamp, nonce), timestamp, nonce, openid: OPENID, ...params }),
    headers: { 'content-type': 'text/xml' },
    rawBody: xml,
  };
}

function valid(response: WebhookResponse) {
  for (const event of response.events) expect(ingestEventSchema.safeParse(event).error).toBeUndefined();
  return response;
}

const xml = (fields: string) =>
  '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>' +
  `<FromUserName><![CDATA[${OPENID}]]></FromUserName>${fields}</xml>`;
const TEXT = xml(
  '<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType>' +
    '<Content><![CDATA[你好, <is my order> & shipped?]]></Content><MsgId>24562912345678901234</MsgId>',
);

describe('wechat webhook: server verification (GET)', () => {
  it('echoes echostr as text/plain when the signature matches', async () => {
    const timestamp = '1409659813';
    const nonce = '1372623149';
    const response = await webhook().handle({
      method: 'GET',
      url: url({ signature: sign(timestamp, nonce), timestamp, nonce, echostr: '6230375423829913716' }),
      headers: {},
      rawBody: '',
    });
    expect(response).toEqual({ status: 200, body: '6230375423829913716', contentType: 'text/plain', events: [] });
  });

  it('answers 403 to a wrong or missing signature', async () => {
    const wrong = await webhook().handle({
      method: 'GET',
      url: url({ signature: sign('1', '2', 'other-token'), timestamp: '1', nonce: '2', echostr: 'e' }),
      headers: {},
      rawBody: '',
    });
    expect(wrong).toEqual({ status: 403, events: [], refused: 'bad signature' });
    const missing = await webhook().handle({
      method: 'GET',
      url: url({ timestamp: '1', nonce: '2', echostr: 'e' }),
      headers: {},
      rawBody: '',
    });
    expect(missing).toMatchObject({ status: 403, events: [] });
    expect(missing.body).toBeUndefined();
  });

  it('a signature for other timestamp/nonce values does not verify', async () => {
    const response = await webhook().handle({
      method: 'GET',
      url: url({ signature: sign('1', '2'), timestamp: '1', nonce: '3', echostr: 'e' }),
      headers: {},
      rawBody: '',
    });
    expect(response.status).toBe(403);
  });
});

describe('wechat webhook: messages (POST, plaintext mode)', () => {
  it('a text message → contact.upserted + message.received at CreateTime; replies "success"', async () => {
    const response = valid(await webhook('oa-1').handle(signedPost(TEXT)));
    expect(response).toEqual({
      status: 200,
      body: 'success',
      contentType: 'text/plain',
      events: [
        {
          id: 'wechat:24562912345678901234:contact',
          type: 'contact.upserted',
          at: '2012-09-28T11:31:00.000Z',
          contact: { id: `addr:wechat:${OPENID}`, channels: [{ type: 'wechat', channelId: 'oa-1', address: OPENID }] },
        },
        {
          id: 'wechat:24562912345678901234',
          type: 'message.received',
          at: '2012-09-28T11:31:00.000Z',
          contactId: `addr:wechat:${OPENID}`,
          channel: 'wechat',
          channelId: 'oa-1',
          kind: 'message',
          text: '你好, <is my order> & shipped?',
        },
      ],
    });
  });

  it('a redelivered message yields the same ids (MsgId dedupe)', async () => {
    const first = await webhook().handle(signedPost(TEXT));
    const again = await webhook().handle(signedPost(TEXT, { nonce: '999', signature: sign('1700000000', '999') }));
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
  });

  it.each(['image', 'voice', 'video', 'shortvideo', 'location', 'link'])(
    'a %s message anchors the window, without text',
    async (type) => {
      const body = xml(
        `<CreateTime>1700000000</CreateTime><MsgType><![CDATA[${type}]]></MsgType>` +
          '<MediaId><![CDATA[m]]></MediaId><MsgId>1234567890123456</MsgId>',
      );
      const response = valid(await webhook().handle(signedPost(body)));
      expect(response.events[1]).toEqual({
        id: 'wechat:1234567890123456',
        type: 'message.received',
        at: '2023-11-14T22:13:20.000Z',
        contactId: `addr:wechat:${OPENID}`,
        channel: 'wechat',
        kind: 'message',
      });
    },
  );

  it('subscribe → contact.upserted only (no 48 h window)', async () => {
    const body = xml(
      '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>',
    );
    const response = valid(await webhook().handle(signedPost(body)));
    expect(response).toEqual({
      status: 200,
      body: 'success',
      contentType: 'text/plain',
      events: [
        {
          id: `wechat:event:${OPENID}:1700000000:subscribe:contact`,
          type: 'contact.upserted',
          at: '2023-11-14T22:13:20.000Z',
          contact: { id: `addr:wechat:${OPENID}`, channels: [{ type: 'wechat', address: OPENID }] },
        },
      ],
    });
  });

  it.each([
    ['unsubscribe', ''],
    ['CLICK', '<EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>'],
    ['SCAN', '<EventKey><![CDATA[123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>'],
    ['VIEW', '<EventKey><![CDATA[https://example.com]]></EventKey>'],
    ['LOCATION', '<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>'],
  ])('event %s is acknowledged with "success" and moves no anchor', async (event, extra) => {
    const body = xml(
      '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType>' +
        `<Event><![CDATA[${event}]]></Event>${extra}`,
    );
    expect(await webhook().handle(signedPost(body))).toEqual({
      status: 200,
      body: 'success',
      contentType: 'text/plain',
      events: [],
    });
  });

  it('an unknown MsgType is acknowledged and ignored', async () => {
    const body = xml(
      '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[miniprogrampage]]></MsgType><MsgId>1</MsgId>',
    );
    expect(await webhook().handle(signedPost(body))).toEqual({
      status: 200,
      body: 'success',
      contentType: 'text/plain',
      events: [],
    });
  });

  it('refuses a POST with a bad or missing signature with 403 and no events', async () => {
    const bad = signedPost(TEXT, { signature: sign('1700000000', '1514711492', 'wrong') });
    expect(await webhook().handle(bad)).toEqual({ status: 403, events: [], refused: 'bad signature' });
    const missing = signedPost(TEXT);
    missing.url.searchParams.delete('signature');
    expect(await webhook().handle(missing)).toMatchObject({ status: 403, events: [] });
  });

  it('rejects malformed XML, a missing FromUserName/CreateTime and DTDs with 400', async () => {
    const bodies = [
      '<xml><MsgType>text</MsgType>',
      'not xml at all',
      '<xml><MsgType><![CDATA[text]]></MsgType><CreateTime>1</CreateTime><MsgId>1</MsgId></xml>',
      xml('<MsgType><![CDATA[text]]></MsgType><MsgId>1</MsgId>'),
      xml('<CreateTime>soon</CreateTime><MsgType><![CDATA[text]]></MsgType><MsgId>1</MsgId>'),
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x "boom">]>' +
        xml('<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&x;</Content><MsgId>1</MsgId>'),
      '<other><MsgType>text</MsgType></other>',
    ];
    for (const body of bodies) {
      const response = await webhook().handle(signedPost(body));
      expect(response.status, body).toBe(400);
      expect(response.events).toEqual([]);
    }
  });

  it('refuses safe (encrypted) mode bodies with a clear reason', async () => {
    const body =
      '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[msg_encrypt]]></Encrypt></xml>';
    const response = await webhook().handle(signedPost(body, { encrypt_type: 'aes', msg_signature: 'x' }));
    expect(response.status).toBe(400);
    expect(response.refused).toContain('encrypted (safe-mode) messages are not supported');
  });

  it('compatible mode (plaintext fields beside <Encrypt>) is read from the plaintext', async () => {
    const body = TEXT.replace('</xml>', '<Encrypt><![CDATA[ignored]]></Encrypt></xml>');
    const response = valid(await webhook().handle(signedPost(body, { encrypt_type: 'aes', msg_signature: 'x' })));
    expect(response.events.map((e) => e.id)).toEqual([
      'wechat:24562912345678901234:contact',
      'wechat:24562912345678901234',
    ]);
  });

  it('answers 405 to other methods', async () => {
    expect(await webhook().handle({ ...signedPost(TEXT), method: 'PUT' })).toMatchObject({ status: 405, events: [] });
  });

  it('path is wechat/<appId>', () => {
    expect(webhook().path).toBe(`wechat/${APP_ID}`);
  });
});
