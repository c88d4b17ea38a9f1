/** One provider request through `deps.fetch` with a timeout; network failures come back as values, never thrown. */
import type { ProviderDeps } from './provider.js';

export type HttpOutcome =
  | { ok: true; status: number; headers: Headers; text: string }
  | { ok: false; detail: string };

export async function request(
  deps: Pick<ProviderDeps, 'fetch'>,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<HttpOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await deps.fetch(url, { ...init, signal });
    const text = await res.text();
    return { ok: true, status: res.status, headers: res.headers, text };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (signal.aborted || e.name === 'TimeoutError' || e.name === 'AbortError') {
      return { ok: false, detail: `no answer within ${timeoutMs} ms` };
    }
    const cause = e.cause?.code ?? e.cause?.message;
    return { ok: false, detail: `network error: ${e.message}${cause ? ` (${cause})` : ''}` };
  }
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
