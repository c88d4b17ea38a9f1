/**
 * Locks that hold across processes: the in-process KeyedMutex first (callers in this process queue in memory
 * and use no connection while they wait), then a session advisory lock on a pooled connection held for the
 * duration; the queries of `fn` run on that connection (database.ts). PostgreSQL frees the lock if the
 * process dies or its connection drops.
 *
 * Record locks of a namespace `ns` take `#ns` shared plus each key exclusive; a batch of more than
 * `batchLockLimit` keys takes `#ns` exclusive instead (one lock instead of thousands: PostgreSQL's lock table
 * holds about 64 per connection). Keys: `ns:id` for records, `@key` for `withLock`, both within the schema.
 * Do not take another namespace's record locks inside a batch's `fn` (the namespace-wide lock would make
 * that a deadlock PostgreSQL has to break).
 */
import { KeyedMutex, type Locks } from '../mutex.js';
import type { PgDatabase } from './database.js';

interface AdvisoryLocks {
  shared: string[];
  exclusive: string[];
}

async function holding<T>(db: PgDatabase, locks: AdvisoryLocks, fn: () => T | Promise<T>): Promise<T> {
  return db.withConnection(async (session) => {
    const lock = db.table('followup_lock');
    const unlock = db.table('followup_unlock');
    try {
      await session.client.query(`SELECT ${lock}($1::text[], $2::text[])`, [locks.shared, locks.exclusive]);
    } catch (error) {
      session.discard(); // some of the locks may be held: only closing the session frees them for sure
      throw error;
    }
    try {
      return await fn();
    } finally {
      try {
        await session.client.query(`SELECT ${unlock}($1::text[], $2::text[])`, [locks.shared, locks.exclusive]);
      } catch {
        session.discard();
      }
    }
  });
}

/** The record locks of one namespace. */
export class PgRecordLocks implements Locks {
  private readonly local = new KeyedMutex();
  private readonly namespaceLock: string;

  constructor(
    private readonly db: PgDatabase,
    private readonly namespace: string,
  ) {
    this.namespaceLock = `#${namespace}`;
  }

  run<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
    return this.local.run(key, () =>
      holding(this.db, { shared: [this.namespaceLock], exclusive: [`${this.namespace}:${key}`] }, fn),
    );
  }

  runMany<T>(keys: Iterable<string>, fn: () => T | Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const locks: AdvisoryLocks =
      unique.length > this.db.tuning.batchLockLimit
        ? { shared: [], exclusive: [this.namespaceLock] }
        : { shared: [this.namespaceLock], exclusive: unique.map((k) => `${this.namespace}:${k}`) };
    return this.local.runMany(unique, () => holding(this.db, locks, fn));
  }
}

/** `store.withLock(key, fn)` across processes. */
export class PgAppLocks implements Locks {
  private readonly local = new KeyedMutex();

  constructor(private readonly db: PgDatabase) {}

  run<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
    return this.local.run(key, () => holding(this.db, { shared: [], exclusive: [`@${key}`] }, fn));
  }

  runMany<T>(keys: Iterable<string>, fn: () => T | Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    return this.local.runMany(unique, () =>
      holding(this.db, { shared: [], exclusive: unique.map((k) => `@${k}`) }, fn),
    );
  }
}
