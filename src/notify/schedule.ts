/**
 * WindowSchedule: when each watched contact-channel's messaging window closes, and the reminders before it.
 * It composes three parts:
 * - planner.ts (pure): which reminders and notices a window wants, when each is due, the watch modes;
 * - due-index.ts: the entries in memory, a min-heap by due time, so a tick peeks in O(1) when nothing is due
 *   and walks only the due entries;
 * - schedule-store.ts: one stored row per contact-channel plus delivery records, read once at start by
 *   `load`; `rearm` writes only the rows of the contact it is given.
 */
import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import type { Contact } from '../contacts/model.js';
import { channelKey as channelKeyOf } from '../contacts/model.js';
import type { ChannelType, RuleOverrides } from '../policy/index.js';
import { type DueEntry, DueIndex, type RearmResult, type ScheduledEntry, rowKeyFor, viewOf } from './due-index.js';
import {
  DEFAULT_GRACE_MS,
  DEFAULT_LEAD_MINUTES,
  type LeadMinutes,
  type PlannerSettings,
  type WatchMode,
  leadMinutesFor,
  planWindow,
} from './planner.js';
import { ScheduleStore } from './schedule-store.js';

export type { NoticeKind, WindowEdge, WatchMode, LeadMinutes } from './planner.js';
export { DEFAULT_LEAD_MINUTES, DEFAULT_GRACE_MS } from './planner.js';
export type { ScheduledEntry, DueEntry, InDoubtClaim, RearmResult } from './due-index.js';
export { idempotencyKey, rowKeyFor } from './due-index.js';
export type { EntryState } from './storage.js';

export const DEFAULT_RETENTION_MS = 24 * 3_600_000;

export interface WindowScheduleOptions {
  kv: Keyv;
  /**
   * Minutes before the close to remind; one number, or per channel type (missing types: 60). 0 arms no
   * reminder for that type, only the notice (the config file asks for at least 1).
   */
  leadMinutes?: LeadMinutes;
  rules?: RuleOverrides;
  watch?: WatchMode;
  /** Messenger/Instagram: also remind before the standard 24 h window ends. Default true. */
  remindStandardWindow?: boolean;
  /** An entry handed out more than this after its due time is `late`. Default 2 min. */
  graceMs?: number;
  /** How long delivered markers outlive the window's close. Default 1 day. */
  retentionMs?: number;
}

export interface LoadResult {
  rows: number;
  entries: number;
  /** Undelivered entries already due at `now`. */
  due: number;
  /** Rows and logs found expired and deleted. */
  expired: number;
  invalid: number;
  ms: number;
}

/** A claim on entries about to be posted: the delivery record to confirm or release. */
export interface Claim {
  id: string;
  keys: string[];
}

export class WindowSchedule {
  readonly rules: RuleOverrides | undefined;
  readonly watch: WatchMode;
  readonly graceMs: number;
  private readonly planner: PlannerSettings;
  private readonly index: DueIndex;
  private readonly store: ScheduleStore;
  private readonly rewriteKeptRow = (rowKey: string) => this.store.markDirty(rowKey);
  private lastNow = 0;
  private loaded = false;

  constructor(opts: WindowScheduleOptions) {
    this.rules = opts.rules;
    this.watch = opts.watch ?? 'default';
    this.graceMs = opts.graceMs ?? DEFAULT_GRACE_MS;
    this.planner = {
      rules: opts.rules,
      leadMinutes: opts.leadMinutes ?? DEFAULT_LEAD_MINUTES,
      remindStandardWindow: opts.remindStandardWindow ?? true,
      watch: this.watch,
      graceMs: this.graceMs,
    };
    const retentionMs = opts.retentionMs ?? DEFAULT_RETENTION_MS;
    this.index = new DueIndex(retentionMs);
    this.store = new ScheduleStore({
      kv: opts.kv,
      currentRow: (rowKey) => this.index.row(rowKey),
      lastNow: () => this.lastNow,
      retentionMs,
    });
  }

  leadMinutesFor(channel: ChannelType): number {
    return leadMinutesFor(this.planner.leadMinutes, channel);
  }

  /** Counts for status pages, tests and benchmarks. */
  get size(): { rows: number; entries: number; queued: number; dirty: number } {
    return { ...this.index.size, dirty: this.store.dirtyRows };
  }

