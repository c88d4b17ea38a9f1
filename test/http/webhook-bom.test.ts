/**
 * Provider webhooks whose body starts with a UTF-8 byte-order mark: the signature is checked over the body
 * as sent (BOM included), and the JSON or XML after the mark parses to the same events as without it.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProviderAccount, ProviderDeps, ProviderFactory, WebhookRequest } from '../../src/transports/provider.js';
import { createLineChannel } from '../../src/transports/line/index.js';
import { createMessengerChannel } from '../../src/transports/messenger/index.js';
import { createTelegramChannel } from '../../src/transports/telegram/index.js';
import { createViberChannel } from '../../src/transports/viber/index.js';
import { createWebchatChannel, signatureFor } from '../../src/transports/webchat/index.js';
import { createWechatChannel } from '../../src/transports/wechat/index.js';
import { createWhatsappChannel } from '../../src/transports/whatsapp/index.js';

const NOW = new Date('2026-11-21T12:00:00.000Z');
const deps: ProviderDeps = {
  fetch: () => Promise.reject(new Error('no network in webhook tests')),
  now: () => NOW,
  logger: { info() {}, warn() {}, error() {} },
};
const unix = Math.floor(NOW.getTime() / 1000) - 60;
const hmac = (secret: string, body: string, encoding: 'hex' | 'base64' = 'hex') =>
  createHmac('sha256', secret).update(body, 'utf8').digest(encoding);

interface Case {
  name: string;
  factory: ProviderFactory;
  account: ProviderAccount;
  body: string;
  /** Query string and headers that sign `rawBody` the provider's way. */
  sign(rawBody: string): { query?: string; headers: Record<string, string> };
}

const META_SECRET = 'meta-app-secret-0f9e';
const metaSigned = (rawBody: string) => ({
  headers: { 'x-hub-signature-256': `sha256=${hmac(META_SECRET, rawBody)}` },
});

const WA_NUMBER = '106540352242922';
const WA_TOKEN = 'EAAJB-test-access-token-0123456789';
const waMessage = { from: '84912345678', id: 'wamid.BOM', timestamp: String(unix), type: 'text', text: { body: 'Hi' } };
const waValue = {
  messaging_product: 'whatsapp',
  metadata: { display_phone_number: '15550001111', phone_number_id: WA_NUMBER },
  contacts: [{ profile: { name: 'Linh' }, wa_id: '84912345678' }],
  messages: [waMessage],
};

const PAGE_ID = '104857329811223';
const pageMessage = {
  sender: { id: '6723918823017345' },
  recipient: { id: PAGE_ID },
  timestamp: unix * 1000,
  message: { mid: 'm_bom', text: 'hi' },
};

const VIBER_TOKEN = '445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9';
const WECHAT_TOKEN = 'wxcallbacktoken';
const OPENID = 'oLVPpjqs9BhvzwPj5A-vTYAX3GLc';
const wechatQuery = (() => {
  const [timestamp, nonce] = ['1700000000', '1514711492'];
  const signature = createHash('sha1').update([WECHAT_TOKEN, timestamp, nonce].sort().join('')).digest('hex');
  return new URLSearchParams({ signature, timestamp, nonce, openid: OPENID }).toString();
})();

const LINE_SECRET = '8c570fa6dd201bb328f1c1eac23a96d8';
const lineEvent = {
  type: 'message',
  mode: 'active',
  timestamp: unix * 1000,
  source: { type: 'user', userId: 'U4af4980629a1b2c3d4e5f60718293a4b' },
  webhookEventId: '01HZX8F4R5Q1A2B3C4D5E6F7G8',
  deliveryContext: { isRedelivery: false },
  message: { id: '444573844083572737', type: 'text', text: 'まだ' },
};
const WEBCHAT_SECRET = 'whsec_4f9a1c7e2b8d6053e1a9c4b7f2d8e6a0';
const tgChat = { id: 987654321, type: 'private', first_name: 'Ana' };

