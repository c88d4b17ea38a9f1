/**
 * The outbox: one record per outbound send, written before the transport is called and updated with its
 * outcome, so a crash or a provider error never leaves a send unaccounted for. Looked up by idempotency key
 * (a double-clicked button or a retried request finds the entry it already made).
 *
 * Two ways to write: `put(entry)` stores a whole entry (what `src/followup` does, building the record
 * itself), `enqueue` / `markSent` / `markFailed` build it here. Both validate against one schema, which
 * is `src/followup/ports.ts`'s OutboxEntry plus the plan, attempts and sentAt.
 *
 * Nothing prunes the outbox (300k entries after a month of 10k follow-ups a day), so what runs every tick or
 * every App Home open reads two indexes kept in step with every write, never the whole outbox:
 *   outbox_queued   id of each queued entry → its createdAt and a retry-time hint (the retry worker, metrics)
 *   outbox_recent   agent (sentBy) → ids of their newest RECENT_PER_AGENT entries (App Home)
 *   outbox_indexed  one record once both were built from the outbox: a store from before the indexes gets
 *                   them from one full read on first use, once (see `buildIndexesOnce`).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isoTime } from '../contacts/model.js';
import { type PlannedSend, channelTypeSchema } from '../policy/index.js';
import { ChangeFeed } from './changes.js';
import { type RecordCollection, StoreRecordError, formatZodError } from './records.js';

export const OUTBOX_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The delivery plan from `planOutbound` (a PlannedSend); checked on its stable fields, the rest kept as is. */
export const storedPlanSchema = z
  .object({
    ok: z.literal(true),
    channel: channelTypeSchema,
    kind: z.enum(['text', 'template', 'tag']),
    text: z.string(),
  })
  .loose();

