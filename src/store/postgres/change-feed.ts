/**
 * Every replica sees every write: each write takes the next number of a sequence (a trigger, whoever
 * writes), a delete leaves a tombstone with its own number, and commits NOTIFY `followup:<schema>` with the
 * namespace. The feed LISTENs on a connection of its own and, on each notification (and on a slow poll, its
 * safety net), reads what changed since its cursor: `seq > cursor ORDER BY seq`, joined with the current
 * value. NOTIFY has no replay, but the cursor does: after a lost connection the feed reconnects and reads
 * everything it missed.
 *
 * Numbers are taken at write time and committed later, so number 7 may become visible after number 8. The
 * cursor therefore only moves past a number once no transaction that could still commit it is running: each
 * read records the snapshot's running transactions, and the cursor advances to that read's highest number
 * once they have all finished (a later read, whose snapshot shows them done, has seen what they wrote). Rows
 * above the cursor already delivered are recognised by their number, so a re-read delivers nothing twice.
 *
 * What listeners get: the key's state at the read (its value, or gone), in number order, at most once per
 * number, and never this process's own writes, which their writer announces itself: the adapter notes each
 * write's number (keyv-adapter.ts) and the feed skips rows not newer than that. While a write of this process
 * is under way (`hold`, from before the write until its writer has announced it), rows of its keys wait: the
 * read may come back before the write's own answer, and a newer row of another replica must not be announced
 * before this process announces its older one. On release the waiting row is delivered if it is newer.
 *
 * Starting: a feed delivers what commits after its first read (a write already in flight then, holding an
 * older number, is left to the load). A replica subscribes first and loads second, so its load covers what
 * came before.
 */
import pg from 'pg';
import type { PgDatabase } from './database.js';

export interface FeedSink {
  change(key: string, value: string): void;
  delete(key: string): void;
}

interface Snapshot {
  xmin: bigint;
  xmax: bigint;
  running: Set<bigint>;
}

/** `xmin:xmax:xip,…` (pg_snapshot's text form). */
function parseSnapshot(text: string): Snapshot {
  const [xmin = '0', xmax = '0', xip = ''] = text.split(':');
  return { xmin: BigInt(xmin), xmax: BigInt(xmax), running: new Set(xip ? xip.split(',').map(BigInt) : []) };
}

