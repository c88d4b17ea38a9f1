/**
 * The Official Account access_token: `GET {baseUrl}/cgi-bin/token?grant_type=client_credential&appid=…&secret=…`
 * → `{ access_token, expires_in }` (developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html).
 *
 * WeChat's rules, and why this cache looks the way it does:
 * - the token lasts `expires_in` seconds (currently 7200) and "fetching again invalidates the previous token"
 *   after a 5-minute overlap, so a token is fetched once and shared, concurrent callers join one refresh;
 * - a central server "should refresh ahead of expiry" (the overlap makes 5 minutes early safe);
 * - it "should also refresh passively" when an API call reports the token invalid (40001/40014/42001): the
 *   sender calls `invalidate(token)` and asks again.
 */
import type { ProviderDeps } from '../provider.js';
import { retryableStatus } from '../provider.js';
import { wechatError } from './errors.js';
import { describeNetworkFailure, request, withoutTrailingSlash } from '../http.js';
import { parseJsonLossless } from '../json.js';
import type { WechatOptions } from './options.js';

/** Refresh this long before WeChat's expiry (WeChat keeps old and new tokens valid for 5 minutes). */
const REFRESH_EARLY_MS = 5 * 60_000;

/** Why no token could be had, as the outbox records it. */
export class TokenUnavailable extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
    readonly retryable: boolean,
  ) {
    super(detail);
    this.name = 'TokenUnavailable';
  }
}

export class AccessTokenCache {
  private current: { token: string; refreshAt: number } | null = null;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly options: WechatOptions,
    private readonly deps: ProviderDeps,
  ) {}

  /** A token believed valid now; fetches (once, shared by concurrent callers) when there is none or it is due. */
  get(): Promise<string> {
    if (this.current && this.deps.now().getTime() < this.current.refreshAt) return Promise.resolve(this.current.token);
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** WeChat refused `token`: forget it, unless a newer one has replaced it already. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  private async fetchToken(): Promise<string> {
    const issuedAt = this.deps.now().getTime();
    const url =
      `${withoutTrailingSlash(this.options.baseUrl)}/cgi-bin/token?grant_type=client_credential` +
      `&appid=${encodeURIComponent(this.options.appId)}&secret=${encodeURIComponent(this.options.appSecret)}`;
    const outcome = await request(this.deps, url, { method: 'GET' }, this.options.timeoutMs);
    if (!outcome.ok) {
      const detail = `WeChat access_token request failed: ${describeNetworkFailure(outcome)}`;
      throw new TokenUnavailable('provider_error', detail, true);
    }
    if (outcome.status < 200 || outcome.status > 299) {
      const detail = `WeChat access_token request answered HTTP ${outcome.status}.`;
      throw new TokenUnavailable('provider_error', detail, retryableStatus(outcome.status));
    }
    let body: { access_token?: unknown; expires_in?: unknown; errcode?: unknown; errmsg?: unknown };
    try {
      body = parseJsonLossless(outcome.text) as typeof body;
      if (typeof body !== 'object' || body === null) throw new Error('not an object');
    } catch {
      throw new TokenUnavailable('provider_error', 'WeChat access_token answer is not JSON.', true);
    }
    const errcode = Number(body.errcode ?? 0);
    if (errcode !== 0) {
      const known = wechatError(errcode);
      const said = typeof body.errmsg === 'string' ? body.errmsg : known.meaning;
      throw new TokenUnavailable(
        known.reason,
        `WeChat refused the access_token request: errcode ${errcode} (${said})`,
        known.retryable,
      );
    }
    const expiresIn = Number(body.expires_in);
    if (typeof body.access_token !== 'string' || !body.access_token || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      throw new TokenUnavailable('provider_error', 'WeChat access_token answer has no access_token/expires_in.', true);
    }
    const lifetime = expiresIn * 1000;
    // Early by 5 minutes, or by half the lifetime should WeChat ever hand out very short-lived tokens.
    this.current = {
      token: body.access_token,
      refreshAt: issuedAt + lifetime - Math.min(REFRESH_EARLY_MS, lifetime / 2),
    };
    return body.access_token;
  }
}
