/**
 * keyv's store adapter over our pool, one view per namespace (like sqlite.ts's views over one connection).
 * Why not `@keyv/postgres` 2.2.3 (tried; keyv 5.6 takes it): it keeps one module-wide pool per URL (two stores
 * in one process share it, and closing one ends the other's), its key column is VARCHAR(255) (an outbox
 * idempotency key may be 500 characters), its iterator pages 10 rows at a time with `LIKE 'ns:%'` (20k of 100k
 * contacts: 2.0 s, against 0.3 s here) and ends quietly on a failed page (a listing cut short by an outage
 * would look complete), its delete takes two statements, and its writes cannot hand back the change numbers
 * the change feed needs to skip this process's own writes. The table layout stays keyv's (`key`, `value`, plus
 * `seq`), so plain keyv can read it.
 */
import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter } from 'keyv';
import pg from 'pg';
import type { KeyRange, StoredRow, TableSource } from '../records.js';
import type { PgDatabase } from './database.js';

/** Keys of one namespace are `ns:…`; `;` is the character after `:`, so `[ns:, ns;)` is exactly that range. */
export function namespaceRange(namespace: string): [string, string] {
  return [`${namespace}:`, `${namespace};`];
}

/** Told of every write of this process with its change number (the change feed skips them). */
export type WriteObserver = (changes: ReadonlyArray<{ key: string; seq: string }>) => void;

/** The statements, schema-qualified once per store. */
export class PgKeyv {
  private readonly t: string;

  constructor(
    readonly db: PgDatabase,
    private readonly observe: WriteObserver = () => {},
  ) {
    this.t = db.table('followup_keyv');
  }

  async get(key: string): Promise<string | undefined> {
    const rows = await this.db.query<{ value: string }>(`SELECT value FROM ${this.t} WHERE key = $1`, [key]);
    return rows[0]?.value;
  }

  async getMany(keys: string[]): Promise<Array<string | undefined>> {
    if (keys.length === 0) return [];
    const rows = await this.db.query<{ key: string; value: string }>(
      `SELECT key, value FROM ${this.t} WHERE key = ANY($1::text[])`,
      [keys],
    );
    const byKey = new Map(rows.map((r) => [r.key, r.value]));
    return keys.map((k) => byKey.get(k));
  }

