/**
 * `GET /healthz`: whether this replica can serve, for probes and load balancers. 200 only when both Slack's
 * Web API and the store answer; otherwise 503 with the reason:
 *
 *   { "ok": false, "slack": "ok", "store": "unreachable: Followup cannot reach its store (postgres://…): connection
 *     refused", "role": "follower", "contacts": 300, "storeUrl": "postgres://…" }
 */

/** Slack's Web API as auth.test last found it. */
export type SlackReach = 'ok' | 'unreachable' | 'refused';

export interface HealthSources {
  slack(): SlackReach;
  /** The store's health (cached for a moment: probes may ask often). */
  store(): Promise<{ ok: boolean; detail: string }>;
  isLeader(): boolean;
  contacts(): number;
  /** The store's URL, password hidden. */
  storeUrl: string;
}

export interface HealthReport {
  ok: boolean;
  slack: SlackReach;
  store: string;
  role: 'leader' | 'follower';
  contacts: number;
  storeUrl: string;
  [field: string]: unknown;
}

export async function healthReport(sources: HealthSources): Promise<HealthReport> {
  const store = await sources.store();
  const slack = sources.slack();
  return {
    ok: slack === 'ok' && store.ok,
    slack,
    store: store.ok ? 'ok' : `unreachable: ${store.detail}`,
    role: sources.isLeader() ? 'leader' : 'follower',
    contacts: sources.contacts(),
    storeUrl: sources.storeUrl,
  };
}
