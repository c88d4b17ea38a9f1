import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackFetch } from '../../../src/slack/shared/slack-fetch.js';
import { openView, updateView } from '../../../src/slack/shared/views-api.js';
import { type RecordedRequest, refusedUrl, startFakeApi } from '../../support/fake-api.js';

type Answer = (req: RecordedRequest, res: ServerResponse) => void;

/** The fake API answering each request with `answer` (which writes the answer itself), at its `/api/`. */
async function startServer(answer: Answer, tls?: { key: string; cert: string }) {
  const api = await startFakeApi((req) => (res) => answer(req, res), tls);
  return { ...api, url: `${api.url}/api/`, received: api.requests };
}

const json = (body: unknown, headers: OutgoingHttpHeaders = {}): Answer => {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
};

const clientOf = (url: string, fetch: typeof globalThis.fetch, options: object = {}) =>
  new WebClient('xoxb-test', { fetch, slackApiUrl: url, retryConfig: { retries: 0 }, ...options });

const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Ünïcode & <x>' }, blocks: [] };

describe('slackFetch: what web-api sends goes out as the global fetch would send it', () => {
  it('posts the same method, headers and body, and hands back the answer and its headers', async () => {
    const server = await startServer(json({ ok: true, channel: 'C1', ts: '1.2' }, { 'x-oauth-scopes': 'chat:write' }));
    try {
      const args = { channel: 'C1', text: 'héllo & <wörld> 🙂 +50%', blocks: [{ type: 'divider' }] };
      const ours = await clientOf(server.url, slackFetch()).apiCall('chat.postMessage', args);
      await clientOf(server.url, globalThis.fetch).apiCall('chat.postMessage', args);
      const [mine, theirs] = server.received;
      expect(mine!.method).toBe('POST');
      expect(mine!.url).toBe('/api/chat.postMessage');
      expect(mine!.body).toBe(theirs!.body);
      for (const header of ['content-type', 'authorization', 'user-agent', 'content-length']) {
        expect(mine!.headers[header], header).toBe(theirs!.headers[header]);
      }
      expect(Number(mine!.headers['content-length'])).toBe(Buffer.byteLength(mine!.body));
      expect(ours).toMatchObject({ ok: true, channel: 'C1', ts: '1.2', response_metadata: { scopes: ['chat:write'] } });
    } finally {
      await server.close();
    }
  });

  it("keeps of a views call's answer the view's id and hash, the rest as Slack sent it", async () => {
    const echoed = { ...view, id: 'V7', hash: 'h7', state: { values: {} } };
    const server = await startServer(json({ ok: true, view: echoed, response_metadata: { warnings: ['w'] } }));
    try {
      const opened = await openView(clientOf(server.url, slackFetch()), { trigger_id: 'T1', view });
      expect(opened).toMatchObject({
        ok: true,
        view: { id: 'V7', hash: 'h7' },
        response_metadata: { warnings: ['w'] },
      });
      expect(opened.view).toEqual({ id: 'V7', hash: 'h7' });
      expect(JSON.parse(new URLSearchParams(server.received[0]!.body).get('view')!)).toEqual(view);
      // Any other method's answer is handed on whole.
      const posted = await clientOf(server.url, slackFetch()).apiCall('chat.postMessage', { channel: 'C1', text: 'x' });
      expect((posted as { view?: unknown }).view).toEqual(echoed);
    } finally {
      await server.close();
    }
  });

  it("leaves Slack's refusals as they were: hash_conflict still reaches the caller", async () => {
    const server = await startServer(json({ ok: false, error: 'hash_conflict' }));
    try {
      const update = updateView(clientOf(server.url, slackFetch()), { view_id: 'V7', hash: 'old', view });
      await expect(update).rejects.toMatchObject({ data: { ok: false, error: 'hash_conflict' } });
    } finally {
      await server.close();
    }
  });

  it('keeps the connection alive between calls', async () => {
    const server = await startServer(json({ ok: true }));
    try {
      const client = clientOf(server.url, slackFetch());
      for (let i = 0; i < 5; i++) await client.apiCall('auth.test');
      await Promise.all(Array.from({ length: 3 }, () => client.apiCall('auth.test')));
      expect(server.received).toHaveLength(8);
      expect(server.connections()).toBeLessThanOrEqual(3);
    } finally {
      await server.close();
    }
  });

  it('closes a connection left idle, and waits for a slow answer on one in use', async () => {
    const server = await startServer((req, res) => {
      const answer = () => json({ ok: true })(req, res);
      if (req.url.endsWith('/slow')) setTimeout(answer, 250);
      else answer();
    });
    try {
      const fetch = slackFetch(globalThis.fetch, { idleMs: 100 });
      const init = { method: 'POST', body: '', redirect: 'error' as const };
      await fetch(`${server.url}auth.test`, init);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await fetch(`${server.url}auth.test`, init);
      expect(server.connections()).toBe(2);
      expect(await (await fetch(`${server.url}slow`, init)).json()).toEqual({ ok: true });
    } finally {
      await server.close();
    }
  });

  it('undoes the content encoding a server chose, and refuses one it cannot read', async () => {
    const body = JSON.stringify({ ok: true, said: 'encodé' });
    const encoders: Record<string, (b: Buffer) => Buffer> = {
      gzip: gzipSync,
      deflate: deflateSync,
      br: brotliCompressSync,
      identity: (b) => b,
      zstd: (b) => b,
    };
    const server = await startServer((req, res) => {
      const coding = req.url.split('/').pop()!;
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding });
      res.end(encoders[coding]!(Buffer.from(body)));
    });
    try {
      const fetch = slackFetch();
      for (const coding of ['gzip', 'deflate', 'br', 'identity']) {
        const answer = await fetch(`${server.url}${coding}`, { method: 'POST', body: '', redirect: 'error' });
        expect(await answer.json(), coding).toEqual({ ok: true, said: 'encodé' });
        // The text handed on is decoded: the coding and length the server sent no longer describe it.
        expect([answer.headers.get('content-encoding'), answer.headers.get('content-length')]).toEqual([null, null]);
      }
      await expect(fetch(`${server.url}zstd`, { method: 'POST', body: '', redirect: 'error' })).rejects.toMatchObject({
        name: 'TypeError',
        message: 'fetch failed',
        cause: { message: 'unsupported content-encoding: zstd' },
      });
    } finally {
      await server.close();
    }
  });
});

