/**
 * WindowSchedule: when each watched contact-channel's messaging window closes, and the reminder before it.
 *
 * Memory holds a min-heap of undelivered entries keyed by due time; the store (storage.ts) holds one row per
 * contact-channel plus delivery records. A tick peeks the heap (O(1) when nothing is due) and walks only the
 * due entries; `rearm` touches only the rows of the contact it is given; the store is enumerated once, by
 * `load`, at start.
 *
 * Decisions:
 * - Identity: `${contactId}|${channelKey}|${anchorISO}|${kind}` (kind `reminder@standard` for the Messenger/
 *   Instagram standard-window reminder). One reminder and one notice per contact, channel, anchor.
 * - Messenger/Instagram: the notice is at the end of the HUMAN_AGENT extension (evaluateWindow's
 *   windowClosesAt, 7 days), when free text really ends; one reminder before it, and one reminder before the
 *   standard 24 h window (after it only a person may write, automations must stop). The latter can be
 *   switched off with `remindStandardWindow: false`.
 * - WeChat: the window closes at anchor + 48 h or at the send that reaches the outbound cap
 *   (`lastOutboundAt`), whichever is first; re-arming after that send moves the notice to the cap instant.
 * - Lead already past at arm time (armed late, or a window shorter than the lead): the reminder is due at
 *   once, as long as at least the grace period is left before the close; otherwise only the notice is armed.
 * - A window already closed at arm time arms nothing (importing old contacts must not flood Slack), except a
 *   notice whose close is within the grace period (the WeChat send that just hit the cap).
 * - Anchors only move forward: a re-arm carrying an older anchor than the stored row is ignored, so stale
 *   reads cannot resurrect an answered window.
 * - Watch modes, decided per entry: `all` every windowed channel; `open_only` open conversations only;
 *   `default` open conversations, plus closed ones while their window is still open — both get the reminder
 *   and the "has closed" notice (what is still possible), the follow-ups this app exists for.
 */
import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import type { Contact, ContactChannel } from '../contacts/model.js';
import { channelKey as channelKeyOf } from '../contacts/model.js';
import { type ChannelType, type RuleOverrides, evaluateWindow, ruleFor } from '../policy/index.js';
import { type HeapItem, IndexedMinHeap } from './heap.js';
import {
  type EntryState,
  LOG_PREFIX,
  ROW_PREFIX,
  ScheduleStorage,
  type StoredLog,
  type StoredRow,
  storedLogSchema,
  storedRowSchema,
} from './storage.js';

export type NoticeKind = 'reminder' | 'notice';
/** `close`: the window's end. `standard`: Messenger/Instagram's 24 h window, before HUMAN_AGENT takes over. */
export type WindowEdge = 'close' | 'standard';
export type WatchMode = 'default' | 'all' | 'open_only';
export type LeadMinutes = number | Partial<Record<ChannelType, number>>;
export type { EntryState } from './storage.js';

export const DEFAULT_LEAD_MINUTES = 60;
export const DEFAULT_GRACE_MS = 2 * 60_000;
export const DEFAULT_RETENTION_MS = 24 * 3_600_000;

