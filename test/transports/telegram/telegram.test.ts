import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, ContactChannel } from '../../../src/contacts/model.js';
import { ingestEventSchema } from '../../../src/ingest/events.js';
import type { PlannedSend } from '../../../src/policy/index.js';
import type { ProviderDeps, WebhookRequest } from '../../../src/transports/provider.js';
import { createTelegramChannel, telegramOptionsSchema } from '../../../src/transports/telegram/index.js';
import { refusedUrl, startFakeApi, type FakeApi } from '../../support/fake-api.js';
import { contactOf } from '../events.js';
import { plannedSend } from '../../support/planned-send.js';

const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const SECRET = 's3cr3t_Token-value';
const NOW = new Date('2026-11-22T12:00:00.000Z');
const logs: unknown[][] = [];
const deps: ProviderDeps = {
  fetch: (...a) => fetch(...a),
  now: () => NOW,
  logger: { info: (...a) => logs.push(a), warn: (...a) => logs.push(a), error: (...a) => logs.push(a) },
};

const contact: Contact = {
  id: 'c-1',
  firstName: 'Ana',
  lastName: '',
  email: '',
  phone: '',
  language: 'en',
  assignee: null,
  status: 'closed',
  statusChangedAt: '2026-11-20T00:00:00Z',
  lastActivityAt: '2026-11-20T00:00:00Z',
  createdAt: '2026-11-20T00:00:00Z',
  updatedAt: '2026-11-20T00:00:00Z',
  channels: [],
};
const channel = (address?: string): ContactChannel => ({
  type: 'telegram',
  channelId: 'support',
  ...(address ? { address } : {}),
  lastInboundAt: null,
  lastOutboundAt: null,
  outboundSinceInbound: 0,
});
const plan = (text: string): PlannedSend => plannedSend('telegram', text);

const account = (baseUrl: string, extra: Record<string, unknown> = {}) => ({
  type: 'telegram' as const,
  id: 'support',
  options: { botToken: BOT_TOKEN, secretToken: SECRET, baseUrl, timeoutMs: 2000, ...extra },
});

describe('telegram options', () => {
  it('defaults baseUrl and timeoutMs', () => {
    const o = telegramOptionsSchema.parse({ botToken: BOT_TOKEN, secretToken: SECRET });
    expect(o.baseUrl).toBe('https://api.telegram.org');
    expect(o.timeoutMs).toBe(10_000);
  });

  it('names the option and the account when an option is missing, wrong or unknown', () => {
    expect(() =>
      createTelegramChannel({ type: 'telegram', id: 'support', options: { secretToken: SECRET } }, deps),
    ).toThrow('channels[telegram:support].options.botToken is required');
    expect(() =>
      createTelegramChannel({ type: 'telegram', options: { botToken: 'nope', secretToken: SECRET } }, deps),
    ).toThrow(/^channels\[telegram\]\.options\.botToken must be a bot token/);
    expect(() =>
      createTelegramChannel({ type: 'telegram', options: { botToken: BOT_TOKEN, secretToken: 'has space' } }, deps),
    ).toThrow(/^channels\[telegram\]\.options\.secretToken must be 1-256 characters/);
    expect(() =>
      createTelegramChannel(
        { type: 'telegram', options: { botToken: BOT_TOKEN, secretToken: SECRET, token: 'x' } },
        deps,
      ),
    ).toThrow('channels[telegram].options has unknown option "token"');
    expect(() => createTelegramChannel({ type: 'line', id: 'x', options: {} }, deps)).toThrow(
      'channels[line:x]: transport telegram serves channel type telegram, not line',
    );
  });

  it('mounts the webhook at telegram/<account id>, else telegram/<bot id>', () => {
    expect(createTelegramChannel(account('http://127.0.0.1:1'), deps).webhook?.path).toBe('telegram/support');
    const { webhook } = createTelegramChannel(
      { type: 'telegram', options: { botToken: BOT_TOKEN, secretToken: SECRET } },
      deps,
    );
    expect(webhook?.path).toBe('telegram/123456789');
  });
});