describe("slackFetch: Slack's refusals and network failures reach web-api as the global fetch reports them", () => {
  it('hands on a status that is not 200 with its text, and web-api reports it', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(503, 'Service Unavailable', { 'content-type': 'text/plain' });
      res.end('upstream timeout');
    });
    try {
      const answer = await slackFetch()(`${server.url}auth.test`, { method: 'POST', body: '', redirect: 'error' });
      expect([answer.status, answer.statusText, await answer.text()]).toEqual([
        503,
        'Service Unavailable',
        'upstream timeout',
      ]);
      await expect(clientOf(server.url, slackFetch()).apiCall('auth.test')).rejects.toMatchObject({
        code: 'slack_webapi_http_error',
        statusCode: 503,
        body: 'upstream timeout',
      });
    } finally {
      await server.close();
    }
  });

  it('lets web-api read a rate limit from its Retry-After header', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
      res.end('{"ok":false,"error":"ratelimited"}');
    });
    try {
      const client = clientOf(server.url, slackFetch(), { rejectRateLimitedCalls: true });
      await expect(client.apiCall('chat.postMessage', { channel: 'C1', text: 'x' })).rejects.toMatchObject({
        code: 'slack_webapi_rate_limited_error',
        retryAfter: 7,
      });
    } finally {
      await server.close();
    }
  });

  it('refuses a redirect, as web-api asks (redirect: error)', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' });
      res.end();
    });
    try {
      await expect(
        slackFetch()(`${server.url}auth.test`, { method: 'POST', body: '', redirect: 'error' }),
      ).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
      await expect(clientOf(server.url, slackFetch()).apiCall('auth.test')).rejects.toMatchObject({
        code: 'slack_webapi_request_error',
      });
      const manual = await slackFetch()(`${server.url}auth.test`, { method: 'POST', body: '', redirect: 'manual' });
      expect(manual.status).toBe(302);
    } finally {
      await server.close();
    }
  });

  it('words a refused connection as fetch does: fetch failed, the code as its cause', async () => {
    const url = await refusedUrl();
    await expect(
      slackFetch()(`${url}/api/auth.test`, { method: 'POST', body: '', redirect: 'error' }),
    ).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
  });

  it('fails a connection cut mid-answer', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"ok":');
      setTimeout(() => res.destroy(), 20);
    });
    try {
      await expect(
        slackFetch()(`${server.url}auth.test`, { method: 'POST', body: '', redirect: 'error' }),
      ).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    } finally {
      await server.close();
    }
  });

  it("stops at its signal: the signal's reason, before sending or while waiting", async () => {
    const server = await startServer(() => undefined);
    try {
      const fetch = slackFetch();
      const init = { method: 'POST', body: 'a=1', redirect: 'error' as const };
      const early = await fetch(`${server.url}auth.test`, { ...init, signal: AbortSignal.abort() }).catch((e) => e);
      expect((early as Error).name).toBe('AbortError');
      const late = await fetch(`${server.url}auth.test`, { ...init, signal: AbortSignal.timeout(50) }).catch((e) => e);
      expect((late as Error).name).toBe('TimeoutError');
      expect(server.received).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('gives an answer without a body where the status has none', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    try {
      const answer = await slackFetch()(`${server.url}x`, { method: 'POST', body: '', redirect: 'error' });
      expect([answer.status, answer.body]).toEqual([204, null]);
    } finally {
      await server.close();
    }
  });
});

