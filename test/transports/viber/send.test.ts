import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, ContactChannel } from '../../../src/contacts/model.js';
import type { PlannedSend } from '../../../src/policy/index.js';
import type { ProviderDeps } from '../../../src/transports/provider.js';
import type { SendRequest } from '../../../src/transports/transport.js';
import { VIBER_STATUSES, createViberChannel, viberOptionsSchema } from '../../../src/transports/viber/index.js';
import { FakeViber, SUCCESS_BODY } from './fake-viber.js';
import { plannedSend } from '../../support/planned-send.js';
import { refusedUrl } from '../../support/fake-api.js';

const NOW = new Date('2026-11-21T10:00:00Z');
const silent = { info() {}, warn() {}, error() {} };
const deps: ProviderDeps = { fetch: (...a) => fetch(...a), now: () => NOW, logger: silent };

const USER_ID = '01234567890A=';

function plan(text: string, kind: PlannedSend['kind'] = 'text'): PlannedSend {
  return plannedSend('viber', text, { kind });
}

function request(
  text = 'Your order shipped 📦',
  address: string | null = USER_ID,
  kind: PlannedSend['kind'] = 'text',
): SendRequest {
  const channel: ContactChannel = {
    type: 'viber',
    ...(address ? { address } : {}),
    lastInboundAt: null,
    lastOutboundAt: null,
    outboundSinceInbound: 0,
  };
  const contact: Contact = {
    id: 'c-1',
    firstName: 'An',
    lastName: '',
    email: '',
    phone: '',
    language: '',
    assignee: null,
    status: 'open',
    statusChangedAt: NOW.toISOString(),
    lastActivityAt: NOW.toISOString(),
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    channels: [channel],
  };
  return { plan: plan(text, kind), contact, channel, idempotencyKey: 'idem-1' };
}

const fake = new FakeViber();
beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.requests.length = 0;
});

function channel(options: Record<string, unknown> = {}) {
  return createViberChannel(
    {
      type: 'viber',
      id: 'bot-1',
      options: { authToken: 'tok-123', senderName: 'Acme Support', baseUrl: fake.baseUrl, ...options },
    },
    deps,
  );
}

