/**
 * Per contact slot, its channels ("rows") as what the channel and window-state filters need, in typed
 * arrays rather than objects (a million contacts): the channel type, and the window's segments over all
 * time (window-segments.ts: evaluateWindow's states and the instants they change at, which depend on the
 * stored anchors and the rules, never on the clock), computed with the rest of a contact (contact-batch.ts).
 *
 * The clock enters only here, as the instant the filters were last answered for (`at`): per row the segment
 * holding `at`, and per window state (and per channel type × state) a bitset of the slots with some row in
 * it. A query at another instant first moves `at` there, re-reading only the rows with a change instant in
 * between (a range of the time-ordered `changes`), so a query a second after the last one costs the few
 * windows that changed in that second, not a million evaluations.
 *
 * "Closing within the next N hours" is kept the same way, for one span at a time (24 h, the span the Slack
 * filter offers, until a query asks for another): a row is in it from max(segment start, windowClosesAt − N h)
 * until its free-text segment ends, so that first instant is one more change instant of the row, and per channel
 * type a bitset holds the rows in it at `at`. A query for another span re-keys the change instants once.
 */
import { CHANNEL_TYPES, type ChannelType, WINDOW_STATES, type WindowState } from '../policy/index.js';
import { bitsetWords, clearBit, setBit } from './bitset.js';
import type { ContactBatch } from './contact-batch.js';
import { DEFAULT_CLOSING_WITHIN_HOURS } from './query.js';
import { TimeBuckets, hourOf } from './time-buckets.js';
import { FREE_TEXT_STATES, MAX_SEGMENTS } from './window-segments.js';

export const CHANNEL_INDEX = new Map<ChannelType, number>(CHANNEL_TYPES.map((t, i) => [t, i]));
export const WINDOW_STATE_INDEX = new Map<WindowState, number>(WINDOW_STATES.map((s, i) => [s, i]));
const STATES = WINDOW_STATES.length;
const TYPES = CHANNEL_TYPES.length;
const BOUNDS = MAX_SEGMENTS - 1;
const FREE_TEXT = WINDOW_STATES.map((s) => FREE_TEXT_STATES.has(s));
/** Moving `at` across more change instants than this share of the rows re-reads every row instead. */
const FULL_PASS_SHARE = 1 / 8;
/** Stale bucket entries tolerated beyond the live ones before the buckets are rebuilt. */
const STALE_ENTRIES_SLACK = 1024;
/** Garbage rows (of replaced or removed channels) tolerated, beyond half the rows, before a compaction. */
const GARBAGE_SLACK = 1024;
/** The "closing soon" span kept as a set until a query asks for another, ms. */
const DEFAULT_SOON_MS = DEFAULT_CLOSING_WITHIN_HOURS * 3_600_000;

type Column = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

/** One more instant in the hour `at` falls in (sizing buckets before a rebuild). */
function countHour(hours: Map<number, number>, at: number): void {
  const hour = hourOf(at);
  hours.set(hour, (hours.get(hour) ?? 0) + 1);
}

function grown<T extends Column>(arr: T, size: number, fill = 0): T {
  const next = new (arr.constructor as new (n: number) => T)(size);
  next.set(arr.subarray(0, Math.min(arr.length, size)));
  if (fill !== 0) next.fill(fill, arr.length);
  return next;
}

export class ChannelRows {
  // Per slot.
  private start = new Int32Array(0);
  private count = new Uint16Array(0);
  /** Bit i set = the contact has a channel of type CHANNEL_TYPES[i]. */
  mask = new Uint16Array(0);

  // Per row (one contact channel); a slot's rows are contiguous. A row not owned by a slot has slotOf -1.
  private used = 0;
  private garbage = 0;
  private type = new Uint8Array(0);
  private slotOf = new Int32Array(0);
  /** Per row MAX_SEGMENTS states (WINDOW_STATES index) and windowClosesAt (ms, NaN = none). */
  private segState = new Uint8Array(0);
  private segCloses = new Float64Array(0);
  /** Per row MAX_SEGMENTS - 1 instants: segment i + 1 starts at bound i; unused ones are +Infinity. */
  private bound = new Float64Array(0);
  /** Per row: the segment holding `at`, and whether that segment is free text closing within soonMs of `at`. */
  private current = new Uint8Array(0);
  private soon = new Uint8Array(0);

