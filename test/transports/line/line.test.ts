import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, ContactChannel } from '../../../src/contacts/model.js';
import { ingestEventSchema } from '../../../src/ingest/events.js';
import type { PlannedSend } from '../../../src/policy/index.js';
import type { ProviderDeps, WebhookRequest } from '../../../src/transports/provider.js';
import { createLineChannel, lineOptionsSchema, lineRetryKey, uuidV5 } from '../../../src/transports/line/index.js';
import { refusedUrl, startFakeApi, type FakeApi } from '../../support/fake-api.js';
import { plannedSend } from '../../support/planned-send.js';

const TOKEN = 'Zx9/long+lived+channel+access+token=';
const SECRET = '8c570fa6dd201bb328f1c1eac23a96d8';
const USER = 'U4af4980629a1b2c3d4e5f60718293a4b';
const deps: ProviderDeps = {
  fetch: (...a) => fetch(...a),
  now: () => new Date('2026-11-22T12:00:00.000Z'),
  logger: { info: () => {}, warn: () => {}, error: () => {} },
};

const contact: Contact = {
  id: 'c-1',
  firstName: 'Yui',
  lastName: '',
  email: '',
  phone: '',
  language: 'ja',
  assignee: null,
  status: 'closed',
  statusChangedAt: '2026-11-20T00:00:00Z',
  lastActivityAt: '2026-11-20T00:00:00Z',
  createdAt: '2026-11-20T00:00:00Z',
  updatedAt: '2026-11-20T00:00:00Z',
  channels: [],
};
const channel = (address?: string): ContactChannel => ({
  type: 'line',
  channelId: 'jp',
  ...(address ? { address } : {}),
  lastInboundAt: null,
  lastOutboundAt: null,
  outboundSinceInbound: 0,
});
const plan = (text: string): PlannedSend => plannedSend('line', text);
const account = (baseUrl: string, extra: Record<string, unknown> = {}) => ({
  type: 'line' as const,
  id: 'jp',
  options: { channelAccessToken: TOKEN, channelSecret: SECRET, baseUrl, timeoutMs: 2000, ...extra },
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('line options and retry key', () => {
  it('defaults baseUrl and timeoutMs', () => {
    const o = lineOptionsSchema.parse({ channelAccessToken: TOKEN, channelSecret: SECRET });
    expect(o).toEqual({
      channelAccessToken: TOKEN,
      channelSecret: SECRET,
      baseUrl: 'https://api.line.me',
      timeoutMs: 10_000,
    });
  });

  it('names the option and the account', () => {
    expect(() => createLineChannel({ type: 'line', id: 'jp', options: { channelAccessToken: TOKEN } }, deps)).toThrow(
      'channels[line:jp].options.channelSecret is required',
    );
    expect(() =>
      createLineChannel({ type: 'line', options: { channelAccessToken: '', channelSecret: SECRET } }, deps),
    ).toThrow('channels[line].options.channelAccessToken is empty');
    expect(() =>
      createLineChannel(
        { type: 'line', options: { channelAccessToken: TOKEN, channelSecret: SECRET, baseUrl: 'nope' } },
        deps,
      ),
    ).toThrow('channels[line].options.baseUrl must be a URL such as https://api.line.me');
    expect(() =>
      createLineChannel(
        { type: 'line', options: { channelAccessToken: TOKEN, channelSecret: SECRET, secret: 1 } },
        deps,
      ),
    ).toThrow('channels[line].options has unknown option "secret"');
    expect(() => createLineChannel({ type: 'telegram', options: {} }, deps)).toThrow(
      'transport line serves channel type line, not telegram',
    );
  });

  it('mounts the webhook at line/<account id>, else line/default', () => {
    expect(createLineChannel(account('http://127.0.0.1:1'), deps).webhook?.path).toBe('line/jp');
    expect(
      createLineChannel({ type: 'line', options: { channelAccessToken: TOKEN, channelSecret: SECRET } }, deps).webhook
        ?.path,
    ).toBe('line/default');
  });

  it('derives the retry key as an RFC 9562 version-5 UUID of the idempotency key', () => {
    // The RFC's DNS-namespace example value, to check the UUIDv5 construction itself.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(lineRetryKey('compose:V123:c-1')).toBe('f49ae632-f9fe-57ad-940f-d812526374a0');
    expect(lineRetryKey('compose:V123:c-1')).toMatch(UUID);
    expect(lineRetryKey('compose:V123:c-2')).not.toBe(lineRetryKey('compose:V123:c-1'));
  });
});

describe('line push against a local fake of the Messaging API', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi(() => ({ status: 500 }));
  });
  afterAll(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
  });

  it('POSTs /v2/bot/message/push with bearer token, retry key and a text message', async () => {
    api.answer(() => ({
      status: 200,
      body: { sentMessages: [{ id: '461230966842064897', quoteToken: 'IStG5h1Tz7b…' }] },
      headers: { 'x-line-request-id': 'req-1' },
    }));
    const { transport } = createLineChannel(account(api.url), deps);
    expect(transport.name).toBe('line');
    expect(transport.sandbox).toBe(false);
    const result = await transport.send({
      plan: plan('ご連絡ありがとうございます'),
      contact,
      channel: channel(USER),
      idempotencyKey: 'compose:V123:c-1',
    });
    expect(result).toEqual({ ok: true, providerMessageId: '461230966842064897', sandbox: false });

    const req = api.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v2/bot/message/push');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-line-retry-key']).toBe('f49ae632-f9fe-57ad-940f-d812526374a0');
    expect(JSON.parse(req.body)).toEqual({
      to: USER,
      messages: [{ type: 'text', text: 'ご連絡ありがとうございます' }],
    });
  });

  it('sends the same retry key on a retry, and takes 409 (already accepted) as the success it was', async () => {
    let calls = 0;
    api.answer(() =>
      ++calls === 1
        ? { status: 500, body: { message: 'An error occurred in the server' } }
        : {
            status: 409,
            body: { message: 'The retry key is already accepted' },
            headers: { 'x-line-accepted-request-id': 'abc-123' },
          },
    );
    const { transport } = createLineChannel(account(api.url), deps);
    const send = () =>
      transport.send({ plan: plan('hi'), contact, channel: channel(USER), idempotencyKey: 'compose:V9:c-1' });
    expect(await send()).toMatchObject({ ok: false, reason: 'provider_error', retryable: true });
    expect(await send()).toEqual({ ok: true, providerMessageId: 'line-request:abc-123', sandbox: false });
    expect(api.requests).toHaveLength(2);
    expect(api.requests[0]!.headers['x-line-retry-key']).toBe(api.requests[1]!.headers['x-line-retry-key']);
    expect(api.requests[0]!.headers['x-line-retry-key']).toBe(lineRetryKey('compose:V9:c-1'));
  });

  it('uses the sent message id a 409 repeats', async () => {
    api.answer(() => ({
      status: 409,
      body: { message: 'The retry key is already accepted', sentMessages: [{ id: '4612', quoteToken: 'q' }] },
    }));
    const { transport } = createLineChannel(account(api.url), deps);
    expect(await transport.send({ plan: plan('hi'), contact, channel: channel(USER), idempotencyKey: 'k' })).toEqual({
      ok: true,
      providerMessageId: '4612',
      sandbox: false,
    });
  });

  it('refuses a channel without a user id without calling LINE', async () => {
    const { transport } = createLineChannel(account(api.url), deps);
    expect(await transport.send({ plan: plan('hi'), contact, channel: channel(), idempotencyKey: 'k' })).toMatchObject({
      ok: false,
      reason: 'line.no_address',
      retryable: false,
    });
    expect(api.requests).toHaveLength(0);
  });

  const cases: Array<[string, number, unknown, string, boolean, RegExp]> = [
    [
      'monthly quota',
      429,
      { message: 'You have reached your monthly limit.' },
      'line.quota_exhausted',
      false,
      /LINE 429: You have reached your monthly limit\./,
    ],
    [
      'rate limit',
      429,
      { message: 'The API rate limit has been exceeded. Try again later.' },
      'provider_error',
      true,
      /rate limit/,
    ],
    [
      'validation',
      400,
      {
        message: 'The request body has 1 error(s)',
        details: [{ message: 'May not be empty', property: 'messages[0].text' }],
      },
      'provider_error',
      false,
      /LINE 400: The request body has 1 error\(s\) \(messages\[0\]\.text: May not be empty\)/,
    ],
    ['unknown user', 400, { message: 'Failed to send messages' }, 'provider_error', false, /Failed to send messages/],
    [
      'bad token',
      401,
      {
        message:
          'Authentication failed due to the following reason: invalid token. ' +
          'Confirm that the access token in the authorization header is valid.',
      },
      'provider_error',
      false,
      /LINE 401: Authentication failed/,
    ],
    [
      'forbidden',
      403,
      { message: 'Access to this API is not available for your account' },
      'provider_error',
      false,
      /LINE 403/,
    ],
    ['server error', 500, { message: 'An error occurred in the server' }, 'provider_error', true, /LINE 500/],
    ['gateway page', 503, '<html>Service Unavailable</html>', 'provider_error', true, /LINE 503: HTTP 503/],
  ];
  it.each(cases)('maps %s (HTTP %i)', async (_n, status, body, reason, retryable, detail) => {
    api.answer(() => ({ status, body }));
    const { transport } = createLineChannel(account(api.url), deps);
    const result = await transport.send({ plan: plan('hi'), contact, channel: channel(USER), idempotencyKey: 'k' });
    expect(result).toMatchObject({ ok: false, reason, retryable });
    expect(result.ok === false && result.detail).toMatch(detail);
  });

  it('treats a refused connection and a timeout as retryable', async () => {
    const refused = createLineChannel(account(await refusedUrl()), deps).transport;
    expect(
      await refused.send({ plan: plan('hi'), contact, channel: channel(USER), idempotencyKey: 'k' }),
    ).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: true,
    });
    api.answer(() => 'hang');
    const slow = createLineChannel(account(api.url, { timeoutMs: 150 }), deps).transport;
    expect(await slow.send({ plan: plan('hi'), contact, channel: channel(USER), idempotencyKey: 'k' })).toEqual({
      ok: false,
      reason: 'provider_error',
      detail: 'LINE: no answer within 150 ms',
      retryable: true,
    });
  });
});

