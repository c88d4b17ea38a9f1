/**
 * Contract test of the Messenger Send API transport against a local fake of graph.facebook.com:
 * the exact request Meta documents, the documented success body, and each documented error → reason.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { evaluateWindow, planOutbound } from '../../../src/policy/index.js';
import { createMessengerChannel } from '../../../src/transports/messenger/index.js';
import type { Transport } from '../../../src/transports/transport.js';
import {
  type FakeGraph,
  SUCCESS,
  channelOf,
  contactWith,
  graphError,
  plan,
  startFakeGraph,
  testDeps,
} from './meta-fixtures.js';
import { refusedUrl } from '../../support/fake-api.js';

const PAGE_ID = '104857329811223';
const PSID = '6723918823017345';
const TOKEN = 'EAAGpage-token-123';

let graph: FakeGraph;
beforeAll(async () => {
  graph = await startFakeGraph();
});
afterAll(async () => {
  await graph.close();
});
afterEach(() => {
  graph.requests.length = 0;
});

function transportFor(options: Record<string, unknown> = {}): Transport {
  return createMessengerChannel(
    {
      type: 'messenger',
      id: PAGE_ID,
      options: {
        pageId: PAGE_ID,
        accessToken: TOKEN,
        appSecret: 'app-secret',
        verifyToken: 'verify-me',
        baseUrl: graph.url,
        ...options,
      },
    },
    testDeps(),
  ).transport;
}

const channel = channelOf('messenger', PSID, PAGE_ID);
const send = (t: Transport, p = plan('messenger'), ch = channel) =>
  t.send({ plan: p, contact: contactWith(ch), channel: ch, idempotencyKey: 'idem-1' });

describe('Messenger Send API: the request', () => {
  it('POSTs JSON {recipient, messaging_type: RESPONSE, message} to /v25.0/{page}/messages?access_token=…', async () => {
    graph.answer(SUCCESS(PSID, 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM'));
    const result = await send(transportFor());

    expect(result).toEqual({ ok: true, providerMessageId: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM', sandbox: false });
    expect(graph.requests).toHaveLength(1);
    const req = graph.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/v25.0/${PAGE_ID}/messages`);
    expect(req.query).toEqual({ access_token: TOKEN });
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.json).toEqual({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: { text: 'Hi Linh, your parcel left the warehouse today.' },
    });
  });

  it('sends the HUMAN_AGENT tag exactly as the policy core planned it (person writing on day 3)', async () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const status = evaluateWindow({ channel: 'messenger', now, lastInboundAt: new Date('2026-11-17T10:00:00Z') });
    const planned = planOutbound(status, {
      kind: 'text',
      text: 'Sorry for the wait: the refund is done.',
      author: 'agent',
    });
    expect(planned.ok).toBe(true);
    graph.answer(SUCCESS(PSID, 'm_tagged'));
    const result = await send(transportFor(), planned.ok ? planned : plan('messenger'));

    expect(result).toMatchObject({ ok: true, providerMessageId: 'm_tagged' });
    expect(graph.requests[0]!.json).toEqual({
      recipient: { id: PSID },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Sorry for the wait: the refund is done.' },
    });
  });

  it('honours apiVersion and a base URL with a trailing slash', async () => {
    graph.answer(SUCCESS(PSID, 'm_v21'));
    await send(transportFor({ apiVersion: 'v21.0', baseUrl: `${graph.url}/` }));
    expect(graph.requests[0]!.path).toBe(`/v21.0/${PAGE_ID}/messages`);
  });

  it('refuses without calling Meta when the contact has no PSID, or the plan is a template', async () => {
    const noAddress = await send(transportFor(), plan('messenger'), channelOf('messenger', undefined, PAGE_ID));
    expect(noAddress).toMatchObject({ ok: false, reason: 'messenger.no_address', retryable: false });

    const template = await send(
      transportFor(),
      plan('messenger', {
        kind: 'template',
        messagingType: null,
        template: { name: 'x', language: 'en', parameters: [], named: {} },
      }),
    );
    expect(template).toMatchObject({ ok: false, reason: 'messenger.template_not_supported', retryable: false });
    expect(graph.requests).toHaveLength(0);
  });
});

describe('Messenger Send API: documented errors → reasons', () => {
  const cases = [
    {
      name: '(#10) 2018278 outside the allowed window',
      answer: graphError(400, 10, '(#10) This message is sent outside of allowed window.', 2018278),
      tag: 'HUMAN_AGENT',
      reason: 'messenger.window_closed',
      retryable: false,
    },
    {
      name: "(#551) 1545041 this person isn't available",
      answer: graphError(400, 551, "(#551) This person isn't available right now.", 1545041),
      tag: null,
      reason: 'messenger.person_unavailable',
      retryable: false,
    },
    {
      name: '(#100) on a dead tag (ACCOUNT_UPDATE since 2026-04-27)',
      answer: graphError(400, 100, '(#100) Invalid parameter'),
      tag: 'ACCOUNT_UPDATE',
      reason: 'messenger.tag_not_accepted',
      retryable: false,
    },
    {
      name: '(#100) without a tag',
      answer: graphError(400, 100, '(#100) Invalid parameter'),
      tag: null,
      reason: 'messenger.invalid_request',
      retryable: false,
    },
    {
      name: '(#100) 2018001 no matching user, even on a tagged send',
      answer: graphError(400, 100, '(#100) No matching user found', 2018001),
      tag: 'HUMAN_AGENT',
      reason: 'messenger.invalid_request',
      retryable: false,
    },
    {
      name: '190 invalid token',
      answer: graphError(401, 190, 'Invalid OAuth access token.'),
      tag: null,
      reason: 'messenger.auth_failed',
      retryable: false,
    },
    {
      name: '4 app rate limit',
      answer: graphError(400, 4, 'Application request limit reached'),
      tag: null,
      reason: 'messenger.rate_limited',
      retryable: true,
    },
    {
      name: '17 user rate limit',
      answer: graphError(400, 17, 'User request limit reached'),
      tag: null,
      reason: 'messenger.rate_limited',
      retryable: true,
    },
    {
      name: '32 page rate limit',
      answer: graphError(400, 32, 'Page request limit reached'),
      tag: null,
      reason: 'messenger.rate_limited',
      retryable: true,
    },
    {
      name: '613 rate limit',
      answer: graphError(400, 613, 'Calls to this api have exceeded the rate limit.'),
      tag: null,
      reason: 'messenger.rate_limited',
      retryable: true,
    },
    {
      name: '2 unexpected error',
      answer: graphError(500, 2, 'An unexpected error has occurred. Please retry your request later.'),
      tag: null,
      reason: 'provider_error',
      retryable: true,
    },
    {
      name: 'a 500 with no JSON',
      answer: { status: 500, body: 'Internal Server Error', contentType: 'text/plain' },
      tag: null,
      reason: 'provider_error',
      retryable: true,
    },
    {
      name: 'a 503 with an unknown Graph code',
      answer: graphError(503, 9999, 'Service unavailable'),
      tag: null,
      reason: 'provider_error',
      retryable: true,
    },
    {
      name: 'an unknown Graph code on a 400',
      answer: graphError(400, 9999, 'Something else'),
      tag: null,
      reason: 'provider_error',
      retryable: false,
    },
    {
      name: 'a 200 without message_id',
      answer: { status: 200, body: { recipient_id: PSID } },
      tag: null,
      reason: 'provider_error',
      retryable: false,
    },
  ] as const;

  it.each(cases)('$name → $reason (retryable: $retryable)', async ({ answer, tag, reason, retryable }) => {
    graph.answer(answer);
    const p = tag
      ? plan('messenger', { kind: 'tag', messagingType: 'MESSAGE_TAG', tag, state: 'tag_only' })
      : plan('messenger');
    const result = await send(transportFor(), p);
    expect(result).toMatchObject({ ok: false, reason, retryable });
    expect(graph.requests).toHaveLength(1);
  });

  it('keeps Meta’s code, subcode, message and fbtrace_id in the detail, and never the token', async () => {
    graph.answer(graphError(400, 10, '(#10) This message is sent outside of allowed window.', 2018278));
    const result = await send(transportFor());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.detail).toBe(
      '(#10/2018278) (#10) This message is sent outside of allowed window. [fbtrace_id AbCdEfGh123]',
    );
    expect(result.detail).not.toContain(TOKEN);
  });

  it('a refused connection is retryable and does not leak the token', async () => {
    const result = await send(transportFor({ baseUrl: await refusedUrl() }));
    expect(result).toMatchObject({ ok: false, reason: 'provider_error', retryable: true });
    if (!result.ok) expect(result.detail).not.toContain(TOKEN);
  });

  it('a request that gets no answer times out after timeoutMs and is retryable', async () => {
    graph.answer('hang');
    const started = Date.now();
    const result = await send(transportFor({ timeoutMs: 200 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toEqual({
      ok: false,
      reason: 'provider_error',
      detail: 'No answer from the messenger Send API within 200 ms.',
      retryable: true,
    });
  });
});