  /** The instant the state bitsets hold for; NaN until the first query. */
  private at = NaN;
  /** [type × STATES + state]: slots with a row of that type in that state; [TYPES × STATES + state]: of any type. */
  private stateBits: Uint32Array[] = Array.from({ length: (TYPES + 1) * STATES }, () => new Uint32Array(0));
  /** The "closing soon" span the change instants and soonBits are kept for, ms. */
  private soonMs = DEFAULT_SOON_MS;
  /** [type]: slots with a row of that type closing within soonMs of `at`; [TYPES]: of any type. */
  private soonBits: Uint32Array[] = Array.from({ length: TYPES + 1 }, () => new Uint32Array(0));
  /**
   * The time-ordered entries are built at the first query, all at once and sized by a count: a bulk load
   * writes a million rows before any query, and adding them one by one cost a second in growing buckets.
   */
  private bucketsBuilt = false;
  /** Each row's change instants (entries of rewritten rows stay behind, stale, until a rebuild). */
  private readonly changes = new TimeBuckets();
  /** Entries of `changes` that belong to live rows. */
  private liveChanges = 0;

  growSlots(size: number): void {
    this.start = grown(this.start, size);
    this.count = grown(this.count, size);
    this.mask = grown(this.mask, size);
    const words = bitsetWords(size);
    this.stateBits = this.stateBits.map((bits) => grown(bits, words));
    this.soonBits = this.soonBits.map((bits) => grown(bits, words));
  }

  reserveRows(rows: number): void {
    if (rows > this.type.length) this.growRows(rows);
  }

  /** Replaces the slot's rows with the channel rows of contact `i` of a batch (their segments computed there). */
  write(slot: number, batch: ContactBatch, i: number): void {
    const from = batch.rowStart[i]!;
    const n = batch.rowStart[i + 1]! - from;
    const old = this.count[slot]!;
    this.forgetRows(slot);
    let start = this.start[slot]!;
    if (n > old) {
      this.count[slot] = 0; // its old rows are garbage now, also for a compaction right here
      this.garbage += old;
      if (this.garbage > GARBAGE_SLACK && this.garbage > this.used / 2) this.compact();
      if (this.used + n > this.type.length) this.growRows(Math.max(4096, Math.ceil((this.used + n) * 1.5)));
      start = this.used;
      this.used += n;
    } else {
      this.garbage += old - n;
    }
    this.start[slot] = start;
    this.count[slot] = n;
    let mask = 0;
    for (let k = 0; k < n; k++) {
      const r = start + k;
      const type = batch.rowType[from + k]!;
      mask |= 1 << type;
      this.type[r] = type;
      this.slotOf[r] = slot;
      this.storeSegments(r, batch, from + k);
      if (!Number.isNaN(this.at)) this.placeRow(r, this.at);
    }
    this.mask[slot] = mask;
    if (!Number.isNaN(this.at)) this.setSlotBits(slot);
    this.maybeRebuildBuckets();
  }

  clear(slot: number): void {
    this.forgetRows(slot);
    this.garbage += this.count[slot]!;
    this.count[slot] = 0;
    this.mask[slot] = 0;
  }

  /** Moves the state bitsets to instant `t` (ms). */
  advanceTo(t: number): void {
    if (!this.bucketsBuilt) this.rebuildBuckets();
    const from = this.at;
    if (t === from) return;
    if (Number.isNaN(from)) {
      this.materialize(t);
      return;
    }
    const lo = Math.min(from, t);
    const hi = Math.max(from, t);
    const limit = Math.max(1024, (this.used - this.garbage) * FULL_PASS_SHARE);
    if (this.changes.countUpTo(lo, hi, limit) > limit) {
      this.materialize(t);
      return;
    }
    this.at = t;
    // A row whose change instant b lies in (lo, hi] is in another segment at t than at `from`.
    this.changes.forEachIn(lo, hi, (r) => {
      const slot = this.slotOf[r]!;
      if (slot < 0) return;
      const before = this.segState[r * MAX_SEGMENTS + this.current[r]!]!;
      const wasSoon = this.soon[r]!;
      this.placeRow(r, t);
      if (this.segState[r * MAX_SEGMENTS + this.current[r]!] === before && this.soon[r] === wasSoon) return;
      this.clearRowBits(slot, this.type[r]!, before, wasSoon);
      this.setSlotBits(slot);
    });
  }