export const outboxEntrySchema = z.object({
  id: z.string().min(1),
  idempotencyKey: z.string().min(1).max(500),
  contactId: z.string().min(1),
  channel: channelTypeSchema,
  channelId: z.string().min(1).optional(),
  /** `channelKey()` of the contact's channel. */
  channelKey: z.string().min(1),
  status: z.enum(OUTBOX_STATUSES),
  // What was sent, readable without the plan: the Slack side lists sends from these.
  kind: z.enum(['text', 'template', 'tag']),
  text: z.string(),
  templateName: z.string().nullable(),
  tag: z.string().nullable(),
  /** The full delivery plan from `planOutbound`, when the writer keeps it. */
  plan: storedPlanSchema.optional(),
  contactName: z.string(),
  /** Slack user id of the agent who sent it. */
  sentBy: z.string().min(1),
  /** Delivered by the sandbox transport: recorded, delivered nowhere. */
  sandbox: z.boolean(),
  transport: z.string().min(1),
  /** The provider's message id once sent (for delivery webhooks). */
  providerMessageId: z.string().nullable().default(null),
  error: z.string().nullable().default(null),
  /** The send reopened a closed conversation. */
  reopened: z.boolean().default(false),
  attempts: z.number().int().nonnegative().default(0),
  createdAt: isoTime,
  updatedAt: isoTime,
  sentAt: isoTime.nullable().default(null),
  /** A retryable failure waits until then for the next attempt (network errors, 5xx, rate limits). */
  nextAttemptAt: isoTime.nullable().default(null),
  /** Set while a transport holds the message: found set after a restart, the send is in doubt. */
  inFlightSince: isoTime.nullable().default(null),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
export type OutboxEntryInput = z.input<typeof outboxEntrySchema>;

export const idempotencyIndexSchema = z.string().min(1);

export interface NewOutboxEntry {
  idempotencyKey: string;
  contactId: string;
  contactName: string;
  channel: OutboxEntry['channel'];
  channelId?: string | undefined;
  channelKey: string;
  plan: PlannedSend;
  sentBy: string;
  transport: string;
  sandbox: boolean;
  reopened?: boolean;
  /** Defaults to a random UUID. */
  id?: string;
}

/** Entries `recent` answers from the index per agent (App Home shows 10); a larger limit reads everything. */
export const RECENT_PER_AGENT = 50;

/**
 * `outbox_queued`: a queued entry's id → its createdAt (for the order) and a hint of its next attempt that is
 * never later than the entry's own `nextAttemptAt` (null: at once), so the worker reads only what is due.
 */
export const queuedIndexSchema = z.object({ createdAt: isoTime, nextAttemptAt: isoTime.nullable() });
type QueuedRow = z.infer<typeof queuedIndexSchema>;

const recentRowSchema = z.object({ id: z.string().min(1), createdAt: isoTime });
type RecentRow = z.infer<typeof recentRowSchema>;
/** `outbox_recent`: an agent's (sentBy) newest entries, newest first, at most RECENT_PER_AGENT. */
export const recentIndexSchema = z.object({ entries: z.array(recentRowSchema) });

/** `outbox_indexed`: written once both indexes were first built from the outbox; what that build found. */
export const indexBuildSchema = z.object({
  builtAt: isoTime,
  entries: z.number().int().nonnegative(),
  queued: z.number().int().nonnegative(),
  agents: z.number().int().nonnegative(),
});
export type OutboxIndexBuild = z.infer<typeof indexBuildSchema>;
const BUILT = 'built';

export interface OutboxIndexes {
  queued: RecordCollection<typeof queuedIndexSchema>;
  recent: RecordCollection<typeof recentIndexSchema>;
  built: RecordCollection<typeof indexBuildSchema>;
  /** Where the one-time build says what it did. */
  log: (line: string) => void;
  /** A store opened to read only cannot build the indexes: until a writer has, reads fall back to a full read. */
  readOnly?: boolean;
}

/**
 * Ids per batch when the build locks the queued entries it found: PostgreSQL's `batchLockLimit` (32) or fewer,
 * so a batch locks its entries and not the whole outbox.
 */
const BUILD_LOCK_BATCH = 32;
/** Entries per `getMany` when reading through an index. */
const READ_BATCH = 500;

const oldestFirst = (a: OutboxEntry, b: OutboxEntry) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
const newestFirst = (a: RecentRow, b: RecentRow) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/** Both lists' entries, each id once, newest first, capped at RECENT_PER_AGENT. */
function mergeRecent(current: readonly RecentRow[], added: readonly RecentRow[]): RecentRow[] {
  const byId = new Map<string, RecentRow>();
  for (const row of [...current, ...added]) byId.set(row.id, row);
  return [...byId.values()].sort(newestFirst).slice(0, RECENT_PER_AGENT);
}

/** A retry time as a number to compare; null (due at once) comes first. */
const hintMs = (at: string | null) => (at === null ? Number.NEGATIVE_INFINITY : Date.parse(at));
const queuedRow = (e: OutboxEntry): QueuedRow => ({ createdAt: e.createdAt, nextAttemptAt: e.nextAttemptAt });

export class OutboxRepository {
  private readonly changes = new ChangeFeed<OutboxEntry>();
  private readonly queuedIndex: OutboxIndexes['queued'];
  private readonly recentIndex: OutboxIndexes['recent'];
  private readonly indexBuilt: OutboxIndexes['built'];
  /** Settles once this process knows the indexes are built (true) or must read without them (false). */
  private indexed: Promise<boolean> | null = null;

  constructor(
    private readonly records: RecordCollection<typeof outboxEntrySchema>,
    /** idempotency key → id of the newest entry made under it */
    private readonly keys: RecordCollection<typeof idempotencyIndexSchema>,
    private readonly indexes: OutboxIndexes,
  ) {
    this.queuedIndex = indexes.queued;
    this.recentIndex = indexes.recent;
    this.indexBuilt = indexes.built;
  }

  /** Called after every successful write with the entry as stored. */
  onChange(listener: (entry: OutboxEntry) => void): () => void {
    return this.changes.on(listener);
  }

  get(id: string): Promise<OutboxEntry | undefined> {
    return this.records.get(id);
  }

  async findByIdempotencyKey(key: string): Promise<OutboxEntry | undefined> {
    const id = await this.keys.get(key);
    return id === undefined ? undefined : this.records.get(id);
  }

  /**
   * Stores a whole entry (insert or replace by id); its idempotency key then finds it. `channel` is typed
   * loosely for callers that hold it as a string; the schema checks it is a channel type.
   */
  async put(entry: Omit<OutboxEntryInput, 'channel'> & { channel: string }): Promise<void> {
    const next = this.checked(entry.id, entry as OutboxEntryInput);
    const stored = await this.keys.locks.run(entry.idempotencyKey, () =>
      this.records.locks.run(entry.id, async () => {
        const record = await this.writeLocked(await this.records.get(entry.id), next);
        if ((await this.keys.get(entry.idempotencyKey)) !== entry.id)
          await this.keys.writeLocked(entry.idempotencyKey, entry.id);
        return record;
      }),
    );
    this.changes.emit([stored]);
  }

  /**
   * Queues a send, or returns the entry already made under the same idempotency key (`created: false`).
   * Serialised per key, so two concurrent enqueues with one key create one entry.
   */
  async enqueue(entry: NewOutboxEntry, now: Date): Promise<{ entry: OutboxEntry; created: boolean }> {
    const result = await this.keys.locks.run(entry.idempotencyKey, async () => {
      const existingId = await this.keys.get(entry.idempotencyKey);
      const existing = existingId === undefined ? undefined : await this.records.get(existingId);
      if (existing) return { entry: existing, created: false };
      const at = now.toISOString();
      const id = entry.id ?? randomUUID();
      const { plan, id: _id, ...rest } = entry;
      const next = this.checked(id, {
        ...rest,
        id,
        status: 'queued',
        kind: plan.kind,
        text: plan.text,
        templateName: plan.template?.name ?? null,
        tag: plan.tag,
        plan: { ...plan },
        createdAt: at,
        updatedAt: at,
      });
      const stored = await this.records.locks.run(id, async () =>
        // A new random id cannot be stored yet; a caller's own id may be.
        this.writeLocked(entry.id === undefined ? undefined : await this.records.get(id), next),
      );
      await this.keys.writeLocked(entry.idempotencyKey, id);
      return { entry: stored, created: true };
    });
    if (result.created) this.changes.emit([result.entry]);
    return result;
  }

  /** Serialised read-modify-write of one entry; `updatedAt` becomes `now`. */
  async update(id: string, now: Date, fn: (current: OutboxEntry) => Partial<OutboxEntryInput>): Promise<OutboxEntry> {
    const next = await this.records.locks.run(id, async () => {
      const current = await this.records.get(id);
      if (!current) throw new Error(`Outbox entry ${JSON.stringify(id)} does not exist.`);
      const changed = { ...current, ...fn(current), id, idempotencyKey: current.idempotencyKey };
      return this.writeLocked(current, this.checked(id, { ...changed, updatedAt: now.toISOString() }));
    });
    this.changes.emit([next]);
    return next;
  }

  markSent(id: string, now: Date, providerMessageId: string | null = null): Promise<OutboxEntry> {
    return this.update(id, now, (e) => ({
      status: 'sent',
      attempts: e.attempts + 1,
      error: null,
      inFlightSince: null,
      providerMessageId,
      sentAt: now.toISOString(),
    }));
  }

  markFailed(id: string, now: Date, error: string): Promise<OutboxEntry> {
    return this.update(id, now, (e) => ({
      status: 'failed',
      attempts: e.attempts + 1,
      error,
      nextAttemptAt: null,
      inFlightSince: null,
    }));
  }

  /** A retryable failure: stays queued, counted, until `nextAttemptAt`. */
  markRetry(id: string, now: Date, error: string, nextAttemptAt: Date): Promise<OutboxEntry> {
    return this.update(id, now, (e) => ({
      status: 'queued',
      attempts: e.attempts + 1,
      error,
      nextAttemptAt: nextAttemptAt.toISOString(),
      inFlightSince: null,
    }));
  }

  /**
   * Entries oldest first, optionally filtered. With `status: 'queued'` it reads the queued index and those
   * entries only; otherwise the whole outbox (operator tools and tests, not per request).
   */
  async list(filter: { status?: OutboxStatus; contactId?: string; sentBy?: string } = {}): Promise<OutboxEntry[]> {
    const matches = (e: OutboxEntry) =>
      (!filter.status || e.status === filter.status) &&
      (!filter.contactId || e.contactId === filter.contactId) &&
      (!filter.sentBy || e.sentBy === filter.sentBy);
    if (filter.status === 'queued') return (await this.queued(() => true)).filter(matches);
    const out: OutboxEntry[] = [];
    for await (const e of this.records.values()) if (matches(e)) out.push(e);
    return out.sort(oldestFirst);
  }

  /** Queued entries whose next attempt has come at `now`, oldest first: one pass of the retry worker. */
  async due(now: Date): Promise<OutboxEntry[]> {
    const at = now.getTime();
    const isDue = (nextAttemptAt: string | null) => hintMs(nextAttemptAt) <= at;
    return (await this.queued(isDue)).filter((e) => isDue(e.nextAttemptAt));
  }

  /**
   * The newest `limit` entries, newest first. For one agent (`sentBy`) and `limit` ≤ RECENT_PER_AGENT, read
   * from that agent's recent index: App Home on every open. Without `sentBy`, or with a larger limit, a full
   * read of the outbox (operator tools only).
   */
  async recent(filter: { sentBy?: string; limit: number }): Promise<OutboxEntry[]> {
    const { sentBy, limit } = filter;
    if (limit <= 0) return [];
    if (sentBy === undefined || limit > RECENT_PER_AGENT || !(await this.ensureIndexed())) {
      const all = await this.list(sentBy ? { sentBy } : {});
      return all.reverse().slice(0, limit);
    }
    const ids = ((await this.recentIndex.get(sentBy))?.entries ?? []).map((row) => row.id);
    const out: OutboxEntry[] = [];
    // An id can be stale (a crash after the index row, before the entry): it is skipped, the next ones read.
    for (let from = 0; out.length < limit && from < ids.length; ) {
      const batch = ids.slice(from, from + limit - out.length);
      from += batch.length;
      for (const e of await this.records.getMany(batch)) if (e?.sentBy === sentBy) out.push(e);
    }
    return out.sort((a, b) => oldestFirst(b, a));
  }

  /**
   * Builds both indexes from one full read of the outbox, merging with what they hold (so a second build, or
   * one racing with writes, changes nothing that is right). `followup import-records` calls it after moving
   * outbox entries in: their file may come from a store without indexes, or replace an agent's recent row.
   * Keeps an existing `outbox_indexed` record as it is, so a store moved whole reads back record for record.
   */
  async rebuildIndexes(): Promise<OutboxIndexBuild> {
    return this.indexBuilt.locks.run(BUILT, () => this.buildIndexesLocked());
  }

  /** Validated as the collection will store it, before any index row is written for it. */
  private checked(id: string, value: OutboxEntryInput): OutboxEntry {
    const parsed = outboxEntrySchema.safeParse(value);
    if (!parsed.success) throw new StoreRecordError(this.records.name, id, formatZodError(parsed.error), 'write');
    return parsed.data;
  }

  /**
   * Writes `next` over `before` (undefined: a new entry) with the indexes in step; the caller holds the
   * entry's lock. The order makes a crash between two writes harmless: a queued row is written before its
   * entry becomes queued or moves its next attempt earlier, and removed or moved later only after the entry
   * changed, so a crash leaves at most a stale row (read, skipped, removed), never a queued entry the worker
   * cannot find; a recent row is written before the entry, so a crash leaves at most an id that is skipped.
   */
  private async writeLocked(before: OutboxEntry | undefined, next: OutboxEntry): Promise<OutboxEntry> {
    const id = next.id;
    if (!before) {
      const row = { id, createdAt: next.createdAt };
      await this.recentIndex.update(next.sentBy, (current) => ({
        entries: mergeRecent(current?.entries ?? [], [row]),
      }));
    }
    const wasQueued = before?.status === 'queued';
    if (next.status !== 'queued') {
      const stored = await this.records.writeLocked(id, next);
      if (wasQueued) await this.queuedIndex.delete(id);
      return stored;
    }
    const row = queuedRow(next);
    if (wasQueued && before.createdAt === row.createdAt && before.nextAttemptAt === row.nextAttemptAt) {
      return this.records.writeLocked(id, next); // e.g. `inFlightSince` set: the row stays right
    }
    const movesLater = wasQueued && hintMs(row.nextAttemptAt) >= hintMs(before.nextAttemptAt);
    if (!movesLater) await this.queuedIndex.writeLocked(id, row);
    const stored = await this.records.writeLocked(id, next);
    if (movesLater) await this.queuedIndex.writeLocked(id, row);
    return stored;
  }

  /** Queued entries whose index hint passes `hintDue`, oldest first. */
  private async queued(hintDue: (nextAttemptAt: string | null) => boolean): Promise<OutboxEntry[]> {
    if (!(await this.ensureIndexed())) {
      const out: OutboxEntry[] = [];
      for await (const e of this.records.values()) if (e.status === 'queued') out.push(e);
      return out.sort(oldestFirst);
    }
    const ids: string[] = [];
    for await (const [id, row] of this.queuedIndex.entries()) if (hintDue(row.nextAttemptAt)) ids.push(id);
    const out: OutboxEntry[] = [];
    const stale: string[] = [];
    for (let i = 0; i < ids.length; i += READ_BATCH) {
      const batch = ids.slice(i, i + READ_BATCH);
      const found = await this.records.getMany(batch);
      found.forEach((e, k) => {
        if (e?.status === 'queued') out.push(e);
        else stale.push(batch[k]!);
      });
    }
    if (stale.length > 0) await this.dropStale(stale);
    return out.sort(oldestFirst);
  }

  /**
   * Removes queued rows whose entry is not queued (a crash between the entry's write and the row's removal),
   * each checked again under the entry's lock: an enqueue holds it from its row to its entry, so a row whose
   * entry is being written is never taken for stale. Housekeeping: a failure is logged, the read goes on.
   */
  private async dropStale(ids: readonly string[]): Promise<void> {
    try {
      for (const id of ids) {
        await this.records.locks.run(id, async () => {
          if ((await this.records.get(id))?.status !== 'queued') await this.queuedIndex.delete(id);
        });
      }
    } catch (error) {
      this.indexes.log(`Outbox: stale queued-index rows not removed yet: ${(error as Error).message}`);
    }
  }

  /**
   * Whether the indexes can answer: built already (one read of the marker per process), built now by this
   * process (an older store, on first use), or not (a read-only store nobody has built them in yet).
   */
  private ensureIndexed(): Promise<boolean> {
    this.indexed ??= this.buildIndexesOnce().catch((error: unknown) => {
      this.indexed = null; // the next read tries again
      throw error;
    });
    return this.indexed;
  }

  /**
   * Every write keeps the indexes in step, but a store written before they existed has entries without rows:
   * the first reader builds them from one full read, under the marker's lock (across replicas on PostgreSQL:
   * replicas starting together build once; the others wait, then find the marker). A build interrupted before
   * the marker is written is simply done again.
   */
  private async buildIndexesOnce(): Promise<boolean> {
    if (await this.indexBuilt.get(BUILT)) return true;
    if (this.indexes.readOnly) return false;
    await this.indexBuilt.locks.run(BUILT, async () => {
      if (!(await this.indexBuilt.get(BUILT))) await this.buildIndexesLocked();
    });
    return true;
  }

  /** One full read of the outbox into both indexes; holds the marker's lock. */
  private async buildIndexesLocked(): Promise<OutboxIndexBuild> {
    const started = performance.now();
    let entries = 0;
    const queuedIds: string[] = [];
    const newest = new Map<string, RecentRow[]>();
    for await (const e of this.records.values()) {
      entries++;
      if (e.status === 'queued') queuedIds.push(e.id);
      const rows = newest.get(e.sentBy) ?? [];
      rows.push({ id: e.id, createdAt: e.createdAt });
      newest.set(e.sentBy, rows.length >= 2 * RECENT_PER_AGENT ? mergeRecent([], rows) : rows);
    }
    let queued = 0;
    for (let i = 0; i < queuedIds.length; i += BUILD_LOCK_BATCH) {
      const batch = queuedIds.slice(i, i + BUILD_LOCK_BATCH);
      // Checked again under the entries' locks: one sent since the read gets no row.
      queued += await this.records.locks.runMany(batch, async () => {
        const rows = (await this.records.getMany(batch)).flatMap((e) =>
          e?.status === 'queued' ? [[e.id, queuedRow(e)] as const] : [],
        );
        await this.queuedIndex.writeManyLocked(rows);
        return rows.length;
      });
    }
    for (const [agent, rows] of newest) {
      await this.recentIndex.update(agent, (current) => ({ entries: mergeRecent(current?.entries ?? [], rows) }));
    }
    const build = { builtAt: new Date().toISOString(), entries, queued, agents: newest.size };
    const previous = await this.indexBuilt.get(BUILT);
    if (!previous) await this.indexBuilt.writeLocked(BUILT, build);
    if (!previous && entries === 0) return build; // a new store: nothing to say
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    this.indexes.log(
      `Outbox indexes ${previous ? 'rebuilt' : 'built'} from one read of ${entries.toLocaleString('en')} entries ` +
        `(${queued.toLocaleString('en')} queued, ${newest.size.toLocaleString('en')} agents) in ${seconds} s` +
        (previous ? '' : '; from now on the retry worker and App Home read only the indexes'),
    );
    return build;
  }
}
