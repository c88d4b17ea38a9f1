/**
 * The durable side of the window schedule: live rows written as `win:` rows, deliveries as `log:` records (the
 * layout and the key-value mechanics are in storage.ts), failed writes remembered and retried, and the one
 * read of the namespace at start. Ticks never enumerate the store.
 */
import type Keyv from 'keyv';
import { isCanonicalInstant } from '../contacts/contact-record.js';
import { parseInstant } from '../contacts/instant.js';
import { CHANNEL_TYPES } from '../policy/index.js';
import { type InDoubtClaim, LiveEntry, type LiveRow, laterState } from './due-index.js';
import type { z } from 'zod';
import {
  type EntryState,
  LOG_PREFIX,
  ROW_PREFIX,
  type ScannedRecord,
  ScheduleStorage,
  type StoredLog,
  type StoredRow,
  storedLogSchema,
  storedRowSchema,
} from './storage.js';

export interface StoreReadResult {
  /** The furthest state each idempotency key reached in the delivery records. */
  deliveries: Map<string, EntryState>;
  /** The newest claim record naming each key (whether or not a delivery record followed it). */
  claims: Map<string, InDoubtClaim>;
  /** Rows and records found expired (and deleted). */
  expired: number;
  invalid: number;
}

/** A row as read from the store, ready for the in-memory index. */
export function liveRowFrom(rowKey: string, stored: StoredRow): LiveRow {
  // parseInstant reads toISOString()'s form (what checkStoredRow lets through) with integer arithmetic.
  const anchorMs = parseInstant(stored.anchor);
  const row: LiveRow = {
    heapIndex: -1,
    rowKey,
    contactId: stored.contactId,
    channel: stored.channel,
    channelKey: stored.channelKey,
    // A new string, not the parsed one: V8 makes that a slice of the record's whole text, which it would keep.
    anchorIso: new Date(anchorMs).toISOString(),
    anchorMs,
    entries: [],
    expiresAt: parseInstant(stored.expiresAt),
  };
  for (const s of stored.entries) {
    row.entries.push(new LiveEntry(row, s.kind, s.edge, parseInstant(s.closesAt), parseInstant(s.dueAt), s.state));
  }
  return row;
}

/*
 * The restore reads every row of the schedule (200k at a million contacts): each is checked here first for
 * the exact shape this module writes (instants in toISOString() form), whose answer is the schema's; anything
 * else is left to the schema, which accepts or refuses it as before.
 */

const CHANNELS: ReadonlySet<unknown> = new Set(CHANNEL_TYPES);
const KINDS: ReadonlySet<unknown> = new Set(['reminder', 'notice']);
const EDGES: ReadonlySet<unknown> = new Set(['close', 'standard']);
const ENTRY_STATES: ReadonlySet<unknown> = new Set(['pending', 'claimed', 'delivered']);
const LOG_STATES: ReadonlySet<unknown> = new Set(['claimed', 'delivered']);

function plain(raw: unknown): Record<string, unknown> | undefined {
  return typeof raw === 'object' && raw !== null && Object.getPrototypeOf(raw) === Object.prototype
    ? (raw as Record<string, unknown>)
    : undefined;
}

