import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, ContactChannel } from '../../../src/contacts/model.js';
import { ingestEventSchema } from '../../../src/ingest/events.js';
import type { PlannedSend } from '../../../src/policy/index.js';
import type { ProviderDeps, WebhookRequest } from '../../../src/transports/provider.js';
import {
  createTwilioSmsChannel,
  formParams,
  twilioSignature,
  twilioSmsOptionsSchema,
  urlVariants,
} from '../../../src/transports/twilio-sms/index.js';
import { refusedUrl, startFakeApi, type FakeApi } from '../../support/fake-api.js';
import { plannedSend } from '../../support/planned-send.js';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const KEY_SID = 'SKfedcba9876543210fedcba9876543210';
const MG_SID = 'MG00112233445566778899aabbccddeeff';
const WEBHOOK_URL = 'https://followup.example.com/webhooks/twilio-sms/us';
const NOW = new Date('2026-11-22T12:34:56.789Z');
const warnings: string[] = [];
const deps: ProviderDeps = {
  fetch: (...a) => fetch(...a),
  now: () => NOW,
  logger: { info: () => {}, warn: (...a) => warnings.push(a.join(' ')), error: () => {} },
};

const contact: Contact = {
  id: 'c-1',
  firstName: 'Sam',
  lastName: '',
  email: '',
  phone: '+14155550123',
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
  type: 'sms',
  channelId: 'us',
  ...(address ? { address } : {}),
  lastInboundAt: null,
  lastOutboundAt: null,
  outboundSinceInbound: 0,
});
const plan = (text: string): PlannedSend => plannedSend('sms', text);
const account = (options: Record<string, unknown>) => ({ type: 'sms' as const, id: 'us', options });
const base = {
  accountSid: ACCOUNT_SID,
  authToken: AUTH_TOKEN,
  from: '+15017122661',
  webhookUrl: WEBHOOK_URL,
  timeoutMs: 2000,
};