export interface WindowScheduleOptions {
  kv: Keyv;
  /** Minutes before the close to remind; one number, or per channel type (missing types: 60). */
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

/** One scheduled message, as the notifier needs it. */
export interface ScheduledEntry {
  /** Idempotency key: `${contactId}|${channelKey}|${anchorISO}|${kind}`. */
  key: string;
  contactId: string;
  channel: ChannelType;
  channelKey: string;
  kind: NoticeKind;
  edge: WindowEdge;
  /** The contact's last inbound on this channel: the window this entry belongs to. */
  anchor: Date;
  /** When the edge is reached (for a notice: when the window closed). */
  windowClosesAt: Date;
  dueAt: Date;
  state: EntryState;
}

export interface DueEntry extends ScheduledEntry {
  /** Fell due more than the grace period before `now` (e.g. while the app was down). */
  late: boolean;
  /** Claimed before a restart but never confirmed: it may already have been posted once. */
  redelivery: boolean;
}

export interface RearmResult {
  created: number;
  updated: number;
  cancelled: number;
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

interface LiveRow extends HeapItem {
  rowKey: string;
  contactId: string;
  channel: ChannelType;
  channelKey: string;
  anchorIso: string;
  anchorMs: number;
  entries: LiveEntry[];
  expiresAt: number;
}

interface LiveEntry extends HeapItem {
  key: string;
  row: LiveRow;
  kind: NoticeKind;
  edge: WindowEdge;
  closesAt: number;
  dueAt: number;
  state: EntryState;
  /** Restored as `claimed` from the store: a crash may have happened after posting. */
  redelivery: boolean;
}

interface PlanItem {
  kind: NoticeKind;
  edge: WindowEdge;
  closesAt: number;
}

interface Plan {
  anchorIso: string;
  anchorMs: number;
  items: PlanItem[];
}

const STATE_RANK: Record<EntryState, number> = { pending: 0, claimed: 1, delivered: 2 };

/** `|` separates key parts; escape it (and `%`) inside ids so two contacts can never share a key. */
function part(s: string): string {
  return s.includes('%') || s.includes('|') ? s.replace(/%/g, '%25').replace(/\|/g, '%7C') : s;
}

export function rowKeyFor(contactId: string, channelKey: string): string {
  return `${part(contactId)}|${part(channelKey)}`;
}

export function idempotencyKey(
  contactId: string,
  channelKey: string,
  anchorIso: string,
  kind: NoticeKind,
  edge: WindowEdge = 'close',
): string {
  return keyInRow(rowKeyFor(contactId, channelKey), anchorIso, kind, edge);
}

function keyInRow(rowKey: string, anchorIso: string, kind: NoticeKind, edge: WindowEdge): string {
  return `${rowKey}|${anchorIso}|${edge === 'standard' ? `${kind}@standard` : kind}`;
}

export class WindowSchedule {
  readonly rules: RuleOverrides | undefined;
  readonly watch: WatchMode;
  readonly graceMs: number;
  private readonly lead: LeadMinutes;
  private readonly remindStandard: boolean;
  private readonly retentionMs: number;
  private readonly storage: ScheduleStorage;

  private readonly rows = new Map<string, LiveRow>();
  private readonly byContact = new Map<string, LiveRow[]>();
  private readonly entries = new Map<string, LiveEntry>();
  private readonly dueHeap = new IndexedMinHeap<LiveEntry>((e) => e.dueAt);
  private readonly expiryHeap = new IndexedMinHeap<LiveRow>((r) => r.expiresAt);
  /** Rows whose last write failed: written again by `flush` or the next re-arm of their contact. */
  private readonly dirty = new Set<string>();
  /** Delivery records whose write failed: retried by `flush`. */
  private readonly unsavedLogs = new Map<string, StoredLog>();
  private lastNow = 0;
  private loaded = false;

  constructor(opts: WindowScheduleOptions) {
    this.storage = new ScheduleStorage(opts.kv);
    this.lead = opts.leadMinutes ?? DEFAULT_LEAD_MINUTES;
    this.rules = opts.rules;
    this.watch = opts.watch ?? 'default';
    this.remindStandard = opts.remindStandardWindow ?? true;
    this.graceMs = opts.graceMs ?? DEFAULT_GRACE_MS;
    this.retentionMs = opts.retentionMs ?? DEFAULT_RETENTION_MS;
  }

  leadMinutesFor(channel: ChannelType): number {
    return typeof this.lead === 'number' ? this.lead : (this.lead[channel] ?? DEFAULT_LEAD_MINUTES);
  }

  /** Counts for status pages, tests and benchmarks. */
  get size(): { rows: number; entries: number; queued: number; dirty: number } {
    return { rows: this.rows.size, entries: this.entries.size, queued: this.dueHeap.size, dirty: this.dirty.size };
  }

