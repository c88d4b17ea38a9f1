/**
 * The outbox: one record per outbound send, written before the transport is called and updated with its
 * outcome, so a crash or a provider error never leaves a send unaccounted for. Looked up by idempotency key
 * (a double-clicked button or a retried request finds the entry it already made).
 *
 * Two ways to write: `put(entry)` stores a whole entry (what `src/followup` does, building the record
 * itself), `enqueue` / `markSent` / `markFailed` build it here. Both validate against one schema, which
 * is `src/followup/ports.ts`'s OutboxEntry plus the plan, attempts and sentAt.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isoTime } from '../contacts/model.js';
import { type PlannedSend, channelTypeSchema } from '../policy/index.js';
import { ChangeFeed } from './changes.js';
import type { RecordCollection } from './records.js';

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

export class OutboxRepository {
  private readonly changes = new ChangeFeed<OutboxEntry>();

  constructor(
    private readonly records: RecordCollection<typeof outboxEntrySchema>,
    /** idempotency key → id of the newest entry made under it */
    private readonly keys: RecordCollection<typeof idempotencyIndexSchema>,
  ) {}

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
    const stored = await this.keys.locks.run(entry.idempotencyKey, async () => {
      const record = await this.records.put(entry.id, entry as OutboxEntryInput);
      if ((await this.keys.get(entry.idempotencyKey)) !== entry.id)
        await this.keys.writeLocked(entry.idempotencyKey, entry.id);
      return record;
    });
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
      const stored = await this.records.put(id, {
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
      await this.keys.writeLocked(entry.idempotencyKey, id);
      return { entry: stored, created: true };
    });
    if (result.created) this.changes.emit([result.entry]);
    return result;
  }

  /** Serialised read-modify-write of one entry; `updatedAt` becomes `now`. */
  async update(id: string, now: Date, fn: (current: OutboxEntry) => Partial<OutboxEntryInput>): Promise<OutboxEntry> {
    const next = await this.records.update(id, (current) => {
      if (!current) throw new Error(`Outbox entry ${JSON.stringify(id)} does not exist.`);
      return { ...current, ...fn(current), id, idempotencyKey: current.idempotencyKey, updatedAt: now.toISOString() };
    });
    this.changes.emit([next!]);
    return next!;
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

  /** Entries oldest first, optionally filtered. Reads the whole outbox: fine for operator tools, not per request. */
  async list(filter: { status?: OutboxStatus; contactId?: string; sentBy?: string } = {}): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    for await (const e of this.records.values()) {
      if (filter.status && e.status !== filter.status) continue;
      if (filter.contactId && e.contactId !== filter.contactId) continue;
      if (filter.sentBy && e.sentBy !== filter.sentBy) continue;
      out.push(e);
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** The newest `limit` entries, newest first (a full read of the outbox, see `list`). */
  async recent(filter: { sentBy?: string; limit: number }): Promise<OutboxEntry[]> {
    const all = await this.list(filter.sentBy ? { sentBy: filter.sentBy } : {});
    return all.reverse().slice(0, filter.limit);
  }
}