describe('twilio-sms options', () => {
  it('defaults baseUrl and timeoutMs', () => {
    const o = twilioSmsOptionsSchema.parse({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+15017122661' });
    expect(o.baseUrl).toBe('https://api.twilio.com');
    expect(o.timeoutMs).toBe(10_000);
  });

  it.each([
    [{ ...base, accountSid: undefined }, 'channels[sms:us].options.accountSid is required'],
    [
      { ...base, accountSid: 'AC123' },
      'channels[sms:us].options.accountSid must be an Account SID (AC followed by 32 hex digits)',
    ],
    [
      { ...base, authToken: undefined, webhookUrl: undefined },
      'channels[sms:us].options.authToken is required (or apiKeySid + apiKeySecret)',
    ],
    [
      { ...base, authToken: undefined, apiKeySid: KEY_SID, apiKeySecret: 's' },
      'channels[sms:us].options.authToken is required with webhookUrl (Twilio signs webhooks with the Auth Token)',
    ],
    [{ ...base, apiKeySid: KEY_SID }, 'channels[sms:us].options.apiKeySecret is required with apiKeySid'],
    [{ ...base, from: undefined }, 'channels[sms:us].options.from is required (or messagingServiceSid)'],
    [
      { ...base, messagingServiceSid: MG_SID },
      'channels[sms:us].options.messagingServiceSid cannot be combined with from: set one of them',
    ],
    [
      { ...base, webhookUrl: '/webhooks/twilio-sms/us' },
      /^channels\[sms:us\]\.options\.webhookUrl must be the full public URL/,
    ],
    [{ ...base, statusCallback: 'x' }, 'channels[sms:us].options has unknown option "statusCallback"'],
  ])('rejects %j', (options, message) => {
    expect(() => createTwilioSmsChannel(account(options), deps)).toThrow(message);
  });

  it('serves only channel type sms', () => {
    expect(() => createTwilioSmsChannel({ type: 'whatsapp', options: base }, deps)).toThrow(
      'channels[whatsapp]: transport twilio-sms serves channel type sms, not whatsapp',
    );
  });

  it('mounts the webhook at twilio-sms/<account id>, else twilio-sms/<AccountSid>; none without webhookUrl', () => {
    expect(createTwilioSmsChannel(account(base), deps).webhook?.path).toBe('twilio-sms/us');
    warnings.length = 0;
    expect(createTwilioSmsChannel({ type: 'sms', options: base }, deps).webhook?.path).toBe(
      `twilio-sms/${ACCOUNT_SID}`,
    );
    expect(warnings.join('\n')).toMatch(/does not end with \/webhooks\/twilio-sms\/AC0123/);
    warnings.length = 0;
    expect(createTwilioSmsChannel(account({ ...base, webhookUrl: undefined }), deps).webhook).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/no options\.webhookUrl/);
  });
});

describe('twilio-sms send against a local fake of the Messages API', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi(() => ({ status: 500 }));
  });
  afterAll(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
  });
  const created = (sid: string) => ({
    status: 201,
    body: {
      sid,
      account_sid: ACCOUNT_SID,
      status: 'queued',
      to: '+14155550123',
      from: '+15017122661',
      body: 'x',
      error_code: null,
      error_message: null,
    },
  });

  it('POSTs the form to /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth; gets the SM sid', async () => {
    api.answer(() => created('SM1f0e2d3c4b5a69788796a5b4c3d2e1f0'));
    const { transport } = createTwilioSmsChannel(account({ ...base, baseUrl: api.url }), deps);
    expect(transport.name).toBe('twilio-sms');
    expect(transport.sandbox).toBe(false);
    const result = await transport.send({
      plan: plan('Your order & invoice: ready ✓'),
      contact,
      channel: channel('+14155550123'),
      idempotencyKey: 'k',
    });
    expect(result).toEqual({ ok: true, providerMessageId: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0', sandbox: false });

    const req = api.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      To: '+14155550123',
      From: '+15017122661',
      Body: 'Your order & invoice: ready ✓',
      StatusCallback: WEBHOOK_URL,
    });
  });

  it('authenticates with an API key and sends through a Messaging Service', async () => {
    api.answer(() => created('SM00000000000000000000000000000002'));
    const { transport } = createTwilioSmsChannel(
      account({
        accountSid: ACCOUNT_SID,
        apiKeySid: KEY_SID,
        apiKeySecret: 'key-secret',
        messagingServiceSid: MG_SID,
        baseUrl: api.url,
      }),
      deps,
    );
    expect(
      await transport.send({ plan: plan('hi'), contact, channel: channel('+14155550123'), idempotencyKey: 'k' }),
    ).toMatchObject({
      ok: true,
      providerMessageId: 'SM00000000000000000000000000000002',
    });
    const req = api.requests[0]!;
    expect(req.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(`${KEY_SID}:key-secret`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      To: '+14155550123',
      MessagingServiceSid: MG_SID,
      Body: 'hi',
    });
  });

  it('refuses a channel without a phone number without calling Twilio', async () => {
    const { transport } = createTwilioSmsChannel(account({ ...base, baseUrl: api.url }), deps);
    expect(await transport.send({ plan: plan('hi'), contact, channel: channel(), idempotencyKey: 'k' })).toMatchObject({
      ok: false,
      reason: 'sms.no_address',
      retryable: false,
    });
    expect(api.requests).toHaveLength(0);
  });

  const err = (status: number, code: number, message: string) => ({
    status,
    body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
  });
  const cases: Array<[number, ReturnType<typeof err> | { status: number; body: string }, string, boolean, RegExp]> = [
    [
      21211,
      err(400, 21211, "The 'To' number +1415555 is not a valid phone number."),
      'sms.invalid_address',
      false,
      /Twilio 400 error 21211: The 'To' number/,
    ],
    [
      21610,
      err(400, 21610, 'Attempt to send to unsubscribed recipient'),
      'sms.opted_out',
      false,
      /unsubscribed recipient \(https:\/\/www\.twilio\.com\/docs\/errors\/21610\)/,
    ],
    [
      21408,
      err(400, 21408, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number"),
      'sms.not_deliverable',
      false,
      /21408/,
    ],
    [
      21612,
      err(400, 21612, "The 'To' phone number is not currently reachable via SMS"),
      'sms.not_deliverable',
      false,
      /21612/,
    ],
    [20429, err(429, 20429, 'Too Many Requests'), 'provider_error', true, /Twilio 429 error 20429/],
    [20003, err(401, 20003, 'Authenticate'), 'provider_error', false, /Twilio 401 error 20003: Authenticate/],
    [20500, err(500, 20500, 'Internal Server Error'), 'provider_error', true, /Twilio 500/],
    [
      503,
      { status: 503, body: '<html>Service Unavailable</html>' },
      'provider_error',
      true,
      /Twilio 503: no error body/,
    ],
  ];
  it.each(cases)('maps error %i to its reason', async (_code, answer, reason, retryable, detail) => {
    api.answer(() => answer);
    const { transport } = createTwilioSmsChannel(account({ ...base, baseUrl: api.url }), deps);
    const result = await transport.send({
      plan: plan('hi'),
      contact,
      channel: channel('+14155550123'),
      idempotencyKey: 'k',
    });
    expect(result).toMatchObject({ ok: false, reason, retryable });
    expect(result.ok === false && result.detail).toMatch(detail);
  });

  it('treats a refused connection and a timeout as retryable', async () => {
    const refused = createTwilioSmsChannel(account({ ...base, baseUrl: await refusedUrl() }), deps).transport;
    expect(
      await refused.send({ plan: plan('hi'), contact, channel: channel('+14155550123'), idempotencyKey: 'k' }),
    ).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: true,
    });
    api.answer(() => 'hang');
    const slow = createTwilioSmsChannel(account({ ...base, baseUrl: api.url, timeoutMs: 150 }), deps).transport;
    expect(
      await slow.send({ plan: plan('hi'), contact, channel: channel('+14155550123'), idempotencyKey: 'k' }),
    ).toEqual({
      ok: false,
      reason: 'provider_error',
      detail: 'Twilio: no answer within 150 ms',
      retryable: true,
    });
  });
});