  /** Slots with some row (of channel type `type`, or any when -1) in `state` at the instant of the last advanceTo. */
  slotsInState(state: WindowState, type: number): Uint32Array {
    return this.stateBits[(type < 0 ? TYPES : type) * STATES + WINDOW_STATE_INDEX.get(state)!]!;
  }

  /**
   * Slots with some row (of type `type`, or any when -1) whose free-text window (open, or Messenger/Instagram's
   * HUMAN_AGENT extension) holds at the instant of the last advanceTo and closes within `withinMs` of it,
   * inclusive. Another span than the last one re-keys every row's change instants first (a pass over the rows).
   */
  slotsClosingWithin(withinMs: number, type: number): Uint32Array {
    if (withinMs !== this.soonMs) {
      this.soonMs = withinMs;
      this.rebuildBuckets();
      if (!Number.isNaN(this.at)) this.materialize(this.at);
    }
    return this.soonBits[type < 0 ? TYPES : type]!;
  }

  // ---- rows ----

  /** Row `from` of a batch, as row r. */
  private storeSegments(r: number, batch: ContactBatch, from: number): void {
    for (let j = 0; j < MAX_SEGMENTS; j++) {
      this.segState[r * MAX_SEGMENTS + j] = batch.segState[from * MAX_SEGMENTS + j]!;
      this.segCloses[r * MAX_SEGMENTS + j] = batch.segCloses[from * MAX_SEGMENTS + j]!;
    }
    for (let j = 0; j < BOUNDS; j++) this.bound[r * BOUNDS + j] = batch.segBounds[from * BOUNDS + j]!;
    if (this.bucketsBuilt) this.rowEntries(r, this.addChange);
  }

  private readonly addChange = (r: number, at: number): void => {
    this.changes.add(r, at);
    this.liveChanges++;
  };

  private readonly dropChange = (): void => {
    this.liveChanges--;
  };

  /** A row's change instants: where a segment ends, and where a free-text one starts closing within soonMs. */
  private rowEntries(r: number, change: (r: number, at: number) => void): void {
    for (let i = 0; i < MAX_SEGMENTS; i++) {
      const from = i === 0 ? -Infinity : this.bound[r * BOUNDS + i - 1]!;
      const until = i < BOUNDS ? this.bound[r * BOUNDS + i]! : Infinity;
      if (until !== Infinity) change(r, until);
      const closes = this.segCloses[r * MAX_SEGMENTS + i]!;
      if (!FREE_TEXT[this.segState[r * MAX_SEGMENTS + i]!] || Number.isNaN(closes)) continue;
      // Entering "closing soon" inside the segment is a change; at its start or never, it is not one of its own.
      const soonFrom = closes - this.soonMs;
      if (soonFrom > from && soonFrom < until) change(r, soonFrom);
    }
  }

  /** The segment of row r holding instant t. */
  private segmentAt(r: number, t: number): number {
    let seg = 0;
    while (seg < BOUNDS && t >= this.bound[r * BOUNDS + seg]!) seg++;
    return seg;
  }

  /** Row r's segment at t, and whether it closes within soonMs of t (NaN closes: never). */
  private placeRow(r: number, t: number): void {
    const seg = this.segmentAt(r, t);
    this.current[r] = seg;
    const at = r * MAX_SEGMENTS + seg;
    this.soon[r] = FREE_TEXT[this.segState[at]!] && this.segCloses[at]! - t <= this.soonMs ? 1 : 0;
  }

  /** Detaches a slot's rows: their bits, their entries, their owner. */
  private forgetRows(slot: number): void {
    const start = this.start[slot]!;
    const end = start + this.count[slot]!;
    for (let r = start; r < end; r++) {
      if (!Number.isNaN(this.at)) {
        this.clearRowBits(slot, this.type[r]!, this.segState[r * MAX_SEGMENTS + this.current[r]!]!, this.soon[r]!);
      }
      if (this.bucketsBuilt) this.rowEntries(r, this.dropChange);
      this.slotOf[r] = -1;
    }
  }

  // ---- state bitsets ----

  /**
   * Clears the slot's bits for one row's (type, state) and closing soon, with their any-type bits; setSlotBits
   * restores what the slot's other rows hold.
   */
  private clearRowBits(slot: number, type: number, state: number, soon: number): void {
    clearBit(this.stateBits[type * STATES + state]!, slot);
    clearBit(this.stateBits[TYPES * STATES + state]!, slot);
    if (soon === 0) return;
    clearBit(this.soonBits[type]!, slot);
    clearBit(this.soonBits[TYPES]!, slot);
  }