function namespaceOf(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

/** Math.max for change numbers (bigint). */
function higher(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** Finished (committed or rolled back) as seen by `snapshot`. */
function finishedIn(snapshot: Snapshot, xid: bigint): boolean {
  return xid < snapshot.xmin || (xid < snapshot.xmax && !snapshot.running.has(xid));
}

type FeedRow = [seq: string, key: string, value: string | null];

export interface ChangeFeedStats {
  cursor: string | null;
  listening: boolean;
  delivered: number;
  reconnects: number;
}

export class PgChangeFeed {
  private readonly sinks = new Map<string, Set<FeedSink>>();
  /** Everything at or below the cursor has been delivered (or never will commit). */
  private cursor: bigint | null = null;
  /** Highest number delivered or written by this process, per key above the cursor. */
  private readonly known = new Map<string, bigint>();
  /** Reads whose numbers wait for the transactions that were running then. */
  private barriers: Array<{ top: bigint; running: bigint[] }> = [];
  private listener: pg.Client | null = null;
  private started = false;
  private stopped = false;
  private polling = false;
  private pollAgain = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelay: number;
  private failing = false;
  private readonly stats = { delivered: 0, reconnects: 0 };
  private readonly keyvTable: string;
  private readonly tombstones: string;
  /** Keys with a write of this process under way (count of writes), and the newest row read for each meanwhile. */
  private readonly held = new Map<string, number>();
  private readonly waiting = new Map<string, { seq: bigint; value: string | null }>();
  /** Resolves after the next read that started after it was asked for (tests, `catchUp`). */
  private waiters: Array<() => void> = [];

  constructor(
    private readonly db: PgDatabase,
    private readonly log: (line: string) => void,
  ) {
    this.reconnectDelay = db.tuning.feedReconnectMs;
    this.keyvTable = db.table('followup_keyv');
    this.tombstones = db.table('followup_tombstones');
  }

  /** Starts the feed on the first subscriber; returns the unsubscriber. */
  subscribe(namespace: string, sink: FeedSink): () => void {
    let set = this.sinks.get(namespace);
    if (!set) this.sinks.set(namespace, (set = new Set()));
    set.add(sink);
    if (!this.started && !this.stopped) this.start();
    return () => {
      set.delete(sink);
      if (set.size === 0) this.sinks.delete(namespace);
    };
  }

  /** This process wrote these keys (called by the adapter before the writer announces them locally). */
  noteLocal(changes: ReadonlyArray<{ key: string; seq: string }>): void {
    if (!this.started) return;
    for (const { key, seq } of changes) {
      const n = BigInt(seq);
      if (!this.sinks.has(namespaceOf(key))) continue;
      if (!this.held.has(key) && this.cursor !== null && n <= this.cursor) continue;
      if ((this.known.get(key) ?? -1n) < n) this.known.set(key, n);
    }
  }

  /**
   * This process is about to write `keys` and announce the result itself: rows of those keys read meanwhile
   * wait for the returned release (call it after the announcement; once).
   */
  hold(keys: readonly string[]): () => void {
    if (!this.started || this.stopped) return () => {};
    for (const key of keys) this.held.set(key, (this.held.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const key of keys) {
        const left = (this.held.get(key) ?? 1) - 1;
        if (left > 0) {
          this.held.set(key, left);
          continue;
        }
        this.held.delete(key);
        const row = this.waiting.get(key);
        this.waiting.delete(key);
        if (row) this.deliverRow(key, row.seq, row.value);
      }
    };
  }

  /** Resolves once a read that started after this call has finished (what was committed before is delivered). */
  catchUp(): Promise<void> {
    if (!this.started || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.wake();
    });
  }

  describe(): ChangeFeedStats {
    return {
      cursor: this.cursor === null ? null : String(this.cursor),
      listening: this.listener !== null,
      ...this.stats,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private start(): void {
    this.started = true;
    this.pollTimer = setInterval(() => this.wake(), this.db.tuning.feedPollMs);
    this.pollTimer.unref();
    this.wake();
    void this.connectListener();
  }

  private async connectListener(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client(this.db.clientConfig('followup feed'));
    // A dropped connection also ends the client: 'end' schedules the reconnect.
    client.on('error', () => {});
    client.on('notification', (message) => {
      if (message.payload !== undefined && this.sinks.has(message.payload)) this.wake();
    });
    client.on('end', () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "followup:${this.db.schema}"`);
    } catch {
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.reconnectDelay = this.db.tuning.feedReconnectMs;
    this.wake(); // what was written while nobody listened
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.stats.reconnects++;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, this.db.tuning.feedReconnectMs * 8);
    this.reconnectTimer = setTimeout(() => void this.connectListener(), delay);
    this.reconnectTimer.unref();
  }

  private wake(): void {
    if (this.stopped || !this.started) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    void this.pollLoop();
  }

  private async pollLoop(): Promise<void> {
    try {
      do {
        this.pollAgain = false;
        const waiting = this.waiters.splice(0);
        try {
          await this.poll();
          if (this.failing) this.log(`Change feed of ${this.db.shownUrl}: reading again`);
          this.failing = false;
        } catch (error) {
          if (!this.failing) this.log(`Change feed of ${this.db.shownUrl} paused: ${(error as Error).message}`);
          this.failing = true;
        }
        for (const resolve of waiting) resolve();
      } while (this.pollAgain && !this.stopped);
    } finally {
      this.polling = false;
    }
  }

  /** One catch-up: every page above the cursor, then the cursor moves as far as it safely can. */
  private async poll(): Promise<void> {
    if (this.cursor === null) {
      const rows = await this.db.query<{ top: string | null }>(`SELECT ${this.visibleTop()} AS top`);
      const cursor = BigInt(rows[0]?.top ?? 0);
      this.cursor = cursor;
      this.forgetBelow(cursor);
      return;
    }
    const namespaces = [...this.sinks.keys()];
    const pageSize = this.db.tuning.pageSize;
    let from = this.cursor;
    let top = this.cursor;
    let first: Snapshot | undefined;
    const running = new Set<bigint>();
    for (;;) {
      const read = await this.read(from, namespaces, pageSize);
      first ??= read.snapshot;
      for (const xid of read.snapshot.running) running.add(xid);
      this.deliver(read.rows);
      if (read.rows.length < pageSize) {
        top = higher(read.top, top);
        break;
      }
      from = BigInt(read.rows[read.rows.length - 1]![0]);
      top = from;
    }
    let cursor = this.cursor;
    const snapshot = first!;
    this.barriers = this.barriers.filter((b) => {
      if (b.top > top || !b.running.every((xid) => finishedIn(snapshot, xid))) return true;
      if (b.top > cursor) cursor = b.top;
      return false;
    });
    if (running.size === 0) cursor = higher(top, cursor);
    else this.barriers.push({ top, running: [...running] });
    this.barriers = this.barriers.filter((b) => b.top > cursor);
    this.cursor = cursor;
    this.forgetBelow(cursor);
  }

  /** Numbers at or below the cursor never come back, except as rows that wait for a held key. */
  private forgetBelow(cursor: bigint): void {
    for (const [key, seq] of this.known) if (seq <= cursor && !this.held.has(key)) this.known.delete(key);
  }

  /** The highest number any committed row shows (a number no running transaction can still take). */
  private visibleTop(): string {
    return `greatest((SELECT max(seq) FROM ${this.keyvTable}), (SELECT max(seq) FROM ${this.tombstones}), 0)::text`;
  }

  private async read(
    after: bigint,
    namespaces: string[],
    limit: number,
  ): Promise<{ snapshot: Snapshot; top: bigint; rows: FeedRow[] }> {
    const inFeed = `seq > $1 AND split_part(key, ':', 1) = ANY($2::text[])`;
    const rows = await this.db.query<{ snapshot: string; top: string; rows: FeedRow[] }>(
      `SELECT pg_current_snapshot()::text AS snapshot, ${this.visibleTop()} AS top,
         (SELECT coalesce(json_agg(json_build_array(c.seq::text, c.key, c.value) ORDER BY c.seq), '[]'::json) FROM (
            (SELECT seq, key, value FROM ${this.keyvTable} WHERE ${inFeed} ORDER BY seq LIMIT $3)
            UNION ALL
            (SELECT seq, key, NULL FROM ${this.tombstones} WHERE ${inFeed} ORDER BY seq LIMIT $3)
            ORDER BY seq LIMIT $3) c) AS rows`,
      [String(after), namespaces, limit],
    );
    const row = rows[0]!;
    return { snapshot: parseSnapshot(row.snapshot), top: BigInt(row.top), rows: row.rows };
  }

  private deliver(rows: readonly FeedRow[]): void {
    for (const [seqText, key, value] of rows) {
      const seq = BigInt(seqText);
      if (!this.held.has(key)) {
        this.deliverRow(key, seq, value);
        continue;
      }
      const waiting = this.waiting.get(key);
      if (!waiting || waiting.seq < seq) this.waiting.set(key, { seq, value });
    }
  }

  private deliverRow(key: string, seq: bigint, value: string | null): void {
    if ((this.known.get(key) ?? -1n) >= seq) return;
    this.known.set(key, seq);
    const sinks = this.sinks.get(namespaceOf(key));
    if (!sinks) return;
    this.stats.delivered++;
    for (const sink of sinks) {
      try {
        if (value === null) sink.delete(key);
        else sink.change(key, value);
      } catch (error) {
        this.log(`Change feed of ${this.db.shownUrl}: a listener failed on ${key}: ${(error as Error).message}`);
      }
    }
  }
}