  // ── start ────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Restores the due-queue from the store: one pass over the schedule's namespace (rows and delivery
   * records only, never contacts). Rows and records past their expiry are deleted on the way.
   */
  async load(now: Date): Promise<LoadResult> {
    const started = performance.now();
    const nowMs = this.touch(now);
    this.rows.clear();
    this.byContact.clear();
    this.entries.clear();
    this.dueHeap.replaceAll([]);
    this.expiryHeap.replaceAll([]);
    this.dirty.clear();
    this.unsavedLogs.clear();

    // One streaming pass: rows become live at once (no second copy of the namespace in memory); delivery
    // records are folded in afterwards, whatever order the store yields keys in.
    const logState = new Map<string, EntryState>();
    const expired: string[] = [];
    let invalid = 0;
    const wallNow = Date.now();
    for await (const rec of this.storage.scan()) {
      const gone = typeof rec.expires === 'number' && wallNow > rec.expires;
      const isRow = rec.key.startsWith(ROW_PREFIX);
      if (!isRow && !rec.key.startsWith(LOG_PREFIX)) continue;
      const parsed = isRow ? storedRowSchema.safeParse(rec.value) : storedLogSchema.safeParse(rec.value);
      if (!parsed.success) {
        invalid++;
        continue;
      }
      if (gone || Date.parse(parsed.data.expiresAt) <= nowMs) {
        expired.push(rec.key);
        continue;
      }
      if (isRow) this.restoreRow(rec.key.slice(ROW_PREFIX.length), parsed.data as StoredRow);
      else {
        const log = parsed.data as StoredLog;
        for (const key of log.keys) {
          const prev = logState.get(key);
          if (!prev || STATE_RANK[log.state] > STATE_RANK[prev]) logState.set(key, log.state);
        }
      }
    }
    for (const [key, state] of logState) {
      const e = this.entries.get(key);
      if (e && STATE_RANK[state] > STATE_RANK[e.state]) e.state = state;
    }

    const queued: LiveEntry[] = [];
    let due = 0;
    for (const e of this.entries.values()) {
      e.redelivery = e.state === 'claimed';
      if (e.state === 'delivered') continue;
      queued.push(e);
      if (e.dueAt <= nowMs) due++;
    }
    this.dueHeap.replaceAll(queued);
    this.expiryHeap.replaceAll([...this.rows.values()]);
    this.loaded = true;
    if (expired.length) await this.storage.deleteMany(expired).catch(() => undefined);
    return {
      rows: this.rows.size,
      entries: this.entries.size,
      due,
      expired: expired.length,
      invalid,
      ms: performance.now() - started,
    };
  }

  /**
   * Before `load`, memory knows nothing of the delivered markers in the store: a re-arm then could re-create
   * a notice already sent. Everything but `load` refuses to run until it has.
   */
  private ready(now: Date): number {
    if (!this.loaded) throw new Error('notify: WindowSchedule.load() must run before anything else');
    return this.touch(now);
  }