describe('viber send (contract with the REST Bot API)', () => {
  it('POSTs /pa/send_message with auth header and documented text body; returns message_token exactly', async () => {
    const result = await channel({ senderAvatar: 'https://example.com/a.png', minApiVersion: 3 }).transport.send(
      request(),
    );

    expect(result).toEqual({ ok: true, providerMessageId: '5595771666503728439', sandbox: false });
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/pa/send_message');
    expect(sent.headers['x-viber-auth-token']).toBe('tok-123');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent.body)).toEqual({
      receiver: USER_ID,
      min_api_version: 3,
      sender: { name: 'Acme Support', avatar: 'https://example.com/a.png' },
      type: 'text',
      text: 'Your order shipped 📦',
    });
  });

  it('defaults min_api_version to 1 and omits the avatar when none is configured', async () => {
    await channel().transport.send(request('hi'));
    expect(JSON.parse(fake.requests[0]!.body)).toEqual({
      receiver: USER_ID,
      min_api_version: 1,
      sender: { name: 'Acme Support' },
      type: 'text',
      text: 'hi',
    });
  });

  it('a success body with a small token still yields a string id', async () => {
    fake.reply({ body: { status: 0, status_message: 'ok', message_token: 42, chat_hostname: 'SN-CHAT-01_' } });
    expect(await channel().transport.send(request())).toEqual({ ok: true, providerMessageId: '42', sandbox: false });
  });

  it.each([
    [6, 'receiverNotSubscribed', 'viber.not_subscribed', false],
    [23, 'freeMessagesExceeded', 'viber.free_quota_exhausted', false],
    [24, 'noBalance', 'viber.no_balance', false],
    [2, 'invalidAuthToken', 'viber.auth_failed', false],
    [12, 'tooManyRequests', 'provider_error', true],
    [5, 'receiverNotRegistered', 'provider_error', false],
    [11, 'receiverNoSuitableDevice', 'provider_error', false],
    [999, 'somethingNew', 'provider_error', false],
  ])('status %i (%s) in an HTTP 200 body → %s, retryable %s', async (status, statusMessage, reason, retryable) => {
    fake.reply({ body: { status, status_message: statusMessage, message_token: 1, chat_hostname: 'SN-CHAT-01_' } });
    const result = await channel().transport.send(request());
    expect(result).toMatchObject({ ok: false, reason, retryable });
    expect(result.ok === false && result.detail).toContain(`Viber status ${status} (${statusMessage})`);
  });

  it('the status table documents every code from 1 to 24 except the unused 0', () => {
    expect(Object.keys(VIBER_STATUSES).map(Number)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(VIBER_STATUSES[6]!.reason).toBe('viber.not_subscribed');
    expect(VIBER_STATUSES[23]!.reason).toBe('viber.free_quota_exhausted');
    expect(VIBER_STATUSES[24]!.reason).toBe('viber.no_balance');
  });

  it('HTTP 5xx and 429 are retryable, other 4xx are not', async () => {
    fake.reply({ status: 503, body: 'unavailable' }, { status: 429, body: '' }, { status: 404, body: 'not found' });
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
    expect(await channel().transport.send(request())).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: false,
    });
  });

  it('a refused connection is retryable', async () => {
    const result = await channel({ baseUrl: await refusedUrl() }).transport.send(request());
    expect(result).toMatchObject({ ok: false, reason: 'provider_error', retryable: true });
  });

  it('a request that outlives timeoutMs is aborted and retryable', async () => {
    fake.reply({ hang: true });
    const started = Date.now();
    const result = await channel({ timeoutMs: 200 }).transport.send(request());
    expect(result).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: true,
      detail: 'Viber could not be reached: the request timed out',
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('an HTTP 200 that is not JSON is a failure that is not retried (the message may have gone out)', async () => {
    fake.reply({ body: '<html>proxy</html>' });
    expect(await channel().transport.send(request())).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: false,
    });
  });

  it('a channel without an address is refused without calling Viber', async () => {
    expect(await channel().transport.send(request('hi', null))).toEqual({
      ok: false,
      reason: 'viber.no_address',
      detail: expect.any(String),
      retryable: false,
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('a template plan is refused without calling Viber', async () => {
    expect(await channel().transport.send(request('hi', USER_ID, 'template'))).toMatchObject({
      ok: false,
      reason: 'viber.template_not_supported',
      retryable: false,
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('the success body used by the fake is the documented one', () => {
    expect(SUCCESS_BODY).toContain('"message_token":5595771666503728439');
  });
});

describe('viber options', () => {
  const make = (options: Record<string, unknown>, id?: string) => () =>
    createViberChannel({ type: 'viber', ...(id ? { id } : {}), options }, deps);

  it('names the missing option and the account', () => {
    expect(make({ senderName: 'Acme' }, 'bot-1')).toThrow('channels[viber:bot-1].options.authToken is required');
    expect(make({ authToken: 't' })).toThrow('channels[viber].options.senderName is required');
    expect(make({ authToken: '', senderName: 'Acme' })).toThrow(
      'channels[viber].options.authToken is required (it is empty)',
    );
  });

  it('rejects a sender name over 28 characters, a bad URL and unknown options', () => {
    expect(make({ authToken: 't', senderName: 'x'.repeat(29) })).toThrow(
      'options.senderName must be at most 28 characters',
    );
    expect(make({ authToken: 't', senderName: 'Acme', baseUrl: 'chatapi.viber.com' })).toThrow(
      'options.baseUrl must be a URL',
    );
    expect(make({ authToken: 't', senderName: 'Acme', token: 'x' })).toThrow(
      'channels[viber].options has unknown option "token" (known: authToken, senderName',
    );
  });

  it('applies defaults and accepts numbers given as strings (from ${ENV})', () => {
    expect(viberOptionsSchema.parse({ authToken: 't', senderName: 'Acme', timeoutMs: '5000' })).toEqual({
      authToken: 't',
      senderName: 'Acme',
      minApiVersion: 1,
      baseUrl: 'https://chatapi.viber.com',
      timeoutMs: 5000,
    });
  });

  it('exposes the webhook at viber/<account id>, or viber/default', () => {
    expect(channel().webhook?.path).toBe('viber/bot-1');
    expect(make({ authToken: 't', senderName: 'Acme' })().webhook?.path).toBe('viber/default');
    expect(channel().transport).toMatchObject({ name: 'viber', sandbox: false });
  });
});
