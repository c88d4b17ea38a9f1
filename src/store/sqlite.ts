/**
 * `@keyv/sqlite` tuned for this app. As shipped (4.0.x) it leaves SQLite in rollback-journal mode with
 * full fsync (≈1 ms per write), pages its iterator with `LIMIT 10 OFFSET n` (quadratic on a big table),
 * has no `setMany` (keyv then writes row by row) and matches `getMany` rows with a linear search per key.
 * The adapter does not expose its sqlite3 `Database`, but its `query` function runs any SQL on that
 * connection, which is all the tuning needs:
 *   - `PRAGMA journal_mode=WAL` + `synchronous=NORMAL` before the first statement (durable across process
 *     crashes; a power cut can lose the last commits, never corrupt the file);
 *   - a keyset-paged iterator (`key > last ORDER BY key`, on the primary-key index) with large pages;
 *   - `setMany` / `getMany` as one statement each (`json_each` over the batch).
 * One connection serves every namespace (`view(namespace)`), so writers never contend for the file lock.
 * The table layout is the stock one (`keyv(key, value)`, keys `namespace:key`), so plain keyv can read it.
 */
import { EventEmitter } from 'node:events';
import { KeyvSqlite } from '@keyv/sqlite';
import type { KeyvStoreAdapter } from 'keyv';
import type { KeyRange, StoredRow, TableSource } from './records.js';

export interface SqliteTuning {
  /** WAL journal + synchronous=NORMAL (default true; false only to measure the difference). */
  wal: boolean;
  /** Rows per iterator page. */
  iterationLimit: number;
  /** How long a statement waits for a lock held by another process (ms). */
  busyTimeout: number;
}

export const DEFAULT_TUNING: SqliteTuning = { wal: true, iterationLimit: 2000, busyTimeout: 10_000 };

type Row = StoredRow;

/** Keys of one namespace are `ns:…`; `;` is the character after `:`, so `[ns:, ns;)` is exactly that range. */
function namespaceRange(namespace: string | undefined): [string, string | null] {
  return namespace ? [`${namespace}:`, `${namespace};`] : ['', null];
}

export class TunedSqlite extends KeyvSqlite {
  /** Resolves once the connection is open, the table exists and the pragmas are applied. */
  readonly ready: Promise<void>;
  private readonly table: string;
  private readonly pageSize: number;
  private readonly tuning: SqliteTuning;

  /**
   * `readOnly`: a reader beside the writer process. It leaves the journal mode to the writer and refuses
   * every change (`query_only`), so a reader can never write behind the writer's lock.
   */
  constructor(uri: string, tuning: SqliteTuning = DEFAULT_TUNING, { readOnly = false }: { readOnly?: boolean } = {}) {
    super({ uri, busyTimeout: tuning.busyTimeout, iterationLimit: tuning.iterationLimit });
    this.table = this.opts.table ?? 'keyv';
    this.pageSize = tuning.iterationLimit;
    this.tuning = tuning;
    this.setMaxListeners(0); // one listener per namespace view
    const raw = this.query;
    const pragmas = readOnly
      ? ['PRAGMA query_only=ON']
      : tuning.wal
        ? ['PRAGMA journal_mode=WAL', 'PRAGMA synchronous=NORMAL']
        : ['SELECT 1'];
    this.ready = pragmas
      .reduce<Promise<unknown>>((p, sql) => p.then(() => raw(sql)), Promise.resolve())
      .then(() => undefined);
    // Every statement waits for the pragmas: journal_mode must be switched before the first write.
    this.query = async (sql: string, ...params: unknown[]) => {
      await this.ready;
      return raw(sql, ...params);
    };
  }

  override async getMany<Value>(keys: string[]): Promise<Array<Value | undefined>> {
    if (keys.length === 0) return [];
    const rows: Row[] = await this.query(
      `SELECT key, value FROM ${this.table} WHERE key IN (SELECT value FROM json_each(?))`,
      JSON.stringify(keys),
    );
    const byKey = new Map(rows.map((r) => [r.key, r.value]));
    return keys.map((k) => byKey.get(k) as Value | undefined);
  }