  private restoreRow(rowKey: string, stored: StoredRow): void {
    const anchorMs = Date.parse(stored.anchor);
    const row: LiveRow = {
      heapIndex: -1,
      rowKey,
      contactId: stored.contactId,
      channel: stored.channel,
      channelKey: stored.channelKey,
      anchorIso: new Date(anchorMs).toISOString(),
      anchorMs,
      entries: [],
      expiresAt: Date.parse(stored.expiresAt),
    };
    for (const s of stored.entries) {
      const key = keyInRow(rowKey, row.anchorIso, s.kind, s.edge);
      const entry: LiveEntry = {
        heapIndex: -1,
        key,
        row,
        kind: s.kind,
        edge: s.edge,
        closesAt: Date.parse(s.closesAt),
        dueAt: Date.parse(s.dueAt),
        state: s.state,
        redelivery: false,
      };
      row.entries.push(entry);
      this.entries.set(key, entry);
    }
    this.rows.set(rowKey, row);
    const list = this.byContact.get(row.contactId);
    if (list) list.push(row);
    else this.byContact.set(row.contactId, [row]);
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
    const existing = this.byContact.get(contact.id);
    const seen = new Set<string>();

    for (const ch of contact.channels) {
      const ck = channelKeyOf(ch);
      if (seen.has(ck)) continue;
      seen.add(ck);
      const plan = this.plan(contact, ch, nowMs);
      let row = existing?.find((r) => r.channelKey === ck);
      if (plan && row && plan.anchorMs < row.anchorMs) continue; // stale record: anchors only move forward
      if (row && (!plan || plan.anchorIso !== row.anchorIso)) {
        result.cancelled += this.removeRow(row);
        changed.add(row.rowKey);
        row = undefined;
      }
      if (!plan) continue;
      if (!row) {
        if (!plan.items.some((it) => this.creatable(it, nowMs))) continue;
        row = {
          heapIndex: -1,
          rowKey: rowKeyFor(contact.id, ck),
          contactId: contact.id,
          channel: ch.type,
          channelKey: ck,
          anchorIso: plan.anchorIso,
          anchorMs: plan.anchorMs,
          entries: [],
          expiresAt: 0,
        };
        this.indexRow(row);
      }
      if (this.reconcileRow(row, plan.items, nowMs, result)) changed.add(row.rowKey);
    }
    if (existing) {
      for (const row of [...existing]) {
        if (this.dirty.has(row.rowKey)) changed.add(row.rowKey);
        if (seen.has(row.channelKey)) continue;
        result.cancelled += this.removeRow(row);
        changed.add(row.rowKey);
      }
    }
    await this.persistRows(changed);
    return result;
  }

  /** Drops every entry of a contact (deleted or merged away). */
  async forget(contactId: string, now: Date): Promise<number> {
    this.ready(now);
    const rows = this.byContact.get(contactId);
    if (!rows) return 0;
    let n = 0;
    const keys = new Set<string>();
    for (const row of [...rows]) {
      n += this.removeRow(row);
      keys.add(row.rowKey);
    }
    await this.persistRows(keys);
    return n;
  }

  // ── ticking ──────────────────────────────────────────────────────────────────────────────────────────

  /** Entries due at `now` and not delivered, oldest first. O(1) when nothing is due. */
  due(now: Date): DueEntry[] {
    if (!this.loaded) return [];
    const nowMs = this.touch(now);
    this.expireRows(nowMs);
    const top = this.dueHeap.peek();
    if (!top || top.dueAt > nowMs) return [];
    return this.dueHeap
      .collectUpTo(nowMs)
      .sort((a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : 1))
      .map((e) => this.view(e, nowMs));
  }

  /** The entry as it stands now, if it still exists, is undelivered and due: re-check after a re-arm. */
  current(key: string, now: Date): DueEntry | undefined {
    const e = this.entries.get(key);
    if (!e || e.state === 'delivered' || e.dueAt > now.getTime()) return undefined;
    return this.view(e, now.getTime());
  }

  /** Every entry of a contact (tests, status pages). */
  entriesOf(contactId: string): ScheduledEntry[] {
    const rows = this.byContact.get(contactId);
    if (!rows) return [];
    return rows.flatMap((r) => r.entries.map((e) => this.view(e, this.lastNow)));
  }

  /**
   * Durably marks entries as about to be posted: one delivery record for the batch. If the process dies
   * before `markDelivered`, `load` restores them as due with `redelivery: true` (at-least-once).
   */
  async claim(entries: ReadonlyArray<{ key: string }>, now: Date): Promise<Claim> {
    const nowMs = this.ready(now);
    const live = this.live(entries);
    const claim: Claim = { id: `${new Date(nowMs).toISOString()}#${randomUUID()}`, keys: live.map((e) => e.key) };
    if (!live.length) return claim;
    await this.writeLog(claim.id, this.logFor('claimed', live, nowMs), nowMs, false);
    for (const e of live) if (e.state === 'pending') e.state = 'claimed';
    return claim;
  }

