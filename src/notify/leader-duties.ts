/**
 * LeaderDuties: the work one replica does for the whole fleet (posting notifications, retrying the outbox,
 * syncing templates), started when this replica gains leadership and stopped when it loses it. On SQLite and
 * memory stores the process is always the leader, so the duties start with it.
 *
 * Changes of role are applied one after another: a loss during a start waits for the start to finish, then
 * stops what started. A start that fails (the store went away mid-way) stops what it started, and is tried
 * again after `retryMs` while this replica still leads.
 */
import type { Leadership } from '../store/index.js';

export interface LeaderDuty {
  /** Named in log lines: "the notifier". */
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export interface LeaderDutiesOptions {
  log: { info(line: string): void; error(line: string, error?: unknown): void };
  /** Pause before a failed start is tried again (ms). Default 5 s. */
  retryMs?: number;
}

export type ReplicaRole = 'leader' | 'follower';

export class LeaderDuties {
  private running: LeaderDuty[] = [];
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private ended = false;

  constructor(
    private readonly leadership: Leadership,
    private readonly duties: readonly LeaderDuty[],
    private readonly opts: LeaderDutiesOptions,
  ) {}

  /** Follows the leadership from now on; resolves once the duties run, if this replica leads already. */
  begin(): Promise<void> {
    this.unsubscribe = this.leadership.onChange((leader) => void this.apply(leader));
    return this.apply(this.leadership.isLeader());
  }

  /** 'leader' once every duty runs here; 'follower' otherwise (also while starting or stopping). */
  role(): ReplicaRole {
    return this.running.length === this.duties.length && this.duties.length > 0 ? 'leader' : 'follower';
  }

  /** Resolves once the role changes asked for so far are applied. */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Stops the duties and gives leadership up (another replica takes it at its next try). */
  async end(): Promise<void> {
    this.ended = true;
    this.unsubscribe?.();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.enqueue(() => this.stopAll());
    await this.leadership.stop();
  }

  private apply(leader: boolean): Promise<void> {
    return this.enqueue(() => (leader ? this.startAll() : this.stopAll()));
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(step, step);
    return this.chain;
  }

  private async startAll(): Promise<void> {
    if (this.ended || !this.leadership.isLeader() || this.running.length) return;
    const names = listed(this.duties.map((d) => d.name));
    try {
      for (const duty of this.duties) {
        if (this.ended) break;
        await duty.start();
        this.running.push(duty);
      }
      // A shutdown that began while a duty was starting (a long schedule load) must not leave it running
      // on a store that is about to close.
      if (this.ended) {
        await this.stopAll();
        return;
      }
      this.opts.log.info(`This replica leads: it runs ${names} for the whole fleet`);
    } catch (error) {
      if (this.ended) {
        // A shutdown interrupted the start: nothing to retry or report.
        await this.stopAll();
        return;
      }
      this.opts.log.error(`Could not start ${names} on becoming leader; trying again`, error);
      await this.stopAll();
      this.retryTimer = setTimeout(() => void this.apply(this.leadership.isLeader()), this.opts.retryMs ?? 5_000);
      this.retryTimer.unref();
    }
  }

  private async stopAll(): Promise<void> {
    if (!this.running.length) return;
    const stopping = this.running.reverse();
    this.running = [];
    for (const duty of stopping) {
      try {
        await duty.stop();
      } catch (error) {
        this.opts.log.error(`Stopping ${duty.name} failed`, error);
      }
    }
    if (!this.ended) this.opts.log.info('This replica no longer leads: another replica runs the fleet-wide work');
  }
}

/** "a", "a and b", "a, b and c". */
function listed(names: string[]): string {
  return names.length < 2 ? (names[0] ?? 'nothing') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