const CASES: Case[] = [
  {
    name: 'WhatsApp Cloud API',
    factory: createWhatsappChannel,
    account: {
      type: 'whatsapp',
      id: WA_NUMBER,
      options: { phoneNumberId: WA_NUMBER, accessToken: WA_TOKEN, appSecret: META_SECRET, verifyToken: 'v' },
    },
    body: JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: 'WABA', changes: [{ field: 'messages', value: waValue }] }],
    }),
    sign: metaSigned,
  },
  {
    name: 'Messenger',
    factory: createMessengerChannel,
    account: {
      type: 'messenger',
      id: PAGE_ID,
      options: { pageId: PAGE_ID, accessToken: 'EAAG-token', appSecret: META_SECRET, verifyToken: 'v' },
    },
    body: JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, time: unix * 1000, messaging: [pageMessage] }] }),
    sign: metaSigned,
  },
  {
    name: 'Viber',
    factory: createViberChannel,
    account: { type: 'viber', id: 'bot-1', options: { authToken: VIBER_TOKEN, senderName: 'Acme' } },
    // Raw text: message_token is a 64-bit integer.
    body:
      `{"event":"message","timestamp":${unix * 1000},"message_token":4912661846655238145,` +
      '"sender":{"id":"01234567890A=","name":"John"},"message":{"type":"text","text":"hello"}}',
    sign: (rawBody) => ({ headers: { 'x-viber-content-signature': hmac(VIBER_TOKEN, rawBody) } }),
  },
  {
    name: 'WeChat (XML; fast-xml-parser skips the mark itself)',
    factory: createWechatChannel,
    account: { type: 'wechat', options: { appId: 'wx1234567890abcdef', appSecret: 's', token: WECHAT_TOKEN } },
    body:
      `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName>` +
      `<CreateTime>${unix}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content>` +
      '<MsgId>24562912345678901234</MsgId></xml>',
    sign: () => ({ query: wechatQuery, headers: { 'content-type': 'text/xml' } }),
  },
  {
    name: 'Telegram',
    factory: createTelegramChannel,
    account: {
      type: 'telegram',
      id: 'support',
      options: { botToken: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'tg-secret' },
    },
    body: JSON.stringify({
      update_id: 900001,
      message: { message_id: 55, date: unix, chat: tgChat, from: { ...tgChat, is_bot: false }, text: 'Olá' },
    }),
    sign: () => ({ headers: { 'x-telegram-bot-api-secret-token': 'tg-secret' } }),
  },
  {
    name: 'LINE',
    factory: createLineChannel,
    account: { type: 'line', id: 'jp', options: { channelAccessToken: 'Zx9/long+token=', channelSecret: LINE_SECRET } },
    body: JSON.stringify({ destination: 'Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', events: [lineEvent] }),
    sign: (rawBody) => ({ headers: { 'x-line-signature': hmac(LINE_SECRET, rawBody, 'base64') } }),
  },
  {
    name: 'Website chat',
    factory: createWebchatChannel,
    account: { type: 'webchat', id: 'shop', options: { webhookUrl: 'https://shop.example/', secret: WEBCHAT_SECRET } },
    body: JSON.stringify({ id: 'msg_bom', visitorId: 'v-8f3a', text: 'Xin chào', sentAt: new Date(unix * 1000) }),
    sign: (rawBody) => ({
      headers: {
        'x-followup-timestamp': String(unix),
        'x-followup-signature': signatureFor(WEBCHAT_SECRET, unix, rawBody),
      },
    }),
  },
];

function signedPost(c: Case, rawBody: string): WebhookRequest {
  const { query, headers } = c.sign(rawBody);
  const url = new URL(`https://followup.example/webhooks/${c.account.type}${query ? `?${query}` : ''}`);
  return { method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, rawBody };
}

describe('a provider webhook body led by a byte-order mark', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: same answer and events as without it', async (_name, c) => {
    const hook = c.factory(c.account, deps).webhook!;
    const plain = await hook.handle(signedPost(c, c.body));
    expect(plain.refused).toBeUndefined();
    expect(plain.events.length).toBeGreaterThan(0);
    const withBom = await hook.handle(signedPost(c, `\uFEFF${c.body}`));
    expect({ status: withBom.status, refused: withBom.refused, events: withBom.events }).toEqual({
      status: plain.status,
      refused: undefined,
      events: plain.events,
    });
  });
});
