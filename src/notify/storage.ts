/**
 * The schedule's durable layout in its keyv namespace. Two kinds of keys:
 *
 *   win:<contactId>|<channelKey>  one row per watched contact-channel: the window anchor and its entries
 *                                 (reminder/notice, due time, delivery state). A new anchor overwrites the
 *                                 row, so "a reply cancels the old entries" is the same single write that arms
 *                                 the new ones, and a contact's re-arm touches only its own rows.
 *   log:<id>                      one delivery record per posted Slack message: the idempotency keys it
 *                                 carried and whether they are `claimed` (about to be posted) or `delivered`.
 *                                 Marking 100 notices delivered is one write, not 100.
 *
 * Both carry `expiresAt` (the schedule's clock) and a keyv TTL, so delivered markers vanish a day after
 * their window closed; by then no re-arm can re-create them (a closed window arms nothing).
 * The whole namespace is read once, at start (`scan`); ticks never enumerate the store.
 */
import type Keyv from 'keyv';
import { z } from 'zod';
import { channelTypeSchema } from '../policy/index.js';

export const ROW_PREFIX = 'win:';
export const LOG_PREFIX = 'log:';

const iso = z.iso.datetime({ offset: true });

export const entryStateSchema = z.enum(['pending', 'claimed', 'delivered']);
export type EntryState = z.infer<typeof entryStateSchema>;

export const storedEntrySchema = z.object({
  kind: z.enum(['reminder', 'notice']),
  edge: z.enum(['close', 'standard']),
  closesAt: iso,
  dueAt: iso,
  state: entryStateSchema,
});
export type StoredEntry = z.infer<typeof storedEntrySchema>;

export const storedRowSchema = z.object({
  v: z.literal(1),
  contactId: z.string().min(1),
  channel: channelTypeSchema,
  channelKey: z.string().min(1),
  anchor: iso,
  expiresAt: iso,
  entries: z.array(storedEntrySchema),
});
export type StoredRow = z.infer<typeof storedRowSchema>;

export const storedLogSchema = z.object({
  v: z.literal(1),
  state: z.enum(['claimed', 'delivered']),
  at: iso,
  expiresAt: iso,
  keys: z.array(z.string().min(1)),
});
export type StoredLog = z.infer<typeof storedLogSchema>;

export interface ScannedRecord {
  /** Key inside the namespace (no namespace prefix). */
  key: string;
  value: unknown;
  /** keyv's own expiry (wall clock, ms), when set. */
  expires?: number | undefined;
}

/** What a plain `@keyv/sqlite` adapter exposes publicly (and `TunedSqlite`, which extends it). */
interface SqlAdapterLike {
  opts?: { dialect?: string; table?: string };
  query?: (sql: string, ...params: unknown[]) => Promise<Array<{ key: string; value: string }>>;
}

const SCAN_PAGE = 5_000;

export class ScheduleStorage {
  /** Per-key write chains: two writes of one key reach the store in the order they were issued. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(readonly kv: Keyv) {}

  /**
   * Writes `snapshot()` (taken when the write actually starts, so it is the newest state) to `key`, or
   * deletes the key when the snapshot is null. Resolves once that write is durable.
   */
  write(key: string, snapshot: () => { value: unknown; ttlMs: number } | null): Promise<void> {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev
      .catch(() => undefined)
      .then(async () => {
        const s = snapshot();
        if (s === null) {
          await this.kv.delete(key);
          return;
        }
        const ok = await this.kv.set(key, s.value, Math.max(1, Math.round(s.ttlMs)));
        if (ok === false) throw new Error(`notify: the store refused to write ${key}`);
      });
    this.chains.set(key, next);
    void next
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      })
      .catch(() => undefined);
    return next;
  }

  async deleteMany(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 500) await this.kv.delete(keys.slice(i, i + 500));
  }

  /** Waits for every write issued so far (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
  }

  /**
   * Every record of the namespace, once. On a plain `@keyv/sqlite` adapter this is a keyset range scan on the
   * primary key (`key > last AND key < prefix-end ORDER BY key LIMIT 5000`): the adapter's own iterator
   * pages with `LIKE ns:% LIMIT 10 OFFSET n`, which cannot use the index and rescans the table per page
   * (quadratic; minutes with a million contacts in the same table). Any other adapter: keyv's iterator
   * (the app's tuned store pages by key itself).
   */
  async *scan(): AsyncGenerator<ScannedRecord> {
    const kv = this.kv;
    const store = kv.store as SqlAdapterLike | undefined;
    const ns = kv.namespace;
    const table = store?.opts?.table;
    if (
      ns &&
      kv.useKeyPrefix &&
      store?.opts?.dialect === 'sqlite' &&
      typeof store.query === 'function' &&
      typeof table === 'string' &&
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(table)
    ) {
      const prefix = `${ns}:`;
      const end = `${ns};`; // ':' + 1: the first key past the namespace
      let after = prefix;
      for (;;) {
        const rows = await store.query(
          `SELECT key, value FROM ${table} WHERE key > ? AND key < ? ORDER BY key LIMIT ?`,
          after,
          end,
          SCAN_PAGE,
        );
        for (const row of rows) {
          const data = await kv.deserializeData<unknown>(row.value);
          yield { key: row.key.slice(prefix.length), value: data?.value, expires: data?.expires };
        }
        if (rows.length < SCAN_PAGE) return;
        after = rows[rows.length - 1]!.key;
      }
    }
    if (!kv.iterator) throw new Error('notify: the schedule store cannot be enumerated (no iterator)');
    // keyv's iterator already skips (and deletes) records past their TTL.
    for await (const [key, value] of kv.iterator(kv.namespace)) yield { key: String(key), value };
  }
}