const instant = (v: unknown): v is string => typeof v === 'string' && isCanonicalInstant(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function valid<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> | undefined {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Whether the schema accepts `raw` as a row, when this check is sure of it (undefined: the schema decides).
 * A row it accepts is used as parsed: the restore reads only the schema's keys, so nothing is copied.
 */
export function checkStoredRow(raw: unknown): raw is StoredRow {
  const r = plain(raw);
  if (r === undefined || r.v !== 1 || !nonEmpty(r.contactId) || !CHANNELS.has(r.channel)) return false;
  if (!nonEmpty(r.channelKey) || !instant(r.anchor) || !instant(r.expiresAt) || !Array.isArray(r.entries)) {
    return false;
  }
  for (const item of r.entries) {
    const e = plain(item);
    if (e === undefined || !KINDS.has(e.kind) || !EDGES.has(e.edge) || !ENTRY_STATES.has(e.state)) return false;
    if (!instant(e.closesAt) || !instant(e.dueAt)) return false;
  }
  return true;
}

/** As checkStoredRow, for a delivery record (its keys are read, not kept). */
export function checkStoredLog(raw: unknown): raw is StoredLog {
  const r = plain(raw);
  if (r === undefined || r.v !== 1 || !LOG_STATES.has(r.state) || !instant(r.at) || !instant(r.expiresAt)) {
    return false;
  }
  return Array.isArray(r.keys) && r.keys.every(nonEmpty);
}

/** Keeps, per key, the newest of the claims naming it (a key claimed again after a crash has two). */
function noteClaim(claims: Map<string, InDoubtClaim>, claimId: string, log: StoredLog): void {
  const claimedAt = new Date(log.at);
  for (const key of log.keys) {
    const known = claims.get(key);
    if (!known || known.claimedAt < claimedAt) claims.set(key, { claimId, claimedAt });
  }
}

export function storedRowOf(row: LiveRow): StoredRow {
  return {
    v: 1,
    contactId: row.contactId,
    channel: row.channel,
    channelKey: row.channelKey,
    anchor: row.anchorIso,
    expiresAt: new Date(row.expiresAt).toISOString(),
    entries: row.entries.map((e) => ({
      kind: e.kind,
      edge: e.edge,
      closesAt: new Date(e.closesAt).toISOString(),
      dueAt: new Date(e.dueAt).toISOString(),
      state: e.state,
    })),
  };
}

export interface ScheduleStoreOptions {
  kv: Keyv;
  /** The row as it stands when its write starts (undefined: gone, delete it). */
  currentRow: (rowKey: string) => LiveRow | undefined;
  /** The schedule's time of its latest call (TTLs are counted from it). */
  lastNow: () => number;
  /** How long a delivery record outlives its write (at least). */
  retentionMs: number;
}

export class ScheduleStore {
  private readonly storage: ScheduleStorage;
  private readonly currentRow: ScheduleStoreOptions['currentRow'];
  private readonly lastNow: () => number;
  private readonly retentionMs: number;
  /** Rows whose last write failed: written again by `retry` or the next re-arm of their contact. */
  private readonly dirty = new Set<string>();
  /** Delivery records whose write failed: written again by `retry`. */
  private readonly unsavedLogs = new Map<string, StoredLog>();

  constructor(opts: ScheduleStoreOptions) {
    this.storage = new ScheduleStorage(opts.kv);
    this.currentRow = opts.currentRow;
    this.lastNow = opts.lastNow;
    this.retentionMs = opts.retentionMs;
  }

  get dirtyRows(): number {
    return this.dirty.size;
  }

  isDirty(rowKey: string): boolean {
    return this.dirty.has(rowKey);
  }

  markDirty(rowKey: string): void {
    this.dirty.add(rowKey);
  }

  /**
   * One pass over the schedule's namespace (rows and delivery records only, never contacts): each live row
   * goes to `onRow` at once (no second copy of the namespace in memory); delivery records are folded into one
   * state per key, whatever order the store yields keys in. Expired rows and records are deleted on the way.
   */
  async read(nowMs: number, onRow: (row: LiveRow) => void): Promise<StoreReadResult> {
    this.dirty.clear();
    this.unsavedLogs.clear();
    const deliveries = new Map<string, EntryState>();
    const claims = new Map<string, InDoubtClaim>();
    const expired: string[] = [];
    let invalid = 0;
    const wallNow = Date.now(); // keyv's own expiry is wall-clock time
    for await (const rec of this.scan()) {
      const isRow = rec.key.startsWith(ROW_PREFIX);
      if (!isRow && !rec.key.startsWith(LOG_PREFIX)) continue;
      const data = isRow
        ? checkStoredRow(rec.value)
          ? rec.value
          : valid(storedRowSchema, rec.value)
        : checkStoredLog(rec.value)
          ? rec.value
          : valid(storedLogSchema, rec.value);
      if (data === undefined) {
        invalid++;
        continue;
      }
      const gone = typeof rec.expires === 'number' && wallNow > rec.expires;
      if (gone || parseInstant(data.expiresAt) <= nowMs) {
        expired.push(rec.key);
        continue;
      }
      if (isRow) onRow(liveRowFrom(rec.key.slice(ROW_PREFIX.length), data as StoredRow));
      else {
        const log = data as StoredLog;
        for (const key of log.keys) deliveries.set(key, laterState(deliveries.get(key), log.state));
        if (log.state === 'claimed') noteClaim(claims, rec.key.slice(LOG_PREFIX.length), log);
      }
    }
    if (expired.length) await this.storage.deleteMany(expired).catch(() => undefined);
    return { deliveries, claims, expired: expired.length, invalid };
  }

  /**
   * The namespace's records: from the adapter's pages where it has them (the app's SQLite and PostgreSQL
   * stores: no keyv call and no promise per record), through storage.ts otherwise. Each is parsed only when
   * its turn comes: a page parsed at once would outlive young collections and be copied for nothing.
   */
  private async *scan(): AsyncGenerator<ScannedRecord> {
    const kv = this.storage.kv;
    const adapter = kv.store as { pages?: (namespace: string) => AsyncIterable<Array<{ key: string; value: string }>> };
    const namespace = kv.namespace;
    const deserialize = kv.deserialize;
    if (!namespace || !kv.useKeyPrefix || typeof adapter?.pages !== 'function' || !deserialize) {
      yield* this.storage.scan();
      return;
    }
    const prefix = namespace.length + 1;
    for await (const rows of adapter.pages(namespace)) {
      for (const row of rows) {
        let data = deserialize(row.value) as { value?: unknown; expires?: unknown } | undefined;
        if (data instanceof Promise) data = await data;
        const expires = typeof data?.expires === 'number' ? data.expires : undefined;
        yield { key: row.key.slice(prefix), value: data?.value, expires };
      }
    }
  }

  /** Writes the rows as they stand (deleting those gone); a failed one stays dirty. Throws the first failure. */
  async writeRows(rowKeys: ReadonlySet<string>): Promise<void> {
    if (!rowKeys.size) return;
    const results = await Promise.allSettled(
      [...rowKeys].map(async (rowKey) => {
        try {
          await this.storage.write(ROW_PREFIX + rowKey, () => this.snapshot(rowKey));
          this.dirty.delete(rowKey);
        } catch (error) {
          this.dirty.add(rowKey);
          throw error;
        }
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * Writes one delivery record for a batch of entries. With `keepForRetry`, a failure is remembered and
   * written again by `retry` (a lost `delivered` record would mean a second post after a restart).
   */
  async writeDelivery(
    id: string,
    state: StoredLog['state'],
    entries: readonly LiveEntry[],
    nowMs: number,
    keepForRetry: boolean,
  ): Promise<void> {
    await this.writeLog(id, this.deliveryRecord(state, entries, nowMs), nowMs, keepForRetry);
  }

  /** Removes a claim record (best effort: a leftover claim only flags a later post as a possible repeat). */
  async deleteDelivery(id: string): Promise<void> {
    await this.storage.write(LOG_PREFIX + id, () => null).catch(() => undefined);
  }

  /** Retries writes that failed earlier. O(number of failed writes); nothing when all went through. */
  async retry(nowMs: number): Promise<void> {
    if (this.dirty.size) await this.writeRows(new Set(this.dirty));
    for (const [id, log] of [...this.unsavedLogs]) await this.writeLog(id, log, nowMs, false);
  }

  /** Waits for writes in flight (shutdown, tests). */
  settle(): Promise<void> {
    return this.storage.settle();
  }

  private snapshot(rowKey: string): { value: StoredRow; ttlMs: number } | null {
    const row = this.currentRow(rowKey);
    if (!row?.entries.length) return null;
    return { value: storedRowOf(row), ttlMs: row.expiresAt - this.lastNow() };
  }

  private deliveryRecord(state: StoredLog['state'], entries: readonly LiveEntry[], nowMs: number): StoredLog {
    const expiresAt = Math.max(nowMs + this.retentionMs, ...entries.map((e) => e.row.expiresAt));
    return {
      v: 1,
      state,
      at: new Date(nowMs).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      keys: entries.map((e) => e.key),
    };
  }

  private async writeLog(id: string, log: StoredLog, nowMs: number, keepForRetry: boolean): Promise<void> {
    try {
      await this.storage.write(LOG_PREFIX + id, () => ({ value: log, ttlMs: Date.parse(log.expiresAt) - nowMs }));
      this.unsavedLogs.delete(id);
    } catch (error) {
      if (keepForRetry) this.unsavedLogs.set(id, log);
      throw error;
    }
  }
}