  /** Posting failed: the entries stay due for the next tick. The claim record is removed (best effort). */
  async release(claim: Claim): Promise<void> {
    for (const key of claim.keys) {
      const e = this.entries.get(key);
      if (e && e.state === 'claimed' && !e.redelivery) e.state = 'pending';
    }
    if (claim.keys.length) await this.storage.write(LOG_PREFIX + claim.id, () => null).catch(() => undefined);
  }

  /**
   * Durably marks entries as posted (one delivery record, overwriting the claim when given). In memory they
   * leave the queue at once, so this process never posts them again even if the write has to be retried.
   */
  async markDelivered(entries: ReadonlyArray<{ key: string }>, now?: Date, claim?: Claim): Promise<void> {
    const nowMs = now ? this.ready(now) : this.lastNow;
    const live = this.live(entries);
    if (!live.length) return;
    for (const e of live) {
      e.state = 'delivered';
      e.redelivery = false;
      this.dueHeap.remove(e);
    }
    await this.writeLog(claim?.id ?? `${new Date(nowMs).toISOString()}#${randomUUID()}`, this.logFor('delivered', live, nowMs), nowMs, true);
  }

  /** Removes entries that can no longer be sent usefully (a reminder whose window already closed). */
  async discard(entries: ReadonlyArray<{ key: string }>, now: Date): Promise<void> {
    this.ready(now);
    const changed = new Set<string>();
    for (const e of this.live(entries)) {
      if (e.state === 'delivered') continue;
      this.dropEntry(e);
      if (!e.row.entries.length) this.removeRow(e.row);
      changed.add(e.row.rowKey);
    }
    await this.persistRows(changed);
  }

  /** Retries writes that failed earlier. O(number of failed writes); nothing when all went through. */
  async flush(now: Date): Promise<void> {
    if (!this.loaded) return;
    const nowMs = this.touch(now);
    if (this.dirty.size) await this.persistRows(new Set(this.dirty));
    for (const [id, log] of [...this.unsavedLogs]) await this.writeLog(id, log, nowMs, false);
  }

  /** Waits for writes in flight (shutdown, tests). */
  settle(): Promise<void> {
    return this.storage.settle();
  }

  // ── planning ─────────────────────────────────────────────────────────────────────────────────────────

  /** The entries a contact-channel's current window wants, or null when it has no window to watch. */
  private plan(contact: Contact, ch: ContactChannel, nowMs: number): Plan | null {
    const rule = ruleFor(ch.type, this.rules);
    if (rule.windowHours === null || !ch.lastInboundAt) return null;
    const anchorMs = Date.parse(ch.lastInboundAt);
    if (!Number.isFinite(anchorMs)) return null;
    const anchor = new Date(anchorMs);
    // The window as the policy core defines it, evaluated at its own start: no counters spent yet.
    const atStart = evaluateWindow({
      channel: ch.type,
      now: anchor,
      lastInboundAt: anchor,
      anchorWindowHours: ch.lastInboundWindowHours,
      subscribed: ch.subscribed,
      rules: this.rules,
    });
    if (atStart.state !== 'open' || !atStart.windowClosesAt) return null;
    let closesAt = atStart.windowClosesAt.getTime();
    if (rule.maxOutbound !== null && ch.outboundSinceInbound >= rule.maxOutbound) {
      // The send that reached the cap closed the window at once.
      const last = ch.lastOutboundAt ? Date.parse(ch.lastOutboundAt) : Number.NaN;
      const capAt = Number.isFinite(last) && last >= anchorMs ? last : nowMs;
      closesAt = Math.min(closesAt, capAt);
    }
    const items: PlanItem[] = [];
    const remind = this.leadMinutesFor(ch.type) > 0; // a lead of 0 switches reminders off for the channel
    const standardEnd = atStart.changesAt?.getTime();
    if (remind && this.remindStandard && standardEnd !== undefined && standardEnd < closesAt) {
      items.push({ kind: 'reminder', edge: 'standard', closesAt: standardEnd });
    }
    if (remind) items.push({ kind: 'reminder', edge: 'close', closesAt });
    items.push({ kind: 'notice', edge: 'close', closesAt });
    return {
      anchorIso: anchor.toISOString(),
      anchorMs,
      items: items.filter((it) => this.watched(contact, it)),
    };
  }