  private setSlotBits(slot: number): void {
    const start = this.start[slot]!;
    const end = start + this.count[slot]!;
    for (let r = start; r < end; r++) this.setRowBits(slot, r);
  }

  private setRowBits(slot: number, r: number): void {
    const type = this.type[r]!;
    const state = this.segState[r * MAX_SEGMENTS + this.current[r]!]!;
    setBit(this.stateBits[type * STATES + state]!, slot);
    setBit(this.stateBits[TYPES * STATES + state]!, slot);
    if (this.soon[r] === 0) return;
    setBit(this.soonBits[type]!, slot);
    setBit(this.soonBits[TYPES]!, slot);
  }

  /** Every row's segment at t, and the bitsets from scratch. */
  private materialize(t: number): void {
    this.at = t;
    for (const bits of this.stateBits) bits.fill(0);
    for (const bits of this.soonBits) bits.fill(0);
    for (let r = 0; r < this.used; r++) {
      const slot = this.slotOf[r]!;
      if (slot < 0) continue;
      this.placeRow(r, t);
      this.setRowBits(slot, r);
    }
  }

  // ---- storage ----

  private growRows(size: number): void {
    this.type = grown(this.type, size);
    this.slotOf = grown(this.slotOf, size, -1);
    this.segState = grown(this.segState, size * MAX_SEGMENTS);
    this.segCloses = grown(this.segCloses, size * MAX_SEGMENTS);
    this.bound = grown(this.bound, size * BOUNDS);
    this.current = grown(this.current, size);
    this.soon = grown(this.soon, size);
  }

  /** Rewrites the rows without the ones replaced or removed contacts left behind, and the buckets with them. */
  private compact(): void {
    const size = Math.max(4096, Math.ceil((this.used - this.garbage) * 1.5));
    const type = new Uint8Array(size);
    const slotOf = new Int32Array(size).fill(-1);
    const segState = new Uint8Array(size * MAX_SEGMENTS);
    const segCloses = new Float64Array(size * MAX_SEGMENTS);
    const bound = new Float64Array(size * BOUNDS);
    const current = new Uint8Array(size);
    const soon = new Uint8Array(size);
    let n = 0;
    for (let slot = 0; slot < this.start.length; slot++) {
      const start = this.start[slot]!;
      const count = this.count[slot]!;
      if (count === 0) continue;
      const end = start + count;
      type.set(this.type.subarray(start, end), n);
      slotOf.set(this.slotOf.subarray(start, end), n);
      segState.set(this.segState.subarray(start * MAX_SEGMENTS, end * MAX_SEGMENTS), n * MAX_SEGMENTS);
      segCloses.set(this.segCloses.subarray(start * MAX_SEGMENTS, end * MAX_SEGMENTS), n * MAX_SEGMENTS);
      bound.set(this.bound.subarray(start * BOUNDS, end * BOUNDS), n * BOUNDS);
      current.set(this.current.subarray(start, end), n);
      soon.set(this.soon.subarray(start, end), n);
      this.start[slot] = n;
      n += count;
    }
    this.type = type;
    this.slotOf = slotOf;
    this.segState = segState;
    this.segCloses = segCloses;
    this.bound = bound;
    this.current = current;
    this.soon = soon;
    this.used = n;
    this.garbage = 0;
    if (this.bucketsBuilt) this.rebuildBuckets();
  }

  private maybeRebuildBuckets(): void {
    if (this.bucketsBuilt && this.changes.size > 2 * this.liveChanges + STALE_ENTRIES_SLACK) this.rebuildBuckets();
  }

  /** The entries of the live rows only (after a compaction, under their new row numbers), counted first. */
  private rebuildBuckets(): void {
    const changeHours = new Map<number, number>();
    const countChange = (_: number, at: number) => countHour(changeHours, at);
    for (let r = 0; r < this.used; r++) if (this.slotOf[r]! >= 0) this.rowEntries(r, countChange);
    this.changes.clear(changeHours);
    this.liveChanges = 0;
    for (let r = 0; r < this.used; r++) if (this.slotOf[r]! >= 0) this.rowEntries(r, this.addChange);
    this.bucketsBuilt = true;
  }
}
