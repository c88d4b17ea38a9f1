/**
 * The in-memory side of the window schedule: one live row per watched contact-channel holding its entries, a
 * min-heap of undelivered entries by due time (a tick peeks it: O(1) when nothing is due, O(k) for k due
 * entries) and a min-heap of rows by expiry. It applies the planner's decisions and knows nothing of the store.
 *
 * Identity: `${contactId}|${channelKey}|${anchorISO}|${kind}` (kind `reminder@standard` for the Messenger/
 * Instagram standard-window reminder). Anchors only move forward: a plan carrying an older anchor than the
 * row is ignored, so stale reads cannot resurrect an answered window.
 */
import type { ChannelType } from '../policy/index.js';
import { type HeapItem, IndexedMinHeap } from './heap.js';
import { type NoticeKind, type WindowEdge, type WindowPlan, entryAction } from './planner.js';
import type { EntryState } from './storage.js';

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
  /** The claim that left it in doubt (restored as claimed): the Slack side can look for that post. */
  inDoubt: InDoubtClaim | null;
}

/** A claim read back from the store without its delivery record: posted or not, nobody knows yet. */
export interface InDoubtClaim {
  claimId: string;
  /** When it was claimed (the schedule's clock). */
  claimedAt: Date;
}

export interface RearmResult {
  created: number;
  updated: number;
  cancelled: number;
}

/** Which contact-channel a row is for. */
export interface RowIdentity {
  rowKey: string;
  contactId: string;
  channel: ChannelType;
  channelKey: string;
}

export interface LiveRow extends HeapItem, RowIdentity {
  anchorIso: string;
  anchorMs: number;
  entries: LiveEntry[];
  expiresAt: number;
}

/**
 * One entry of a live row. Its key is computed from the row when asked, not kept: 200k rows' keys and the map
 * from key to entry held 72 MB of a restored schedule at a million contacts; a key names its row, and the row
 * its entries.
 */
export class LiveEntry implements HeapItem {
  heapIndex = -1;
  /** Restored as `claimed` from the store: a crash may have happened after posting. */
  redelivery = false;
  /** The stored claim behind `redelivery`, when known. */
  inDoubt: InDoubtClaim | null = null;

  constructor(
    readonly row: LiveRow,
    readonly kind: NoticeKind,
    readonly edge: WindowEdge,
    public closesAt: number,
    public dueAt: number,
    public state: EntryState,
  ) {}

  get key(): string {
    return keyInRow(this.row.rowKey, this.row.anchorIso, this.kind, this.edge);
  }
}

const STATE_RANK: Record<EntryState, number> = { pending: 0, claimed: 1, delivered: 2 };

/** The further along of two states of one entry (delivery records may be read in any order). */
export function laterState(a: EntryState | undefined, b: EntryState): EntryState {
  return a !== undefined && STATE_RANK[a] >= STATE_RANK[b] ? a : b;
}

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

export function keyInRow(rowKey: string, anchorIso: string, kind: NoticeKind, edge: WindowEdge): string {
  return `${rowKey}|${anchorIso}|${kindTag(kind, edge)}`;
}

function kindTag(kind: NoticeKind, edge: WindowEdge): string {
  return edge === 'standard' ? `${kind}@standard` : kind;
}

/** The entry as the notifier sees it at `nowMs`. */
export function viewOf(e: LiveEntry, nowMs: number, graceMs: number): DueEntry {
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
    late: nowMs - e.dueAt > graceMs,
    redelivery: e.redelivery,
    inDoubt: e.inDoubt,
  };
}

export class DueIndex {
  private readonly rows = new Map<string, LiveRow>();
  private readonly byContact = new Map<string, LiveRow[]>();
  private entryCount = 0;
  private readonly dueHeap = new IndexedMinHeap<LiveEntry>((e) => e.dueAt);
  private readonly expiryHeap = new IndexedMinHeap<LiveRow>((r) => r.expiresAt);

  /** `retentionMs`: how long a row outlives its last close (and its last change). */
  constructor(private readonly retentionMs: number) {}

  get size(): { rows: number; entries: number; queued: number } {
    return { rows: this.rows.size, entries: this.entryCount, queued: this.dueHeap.size };
  }

  row(rowKey: string): LiveRow | undefined {
    return this.rows.get(rowKey);
  }

  rowsOf(contactId: string): readonly LiveRow[] {
    return this.byContact.get(contactId) ?? [];
  }