  private watched(contact: Contact, item: PlanItem): boolean {
    switch (this.watch) {
      case 'all':
        return true;
      case 'open_only':
        return contact.status === 'open';
      default:
        // Open conversations, and closed ones whose window is still open: entries are only armed while the
        // window is open, and the notice that it closed is what an agent following up needs most.
        return true;
    }
  }

  private creatable(item: PlanItem, nowMs: number): boolean {
    return item.kind === 'notice' ? item.closesAt >= nowMs - this.graceMs : item.closesAt - nowMs >= this.graceMs;
  }

  private dueFor(row: LiveRow, item: PlanItem, nowMs: number): number {
    if (item.kind === 'notice') return item.closesAt;
    return Math.max(item.closesAt - this.leadMinutesFor(row.channel) * 60_000, Math.min(nowMs, item.closesAt));
  }

  /** Applies the plan to a row; true when the row changed. */
  private reconcileRow(row: LiveRow, items: PlanItem[], nowMs: number, result: RearmResult): boolean {
    let changed = false;
    const wanted = new Set<string>();
    for (const item of items) {
      const key = keyInRow(row.rowKey, row.anchorIso, item.kind, item.edge);
      wanted.add(key);
      const existing = this.entries.get(key);
      if (existing) {
        // Delivered or being posted: never again. Same close: keep (a clamped due time must not drift).
        if (existing.state !== 'pending' || existing.closesAt === item.closesAt) continue;
        changed = true;
        if (item.kind === 'reminder' && item.closesAt - nowMs < this.graceMs) {
          this.dropEntry(existing);
          result.cancelled++;
          continue;
        }
        // The window ends at another time (WeChat cap reached, rules changed): move the entry, even into the
        // past — a window we promised to report on is reported, late if need be.
        existing.closesAt = item.closesAt;
        existing.dueAt = this.dueFor(row, item, nowMs);
        this.dueHeap.update(existing);
        result.updated++;
        continue;
      }
      if (!this.creatable(item, nowMs)) continue;
      const entry: LiveEntry = {
        heapIndex: -1,
        key,
        row,
        kind: item.kind,
        edge: item.edge,
        closesAt: item.closesAt,
        dueAt: this.dueFor(row, item, nowMs),
        state: 'pending',
        redelivery: false,
      };
      row.entries.push(entry);
      this.entries.set(key, entry);
      this.dueHeap.push(entry);
      result.created++;
      changed = true;
    }
    for (const e of [...row.entries]) {
      if (wanted.has(e.key) || e.state === 'delivered') continue;
      this.dropEntry(e);
      result.cancelled++;
      changed = true;
    }
    if (!row.entries.length) this.removeRow(row);
    else if (changed) this.refreshExpiry(row, nowMs);
    return changed;
  }

  // ── in-memory bookkeeping ────────────────────────────────────────────────────────────────────────────

  private indexRow(row: LiveRow): void {
    this.rows.set(row.rowKey, row);
    const list = this.byContact.get(row.contactId);
    if (!list) this.byContact.set(row.contactId, [row]);
    else {
      const i = list.findIndex((r) => r.channelKey === row.channelKey);
      if (i >= 0) list[i] = row;
      else list.push(row);
    }
    if (row.expiresAt) this.expiryHeap.update(row);
  }