  // ── start ────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Restores the due-queue from the store: one pass over the schedule's namespace (rows and delivery
   * records only, never contacts). Rows and records past their expiry are deleted on the way.
   */
  async load(now: Date): Promise<LoadResult> {
    const started = performance.now();
    const nowMs = this.touch(now);
    this.index.clear();
    const read = await this.store.read(nowMs, (row) => this.index.addRestored(row));
    const due = this.index.finishRestore(read.deliveries, read.claims, nowMs);
    this.loaded = true;
    const { rows, entries } = this.index.size;
    return { rows, entries, due, expired: read.expired, invalid: read.invalid, ms: performance.now() - started };
  }

  /**
   * Forgets the in-memory schedule (this replica stopped leading: another one keeps the stored schedule
   * current from now on). Nothing is due until the next `load`, and re-arming refuses until then.
   */
  async unload(): Promise<void> {
    this.loaded = false;
    await this.store.settle();
    this.index.clear();
  }

  /** Whether `load` has run (and no `unload` since). */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /**
   * Before `load`, memory knows nothing of the delivered markers in the store: a re-arm then could re-create
   * a notice already sent. Everything but `load` refuses to run until it has.
   */
  private ready(now: Date): number {
    if (!this.loaded) throw new Error('notify: WindowSchedule.load() must run before anything else');
    return this.touch(now);
  }

  // ── arming ───────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Brings the contact's entries in line with its current record: arms the entries its open windows want,
   * cancels those it no longer wants (a reply moved the anchor, a channel went away, the conversation is no
   * longer watched), leaves delivered ones alone. Writes only the rows that changed.
   */
  async rearm(contact: Contact, now: Date): Promise<RearmResult> {
    const nowMs = this.ready(now);
    const result: RearmResult = { created: 0, updated: 0, cancelled: 0 };
    const changed = new Set<string>();
    const seen = new Set<string>();
    for (const ch of contact.channels) {
      const channelKey = channelKeyOf(ch);
      if (seen.has(channelKey)) continue;
      seen.add(channelKey);
      const rowKey = rowKeyFor(contact.id, channelKey);
      const plan = planWindow(contact, ch, nowMs, this.planner);
      const target = { rowKey, contactId: contact.id, channel: ch.type, channelKey };
      if (this.index.reconcile(target, plan, nowMs, result)) changed.add(rowKey);
    }
    for (const row of this.index.rowsOf(contact.id)) if (this.store.isDirty(row.rowKey)) changed.add(row.rowKey);
    for (const rowKey of this.index.removeRowsExcept(contact.id, seen, result)) changed.add(rowKey);
    await this.store.writeRows(changed);
    return result;
  }

  /** Drops every entry of a contact (deleted or merged away). */
  async forget(contactId: string, now: Date): Promise<number> {
    this.ready(now);
    const { cancelled, rowKeys } = this.index.forget(contactId);
    await this.store.writeRows(new Set(rowKeys));
    return cancelled;
  }

  // ── ticking ──────────────────────────────────────────────────────────────────────────────────────────

  /** Entries due at `now` and not delivered, oldest first. O(1) when nothing is due. */
  due(now: Date): DueEntry[] {
    if (!this.loaded) return [];
    const nowMs = this.touch(now);
    this.index.expireRows(nowMs, this.rewriteKeptRow); // a kept row's store TTL must be extended too
    const due = this.index.due(nowMs);
    return due.length ? due.map((e) => viewOf(e, nowMs, this.graceMs)) : [];
  }

  /**
   * When the oldest undelivered entry due at `now` fell due, or null: for the notifier-lag metric. A pure read:
   * unlike `due()` it expires nothing and does not move the schedule's clock, so a scrape changes nothing.
   */
  oldestDueAt(now: Date): Date | null {
    if (!this.loaded) return null;
    const at = this.index.oldestDueAt(now.getTime());
    return at === null ? null : new Date(at);
  }

  /** The entry as it stands now, if it still exists, is undelivered and due: re-check after a re-arm. */
  current(key: string, now: Date): DueEntry | undefined {
    const e = this.index.entry(key);
    if (!e || e.state === 'delivered' || e.dueAt > now.getTime()) return undefined;
    return viewOf(e, now.getTime(), this.graceMs);
  }

  /** Every entry of a contact (tests, status pages). */
  entriesOf(contactId: string): ScheduledEntry[] {
    return this.index.rowsOf(contactId).flatMap((r) => r.entries.map((e) => viewOf(e, this.lastNow, this.graceMs)));
  }

  /**
   * Durably marks entries as about to be posted: one delivery record for the batch. If the process dies
   * before `markDelivered`, `load` restores them as due with `redelivery: true` and the claim in `inDoubt`,
   * so the notifier can look for the post that claim made before posting again.
   */
  async claim(entries: ReadonlyArray<{ key: string }>, now: Date): Promise<Claim> {
    const nowMs = this.ready(now);
    const live = this.index.live(entries);
    const claim: Claim = { id: `${new Date(nowMs).toISOString()}#${randomUUID()}`, keys: live.map((e) => e.key) };
    if (!live.length) return claim;
    await this.store.writeDelivery(claim.id, 'claimed', live, nowMs, false);
    this.index.markClaimed(live);
    return claim;
  }

  /** Posting failed: the entries stay due for the next tick. The claim record is removed (best effort). */
  async release(claim: Claim): Promise<void> {
    this.index.release(claim.keys);
    if (claim.keys.length) await this.store.deleteDelivery(claim.id);
  }

  /**
   * Durably marks entries as posted (one delivery record, overwriting the claim when given). In memory they
   * leave the queue at once, so this process never posts them again even if the write has to be retried.
   */
  async markDelivered(entries: ReadonlyArray<{ key: string }>, now?: Date, claim?: Claim): Promise<void> {
    const nowMs = now ? this.ready(now) : this.lastNow;
    const live = this.index.live(entries);
    if (!live.length) return;
    this.index.markDelivered(live);
    const id = claim?.id ?? `${new Date(nowMs).toISOString()}#${randomUUID()}`;
    await this.store.writeDelivery(id, 'delivered', live, nowMs, true);
  }

  /** Removes entries that can no longer be sent usefully (a reminder whose window already closed). */
  async discard(entries: ReadonlyArray<{ key: string }>, now: Date): Promise<void> {
    this.ready(now);
    await this.store.writeRows(this.index.discard(this.index.live(entries)));
  }

  /** Retries writes that failed earlier. O(number of failed writes); nothing when all went through. */
  async flush(now: Date): Promise<void> {
    if (!this.loaded) return;
    await this.store.retry(this.touch(now));
  }

  /** Waits for writes in flight (shutdown, tests). */
  settle(): Promise<void> {
    return this.store.settle();
  }

  private touch(now: Date): number {
    const t = now.getTime();
    if (!Number.isFinite(t)) throw new TypeError('notify: invalid clock value');
    this.lastNow = t;
    return t;
  }
}
