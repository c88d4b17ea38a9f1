import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildWebhookRoutes } from '../../../src/http/webhooks.js';
import { ingestEventSchema } from '../../../src/ingest/events.js';
import type {
  InboundWebhook,
  ProviderAccount,
  WebhookRequest,
  WebhookResponse,
} from '../../../src/transports/provider.js';
import { createWebchatChannel, signatureFor, webchatOptionsSchema } from '../../../src/transports/webchat/index.js';
import { NOW, NOW_SECONDS, SECRET, hmac, testDeps } from './helpers.js';
import { contactOf } from '../events.js';

const options = { webhookUrl: 'https://shop.example/followup', secret: SECRET };

/** `null`: the default account of the type (no id). */
function hook(id: string | null = 'shop', deps = testDeps()): InboundWebhook {
  const account: ProviderAccount = { type: 'webchat', ...(id ? { id } : {}), options };
  return createWebchatChannel(account, deps).webhook!;
}

function signed(body: string, { timestamp = NOW_SECONDS, secret = SECRET, method = 'POST' } = {}): WebhookRequest {
  return {
    method,
    url: new URL('https://followup.example/webhooks/webchat/shop'),
    headers: {
      'content-type': 'application/json',
      'x-followup-timestamp': String(timestamp),
      'x-followup-signature': hmac(secret, timestamp, body),
    },
    rawBody: body,
  };
}