describe('slackFetch: what it does not send itself goes to the global fetch, answered untouched', () => {
  const echoed = { ok: true, view: { ...view, id: 'V1', hash: 'h1', blocks: [{ type: 'divider' }] } };
  const recording = () => {
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: url instanceof Request ? url.url : String(url), ...(init ? { init } : {}) });
      return new Response(JSON.stringify(echoed), { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    return { fetch, calls };
  };

  it.each([
    ['a binary body', { method: 'POST', body: new Uint8Array([1, 2]), redirect: 'error' as const }],
    ['a form with files', { method: 'POST', body: new FormData(), redirect: 'error' as const }],
    ['a redirect to follow', { method: 'POST', body: 'a=1' }],
    ['a GET', { method: 'GET', redirect: 'error' as const }],
    ['a Headers object', { method: 'POST', body: 'a=1', headers: new Headers({ a: 'b' }), redirect: 'error' as const }],
  ])('%s', async (_name, init) => {
    const { fetch, calls } = recording();
    const answer = await slackFetch(fetch)('http://127.0.0.1:9/api/views.open', init);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init).toBe(init);
    expect(await answer.json()).toEqual(echoed);
  });

  it('a Request or an address that is not http(s)', async () => {
    const { fetch, calls } = recording();
    const init = { method: 'POST', body: 'a=1', redirect: 'error' as const };
    await slackFetch(fetch)(new Request('http://127.0.0.1:9/api/auth.test', { method: 'POST' }));
    await slackFetch(fetch)('file:///etc/hosts', init);
    expect(calls.map((c) => c.url)).toEqual(['http://127.0.0.1:9/api/auth.test', 'file:///etc/hosts']);
  });
});

/** A self-signed certificate for 127.0.0.1, made with openssl (null where openssl is not installed). */
function selfSignedCertificate(): { key: string; cert: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'followup-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = selfSignedCertificate();
if (!tls) console.warn('slackFetch over HTTPS: skipped, openssl is not installed to make a test certificate');

describe.skipIf(!tls)('slackFetch over HTTPS (Slack is https://slack.com/api/)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer(json({ ok: true, over: 'tls' }), tls!);
  });
  afterAll(() => server.close());

  it('talks TLS to a server whose certificate it trusts, on one connection', async () => {
    const client = clientOf(server.url, slackFetch(globalThis.fetch, { ca: tls!.cert }));
    expect(await client.apiCall('auth.test')).toMatchObject({ ok: true, over: 'tls' });
    expect(await client.apiCall('auth.test')).toMatchObject({ ok: true, over: 'tls' });
    expect(server.connections()).toBe(1);
  });

  it('refuses a certificate it does not trust', async () => {
    await expect(
      slackFetch()(`${server.url}auth.test`, { method: 'POST', body: '', redirect: 'error' }),
    ).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    });
  });
});
