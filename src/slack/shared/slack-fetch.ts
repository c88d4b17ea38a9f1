/**
 * The fetch Followup gives @slack/web-api (`clientOptions.fetch`, its documented transport hook). Every Web
 * API call web-api makes is a POST of a string form, plain headers and `redirect: 'error'`; for those, Node's
 * own HTTP client on keep-alive connections does the same exchange at about half the CPU time of the global
 * fetch, whose WHATWG streams, body checks and signal plumbing cost more than rendering a search view
 * (bench slack at 1M contacts: 3.2 → 2.4 ms of CPU per `/followup <text>`). Anything else (another method, a
 * binary upload, a redirect to follow, a Headers object) goes to the global fetch untouched. Slack's answers
 * to the views calls, all of which take the lean path, come back trimmed to what Followup reads of them
 * (`trimViewAnswer`): trimming is only a saving, so what the global fetch answers needs none.
 */
import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { trimViewAnswer } from './views-api.js';

type Fetch = typeof globalThis.fetch;

/** Statuses whose answers have no body (a Response refuses one). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const DECODERS: Record<string, (b: Buffer) => Buffer> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/** A rejection the way the global fetch words one: `TypeError: fetch failed`, the reason as its cause. */
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

const isPlainHeaders = (h: unknown): h is Record<string, string> =>
  h === undefined || (typeof h === 'object' && h !== null && Object.getPrototypeOf(h) === Object.prototype);

/** The answer's body as text, undone of any content encoding the server chose. */
function bodyText(chunks: Buffer[], encoding: string | undefined): string {
  let body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  for (const coding of (encoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean)
    .reverse()) {
    if (coding === 'identity') continue;
    const decode = DECODERS[coding];
    if (!decode) throw new Error(`unsupported content-encoding: ${coding}`);
    body = decode(body);
  }
  return body.toString('utf8');
}

/**
 * How long an idle connection is kept for the next call: the global fetch's own default (undici's
 * keepAliveTimeout), shorter than servers' usual idle limits, so a call rarely meets a connection the server
 * is closing at that moment.
 */
export const IDLE_CONNECTION_MS = 4_000;

/**
 * A fetch for @slack/web-api's clients. `fallback` serves what the lean path does not (tests pass a stub);
 * `options.ca` replaces Node's certificate authorities (tests trust their own loopback server with it).
 * Connections are kept alive per client, as the global fetch keeps them, for `options.idleMs` when idle.
 */
export function slackFetch(fallback: Fetch = globalThis.fetch, options: { ca?: string; idleMs?: number } = {}): Fetch {
  // An agent's timeout closes its idle connections; a request in flight only hears of it (and none listens).
  const kept = { keepAlive: true, timeout: options.idleMs ?? IDLE_CONNECTION_MS };
  /** Per URL scheme: the client that sends and the agent that keeps its connections. */
  const schemes: Record<string, { request: typeof http.request; agent: http.Agent }> = {
    'http:': { request: http.request, agent: new http.Agent(kept) },
    'https:': {
      request: https.request,
      agent: new https.Agent({ ...kept, ...(options.ca ? { ca: options.ca } : {}) }),
    },
  };
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
    const redirect = init?.redirect ?? 'follow';
    const given = init?.headers;
    const scheme = url === null ? undefined : schemes[url.slice(0, url.indexOf(':') + 1)];
    if (
      url === null ||
      scheme === undefined ||
      init?.method?.toUpperCase() !== 'POST' ||
      typeof init?.body !== 'string' ||
      !isPlainHeaders(given) ||
      redirect === 'follow'
    ) {
      return fallback(input, init);
    }
    const body = init.body;
    const signal = init.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      // Sent whole with end(): Node gives it its Content-Length.
      const req = scheme.request(url, { method: 'POST', headers: { ...given }, agent: scheme.agent });
      const onAbort = () => {
        req.destroy();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      /** A failure on the way out or back, worded as fetch words it (the abort's reason if aborted). */
      const fail = (err: Error) => {
        settle();
        reject(signal?.aborted ? signal.reason : fetchFailed(err));
      };
      req.on('error', fail);
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location !== undefined && redirect === 'error') {
          res.resume();
          settle();
          reject(fetchFailed(new Error(`unexpected redirect to ${res.headers.location}`)));
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          settle();
          try {
            const answerHeaders = new Headers();
            const raw = res.rawHeaders;
            for (let i = 0; i + 1 < raw.length; i += 2) {
              const name = raw[i]!.toLowerCase();
              // The text handed on is decoded: its length and coding no longer describe it.
              if (name !== 'content-encoding' && name !== 'content-length') answerHeaders.append(name, raw[i + 1]!);
            }
            const text = bodyText(chunks, res.headers['content-encoding']);
            const answer = NULL_BODY_STATUS.has(status)
              ? null
              : trimViewAnswer(url, answerHeaders.get('content-type'), text);
            resolve(new Response(answer, { status, statusText: res.statusMessage ?? '', headers: answerHeaders }));
          } catch (err) {
            reject(fetchFailed(err));
          }
        });
      });
      req.end(body);
    });
  };
}