describe('telegram sendMessage against a local fake of the Bot API', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi(() => ({ status: 500 }));
  });
  afterAll(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
  });

  it('POSTs JSON { chat_id, text } to /bot<token>/sendMessage and returns "<chat_id>:<message_id>"', async () => {
    api.answer((req) => ({
      status: 200,
      body: {
        ok: true,
        result: {
          message_id: 42,
          date: 1763812800,
          chat: { id: 987654321, type: 'private' },
          text: JSON.parse(req.body).text,
        },
      },
    }));
    const { transport } = createTelegramChannel(account(api.url), deps);
    expect(transport.name).toBe('telegram');
    expect(transport.sandbox).toBe(false);
    const result = await transport.send({
      plan: plan('Hello “Ana” 👋'),
      contact,
      channel: channel('987654321'),
      idempotencyKey: 'k1',
    });
    expect(result).toEqual({ ok: true, providerMessageId: '987654321:42', sandbox: false });

    expect(api.requests).toHaveLength(1);
    const req = api.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ chat_id: 987654321, text: 'Hello “Ana” 👋' });
  });

  it('keeps a non-numeric chat id as a string', async () => {
    api.answer(() => ({ status: 200, body: { ok: true, result: { message_id: 7, date: 1, chat: { id: -1001234 } } } }));
    const { transport } = createTelegramChannel(account(api.url), deps);
    const result = await transport.send({
      plan: plan('hi'),
      contact,
      channel: channel('@my_channel'),
      idempotencyKey: 'k',
    });
    expect(JSON.parse(api.requests[0]!.body).chat_id).toBe('@my_channel');
    expect(result).toEqual({ ok: true, providerMessageId: '-1001234:7', sandbox: false });
  });

  it('refuses a channel without a chat id without calling Telegram', async () => {
    const { transport } = createTelegramChannel(account(api.url), deps);
    const result = await transport.send({ plan: plan('hi'), contact, channel: channel(), idempotencyKey: 'k' });
    expect(result).toMatchObject({ ok: false, reason: 'telegram.no_address', retryable: false });
    expect(api.requests).toHaveLength(0);
  });

  const cases: Array<[string, number, unknown, string, boolean, RegExp?]> = [
    [
      'blocked by the user',
      403,
      { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      'telegram.blocked',
      false,
    ],
    [
      'deactivated user',
      403,
      { ok: false, error_code: 403, description: 'Forbidden: user is deactivated' },
      'telegram.blocked',
      false,
    ],
    [
      'chat not found',
      400,
      { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
      'telegram.no_address',
      false,
    ],
    [
      'other bad request',
      400,
      { ok: false, error_code: 400, description: 'Bad Request: message text is empty' },
      'provider_error',
      false,
      /message text is empty/,
    ],
    [
      'bad token',
      401,
      { ok: false, error_code: 401, description: 'Unauthorized' },
      'provider_error',
      false,
      /Telegram 401: Unauthorized/,
    ],
    [
      'flood control',
      429,
      { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } },
      'provider_error',
      true,
      /retry_after 7s/,
    ],
    ['server error', 500, { ok: false, error_code: 500, description: 'Internal Server Error' }, 'provider_error', true],
    ['bad gateway page', 502, '<html>502 Bad Gateway</html>', 'provider_error', true, /HTTP 502/],
  ];
  it.each(cases)('maps %s (HTTP %i) to its reason', async (_name, status, body, reason, retryable, detail) => {
    api.answer(() => ({ status, body }));
    const { transport } = createTelegramChannel(account(api.url), deps);
    const result = await transport.send({
      plan: plan('hi'),
      contact,
      channel: channel('987654321'),
      idempotencyKey: 'k',
    });
    expect(result).toMatchObject({ ok: false, reason, retryable });
    if (detail) expect(result.ok === false && result.detail).toMatch(detail);
  });

  it('treats a refused connection as retryable and never leaks the bot token', async () => {
    const { transport } = createTelegramChannel(account(await refusedUrl()), deps);
    const result = await transport.send({
      plan: plan('hi'),
      contact,
      channel: channel('987654321'),
      idempotencyKey: 'k',
    });
    expect(result).toMatchObject({ ok: false, reason: 'provider_error', retryable: true });
    expect(result.ok === false && result.detail).toMatch(/network error/);
    expect(result.ok === false && result.detail).not.toContain(BOT_TOKEN);
  });

  it('times out a request that never answers (retryable)', async () => {
    api.answer(() => 'hang');
    const { transport } = createTelegramChannel(account(api.url, { timeoutMs: 150 }), deps);
    const result = await transport.send({
      plan: plan('hi'),
      contact,
      channel: channel('987654321'),
      idempotencyKey: 'k',
    });
    expect(result).toEqual({
      ok: false,
      reason: 'provider_error',
      detail: 'Telegram: no answer within 150 ms',
      retryable: true,
    });
  });
});

