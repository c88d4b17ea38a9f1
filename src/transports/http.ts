/**
 * The one HTTP helper every provider uses: a request through `deps.fetch` with a timeout, the answer read
 * whole. Network failures come back as values, never thrown, with what each provider needs to word them.
 */
import type { ProviderDeps } from './provider.js';

export interface HttpAnswer {
  ok: true;
  status: number;
  headers: Headers;
  text: string;
}

export interface NetworkFailure {
  ok: false;
  /** No answer within the timeout: the request was aborted. */
  timedOut: boolean;
  /** `no answer within 200 ms`, or `network error: fetch failed (ECONNREFUSED)`. */
  detail: string;
  /** The error's own message (`fetch failed`). */
  message: string;
  /** The underlying cause's code (`ECONNREFUSED`), where it has one. */
  code?: string;
  /** That code, else the cause's message. */
  cause?: string;
}

export type HttpOutcome = HttpAnswer | NetworkFailure;

export interface HttpRequest {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  /** `manual` where a redirect must be reported rather than followed (a signed POST). */
  redirect?: 'follow' | 'manual' | 'error';
}

export async function request(
  deps: Pick<ProviderDeps, 'fetch'>,
  url: string | URL,
  init: HttpRequest,
  timeoutMs: number,
): Promise<HttpOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await deps.fetch(url, { ...init, signal });
    const text = await res.text();
    return { ok: true, status: res.status, headers: res.headers, text };
  } catch (err) {
    const e = err as Error & { cause?: { code?: unknown; message?: unknown } };
    const timedOut = signal.aborted || e.name === 'TimeoutError' || e.name === 'AbortError';
    const code = typeof e.cause?.code === 'string' ? e.cause.code : undefined;
    const cause = code ?? (typeof e.cause?.message === 'string' ? e.cause.message : undefined);
    const message = e.message ?? String(err);
    const detail = timedOut
      ? `no answer within ${timeoutMs} ms`
      : `network error: ${message}${cause ? ` (${cause})` : ''}`;
    return { ok: false, timedOut, detail, message, ...(code ? { code } : {}), ...(cause ? { cause } : {}) };
  }
}

/** `the request timed out`, or `fetch failed (ECONNREFUSED)`: the short wording Viber and WeChat details use. */
export function describeNetworkFailure(failure: NetworkFailure): string {
  if (failure.timedOut) return 'the request timed out';
  return failure.code ? `${failure.message} (${failure.code})` : failure.message;
}

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The request URL without secrets in the path (Telegram puts the bot token there). */
export function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('<token>') : text;
}

/** `https://api.example.com/` → `https://api.example.com`, so paths can be appended. */
export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