  /** Removes a row and its entries from memory; returns how many undelivered entries were cancelled. */
  private removeRow(row: LiveRow): number {
    let cancelled = 0;
    for (const e of row.entries) {
      if (e.state !== 'delivered') cancelled++;
      this.entries.delete(e.key);
      this.dueHeap.remove(e);
    }
    row.entries = [];
    if (this.rows.get(row.rowKey) === row) this.rows.delete(row.rowKey);
    const list = this.byContact.get(row.contactId);
    const i = list ? list.indexOf(row) : -1;
    if (list && i >= 0) {
      list.splice(i, 1);
      if (!list.length) this.byContact.delete(row.contactId);
    }
    this.expiryHeap.remove(row);
    return cancelled;
  }

  private dropEntry(e: LiveEntry): void {
    this.entries.delete(e.key);
    this.dueHeap.remove(e);
    const i = e.row.entries.indexOf(e);
    if (i >= 0) e.row.entries.splice(i, 1);
  }

  /** A row lives until a retention period after its last close, and at least that long after its last change. */
  private refreshExpiry(row: LiveRow, nowMs: number): void {
    if (!row.entries.length) return;
    row.expiresAt = Math.max(nowMs, ...row.entries.map((e) => e.closesAt)) + this.retentionMs;
    if (this.rows.get(row.rowKey) === row) this.expiryHeap.update(row);
  }

  /** Forgets rows (in memory) once every entry is delivered and the retention has passed. */
  private expireRows(nowMs: number): void {
    for (let row = this.expiryHeap.peek(); row && row.expiresAt <= nowMs; row = this.expiryHeap.peek()) {
      if (row.entries.some((e) => e.state !== 'delivered')) {
        // Still owed (the sink kept failing): keep it, and its store TTL, for another retention period.
        row.expiresAt = nowMs + this.retentionMs;
        this.expiryHeap.update(row);
        this.dirty.add(row.rowKey);
        continue;
      }
      this.removeRow(row);
    }
  }

  private live(entries: ReadonlyArray<{ key: string }>): LiveEntry[] {
    const out: LiveEntry[] = [];
    const seen = new Set<string>();
    for (const { key } of entries) {
      const e = this.entries.get(key);
      if (e && !seen.has(key)) {
        seen.add(key);
        out.push(e);
      }
    }
    return out;
  }

  private view(e: LiveEntry, nowMs: number): DueEntry {
    return {
      key: e.key,
      contactId: e.row.contactId,
      channel: e.row.channel,
      channelKey: e.row.channelKey,
      kind: e.kind,
      edge: e.edge,
      anchor: new Date(e.row.anchorMs),
      windowClosesAt: new Date(e.closesAt),
      dueAt: new Date(e.dueAt),
      state: e.state,
      late: nowMs - e.dueAt > this.graceMs,
      redelivery: e.redelivery,
    };
  }

  private touch(now: Date): number {
    const t = now.getTime();
    if (!Number.isFinite(t)) throw new TypeError('notify: invalid clock value');
    this.lastNow = t;
    return t;
  }

  // ── persistence ──────────────────────────────────────────────────────────────────────────────────────

  private storedRow(rowKey: string): { value: StoredRow; ttlMs: number } | null {
    const row = this.rows.get(rowKey);
    if (!row || !row.entries.length) return null;
    const value: StoredRow = {
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
    return { value, ttlMs: row.expiresAt - this.lastNow };
  }

  private async persistRows(rowKeys: Set<string>): Promise<void> {
    if (!rowKeys.size) return;
    const results = await Promise.allSettled(
      [...rowKeys].map(async (rowKey) => {
        try {
          await this.storage.write(ROW_PREFIX + rowKey, () => this.storedRow(rowKey));
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

  private logFor(state: StoredLog['state'], live: LiveEntry[], nowMs: number): StoredLog {
    const expiresAt = Math.max(nowMs + this.retentionMs, ...live.map((e) => e.row.expiresAt));
    return {
      v: 1,
      state,
      at: new Date(nowMs).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      keys: live.map((e) => e.key),
    };
  }

  /** Writes a delivery record; with `keepForRetry`, a failure is remembered and retried by `flush`. */
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
