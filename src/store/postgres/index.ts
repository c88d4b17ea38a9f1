/**
 * The PostgreSQL store: `STORE_URL=postgres://USER[:PASSWORD]@HOST:PORT/DB[?schema=NAME]` (or
 * `postgresql://`), any number of replicas on one database. What it gives the rest of the store (store.ts):
 *
 *   records       keyv namespaces in one table `followup_keyv(key, value, seq)` (keyv's layout plus a change
 *                 number), read and written through our own adapter on `pg` (keyv-adapter.ts says why not
 *                 @keyv/postgres); `setMany`/`getMany` are one statement each, listings are keyset-paged.
 *   migrations    versioned (migrations.ts), run at open under an advisory lock: replicas may start together.
 *                 `?schema=NAME` keeps installs (and tests) apart; created when missing. Default `public`.
 *   locks         `RecordCollection.update/updateMany`, `put`, `delete` and `store.withLock` serialise across
 *                 processes: in-process mutex, then a session advisory lock held for the call (locks.ts).
 *   change feed   `store.contacts.onChange/onDelete` also fire for writes of other processes, within a
 *                 NOTIFY round trip; a lost connection catches up from its cursor (change-feed.ts).
 *   leadership    `store.leadership(name)`: one leader per name across replicas, a session advisory lock on a
 *                 connection of its own, retried every few seconds; freed when the leader dies (leadership.ts).
 *   outages       calls fail within `connectTimeoutMs` with StoreUnavailableError ("Followup cannot reach its
 *                 store (postgres://…): connection refused"); the pool reconnects by itself; `store.health()`.
 *
 * Connections per process: the pool (`poolSize`, default 20; a held lock keeps one for its duration), one
 * for the change feed once something listens, one per leadership name.
 */
import type pg from 'pg';
import type { Locks } from '../mutex.js';
import type { Leadership } from '../leadership.js';
import { StoreOpenError } from '../lock.js';
import { StoreUnavailableError } from '../unavailable.js';
import { type RawRecords, rawRecordsOf } from '../raw-records.js';
import type { RawChangeSink } from '../records.js';
import { PgChangeFeed } from './change-feed.js';
import { DEFAULT_POSTGRES_TUNING, PgDatabase, type PostgresTuning, withinMs } from './database.js';
import { PgKeyv } from './keyv-adapter.js';
import { PgLeadership } from './leadership.js';
import { PgAppLocks, PgRecordLocks } from './locks.js';
import { SCHEMA_VERSION, checkSchema, migrate } from './migrations.js';
import { parsePostgresUrl } from './url.js';