  /** The live entry with this key: its row's (the key's part before the anchor), at that anchor and kind. */
  entry(key: string): LiveEntry | undefined {
    const tagAt = key.lastIndexOf('|');
    const anchorAt = key.lastIndexOf('|', tagAt - 1);
    if (anchorAt < 0) return undefined;
    const row = this.rows.get(key.slice(0, anchorAt));
    if (row === undefined || row.anchorIso !== key.slice(anchorAt + 1, tagAt)) return undefined;
    const tag = key.slice(tagAt + 1);
    return row.entries.find((e) => kindTag(e.kind, e.edge) === tag);
  }

  /** The live entries behind some keys, each once, in the order given; unknown keys are skipped. */
  live(keyed: ReadonlyArray<{ key: string }>): LiveEntry[] {
    const out: LiveEntry[] = [];
    const seen = new Set<string>();
    for (const { key } of keyed) {
      const e = this.entry(key);
      if (e && !seen.has(key)) {
        seen.add(key);
        out.push(e);
      }
    }
    return out;
  }

  // ── start ────────────────────────────────────────────────────────────────────────────────────────────

  clear(): void {
    this.rows.clear();
    this.byContact.clear();
    this.entryCount = 0;
    this.dueHeap.replaceAll([]);
    this.expiryHeap.replaceAll([]);
  }

  /** Adds a row read from the store; `finishRestore` builds the heaps once every row is in. */
  addRestored(row: LiveRow): void {
    this.entryCount += row.entries.length;
    this.rows.set(row.rowKey, row);
    const list = this.byContact.get(row.contactId);
    if (list) list.push(row);
    else this.byContact.set(row.contactId, [row]);
  }

  /**
   * Applies the delivery records' states (and, for entries left claimed, the newest claim) and queues what is
   * undelivered; returns how many are due at `nowMs`.
   */
  finishRestore(
    deliveries: ReadonlyMap<string, EntryState>,
    claims: ReadonlyMap<string, InDoubtClaim>,
    nowMs: number,
  ): number {
    for (const [key, state] of deliveries) {
      const e = this.entry(key);
      if (e) e.state = laterState(e.state, state);
    }
    const queued: LiveEntry[] = [];
    let due = 0;
    for (const row of this.rows.values()) {
      for (const e of row.entries) {
        e.redelivery = e.state === 'claimed';
        e.inDoubt = e.redelivery ? (claims.get(e.key) ?? null) : null;
        if (e.state === 'delivered') continue;
        queued.push(e);
        if (e.dueAt <= nowMs) due++;
      }
    }
    this.dueHeap.replaceAll(queued);
    this.expiryHeap.replaceAll([...this.rows.values()]);
    return due;
  }

  // ── arming ───────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Brings a contact-channel's row in line with its window plan (null: no window to watch): arms what the
   * plan wants, cancels what it no longer wants, leaves delivered entries alone. True when the row changed.
   */
  reconcile(target: RowIdentity, plan: WindowPlan | null, nowMs: number, result: RearmResult): boolean {
    let row = this.byContact.get(target.contactId)?.find((r) => r.channelKey === target.channelKey);
    if (plan && row && plan.anchorMs < row.anchorMs) return false; // stale record: anchors only move forward
    let changed = false;
    if (row && (!plan || plan.anchorIso !== row.anchorIso)) {
      result.cancelled += this.removeRow(row);
      changed = true;
      row = undefined;
    }
    if (!plan) return changed;
    if (!row) {
      if (!plan.entries.some((it) => it.armable)) return changed;
      row = { heapIndex: -1, ...target, anchorIso: plan.anchorIso, anchorMs: plan.anchorMs, entries: [], expiresAt: 0 };
      this.indexRow(row);
    }
    return this.applyPlan(row, plan, nowMs, result) || changed;
  }

  /** Removes the contact's rows for channels it no longer has; returns their keys. */
  removeRowsExcept(contactId: string, channelKeys: ReadonlySet<string>, result: RearmResult): string[] {
    const removed: string[] = [];
    for (const row of [...this.rowsOf(contactId)]) {
      if (channelKeys.has(row.channelKey)) continue;
      result.cancelled += this.removeRow(row);
      removed.push(row.rowKey);
    }
    return removed;
  }

  /** Drops every row of a contact; returns how many undelivered entries that cancelled, and the row keys. */
  forget(contactId: string): { cancelled: number; rowKeys: string[] } {
    let cancelled = 0;
    const rowKeys: string[] = [];
    for (const row of [...this.rowsOf(contactId)]) {
      cancelled += this.removeRow(row);
      rowKeys.push(row.rowKey);
    }
    return { cancelled, rowKeys };
  }

  /** Removes undelivered entries (and rows left empty); returns the keys of the rows that changed. */
  discard(entries: readonly LiveEntry[]): Set<string> {
    const changed = new Set<string>();
    for (const e of entries) {
      if (e.state === 'delivered') continue;
      this.dropEntry(e);
      if (!e.row.entries.length) this.removeRow(e.row);
      changed.add(e.row.rowKey);
    }
    return changed;
  }