  async has(key: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM ${this.t} WHERE key = $1`, [key]);
    return rows.length > 0;
  }

  async set(key: string, value: string): Promise<void> {
    const rows = await this.db.query<{ key: string; seq: string }>(
      `INSERT INTO ${this.t} (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value RETURNING key, seq`,
      [key, value],
    );
    this.observe(rows);
  }

  /** One statement for the batch; a key given twice keeps its last value (as SQLite's upsert does). */
  async setMany(entries: ReadonlyArray<{ key: string; value: unknown }>): Promise<void> {
    if (entries.length === 0) return;
    const last = new Map<string, string>();
    for (const { key, value } of entries) last.set(key, String(value));
    const rows = await this.db.query<{ key: string; seq: string }>(
      `INSERT INTO ${this.t} (key, value) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (key) DO UPDATE SET value = excluded.value RETURNING key, seq`,
      [[...last.keys()], [...last.values()]],
    );
    this.observe(rows);
  }

  /** Deletes the keys; returns how many existed. */
  async deleteMany(keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const rows = await this.db.query<{ key: string; seq: string }>(
      `SELECT deleted_key AS key, deleted_seq AS seq FROM ${this.db.table('followup_delete')}($1::text[])`,
      [keys],
    );
    this.observe(rows);
    return rows.length;
  }

  async clear(namespace: string): Promise<void> {
    const [from, to] = namespaceRange(namespace);
    await this.db.query(`DELETE FROM ${this.t} WHERE key >= $1 AND key < $2`, [from, to]);
  }

  async count(namespace: string): Promise<number> {
    const [from, to] = namespaceRange(namespace);
    const rows = await this.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${this.t} WHERE key >= $1 AND key < $2`,
      [from, to],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Every row of a namespace in key order (every row of the table without one: `followup export`). */
  async *iterator(namespace?: string): AsyncGenerator<[string, string], void> {
    for await (const rows of this.pages(namespace)) for (const row of rows) yield [row.key, row.value];
  }

  /** Keyset-paged on the primary key; the next page is read while the caller works through this one. */
  async *pages(namespace?: string): AsyncGenerator<StoredRow[], void> {
    const [from, to] = namespace === undefined ? ['', null] : namespaceRange(namespace);
    const pageSize = this.db.tuning.pageSize;
    const upper = to === null ? '' : ' AND key < $3';
    const page = (after: string | null) =>
      this.db.query<StoredRow>(
        `SELECT key, value FROM ${this.t} WHERE key ${after === null ? '>=' : '>'} $1${upper}
           ORDER BY key LIMIT $2`,
        [after ?? from, pageSize, ...(to === null ? [] : [to])],
      );
    let next: Promise<StoredRow[]> | null = page(null);
    try {
      while (next !== null) {
        const rows: StoredRow[] = await next;
        next = rows.length < pageSize ? null : page(rows[rows.length - 1]!.key);
        yield rows;
      }
    } finally {
      next?.catch(() => undefined); // a caller that stopped early leaves one read behind
    }
  }

  /**
   * Every row of a key range in key order, a keyset page per query on one connection, each row handed to
   * `onRow` as it arrives and dropped: holding a page of rows until it is complete cost more in garbage
   * collection than reading them (1M contacts: 3.7 s of 5.7 s). `between` runs after each page, before the
   * next is asked for (the reader's flow control). The first error `onRow` throws ends the reading.
   */
  async streamRows(
    range: KeyRange,
    onRow: (key: string, value: string) => void,
    between: () => Promise<void>,
  ): Promise<void> {
    const { from, to } = range;
    const pageSize = this.db.tuning.pageSize;
    await this.db.withConnection(async ({ client }) => {
      for (let after: string | null = null; ; ) {
        let count = 0;
        let last: string | null = null;
        let failed: { error: unknown } | null = null;
        const config: pg.QueryArrayConfig = {
          text: `SELECT key, value FROM ${this.t} WHERE key ${after === null ? '>=' : '>'} $1 AND key < $2
                   ORDER BY key LIMIT $3`,
          values: [after ?? from, to, pageSize],
          rowMode: 'array',
        };
        const query = new pg.Query(config as pg.QueryConfig);
        await new Promise<void>((resolve, reject) => {
          query.on('row', (row: [string, string]) => {
            count++;
            last = row[0];
            if (failed !== null) return;
            try {
              onRow(row[0], row[1]);
            } catch (error) {
              failed = { error };
            }
          });
          query.on('end', () => resolve());
          query.on('error', reject);
          client.query(query);
        });
        if (failed !== null) throw (failed as { error: unknown }).error;
        if (count < pageSize) return;
        after = last;
        await between();
      }
    });
  }

  /** The key `offset` rows into a range, read from the primary-key index. */
  async keyAt(range: KeyRange, offset: number): Promise<string | undefined> {
    const rows = await this.db.query<{ key: string }>(
      `SELECT key FROM ${this.t} WHERE key >= $1 AND key < $2 ORDER BY key LIMIT 1 OFFSET $3`,
      [range.from, range.to, offset],
    );
    return rows[0]?.key;
  }

  /** How a worker thread opens its own connection to this table. */
  workerSource(): TableSource {
    return { kind: 'postgres', target: this.db.target, tuning: this.db.tuning };
  }

  view(namespace: string): PgNamespaceView {
    return new PgNamespaceView(this, namespace);
  }
}

/** What keyv sees for one namespace. */
export class PgNamespaceView extends EventEmitter implements KeyvStoreAdapter {
  /** keyv sets this to its namespace; the view keeps its own name for the key ranges. */
  namespace?: string;
  /** keyv offers `iterator()` only for adapters whose `opts.dialect` it knows. */
  readonly opts: { dialect: 'postgres'; url: string };

  constructor(
    readonly db: PgKeyv,
    readonly name: string,
  ) {
    super();
    this.namespace = name;
    this.opts = { dialect: 'postgres', url: db.db.shownUrl };
  }

  get<Value>(key: string): Promise<Value | undefined> {
    return this.db.get(key) as Promise<Value | undefined>;
  }
  getMany<Value>(keys: string[]): Promise<Array<Value | undefined>> {
    return this.db.getMany(keys) as Promise<Array<Value | undefined>>;
  }
  async set(key: string, value: unknown): Promise<boolean> {
    await this.db.set(key, String(value));
    return true;
  }
  setMany(entries: Array<{ key: string; value: unknown }>): Promise<void> {
    return this.db.setMany(entries);
  }
  async delete(key: string): Promise<boolean> {
    return (await this.db.deleteMany([key])) > 0;
  }
  async deleteMany(keys: string[]): Promise<boolean> {
    return (await this.db.deleteMany(keys)) > 0;
  }
  has(key: string): Promise<boolean> {
    return this.db.has(key);
  }
  clear(): Promise<void> {
    return this.db.clear(this.name);
  }
  iterator(namespace?: string): AsyncGenerator<[string, string], void> {
    return this.db.iterator(namespace ?? this.name);
  }
  pages(namespace?: string): AsyncGenerator<StoredRow[], void> {
    return this.db.pages(namespace ?? this.name);
  }
  workerSource(): TableSource {
    return this.db.workerSource();
  }
  keyAt(range: KeyRange, offset: number): Promise<string | undefined> {
    return this.db.keyAt(range, offset);
  }
  /** The pool is shared: the store ends it once, not each namespace. */
  async disconnect(): Promise<void> {}
}
