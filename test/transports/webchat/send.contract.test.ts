/**
 * Contract test of the `webchat` transport against a fake site backend on 127.0.0.1: the exact signed
 * request (README.md "Contract for site developers") and how each answer maps to a result.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderAccount } from '../../../src/transports/provider.js';
import { createWebchatChannel } from '../../../src/transports/webchat/index.js';
import { type FakeSite, NOW_SECONDS, SECRET, hmac, sendRequest, startSite, testDeps } from './helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function site(respond: Parameters<typeof startSite>[0]): Promise<FakeSite> {
  const s = await startSite(respond);
  cleanups.push(() => s.close());
  return s;
}

function account(webhookUrl: string, options: Record<string, unknown> = {}): ProviderAccount {
  return { type: 'webchat', id: 'shop', options: { webhookUrl, secret: SECRET, timeoutMs: 2000, ...options } };
}

const TEXT = 'Chào bạn, đơn hàng #4521 đã được giao. — مرحبا، تم شحن طلبك!';

describe('webchat transport: the request', () => {
  it('POSTs the signed JSON message to webhookUrl (path and query kept); takes messageId from the answer', async () => {
    const fake = await site((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId: 'site-msg-981' }));
    });
    const deps = testDeps();
    const { transport } = createWebchatChannel(account(`${fake.url}/followup/inbox?site=shop`), deps);

    const result = await transport.send(sendRequest(TEXT, 'visitor-8f3a'));

    expect(result).toEqual({ ok: true, providerMessageId: 'site-msg-981', sandbox: false });
    expect(deps.fetchCalls).toBe(1);
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/followup/inbox?site=shop');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.headers['x-followup-timestamp']).toBe(String(NOW_SECONDS));
    expect(req.headers['x-followup-signature']).toBe(hmac(SECRET, NOW_SECONDS, req.body));
    expect(JSON.parse(req.body)).toEqual({
      id: '6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f',
      contactId: 'c-42',
      address: 'visitor-8f3a',
      text: TEXT,
      sentAt: '2026-11-20T09:30:00.000Z',
    });
    // Field order is part of what is signed; the site verifies the raw bytes, not a re-serialisation.
    expect(req.body).toBe(
      '{"id":"6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f","contactId":"c-42","address":"visitor-8f3a",' +
        `"text":${JSON.stringify(TEXT)},"sentAt":"2026-11-20T09:30:00.000Z"}`,
    );
  });

  it('sends a retry with the same id, so the site can show it once', async () => {
    const fake = await site((_req, res) => res.writeHead(204).end());
    const { transport } = createWebchatChannel(account(fake.url), testDeps());

    await transport.send(sendRequest('hi', 'visitor-1', 'key-7'));
    await transport.send(sendRequest('hi', 'visitor-1', 'key-7'));

    expect(fake.requests.map((r) => JSON.parse(r.body).id)).toEqual(['key-7', 'key-7']);
  });

  it('uses the idempotency key as the message id when a 2xx carries no messageId', async () => {
    const fake = await site((req, res) =>
      req.url === '/text' ? res.writeHead(200).end('ok') : res.writeHead(202).end('{}'),
    );

    const r1 = await createWebchatChannel(account(`${fake.url}/text`), testDeps()).transport.send(
      sendRequest('hi', 'v1', 'k-1'),
    );
    const r2 = await createWebchatChannel(account(`${fake.url}/json`), testDeps()).transport.send(
      sendRequest('hi', 'v1', 'k-2'),
    );

    expect(r1).toEqual({ ok: true, providerMessageId: 'k-1', sandbox: false });
    expect(r2).toEqual({ ok: true, providerMessageId: 'k-2', sandbox: false });
  });

  it('refuses a channel without a visitor id without calling the site', async () => {
    const fake = await site((_req, res) => res.writeHead(200).end());
    const deps = testDeps();

    const result = await createWebchatChannel(account(fake.url), deps).transport.send(sendRequest('hi', undefined));

    expect(result).toEqual({ ok: false, reason: 'webchat.no_address', detail: expect.any(String), retryable: false });
    expect(deps.fetchCalls).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('webchat transport: answers', () => {
  it.each([
    [400, '{"error":"unknown visitor"}', 'webchat.rejected', false, 'HTTP 400: unknown visitor'],
    [401, '{"error":"bad signature"}', 'webchat.rejected', false, 'HTTP 401: bad signature'],
    [404, 'Not Found', 'webchat.rejected', false, 'HTTP 404: Not Found'],
    [410, '', 'webchat.rejected', false, 'HTTP 410'],
    [429, '{"error":"slow down"}', 'provider_error', true, 'HTTP 429: slow down'],
    [500, 'Internal Server Error', 'provider_error', true, 'HTTP 500: Internal Server Error'],
    [503, '<html>\n<b>down</b>\n</html>', 'provider_error', true, 'HTTP 503: <html> <b>down</b> </html>'],
  ])('HTTP %i → %s (retryable %s)', async (status, body, reason, retryable, detail) => {
    const fake = await site((_req, res) => res.writeHead(status).end(body));

    const result = await createWebchatChannel(account(fake.url), testDeps()).transport.send(sendRequest('hi', 'v1'));

    expect(result).toEqual({ ok: false, reason, detail, retryable });
  });

  it('does not follow a redirect (the signed POST must reach webhookUrl itself)', async () => {
    const fake = await site((req, res) =>
      req.url === '/old'
        ? res.writeHead(301, { location: '/new' }).end()
        : res.writeHead(200).end('{"messageId":"wrong"}'),
    );

    const result = await createWebchatChannel(account(`${fake.url}/old`), testDeps()).transport.send(
      sendRequest('hi', 'v1'),
    );

    expect(result).toMatchObject({ ok: false, reason: 'webchat.rejected', retryable: false });
    expect(result.ok === false && result.detail).toContain('redirect to /new');
    expect(fake.requests.map((r) => r.url)).toEqual(['/old']);
  });

  it('gives up after timeoutMs on a site that never answers, retryable', async () => {
    const fake = await site(() => {
      /* never answers */
    });
    const started = performance.now();

    const result = await createWebchatChannel(account(fake.url, { timeoutMs: 200 }), testDeps()).transport.send(
      sendRequest('hi', 'v1'),
    );

    expect(result).toEqual({ ok: false, reason: 'provider_error', detail: 'no answer within 200 ms', retryable: true });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('maps a refused connection to a retryable provider_error', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const result = await createWebchatChannel(account(`http://127.0.0.1:${port}/hook`), testDeps()).transport.send(
      sendRequest('hi', 'v1'),
    );

    expect(result).toEqual({
      ok: false,
      reason: 'provider_error',
      detail: 'request failed: ECONNREFUSED',
      retryable: true,
    });
  });
});