  private applyPlan(row: LiveRow, plan: WindowPlan, nowMs: number, result: RearmResult): boolean {
    let changed = false;
    const wanted = new Set<string>();
    for (const planned of plan.entries) {
      wanted.add(kindTag(planned.kind, planned.edge));
      const armed = row.entries.find((e) => e.kind === planned.kind && e.edge === planned.edge);
      switch (entryAction(planned, armed)) {
        case 'keep':
        case 'skip':
          continue;
        case 'cancel':
          this.dropEntry(armed!);
          result.cancelled++;
          break;
        case 'move':
          armed!.closesAt = planned.closesAt;
          armed!.dueAt = planned.dueAt;
          this.dueHeap.update(armed!);
          result.updated++;
          break;
        case 'create': {
          const entry = new LiveEntry(row, planned.kind, planned.edge, planned.closesAt, planned.dueAt, 'pending');
          row.entries.push(entry);
          this.entryCount++;
          this.dueHeap.push(entry);
          result.created++;
          break;
        }
      }
      changed = true;
    }
    for (const e of [...row.entries]) {
      if (wanted.has(kindTag(e.kind, e.edge)) || e.state === 'delivered') continue;
      this.dropEntry(e);
      result.cancelled++;
      changed = true;
    }
    if (!row.entries.length) this.removeRow(row);
    else if (changed) this.refreshExpiry(row, nowMs);
    return changed;
  }

  // ── ticking and delivery ─────────────────────────────────────────────────────────────────────────────

  /** Undelivered entries due at `nowMs`, oldest first (ties by key). O(1) when nothing is due. */
  due(nowMs: number): LiveEntry[] {
    const top = this.dueHeap.peek();
    if (!top || top.dueAt > nowMs) return [];
    return this.dueHeap.collectUpTo(nowMs).sort((a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : 1));
  }

  /** Due time of the oldest undelivered entry due at `nowMs`, or null; reads only the heap's top. */
  oldestDueAt(nowMs: number): number | null {
    const top = this.dueHeap.peek();
    return top && top.dueAt <= nowMs ? top.dueAt : null;
  }

  markClaimed(entries: readonly LiveEntry[]): void {
    for (const e of entries) if (e.state === 'pending') e.state = 'claimed';
  }

  /** Posting failed: back to pending, except entries restored as claimed (they may have been posted). */
  release(keys: readonly string[]): void {
    for (const key of keys) {
      const e = this.entry(key);
      if (e && e.state === 'claimed' && !e.redelivery) e.state = 'pending';
    }
  }

  /** Posted: they leave the queue at once, so this process never posts them again. */
  markDelivered(entries: readonly LiveEntry[]): void {
    for (const e of entries) {
      e.state = 'delivered';
      e.redelivery = false;
      e.inDoubt = null;
      this.dueHeap.remove(e);
    }
  }

  /**
   * Forgets rows once every entry is delivered and the retention has passed. A row still owed (the sink kept
   * failing) is kept for another retention period instead, and handed to `onKept` to be written again.
   */
  expireRows(nowMs: number, onKept: (rowKey: string) => void): void {
    for (let row = this.expiryHeap.peek(); row && row.expiresAt <= nowMs; row = this.expiryHeap.peek()) {
      if (row.entries.some((e) => e.state !== 'delivered')) {
        row.expiresAt = nowMs + this.retentionMs;
        this.expiryHeap.update(row);
        onKept(row.rowKey);
        continue;
      }
      this.removeRow(row);
    }
  }

  // ── bookkeeping ──────────────────────────────────────────────────────────────────────────────────────

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

  /** Removes a row and its entries; returns how many undelivered entries were cancelled. */
  private removeRow(row: LiveRow): number {
    let cancelled = 0;
    for (const e of row.entries) {
      if (e.state !== 'delivered') cancelled++;
      this.dueHeap.remove(e);
    }
    this.entryCount -= row.entries.length;
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
    this.dueHeap.remove(e);
    const i = e.row.entries.indexOf(e);
    if (i >= 0) {
      e.row.entries.splice(i, 1);
      this.entryCount--;
    }
  }

  /** A row lives until a retention period after its last close, and at least that long after its last change. */
  private refreshExpiry(row: LiveRow, nowMs: number): void {
    if (!row.entries.length) return;
    row.expiresAt = Math.max(nowMs, ...row.entries.map((e) => e.closesAt)) + this.retentionMs;
    if (this.rows.get(row.rowKey) === row) this.expiryHeap.update(row);
  }
}
