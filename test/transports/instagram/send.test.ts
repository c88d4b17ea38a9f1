/**
 * Contract test of the Instagram messaging transport against a local fake of the Graph API, in both of
 * Meta's set-ups: Instagram Login (graph.instagram.com, Bearer token, /{IG_ID}/messages) and Facebook Login
 * (graph.facebook.com, Page token as access_token, /{PAGE-ID}/messages or /me/messages).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { evaluateWindow, planOutbound } from '../../../src/policy/index.js';
import { createInstagramChannel, instagramOptionsSchema } from '../../../src/transports/instagram/index.js';
import { instagramSendConfig } from '../../../src/transports/instagram/send.js';
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
} from '../messenger/meta-fixtures.js';
import { refusedUrl } from '../../support/fake-api.js';

const IG_ID = '17841405793187218';
const PAGE_ID = '104857329811223';
const IGSID = '5218837730110492';
const IG_TOKEN = 'IGAAR-instagram-user-token';
const PAGE_TOKEN = 'EAAG-page-token';

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
  return createInstagramChannel(
    {
      type: 'instagram',
      id: IG_ID,
      options: {
        igUserId: IG_ID,
        accessToken: IG_TOKEN,
        appSecret: 'ig-app-secret',
        verifyToken: 'verify-me',
        baseUrl: graph.url,
        ...options,
      },
    },
    testDeps(),
  ).transport;
}

const channel = channelOf('instagram', IGSID, IG_ID);
const send = (t: Transport, p = plan('instagram'), ch = channel) =>
  t.send({ plan: p, contact: contactWith(ch), channel: ch, idempotencyKey: 'idem-ig' });

describe('Instagram Login (graph.instagram.com)', () => {
  it('POSTs the JSON body to /v25.0/{IG_ID}/messages with Authorization: Bearer and no token in the URL', async () => {
    graph.answer(SUCCESS(IGSID, 'aWdfZAG1faWQ6MTc4NDE0'));
    const result = await send(transportFor());

    expect(result).toEqual({ ok: true, providerMessageId: 'aWdfZAG1faWQ6MTc4NDE0', sandbox: false });
    const req = graph.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/v25.0/${IG_ID}/messages`);
    expect(req.query).toEqual({});
    expect(req.headers.authorization).toBe(`Bearer ${IG_TOKEN}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json).toEqual({
      recipient: { id: IGSID },
      messaging_type: 'RESPONSE',
      message: { text: 'Hi Linh, your parcel left the warehouse today.' },
    });
  });

  it('sends HUMAN_AGENT for a person writing between 24 h and 7 days, exactly as planned', async () => {
    const status = evaluateWindow({
      channel: 'instagram',
      now: new Date('2026-11-20T10:00:00Z'),
      lastInboundAt: new Date('2026-11-16T10:00:00Z'),
    });
    const planned = planOutbound(status, { kind: 'text', text: 'Your exchange is approved.', author: 'agent' });
    expect(planned).toMatchObject({ ok: true, messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    graph.answer(SUCCESS(IGSID, 'ig_mid_2'));
    await send(transportFor(), planned.ok ? planned : plan('instagram'));
    expect(graph.requests[0]!.json).toEqual({
      recipient: { id: IGSID },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Your exchange is approved.' },
    });
  });

  it('defaults to graph.instagram.com', () => {
    const options = instagramOptionsSchema.parse({
      igUserId: IG_ID,
      accessToken: IG_TOKEN,
      appSecret: 's',
      verifyToken: 'v',
    });
    expect(instagramSendConfig(options)).toMatchObject({
      baseUrl: 'https://graph.instagram.com',
      node: IG_ID,
      auth: 'bearer',
      apiVersion: 'v25.0',
    });
  });
});

describe('Facebook Login (Messenger API for Instagram via the linked Page)', () => {
  it('POSTs to /v25.0/{PAGE-ID}/messages with the Page token as access_token', async () => {
    graph.answer(SUCCESS(IGSID, 'ig_mid_fb'));
    const result = await send(transportFor({ login: 'facebook', pageId: PAGE_ID, accessToken: PAGE_TOKEN }));
    expect(result).toMatchObject({ ok: true, providerMessageId: 'ig_mid_fb' });
    const req = graph.requests[0]!;
    expect(req.path).toBe(`/v25.0/${PAGE_ID}/messages`);
    expect(req.query).toEqual({ access_token: PAGE_TOKEN });
    expect(req.headers.authorization).toBeUndefined();
    expect(req.json).toEqual({
      recipient: { id: IGSID },
      messaging_type: 'RESPONSE',
      message: { text: 'Hi Linh, your parcel left the warehouse today.' },
    });
  });

  it('uses /me/messages when no pageId is given, and defaults to graph.facebook.com', async () => {
    await send(transportFor({ login: 'facebook', accessToken: PAGE_TOKEN }));
    expect(graph.requests[0]!.path).toBe('/v25.0/me/messages');
    const options = instagramOptionsSchema.parse({
      igUserId: IG_ID,
      login: 'facebook',
      accessToken: PAGE_TOKEN,
      appSecret: 's',
      verifyToken: 'v',
    });
    expect(instagramSendConfig(options)).toMatchObject({
      baseUrl: 'https://graph.facebook.com',
      node: 'me',
      auth: 'query',
    });
  });
});

describe('Instagram: documented errors → reasons', () => {
  it.each([
    [
      '(#10) 2018278 outside the window',
      graphError(400, 10, '(#10) This message is sent outside of allowed window.', 2018278),
      'instagram.window_closed',
      false,
    ],
    [
      '(#10) 2534022 Instagram outside the window',
      graphError(400, 10, 'This message is sent outside of allowed window.', 2534022),
      'instagram.window_closed',
      false,
    ],
    [
      "(#551) 1545041 this person isn't available",
      graphError(400, 551, "This person isn't available right now.", 1545041),
      'instagram.person_unavailable',
      false,
    ],
    ['(#100) invalid parameter', graphError(400, 100, 'Invalid parameter'), 'instagram.invalid_request', false],
    [
      '190 expired token',
      graphError(400, 190, 'Error validating access token: Session has expired'),
      'instagram.auth_failed',
      false,
    ],
    [
      '613 rate limit',
      graphError(400, 613, 'Calls to this api have exceeded the rate limit.'),
      'instagram.rate_limited',
      true,
    ],
    ['500 server error', { status: 500, body: '<html>oops</html>', contentType: 'text/html' }, 'provider_error', true],
  ] as const)('%s → %s', async (_name, answer, reason, retryable) => {
    graph.answer(answer);
    expect(await send(transportFor())).toMatchObject({ ok: false, reason, retryable });
  });

  it('(#100) on a HUMAN_AGENT send the account may not use → instagram.tag_not_accepted', async () => {
    graph.answer(graphError(400, 100, '(#100) Param tag[HUMAN_AGENT] is not a valid message tag'));
    const tagged = plan('instagram', { messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', state: 'human_agent' });
    expect(await send(transportFor(), tagged)).toMatchObject({
      ok: false,
      reason: 'instagram.tag_not_accepted',
      retryable: false,
    });
  });

  it('a refused connection is retryable; a contact without an IGSID is refused before any request', async () => {
    expect(await send(transportFor({ baseUrl: await refusedUrl() }))).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: true,
    });
    expect(await send(transportFor(), plan('instagram'), channelOf('instagram', undefined, IG_ID))).toMatchObject({
      ok: false,
      reason: 'instagram.no_address',
      retryable: false,
    });
    expect(graph.requests).toHaveLength(0);
  });

  it('refuses a plan made for another channel', async () => {
    expect(await send(transportFor(), plan('messenger'))).toMatchObject({
      ok: false,
      reason: 'provider_error',
      retryable: false,
    });
    expect(graph.requests).toHaveLength(0);
  });
});
