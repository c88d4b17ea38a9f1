/**
 * Retries queued follow-ups whose backoff has passed, and resumes them after a restart (the outbox is in
 * the store). Ticks never overlap; a tick reads the outbox's queued index and the entries due, so its cost is
 * what is due, not the contacts nor the sent follow-ups.
 */
import type { FollowupDeps } from './ports.js';
import { retryQueued } from './send-follow-up.js';

export class OutboxWorker {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: FollowupDeps,
    private readonly clock: () => Date,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** One pass: every queued entry that is due. Returns how many were attempted. */
  tick(): Promise<number> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<number> {
    const now = this.clock();
    const due = await this.deps.store.outbox.due(now);
    for (const entry of due) await retryQueued(entry, this.deps, now).catch(this.onError);
    return due.length;
  }

  start(intervalMs = 15_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick().catch(this.onError), intervalMs);
    this.timer.unref?.();
    void this.tick().catch(this.onError);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