export { DEFAULT_POSTGRES_TUNING, postgresProblem, unreachableReason } from './database.js';
export type { PostgresTuning } from './database.js';
export { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
export { isPostgresUrl, parsePostgresUrl, redactUrl } from './url.js';

/** Tombstones older than this are pruned: a replica cut off for longer must restart to see those deletes. */
const TOMBSTONE_DAYS = 7;

/**
 * Planner statistics of a table that just received a bulk import (`followup import`, then the server starts):
 * without them PostgreSQL guesses a namespace holds a few thousand rows and sorts the whole range for every
 * page of a listing (100k contacts: 3.1 s instead of 1.3 s). Autovacuum gets there too, within minutes.
 */
async function analyzeIfStale(client: pg.ClientBase, table: string): Promise<void> {
  const rows = await client.query<{ tuples: number; modified: string }>(
    `SELECT c.reltuples AS tuples, coalesce(s.n_mod_since_analyze, 0) AS modified
       FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = to_regclass($1)`,
    [table],
  );
  const stats = rows.rows[0];
  if (stats && (stats.tuples < 0 || Number(stats.modified) > 1_000 + stats.tuples / 10)) {
    await client.query(`ANALYZE ${table}`);
  }
}

export interface PostgresBackend {
  readonly url: string;
  readonly db: PgDatabase;
  view(namespace: string): ReturnType<PgKeyv['view']>;
  count(namespace: string): Promise<number>;
  watch(namespace: string, sink: RawChangeSink): () => void;
  /** Rows of `keys` wait while this process writes and announces them (change-feed.ts). */
  hold(keys: readonly string[]): () => void;
  recordLocks(namespace: string): Locks;
  readonly appLocks: Locks;
  leadership(name: string, retryMs: number): Leadership;
  health(timeoutMs: number): Promise<{ ok: boolean; detail: string }>;
  /** Resolves once the change feed has read everything committed before the call. */
  catchUp(): Promise<void>;
  /** Every record as stored, for `followup export` / `import-records` (raw-records.ts). */
  readonly raw: RawRecords;
  close(): Promise<void>;
}

export async function openPostgresBackend(
  url: string,
  opts: { access: 'write' | 'read'; tuning?: Partial<PostgresTuning>; log: (line: string) => void },
): Promise<PostgresBackend> {
  const target = parsePostgresUrl(url);
  const db = new PgDatabase(target, { ...DEFAULT_POSTGRES_TUNING, ...opts.tuning }, opts.access === 'read');
  try {
    await db.withConnection(async ({ client }) => {
      if (opts.access === 'read') return checkSchema(client, target.schema, target.shownUrl);
      await migrate(client, target.schema, target.shownUrl);
      await analyzeIfStale(client, db.table('followup_keyv'));
      await client.query(
        `DELETE FROM ${db.table('followup_tombstones')} WHERE deleted_at < now() - make_interval(days => $1)`,
        [TOMBSTONE_DAYS],
      );
    });
  } catch (error) {
    await db.end();
    const translated = db.translate(error);
    if (translated instanceof StoreUnavailableError || translated instanceof StoreOpenError) throw translated;
    throw new StoreOpenError(`STORE_URL ${target.shownUrl}: ${String((error as Error).message).split('\n')[0]}`);
  }

  const feed = new PgChangeFeed(db, opts.log);
  const kv = new PgKeyv(db, (changes) => feed.noteLocal(changes));
  const leaderships = new Set<PgLeadership>();
  const appLocks = new PgAppLocks(db);
  return {
    url: target.shownUrl,
    db,
    view: (namespace) => kv.view(namespace),
    count: (namespace) => kv.count(namespace),
    watch: (namespace, sink) => feed.subscribe(namespace, sink),
    hold: (keys) => feed.hold(keys),
    recordLocks: (namespace) => new PgRecordLocks(db, namespace),
    appLocks,
    leadership(name, retryMs) {
      const leadership = new PgLeadership(db, name, retryMs, opts.log);
      leaderships.add(leadership);
      return leadership;
    },
    async health(timeoutMs) {
      const started = performance.now();
      try {
        await withinMs(db.pool.query('SELECT 1'), timeoutMs);
        return { ok: true, detail: `${target.shownUrl}: ok (${Math.round(performance.now() - started)} ms)` };
      } catch (error) {
        return { ok: false, detail: (db.translate(error) as Error).message.split('\n')[0]! };
      }
    },
    catchUp: () => feed.catchUp(),
    raw: rawRecordsOf({
      iterator: (namespace) => kv.iterator(namespace),
      setMany: (entries) => kv.setMany(entries),
      getMany: (keys) => kv.getMany(keys),
      count: (namespace) => kv.count(namespace),
    }),
    async close() {
      await Promise.all([...leaderships].map((l) => l.stop()));
      await feed.stop();
      await db.end();
    },
  };
}

export interface MigrationReport {
  /** The URL as shown (password hidden). */
  url: string;
  schema: string;
  /** The versions this call applied (empty: the schema was current). */
  applied: number[];
  /** The schema's version now. */
  version: number;
}

/**
 * `followup migrate`: brings the schema to SCHEMA_VERSION and returns, for a deploy step that runs before the
 * replicas start (they would migrate at start as well; this makes a failure show in the deploy, not in N logs).
 */
export async function migratePostgres(url: string): Promise<MigrationReport> {
  const target = parsePostgresUrl(url);
  const db = new PgDatabase(target, DEFAULT_POSTGRES_TUNING, false);
  try {
    const applied = await db.withConnection(({ client }) => migrate(client, target.schema, target.shownUrl));
    return { url: target.shownUrl, schema: target.schema, applied, version: SCHEMA_VERSION };
  } catch (error) {
    const translated = db.translate(error);
    if (translated instanceof StoreUnavailableError || translated instanceof StoreOpenError) throw translated;
    throw new StoreOpenError(`STORE_URL ${target.shownUrl}: ${String((error as Error).message).split('\n')[0]}`);
  } finally {
    await db.end();
  }
}
