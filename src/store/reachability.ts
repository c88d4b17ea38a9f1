/**
 * Whether the store answers, as the front doors (Slack requests, /healthz) ask it many times a second: one
 * `store.health()` at a time, its answer reused for `maxAgeMs`. A StoreUnavailableError seen anywhere marks the
 * store unreachable at once; the next check after `maxAgeMs` finds out when it is back, so a replica recovers
 * by itself without a restart.
 */
import type { StoreHealth } from './store.js';
import { StoreUnavailableError } from './unavailable.js';

/** A second: a request burst asks the database once, and recovery shows within a second of the database's. */
export const DEFAULT_REACHABILITY_MAX_AGE_MS = 1_000;

export class StoreReachability {
  private last: { health: StoreHealth; atMs: number } | null = null;
  private checking: Promise<StoreHealth> | null = null;

  constructor(
    private readonly store: { health(): Promise<StoreHealth> },
    private readonly maxAgeMs = DEFAULT_REACHABILITY_MAX_AGE_MS,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** The store's health, at most `maxAgeMs` old. Never throws. */
  check(): Promise<StoreHealth> {
    const last = this.last;
    if (last && this.nowMs() - last.atMs < this.maxAgeMs) return Promise.resolve(last.health);
    this.checking ??= this.store
      .health()
      .catch((error: unknown) => ({ ok: false, detail: String((error as Error)?.message ?? error) }))
      .then((health) => {
        this.last = { health, atMs: this.nowMs() };
        this.checking = null;
        return health;
      });
    return this.checking;
  }

  /** Whether `error` means the store cannot be reached; if so the next checks say so until it answers again. */
  isOutage(error: unknown): error is StoreUnavailableError {
    if (!(error instanceof StoreUnavailableError)) return false;
    this.last = { health: { ok: false, detail: error.message }, atMs: this.nowMs() };
    return true;
  }
}