describe('telegram webhook', () => {
  const { webhook } = createTelegramChannel(account('http://127.0.0.1:1'), deps);
  const hook = webhook!;
  const request = (
    body: unknown,
    headers: Record<string, string | undefined> = { 'x-telegram-bot-api-secret-token': SECRET },
  ): WebhookRequest => ({
    method: 'POST',
    url: new URL('https://followup.example.com/webhooks/telegram/support'),
    headers: { 'content-type': 'application/json', ...headers },
    rawBody: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const update = {
    update_id: 900001,
    message: {
      message_id: 55,
      date: 1763805600, // 2025-11-22T10:00:00Z
      chat: { id: 987654321, type: 'private', first_name: 'Ana' },
      from: {
        id: 987654321,
        is_bot: false,
        first_name: 'Ana',
        last_name: 'Souza',
        username: 'anas',
        language_code: 'pt-br',
      },
      text: 'Olá, any news on my order?',
    },
  };

  it('turns a private message into contact.upserted + message.received at the provider time', async () => {
    const res = await hook.handle(request(update));
    expect(res.status).toBe(200);
    expect(res.refused).toBeUndefined();
    expect(res.events).toEqual([
      {
        id: 'telegram:123456789:900001:contact',
        type: 'contact.upserted',
        at: '2025-11-22T10:00:00.000Z',
        contact: {
          id: 'addr:telegram:987654321',
          firstName: 'Ana',
          lastName: 'Souza',
          language: 'pt-br',
          channels: [{ type: 'telegram', channelId: 'support', address: '987654321' }],
        },
      },
      {
        id: 'telegram:123456789:900001',
        type: 'message.received',
        at: '2025-11-22T10:00:00.000Z',
        contactId: 'addr:telegram:987654321',
        channel: 'telegram',
        channelId: 'support',
        kind: 'message',
        text: 'Olá, any news on my order?',
      },
    ]);
    for (const e of res.events) expect(ingestEventSchema.safeParse(e).success).toBe(true);
  });

  it('gives a redelivered update the same event ids', async () => {
    const first = await hook.handle(request(update));
    const again = await hook.handle(request(update));
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(again.events).toEqual(first.events);
  });

  it('anchors an edited message at its edit_date', async () => {
    const res = await hook.handle(
      request({ update_id: 900002, edited_message: { ...update.message, edit_date: 1763809200, text: 'edited' } }),
    );
    expect(res.status).toBe(200);
    expect(res.events.map((e) => [e.type, e.id, e.at])).toEqual([
      ['contact.upserted', 'telegram:123456789:900002:contact', '2025-11-22T11:00:00.000Z'],
      ['message.received', 'telegram:123456789:900002', '2025-11-22T11:00:00.000Z'],
    ]);
    for (const e of res.events) expect(ingestEventSchema.safeParse(e).success).toBe(true);
  });

  it('leaves out names and language the user does not have', async () => {
    const res = await hook.handle(
      request({
        update_id: 3,
        message: {
          message_id: 1,
          date: 1763805600,
          chat: { id: 5, type: 'private' },
          from: { id: 5, is_bot: false, first_name: 'Bo' },
        },
      }),
    );
    expect(res.events[0]).toMatchObject({ contact: { id: 'addr:telegram:5', firstName: 'Bo' } });
    expect(contactOf(res.events[0])).not.toHaveProperty('lastName');
    expect(contactOf(res.events[0])).not.toHaveProperty('language');
    expect(res.events[1]).not.toHaveProperty('text');
    for (const e of res.events) expect(ingestEventSchema.safeParse(e).success).toBe(true);
  });

  it('refuses a wrong or missing secret token with 401 and no events', async () => {
    const wrong = await hook.handle(request(update, { 'x-telegram-bot-api-secret-token': `${SECRET}x` }));
    expect(wrong).toMatchObject({ status: 401, events: [] });
    expect(wrong.refused).toMatch(/does not match/);
    const missing = await hook.handle(request(update, {}));
    expect(missing).toMatchObject({ status: 401, events: [] });
    expect(missing.refused).toMatch(/missing/);
    const empty = await hook.handle(request(update, { 'x-telegram-bot-api-secret-token': '' }));
    expect(empty).toMatchObject({ status: 401, events: [] });
  });

  it('checks the secret before reading the body', async () => {
    const res = await hook.handle(request('{not json', { 'x-telegram-bot-api-secret-token': 'other' }));
    expect(res.status).toBe(401);
  });

  it('answers 400 with no events to a malformed body', async () => {
    for (const body of [
      '{not json',
      '[]',
      JSON.stringify({ message: update.message }),
      JSON.stringify({ update_id: 'x' }),
      JSON.stringify({ update_id: 9, message: { text: 'no date' } }),
    ]) {
      const res = await hook.handle(request(body));
      expect(res, body).toMatchObject({ status: 400, events: [] });
    }
  });

  it('acknowledges and ignores updates that are not a person writing in a private chat', async () => {
    const ignored = [
      { update_id: 10, callback_query: { id: 'cb', from: update.message.from, data: 'x' } },
      { update_id: 11, my_chat_member: { chat: { id: 1 } } },
      { update_id: 12, message: { ...update.message, from: { id: 1, is_bot: true, first_name: 'Bot' } } },
      { update_id: 13, message: { ...update.message, from: undefined } },
      { update_id: 14, message: { ...update.message, chat: { id: -100200, type: 'supergroup', title: 'G' } } },
    ];
    for (const body of ignored) {
      const res = await hook.handle(request(body));
      expect(res, JSON.stringify(body)).toEqual({ status: 200, events: [] });
    }
  });

  it('refuses other methods', async () => {
    const res = await hook.handle({ ...request(update), method: 'GET' });
    expect(res).toMatchObject({ status: 405, events: [] });
  });
});
