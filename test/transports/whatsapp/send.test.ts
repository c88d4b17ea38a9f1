/** Contract: the exact Cloud API request for each plan, and each documented answer mapped to a SendResult. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWhatsappChannel } from '../../../src/transports/whatsapp/index.js';
import type { Transport } from '../../../src/transports/transport.js';
import {
  ACCESS_TOKEN,
  type FakeGraph,
  PHONE_NUMBER_ID,
  contactWith,
  startFakeGraph,
  templatePlan,
  testDeps,
  textPlan,
} from './fake-graph.js';
import { refusedUrl } from '../../support/fake-api.js';

let fake: FakeGraph;

function transportAt(baseUrl: string, extra: Record<string, unknown> = {}): Transport {
  return createWhatsappChannel(
    {
      type: 'whatsapp',
      id: PHONE_NUMBER_ID,
      options: { phoneNumberId: PHONE_NUMBER_ID, accessToken: ACCESS_TOKEN, baseUrl, apiVersion: 'v21.0', ...extra },
    },
    testDeps(),
  ).transport;
}

const success = (wamid: string) => ({
  status: 200,
  body: {
    messaging_product: 'whatsapp',
    contacts: [{ input: '84901234567', wa_id: '84901234567' }],
    messages: [{ id: wamid }],
  },
});

const graphError = (status: number, code: number, message: string, details?: string) => ({
  status,
  body: {
    error: {
      message,
      type: 'OAuthException',
      code,
      ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
      fbtrace_id: 'AbCdEfGh123',
    },
  },
});

beforeAll(async () => {
  fake = await startFakeGraph();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe('whatsapp-cloud send: requests', () => {
  it('sends free text exactly as the Cloud API documents it', async () => {
    fake.answer(() => success('wamid.HBgLODQ5MDEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA'));
    const result = await transportAt(fake.baseUrl).send({
      plan: textPlan('Hi Linh, your order shipped. https://example.com/t/1'),
      contact: contactWith('+84 90 123 4567'),
      channel: contactWith('+84 90 123 4567').channels[0]!,
      idempotencyKey: 'k-1',
    });
    expect(result).toEqual({
      ok: true,
      providerMessageId: 'wamid.HBgLODQ5MDEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
      sandbox: false,
    });
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(req.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '84901234567',
      type: 'text',
      text: { body: 'Hi Linh, your order shipped. https://example.com/t/1', preview_url: false },
    });
  });

  it('sends a positional template with body parameters in {{1}}, {{2}} order', async () => {
    fake.answer(() => success('wamid.T1'));
    const plan = templatePlan('order_update', 'en_US', { '1': 'Linh', '2': 'A-1029' }, 'Hi Linh, order A-1029 shipped');
    const result = await transportAt(fake.baseUrl).send({
      plan,
      contact: contactWith('84901234567'),
      channel: contactWith('84901234567').channels[0]!,
      idempotencyKey: 'k-2',
    });
    expect(result).toEqual({ ok: true, providerMessageId: 'wamid.T1', sandbox: false });
    expect(JSON.parse(fake.requests[0]!.body)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '84901234567',
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Linh' },
              { type: 'text', text: 'A-1029' },
            ],
          },
        ],
      },
    });
  });

  it('sends a named-parameter template with parameter_name', async () => {
    fake.answer(() => success('wamid.T2'));
    const plan = templatePlan('follow_up_named', 'pt_BR', { first_name: 'Ana', order_number: '77' });
    await transportAt(fake.baseUrl).send({
      plan,
      contact: contactWith('5511999990000'),
      channel: contactWith('5511999990000').channels[0]!,
      idempotencyKey: 'k-3',
    });
    const body = JSON.parse(fake.requests[0]!.body) as { template: unknown };
    expect(body.template).toEqual({
      name: 'follow_up_named',
      language: { code: 'pt_BR' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', parameter_name: 'first_name', text: 'Ana' },
            { type: 'text', parameter_name: 'order_number', text: '77' },
          ],
        },
      ],
    });
  });

  it('omits components for a template without variables', async () => {
    fake.answer(() => success('wamid.T3'));
    await transportAt(fake.baseUrl).send({
      plan: templatePlan('hello_world', 'en_US', {}),
      contact: contactWith('84901234567'),
      channel: contactWith('84901234567').channels[0]!,
      idempotencyKey: 'k-4',
    });
    expect(JSON.parse(fake.requests[0]!.body).template).toEqual({ name: 'hello_world', language: { code: 'en_US' } });
  });

  it('keeps a base URL path prefix and strips a trailing slash', async () => {
    fake.answer(() => success('wamid.P'));
    await transportAt(`${fake.baseUrl}/graph/`).send({
      plan: textPlan('x'),
      contact: contactWith('84901234567'),
      channel: contactWith('84901234567').channels[0]!,
      idempotencyKey: 'k-5',
    });
    expect(fake.requests[0]!.url).toBe(`/graph/v21.0/${PHONE_NUMBER_ID}/messages`);
  });

  it('refuses without a request when the channel has no address, or the plan is a tag', async () => {
    const t = transportAt(fake.baseUrl);
    const noAddress = await t.send({
      plan: textPlan('x'),
      contact: contactWith(undefined),
      channel: contactWith(undefined).channels[0]!,
      idempotencyKey: 'k-6',
    });
    expect(noAddress).toEqual({
      ok: false,
      reason: 'whatsapp.no_address',
      detail: expect.any(String),
      retryable: false,
    });
    const tag = await t.send({
      plan: { ...textPlan('x'), kind: 'tag', messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' },
      contact: contactWith('84901234567'),
      channel: contactWith('84901234567').channels[0]!,
      idempotencyKey: 'k-7',
    });
    expect(tag).toMatchObject({ ok: false, reason: 'whatsapp.tag_not_supported', retryable: false });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('whatsapp-cloud send: documented errors', () => {
  const cases: Array<[string, string, boolean, ReturnType<typeof graphError>]> = [
    [
      '131047 re-engagement',
      'whatsapp.window_closed',
      false,
      graphError(
        400,
        131047,
        '(#131047) Re-engagement message',
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      ),
    ],
    [
      '131026 undeliverable',
      'whatsapp.undeliverable',
      false,
      graphError(400, 131026, '(#131026) Message Undeliverable'),
    ],
    [
      '132000 param count',
      'whatsapp.template_params_mismatch',
      false,
      graphError(
        400,
        132000,
        '(#132000) Number of parameters does not match the expected number of params',
        'body: number of localizable_params (1) does not match the expected number of params (2)',
      ),
    ],
    [
      '132001 template missing',
      'whatsapp.template_not_found',
      false,
      graphError(
        404,
        132001,
        '(#132001) Template name does not exist in the translation',
        'template name (order_update) does not exist in en_US',
      ),
    ],
    [
      '132012 param format',
      'whatsapp.template_param_format',
      false,
      graphError(400, 132012, '(#132012) Parameter format does not match format in the created template'),
    ],
    [
      '131056 pair rate limit',
      'whatsapp.pair_rate_limited',
      true,
      graphError(400, 131056, '(#131056) (Business Account, Consumer Account) pair rate limit hit'),
    ],
    [
      '130429 throughput',
      'whatsapp.rate_limited',
      true,
      graphError(
        400,
        130429,
        '(#130429) Rate limit hit',
        'Message failed to send because there were too many messages sent from this phone number ' +
          'in a short period of time',
      ),
    ],
    [
      '190 token expired',
      'whatsapp.auth_failed',
      false,
      graphError(401, 190, 'Error validating access token: Session has expired'),
    ],
    [
      '131000 something went wrong (500)',
      'provider_error',
      true,
      graphError(500, 131000, '(#131000) Something went wrong'),
    ],
    ['unknown code on a 503', 'provider_error', true, graphError(503, 999999, 'Service temporarily unavailable')],
    ['unknown code on a 400', 'provider_error', false, graphError(400, 100, '(#100) Invalid parameter')],
  ];

  it.each(cases)('%s → %s (retryable: %s)', async (_label, reason, retryable, answer) => {
    fake.answer(() => answer);
    const result = await transportAt(fake.baseUrl).send({
      plan: textPlan('hello'),
      contact: contactWith('84901234567'),
      channel: contactWith('84901234567').channels[0]!,
      idempotencyKey: 'k-e',
    });
    expect(result).toMatchObject({ ok: false, reason, retryable });
    if (!result.ok) {
      expect(result.detail).toContain(`HTTP ${answer.status}`);
      expect(result.detail).toContain(answer.body.error.message);
      expect(result.detail).toContain('AbCdEfGh123');
    }
  });

  it('a 502 with a non-JSON body is a retryable provider_error', async () => {
    fake.answer(() => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    const result = await transportAt(fake.baseUrl).send({
      plan: textPlan('x'),
      contact: contactWith('84901234567'),
      channel: contactWith('84901234567').channels[0]!,
      idempotencyKey: 'k-8',
    });
    expect(result).toEqual({
      ok: false,
      reason: 'provider_error',
      detail: 'WhatsApp Cloud API HTTP 502: <html>Bad Gateway</html>',
      retryable: true,
    });
  });

  it('a 200 without a message id is not retried (it may have been sent)', async () => {
    fake.answer(() => ({ status: 200, body: { messaging_product: 'whatsapp', contacts: [] } }));
    const result = await transportAt(fake.baseUrl).send({
      plan: textPlan('x'),
      contact: contactWith('84901234567'),
      channel: contactWith('84901234567').channels[0]!,
      idempotencyKey: 'k-9',
    });
    expect(result).toMatchObject({ ok: false, reason: 'provider_error', retryable: false });
  });

  it('a refused connection is retryable', async () => {
    const result = await transportAt(await refusedUrl()).send({
      plan: textPlan('x'),
      contact: contactWith('84901234567'),
      channel: contactWith('84901234567').channels[0]!,
      idempotencyKey: 'k-10',
    });
    expect(result).toMatchObject({ ok: false, reason: 'provider_error', retryable: true });
    if (!result.ok) expect(result.detail).toMatch(/network error/);
  });

  it('a request with no answer is aborted after timeoutMs and retryable', async () => {
    fake.answer(() => ({ status: 200, hang: true }));
    const started = Date.now();
    const result = await transportAt(fake.baseUrl, { timeoutMs: 200 }).send({
      plan: textPlan('x'),
      contact: contactWith('84901234567'),
      channel: contactWith('84901234567').channels[0]!,
      idempotencyKey: 'k-11',
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result).toEqual({
      ok: false,
      reason: 'provider_error',
      detail: 'WhatsApp Cloud API: no answer within 200 ms',
      retryable: true,
    });
  });
});