describe('twilio-sms signature', () => {
  it("reproduces the worked example of Twilio's webhook security guide", () => {
    const params = formParams(
      'CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212',
    );
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
  });

  it('verifies that example through the webhook, with the query taken from the request', async () => {
    const hook = createTwilioSmsChannel(
      {
        type: 'sms',
        id: 'x',
        options: {
          accountSid: ACCOUNT_SID,
          authToken: '12345',
          from: '+15017122661',
          webhookUrl: 'https://mycompany.com/myapp.php',
        },
      },
      deps,
    ).webhook!;
    const req = (query: string): WebhookRequest => ({
      method: 'POST',
      url: new URL(`http://10.0.0.7:3000/webhooks/twilio-sms/x${query}`),
      headers: { 'x-twilio-signature': '0/KCTR6DLpKmkAf8muzZqo1nDgQ=' },
      // Order on the wire does not matter: the signature sorts the names.
      rawBody: 'To=%2B18005551212&CallSid=CA1234567890ABCDE&Digits=1234&From=%2B12349013030&Caller=%2B12349013030',
    });
    // Signature accepted (then 400: a voice call has no MessageSid), versus refused when the query differs.
    expect((await hook.handle(req('?foo=1&bar=2'))).status).toBe(400);
    expect((await hook.handle(req('?foo=1&bar=3'))).status).toBe(403);
  });

  it('signs repeated parameters value by value, sorted', () => {
    const expected = createHmac('sha1', 'tok').update('https://a.example/hA1A2B3').digest('base64');
    expect(twilioSignature('tok', 'https://a.example/h', formParams('B=3&A=2&A=1'))).toBe(expected);
  });

  it('offers the URL without and with the default port', () => {
    expect(urlVariants('https://a.example/h?x=1')).toEqual(['https://a.example/h?x=1', 'https://a.example:443/h?x=1']);
    expect(urlVariants('https://a.example:443/h')).toEqual(['https://a.example/h', 'https://a.example:443/h']);
    expect(urlVariants('http://a.example:8080/h')).toEqual(['http://a.example/h', 'http://a.example:8080/h']);
  });
});