function valid(out: WebhookResponse): WebhookResponse {
  for (const e of out.events) expect(ingestEventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
  return out;
}

const MESSAGE = {
  id: 'msg_01HZX8',
  visitorId: 'visitor-8f3a',
  text: 'Xin chào, tôi cần hỗ trợ — مرحبا',
  sentAt: '2026-11-20T16:25:00+07:00',
  name: 'Linh Nguyễn',
  email: 'Linh.Nguyen@Example.VN',
};

describe('webchat webhook: accepted messages', () => {
  it('turns a signed message into contact.upserted + message.received at sentAt (UTC)', async () => {
    const out = valid(await hook().handle(signed(JSON.stringify(MESSAGE))));

    expect(out.status).toBe(200);
    expect(out.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(out.body!)).toEqual({ ok: true });
    expect(out.refused).toBeUndefined();
    expect(out.events).toEqual([
      {
        id: 'webchat:msg_01HZX8:contact',
        type: 'contact.upserted',
        at: '2026-11-20T09:25:00.000Z',
        contact: {
          id: 'addr:webchat:visitor-8f3a',
          firstName: 'Linh Nguyễn',
          email: 'linh.nguyen@example.vn',
          channels: [{ type: 'webchat', channelId: 'shop', address: 'visitor-8f3a' }],
        },
      },
      {
        id: 'webchat:msg_01HZX8',
        type: 'message.received',
        at: '2026-11-20T09:25:00.000Z',
        contactId: 'addr:webchat:visitor-8f3a',
        channel: 'webchat',
        channelId: 'shop',
        kind: 'message',
        text: 'Xin chào, tôi cần hỗ trợ — مرحبا',
      },
    ]);
  });

  it('gives a redelivered message the same event ids', async () => {
    const h = hook();
    const body = JSON.stringify(MESSAGE);
    const first = await h.handle(signed(body));
    const again = await h.handle(signed(body, { timestamp: NOW_SECONDS - 60 }));
    expect(again.status).toBe(200);
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(again.events.map((e) => e.id)).toEqual(['webchat:msg_01HZX8:contact', 'webchat:msg_01HZX8']);
  });

  it('accepts the minimum (id, visitorId, sentAt) on the default account, and ignores unknown fields', async () => {
    const deps = testDeps();
    const out = valid(
      await hook(null, deps).handle(
        signed(JSON.stringify({ id: '7', visitorId: 'u-1', sentAt: '2026-11-20T09:00:00Z', page: '/pricing' })),
      ),
    );
    expect(out.status).toBe(200);
    expect(out.events[0]).toEqual({
      id: 'webchat:7:contact',
      type: 'contact.upserted',
      at: '2026-11-20T09:00:00.000Z',
      contact: { id: 'addr:webchat:u-1', channels: [{ type: 'webchat', address: 'u-1' }] },
    });
    expect(out.events[1]).not.toHaveProperty('text');
    expect(out.events[1]).not.toHaveProperty('channelId');
  });

  it('drops an email that is not an address instead of refusing the message', async () => {
    const deps = testDeps();
    const out = valid(
      await hook('shop', deps).handle(signed(JSON.stringify({ ...MESSAGE, email: 'linh at example' }))),
    );
    expect(out.status).toBe(200);
    expect(contactOf(out.events[0])).not.toHaveProperty('email');
    expect(deps.warnings.join('\n')).toContain('msg_01HZX8');
  });

  it('acknowledges and ignores an unknown event type', async () => {
    const out = await hook().handle(signed(JSON.stringify({ ...MESSAGE, type: 'visitor.typing' })));
    expect(out).toMatchObject({ status: 200, events: [] });
    expect(JSON.parse(out.body!)).toEqual({ ok: true, ignored: 'visitor.typing' });
    // Whatever its shape: only `message` has to match the message schema.
    const typing = await hook().handle(signed(JSON.stringify({ type: 'visitor.typing', visitorId: 'v' })));
    expect(typing).toMatchObject({ status: 200, events: [] });
    const explicit = valid(await hook().handle(signed(JSON.stringify({ ...MESSAGE, type: 'message' }))));
    expect(explicit.events.map((e) => e.type)).toEqual(['contact.upserted', 'message.received']);
  });

  it('is mounted at webchat/<account id>, or webchat/default', () => {
    expect(hook('shop').path).toBe('webchat/shop');
    expect(hook(null).path).toBe('webchat/default');
  });
});

describe('webchat webhook: refused requests', () => {
  const body = JSON.stringify(MESSAGE);

  it.each([
    ['a wrong secret', signed(body, { secret: 'another-secret-of-thirty-two-chars!' }), 'signature mismatch'],
    [
      'a body changed after signing',
      { ...signed(body), rawBody: body.replace('visitor-8f3a', 'visitor-0000') },
      'signature mismatch',
    ],
    [
      'a timestamp changed after signing',
      { ...signed(body), headers: { ...signed(body).headers, 'x-followup-timestamp': String(NOW_SECONDS - 1) } },
      'signature mismatch',
    ],
    ['no signature', { ...signed(body), headers: { 'x-followup-timestamp': String(NOW_SECONDS) } }, 'missing'],
    [
      'no timestamp',
      { ...signed(body), headers: { 'x-followup-signature': hmac(SECRET, NOW_SECONDS, body) } },
      'missing',
    ],
    [
      'a signature without the sha256= prefix',
      {
        ...signed(body),
        headers: { ...signed(body).headers, 'x-followup-signature': hmac(SECRET, NOW_SECONDS, body).slice(7) },
      },
      'not sha256=<hex>',
    ],
    ['a timestamp in milliseconds', signed(body, { timestamp: NOW.getTime() }), 'not Unix seconds'],
    ['a replay older than 5 minutes', signed(body, { timestamp: NOW_SECONDS - 301 }), '301 s old'],
    ['a timestamp over 5 minutes ahead', signed(body, { timestamp: NOW_SECONDS + 301 }), 'in the future'],
  ])('refuses %s with 401 and no events', async (_name, request, why) => {
    const out = await hook().handle(request as WebhookRequest);
    expect(out.status).toBe(401);
    expect(out.events).toEqual([]);
    expect(out.refused).toContain(why);
    expect(out.body).not.toContain(why);
  });

  it('accepts a timestamp exactly 5 minutes old', async () => {
    expect((await hook().handle(signed(body, { timestamp: NOW_SECONDS - 300 }))).status).toBe(200);
  });

  it.each([
    ['not JSON', '{"id": "1", ', 'body is not JSON'],
    ['no visitorId', JSON.stringify({ id: '1', sentAt: '2026-11-20T09:00:00Z' }), 'visitorId'],
    ['sentAt without an offset', JSON.stringify({ id: '1', visitorId: 'v', sentAt: '2026-11-20 09:00' }), 'sentAt'],
    ['an empty id', JSON.stringify({ id: '', visitorId: 'v', sentAt: '2026-11-20T09:00:00Z' }), 'id'],
    [
      'an id too long for an event id',
      JSON.stringify({ id: 'x'.repeat(181), visitorId: 'v', sentAt: '2026-11-20T09:00:00Z' }),
      'id',
    ],
    ['an array', JSON.stringify([MESSAGE]), 'body'],
  ])('answers 400 to a signed body with %s, and no events', async (_name, raw, field) => {
    const out = await hook().handle(signed(raw));
    expect(out.status).toBe(400);
    expect(out.events).toEqual([]);
    expect(JSON.parse(out.body!).error).toContain(field);
  });

  it('answers 405 to anything but POST', async () => {
    const out = await hook().handle(signed('', { method: 'GET' }));
    expect(out).toMatchObject({ status: 405, events: [] });
  });
});

describe('webchat options', () => {
  it('applies the default timeout', () => {
    expect(webchatOptionsSchema.parse(options)).toEqual({ ...options, timeoutMs: 10_000 });
  });

  it('names the option and the account in every error', () => {
    const make = (o: Record<string, unknown>, id?: string) => () =>
      createWebchatChannel({ type: 'webchat', ...(id ? { id } : {}), options: o }, testDeps());
    expect(make({ secret: SECRET }, 'shop')).toThrow('channels[webchat:shop].options.webhookUrl is required');
    expect(make({ ...options, webhookUrl: 'ftp://shop.example/x' }, 'shop')).toThrow(
      'channels[webchat:shop].options.webhookUrl must be an http(s) URL',
    );
    expect(make({ ...options, secret: 'short' })).toThrow(
      'channels[webchat].options.secret must be at least 32 characters',
    );
    expect(make({ ...options, signingKey: 'x' })).toThrow(
      'channels[webchat].options has unknown option "signingKey" (known: webhookUrl, secret, timeoutMs)',
    );
    expect(() => createWebchatChannel({ type: 'sms', id: 'x', options }, testDeps())).toThrow(
      'channels[sms:x]: transport webchat serves channel type webchat, not sms',
    );
  });

  it('builds a transport named webchat with a webhook', () => {
    const channel = createWebchatChannel({ type: 'webchat', options }, testDeps());
    expect(channel.transport.name).toBe('webchat');
    expect(channel.transport.sandbox).toBe(false);
    expect(channel.webhook?.path).toBe('webchat/default');
  });
});

describe('the README example', () => {
  it('signs the documented agent message to the documented signature', () => {
    const body =
      '{"id":"6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f","contactId":"c-42","address":"visitor-8f3a",' +
      '"text":"Chào bạn, đơn hàng đã được giao.","sentAt":"2026-11-27T09:30:00.000Z"}';
    expect(signatureFor('0123456789abcdef0123456789abcdef', 1795771800, body)).toBe(
      'sha256=a5db7d5e53e2ec5be5a80e174bf5a3c41802a60b4af5fe486a0275dec48de3f9',
    );
  });
});

describe('through the HTTP webhook route', () => {
  it('receives a signed POST over real HTTP, hands its events to ingest, and answers the site', async () => {
    const applied: Array<{ events: unknown[]; source: string }> = [];
    const [route] = buildWebhookRoutes([hook('shop')], {
      apply: async (events, _statuses, source) => void applied.push({ events, source }),
      logger: { warn() {}, error() {} },
    });
    const server = createServer((req, res) =>
      req.url?.startsWith(route!.path) ? route!.handler(req, res) : res.writeHead(404).end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      const body = JSON.stringify(MESSAGE);
      const ok = await fetch(`http://127.0.0.1:${port}/webhooks/webchat/shop`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Followup-Timestamp': String(NOW_SECONDS),
          'X-Followup-Signature': hmac(SECRET, NOW_SECONDS, body),
        },
        body,
      });
      expect(route!.path).toBe('/webhooks/webchat/shop');
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ ok: true });
      expect(applied).toHaveLength(1);
      expect(applied[0]!.source).toBe('webchat/shop');
      expect(applied[0]!.events.map((e) => (e as { id: string }).id)).toEqual([
        'webchat:msg_01HZX8:contact',
        'webchat:msg_01HZX8',
      ]);

      const bad = await fetch(`http://127.0.0.1:${port}/webhooks/webchat/shop`, {
        method: 'POST',
        headers: {
          'X-Followup-Timestamp': String(NOW_SECONDS),
          'X-Followup-Signature': hmac('x'.repeat(32), NOW_SECONDS, body),
        },
        body,
      });
      expect(bad.status).toBe(401);
      expect(applied).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
