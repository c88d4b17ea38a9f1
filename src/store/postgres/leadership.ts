/**
 * One leader per name across the replicas of a schema: a session advisory lock (`pg_try_advisory_lock`) on a
 * connection of its own. A follower tries again every `retryMs`; the leader checks its connection as often
 * and steps down when it fails. PostgreSQL frees the lock when the leader's connection drops (the process
 * died, was killed, or lost the network), so another replica takes over at its next try.
 *
 * After a network cut the old leader may believe it leads for up to one check (`retryMs`) while the server
 * has already freed its lock: work done under leadership must still be idempotent (claims, notice keys).
 */
import pg from 'pg';
import type { Leadership } from '../leadership.js';
import { type PgDatabase, withinMs } from './database.js';

/** Advisory lock class of leadership (the two-int form keeps it apart from record locks). */
export const LEADERSHIP_LOCK_CLASS = 0x46550002;

export class PgLeadership implements Leadership {
  private leader = false;
  private client: pg.Client | null = null;
  private stopped = false;
  private busy = false;
  private failing = false;
  private readonly timer: NodeJS.Timeout;
  private readonly listeners = new Set<(leader: boolean) => void>();
  private readonly lockKey: string;

  constructor(
    private readonly db: PgDatabase,
    readonly name: string,
    private readonly retryMs: number,
    private readonly log: (line: string) => void,
  ) {
    this.lockKey = `${db.schema}/${name}`;
    this.timer = setInterval(() => void this.tick(), retryMs);
    this.timer.unref();
    void this.tick();
  }

  isLeader(): boolean {
    return this.leader;
  }

  onChange(listener: (leader: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    const client = this.client;
    this.client = null;
    if (client) {
      if (this.leader) {
        await client
          .query('SELECT pg_advisory_unlock($1, hashtext($2))', [LEADERSHIP_LOCK_CLASS, this.lockKey])
          .catch(() => undefined);
      }
      await client.end().catch(() => undefined);
    }
    this.setLeader(false);
  }

  private setLeader(leader: boolean): void {
    if (this.leader === leader) return;
    this.leader = leader;
    for (const listener of this.listeners) listener(leader);
  }

  /** Follower: connect if needed and try the lock. Leader: check the connection still answers. */
  private async tick(): Promise<void> {
    if (this.stopped || this.busy) return;
    this.busy = true;
    try {
      const client = this.client ?? (await this.connect());
      if (this.leader) {
        await withinMs(client.query('SELECT 1'), this.retryMs);
        return;
      }
      const rows = await client.query<{ won: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS won', [
        LEADERSHIP_LOCK_CLASS,
        this.lockKey,
      ]);
      if (this.stopped) return;
      this.failing = false;
      this.setLeader(rows.rows[0]?.won === true);
    } catch (error) {
      if (!this.failing && !this.stopped) {
        this.log(`Leadership "${this.name}": ${(this.db.translate(error) as Error).message}; trying again`);
      }
      this.failing = true;
      this.drop();
    } finally {
      this.busy = false;
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(this.db.clientConfig(`followup leader ${this.name}`));
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      throw new Error('stopped');
    }
    this.client = client;
    return client;
  }

  /** The connection is gone (and with it the lock, on the server's side): step down, reconnect at the next try. */
  private drop(client: pg.Client | null = this.client): void {
    if (client === null || client !== this.client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    this.setLeader(false);
  }
}