describe('twilio-sms webhook', () => {
  const hook = createTwilioSmsChannel(account(base), deps).webhook!;
  const sign = (url: string, body: string, token = AUTH_TOKEN) => twilioSignature(token, url, formParams(body));
  const request = (body: string, signature: string | null = sign(WEBHOOK_URL, body)): WebhookRequest => ({
    method: 'POST',
    // What the app sees behind the proxy: another host and scheme than the public URL Twilio signed.
    url: new URL('http://127.0.0.1:3000/webhooks/twilio-sms/us'),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
    },
    rawBody: body,
  });
  const inbound = new URLSearchParams({
    ToCountry: 'US',
    SmsMessageSid: 'SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d',
    NumMedia: '0',
    SmsSid: 'SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d',
    SmsStatus: 'received',
    Body: 'Is my order shipped? 📦',
    To: '+15017122661',
    NumSegments: '1',
    MessageSid: 'SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d',
    AccountSid: ACCOUNT_SID,
    From: '+14155550123',
    ApiVersion: '2010-04-01',
  }).toString();

  it('turns an incoming SMS into contact.upserted + message.received, answering empty TwiML', async () => {
    const res = await hook.handle(request(inbound));
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/xml');
    expect(res.body).toBe('<Response/>');
    expect(res.statuses).toBeUndefined();
    expect(res.events).toEqual([
      {
        id: 'sms:SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d:contact',
        type: 'contact.upserted',
        at: '2026-11-22T12:34:56.789Z', // Twilio sends no timestamp: receive time
        contact: {
          id: 'addr:sms:+14155550123',
          phone: '+14155550123',
          channels: [{ type: 'sms', channelId: 'us', address: '+14155550123' }],
        },
      },
      {
        id: 'sms:SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d',
        type: 'message.received',
        at: '2026-11-22T12:34:56.789Z',
        contactId: 'addr:sms:+14155550123',
        channel: 'sms',
        channelId: 'us',
        kind: 'message',
        text: 'Is my order shipped? 📦',
      },
    ]);
    for (const e of res.events) expect(ingestEventSchema.safeParse(e).success).toBe(true);
  });

  it('gives a redelivered message the same event ids', async () => {
    const a = await hook.handle(request(inbound));
    const b = await hook.handle(request(inbound));
    expect(b.events.map((e) => e.id)).toEqual(a.events.map((e) => e.id));
  });

  it('accepts a signature over the URL with the explicit :443 port', async () => {
    const res = await hook.handle(
      request(inbound, sign('https://followup.example.com:443/webhooks/twilio-sms/us', inbound)),
    );
    expect(res.status).toBe(200);
    expect(res.events).toHaveLength(2);
  });

  it('refuses a bad, foreign-URL or missing signature with 403 and no events', async () => {
    const tampered = await hook.handle(request(inbound.replace('shipped', 'lost'), sign(WEBHOOK_URL, inbound)));
    expect(tampered).toMatchObject({ status: 403, events: [] });
    expect(tampered.refused).toMatch(/does not match/);
    // Signed for the host the app sees rather than the public URL: refused.
    expect(
      await hook.handle(request(inbound, sign('http://127.0.0.1:3000/webhooks/twilio-sms/us', inbound))),
    ).toMatchObject({ status: 403, events: [] });
    expect(await hook.handle(request(inbound, sign(WEBHOOK_URL, inbound, 'another-token')))).toMatchObject({
      status: 403,
      events: [],
    });
    const missing = await hook.handle(request(inbound, null));
    expect(missing).toMatchObject({ status: 403, events: [] });
    expect(missing.refused).toMatch(/missing/);
  });

  it('answers 400 with no events to a signed body that is not a message', async () => {
    for (const body of ['', 'hello', 'From=%2B14155550123&Body=hi', 'MessageSid=SM1&Body=hi']) {
      expect(await hook.handle(request(body)), body).toEqual({ status: 400, events: [] });
    }
  });

  it('acknowledges and ignores a non-SMS sender on the same URL', async () => {
    const body = inbound.replace('From=%2B14155550123', 'From=whatsapp%3A%2B14155550123');
    expect(await hook.handle(request(body))).toEqual({
      status: 200,
      body: '<Response/>',
      contentType: 'text/xml',
      events: [],
    });
  });

  const callback = (status: string, errorCode?: string) =>
    new URLSearchParams({
      SmsSid: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
      SmsStatus: status,
      MessageStatus: status,
      To: '+14155550123',
      MessageSid: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
      AccountSid: ACCOUNT_SID,
      From: '+15017122661',
      ApiVersion: '2010-04-01',
      ...(errorCode ? { ErrorCode: errorCode } : {}),
    }).toString();

  it.each([
    ['sent', undefined, { status: 'sent' }],
    ['delivered', undefined, { status: 'delivered' }],
    [
      'undelivered',
      '30003',
      {
        status: 'failed',
        reason: 'sms.not_deliverable',
        detail: 'Twilio undelivered error 30003: Unreachable destination handset',
      },
    ],
    [
      'undelivered',
      '30005',
      {
        status: 'failed',
        reason: 'sms.invalid_address',
        detail: 'Twilio undelivered error 30005: Unknown destination handset',
      },
    ],
    [
      'failed',
      '21610',
      {
        status: 'failed',
        reason: 'sms.opted_out',
        detail: 'Twilio failed error 21610: The recipient unsubscribed (replied STOP)',
      },
    ],
    ['failed', '30008', { status: 'failed', detail: 'Twilio failed error 30008' }],
  ])('reports a %s status callback (ErrorCode %s) as a delivery status', async (status, code, expected) => {
    const res = await hook.handle(request(callback(status, code)));
    expect(res).toMatchObject({ status: 200, body: '<Response/>', contentType: 'text/xml', events: [] });
    expect(res.statuses).toEqual([
      { providerMessageId: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0', at: '2026-11-22T12:34:56.789Z', ...expected },
    ]);
  });

  it('ignores intermediate statuses', async () => {
    for (const s of ['queued', 'sending', 'accepted', 'scheduled']) {
      const res = await hook.handle(request(callback(s)));
      expect(res, s).toEqual({ status: 200, body: '<Response/>', contentType: 'text/xml', events: [] });
    }
  });
});