describe('line webhook', () => {
  const hook = createLineChannel(account('http://127.0.0.1:1'), deps).webhook!;
  const sign = (raw: string, secret = SECRET) => createHmac('sha256', secret).update(raw, 'utf8').digest('base64');
  const request = (raw: string, signature: string | null = sign(raw)): WebhookRequest => ({
    method: 'POST',
    url: new URL('https://followup.example.com/webhooks/line/jp'),
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(signature === null ? {} : { 'x-line-signature': signature }),
    },
    rawBody: raw,
  });
  const base = {
    mode: 'active',
    timestamp: 1763805600123, // 2025-11-22T10:00:00.123Z
    source: { type: 'user', userId: USER },
    deliveryContext: { isRedelivery: false },
  };
  const textEvent = {
    ...base,
    type: 'message',
    webhookEventId: '01HZX8F4R5Q1A2B3C4D5E6F7G8',
    replyToken: 'b60d432864f44d079f6d8efe86cf404b',
    message: { id: '444573844083572737', type: 'text', quoteToken: 'q3Plxr4A…', text: 'まだ届いていません' },
  };
  const body = (events: unknown[]) => JSON.stringify({ destination: 'Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', events });

  it('turns a text message into contact.upserted + message.received at the event timestamp', async () => {
    const res = await hook.handle(request(body([textEvent])));
    expect(res.status).toBe(200);
    expect(res.events).toEqual([
      {
        id: 'line:01HZX8F4R5Q1A2B3C4D5E6F7G8:contact',
        type: 'contact.upserted',
        at: '2025-11-22T10:00:00.123Z',
        contact: { id: `addr:line:${USER}`, channels: [{ type: 'line', channelId: 'jp', address: USER }] },
      },
      {
        id: 'line:01HZX8F4R5Q1A2B3C4D5E6F7G8',
        type: 'message.received',
        at: '2025-11-22T10:00:00.123Z',
        contactId: `addr:line:${USER}`,
        channel: 'line',
        channelId: 'jp',
        kind: 'message',
        text: 'まだ届いていません',
      },
    ]);
    for (const e of res.events) expect(ingestEventSchema.safeParse(e).success).toBe(true);
  });

  it('maps postback to kind postback, follow to contact.upserted, and ignores the rest', async () => {
    const raw = body([
      { ...base, type: 'postback', webhookEventId: 'EV-PB', postback: { data: 'action=reopen' } },
      { ...base, type: 'follow', webhookEventId: 'EV-FOLLOW', replyToken: 'r', follow: { isUnblocked: false } },
      { ...base, type: 'unfollow', webhookEventId: 'EV-UNFOLLOW' },
      {
        ...base,
        type: 'message',
        webhookEventId: 'EV-GROUP',
        source: { type: 'group', groupId: 'Cabc', userId: USER },
        message: { id: '1', type: 'text', text: 'hi all' },
      },
      {
        ...base,
        type: 'message',
        webhookEventId: 'EV-STICKER',
        message: { id: '2', type: 'sticker', packageId: '1', stickerId: '1' },
      },
      { ...base, type: 'beacon', webhookEventId: 'EV-BEACON', beacon: { hwid: 'd41d8cd98f', type: 'enter' } },
    ]);
    const res = await hook.handle(request(raw));
    expect(res.status).toBe(200);
    expect(res.events.map((e) => [e.id, e.type, 'kind' in e ? e.kind : null])).toEqual([
      ['line:EV-PB:contact', 'contact.upserted', null],
      ['line:EV-PB', 'message.received', 'postback'],
      ['line:EV-FOLLOW', 'contact.upserted', null],
      ['line:EV-STICKER:contact', 'contact.upserted', null],
      ['line:EV-STICKER', 'message.received', 'message'],
    ]);
    expect(res.events[1]).not.toHaveProperty('text');
    expect(res.events[4]).not.toHaveProperty('text');
    for (const e of res.events) expect(ingestEventSchema.safeParse(e).success).toBe(true);
  });

  it('answers the console "Verify" request (signed, no events) with 200', async () => {
    const res = await hook.handle(
      request(JSON.stringify({ destination: 'Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', events: [] })),
    );
    expect(res).toEqual({ status: 200, events: [] });
  });

  it('gives a redelivered event the same ids', async () => {
    const first = await hook.handle(request(body([textEvent])));
    const again = await hook.handle(request(body([{ ...textEvent, deliveryContext: { isRedelivery: true } }])));
    expect(again.events).toEqual(first.events);
  });

  it('refuses a bad, foreign or missing signature with 401 and no events', async () => {
    const raw = body([textEvent]);
    const tampered = await hook.handle(request(raw.replace('まだ', 'もう'), sign(raw)));
    expect(tampered).toMatchObject({ status: 401, events: [] });
    expect(tampered.refused).toMatch(/does not match/);
    expect(await hook.handle(request(raw, sign(raw, 'another-secret')))).toMatchObject({ status: 401, events: [] });
    expect(await hook.handle(request(raw, 'not base64 at all'))).toMatchObject({ status: 401, events: [] });
    const missing = await hook.handle(request(raw, null));
    expect(missing).toMatchObject({ status: 401, events: [] });
    expect(missing.refused).toMatch(/missing/);
  });

  it('answers 400 with no events to a malformed (but signed) body', async () => {
    const bad = [
      '{not json',
      JSON.stringify({ destination: 'U1' }),
      JSON.stringify({ events: {} }),
      body([{ ...textEvent, timestamp: 'yesterday' }]),
      body([{ ...textEvent, webhookEventId: undefined }]),
      body([{ ...textEvent, message: undefined }]),
      body([{ noType: true }]),
    ];
    for (const raw of bad) expect(await hook.handle(request(raw)), raw).toEqual({ status: 400, events: [] });
  });
});