  /** One INSERT for the whole batch (one transaction, one fsync), upserting like `set`. */
  async setMany(entries: Array<{ key: string; value: unknown }>): Promise<void> {
    if (entries.length === 0) return;
    await this.query(
      `INSERT INTO ${this.table} (key, value)
         SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') FROM json_each(?) AS j WHERE true
         ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      JSON.stringify(entries.map((e) => [e.key, e.value])),
    );
  }

  override async *iterator(namespace?: string): AsyncGenerator<[string, string], void> {
    for await (const rows of this.pages(namespace)) for (const row of rows) yield [row.key, row.value];
  }

  /** The rows of a namespace (every row when undefined) in key order, a page at a time. */
  pages(namespace?: string): AsyncGenerator<StoredRow[], void> {
    const [from, to] = namespaceRange(namespace);
    return this.pagesBetween(from, to);
  }

  /** The rows of a key range in key order, a page at a time. */
  rangePages(range: KeyRange): AsyncGenerator<StoredRow[], void> {
    return this.pagesBetween(range.from, range.to);
  }

  private async *pagesBetween(from: string, to: string | null): AsyncGenerator<StoredRow[], void> {
    const upper = to === null ? '' : ' AND key < ?';
    const page = (after: string | null): Promise<Row[]> =>
      this.query(
        `SELECT key, value FROM ${this.table} WHERE key ${after === null ? '>=' : '>'} ?${upper} ORDER BY key LIMIT ?`,
        ...[after ?? from, ...(to === null ? [] : [to]), this.pageSize],
      );
    // The next page is read on SQLite's thread while the caller works through this one.
    let next: Promise<Row[]> | null = page(null);
    try {
      while (next !== null) {
        const rows: Row[] = await next;
        next = rows.length < this.pageSize ? null : page(rows[rows.length - 1]!.key);
        yield rows;
      }
    } finally {
      next?.catch(() => undefined); // a caller that stopped early leaves one read behind
    }
  }

  /** The key `offset` rows into a range, read from the primary-key index alone. */
  async keyAt(range: KeyRange, offset: number): Promise<string | undefined> {
    const rows: Array<{ key: string }> = await this.query(
      `SELECT key FROM ${this.table} WHERE key >= ? AND key < ? ORDER BY key LIMIT 1 OFFSET ?`,
      range.from,
      range.to,
      offset,
    );
    return rows[0]?.key;
  }

  /** How a worker thread opens its own connection to this file (none for an in-memory database). */
  workerSource(): TableSource | undefined {
    const uri = String(this.opts.uri);
    return uri === 'sqlite://:memory:' ? undefined : { kind: 'sqlite', uri, tuning: this.tuning };
  }

  async countNamespace(namespace: string): Promise<number> {
    const [from, to] = namespaceRange(namespace);
    const rows: Array<{ n: number }> = await this.query(
      `SELECT count(*) AS n FROM ${this.table} WHERE key >= ? AND key < ?`,
      from,
      to,
    );
    return rows[0]?.n ?? 0;
  }

  async clearNamespace(namespace: string): Promise<void> {
    const [from, to] = namespaceRange(namespace);
    await this.query(`DELETE FROM ${this.table} WHERE key >= ? AND key < ?`, from, to);
  }

  /** A keyv store adapter for one namespace, sharing this connection. */
  view(namespace: string): SqliteNamespaceView {
    return new SqliteNamespaceView(this, namespace);
  }
}

/** What keyv sees for one namespace: every call goes to the shared connection. */
export class SqliteNamespaceView extends EventEmitter implements KeyvStoreAdapter {
  /** keyv sets this to its namespace; the view keeps its own name for the SQL ranges. */
  namespace?: string;
  /** keyv only offers `iterator()` for adapters whose `opts.dialect` it knows. */
  readonly opts: { dialect: 'sqlite'; url: string };

  constructor(
    readonly db: TunedSqlite,
    readonly name: string,
  ) {
    super();
    this.namespace = name;
    this.opts = { dialect: 'sqlite', url: String(db.opts.uri) };
    db.on('error', (error: unknown) => this.emit('error', error));
  }

  get<Value>(key: string): Promise<Value | undefined> {
    return this.db.get<Value>(key) as Promise<Value | undefined>;
  }
  getMany<Value>(keys: string[]): Promise<Array<Value | undefined>> {
    return this.db.getMany<Value>(keys);
  }
  set(key: string, value: unknown): Promise<unknown> {
    return this.db.set(key, value);
  }
  setMany(entries: Array<{ key: string; value: unknown }>): Promise<void> {
    return this.db.setMany(entries);
  }
  delete(key: string): Promise<boolean> {
    return this.db.delete(key);
  }
  deleteMany(keys: string[]): Promise<boolean> {
    return this.db.deleteMany(keys);
  }
  has(key: string): Promise<boolean> {
    return this.db.has(key);
  }
  clear(): Promise<void> {
    return this.db.clearNamespace(this.name);
  }
  iterator(namespace?: string): AsyncGenerator<[string, string], void> {
    return this.db.iterator(namespace ?? this.name);
  }
  pages(namespace?: string): AsyncGenerator<StoredRow[], void> {
    return this.db.pages(namespace ?? this.name);
  }
  workerSource(): TableSource | undefined {
    return this.db.workerSource();
  }
  keyAt(range: KeyRange, offset: number): Promise<string | undefined> {
    return this.db.keyAt(range, offset);
  }
  /** The connection is shared: the store closes it once, not each namespace. */
  async disconnect(): Promise<void> {}
}
