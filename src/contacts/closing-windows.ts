/**
 * Every free-text window segment (open, or Messenger/Instagram's HUMAN_AGENT extension) of every channel
 * row, bucketed by the hour its window closes, each entry carrying what "closes within N hours of t" needs:
 * the slot, the channel type, the span in which the segment holds, and the close. The answer is a range of
 * hours read in order, with no lookup per row (a lookup per row cost 15 ms for the 24 hours at 1M contacts).
 *
 * Entries are exact: rewriting a row removes its entries (the bucket's last entry moves into the gap), so
 * nothing stale is ever read. An entry is named by its owner, `row × MAX_SEGMENTS + segment`.
 */
import type { SlotSet } from './bitset.js';
import { firstIndexAtLeast } from './sorted-search.js';
import { hourOf } from './time-buckets.js';

/** An hour of closes holds thousands of windows at a million contacts: start big, grow rarely. */
const FIRST_BUCKET_SIZE = 256;

interface Bucket {
  owner: Int32Array;
  slot: Int32Array;
  type: Uint8Array;
  from: Float64Array;
  until: Float64Array;
  closes: Float64Array;
  n: number;
}

function emptyBucket(size: number): Bucket {
  return {
    owner: new Int32Array(size),
    slot: new Int32Array(size),
    type: new Uint8Array(size),
    from: new Float64Array(size),
    until: new Float64Array(size),
    closes: new Float64Array(size),
    n: 0,
  };
}

export class ClosingWindows {
  private readonly buckets = new Map<number, Bucket>();
  /** Bucket keys in increasing order, rebuilt on the next read after a bucket was added or emptied. */
  private keys: number[] = [];
  private keysValid = true;
  /** Per owner: its entry's index in the bucket of its close, or -1. */
  private position = new Int32Array(0);

  /** Makes room for owners below `size`. */
  growOwners(size: number): void {
    const position = new Int32Array(size).fill(-1);
    position.set(this.position.subarray(0, Math.min(size, this.position.length)));
    this.position = position;
  }

  /** Empties the buckets; `sizes` (entries per hour of close) makes room for a rebuild without growing any. */
  clear(sizes?: ReadonlyMap<number, number>): void {
    this.buckets.clear();
    for (const [key, n] of sizes ?? []) this.buckets.set(key, emptyBucket(Math.max(1, n)));
    this.keys = [];
    this.keysValid = false;
    this.position.fill(-1);
  }

  /** A free-text segment holding in [from, until) whose window closes at `closes` (finite). */
  add(owner: number, slot: number, type: number, from: number, until: number, closes: number): void {
    const key = hourOf(closes);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = emptyBucket(FIRST_BUCKET_SIZE);
      this.buckets.set(key, bucket);
      this.keysValid = false;
    }
    if (bucket.n === bucket.owner.length) {
      const bigger = emptyBucket(bucket.n * 2);
      bigger.owner.set(bucket.owner);
      bigger.slot.set(bucket.slot);
      bigger.type.set(bucket.type);
      bigger.from.set(bucket.from);
      bigger.until.set(bucket.until);
      bigger.closes.set(bucket.closes);
      bigger.n = bucket.n;
      this.buckets.set(key, (bucket = bigger));
    }
    const i = bucket.n++;
    bucket.owner[i] = owner;
    bucket.slot[i] = slot;
    bucket.type[i] = type;
    bucket.from[i] = from;
    bucket.until[i] = until;
    bucket.closes[i] = closes;
    this.position[owner] = i;
  }

  /** Removes the owner's entry, if it has one; `closes` is the close it was added with. */
  remove(owner: number, closes: number): void {
    const i = this.position[owner]!;
    if (i < 0) return;
    this.position[owner] = -1;
    const key = hourOf(closes);
    const bucket = this.buckets.get(key)!;
    const last = --bucket.n;
    if (i !== last) {
      const moved = bucket.owner[last]!;
      bucket.owner[i] = moved;
      bucket.slot[i] = bucket.slot[last]!;
      bucket.type[i] = bucket.type[last]!;
      bucket.from[i] = bucket.from[last]!;
      bucket.until[i] = bucket.until[last]!;
      bucket.closes[i] = bucket.closes[last]!;
      this.position[moved] = i;
    }
    if (last === 0) {
      this.buckets.delete(key);
      this.keysValid = false;
    }
  }

  /**
   * Adds to `into` the slots with an entry (of channel type `type`, or any when -1) holding at t whose window
   * closes within `withinMs` after t, inclusive. An entry holding at t closes after t (its owner checks it),
   * so only the hours from t to t + withinMs are read; one more millisecond is read against rounding.
   */
  addSlotsClosingWithin(t: number, withinMs: number, type: number, into: SlotSet): void {
    if (!this.keysValid) {
      this.keys = [...this.buckets.keys()].sort((a, b) => a - b);
      this.keysValid = true;
    }
    const first = hourOf(t);
    const last = hourOf(t + withinMs + 1);
    for (let k = firstIndexAtLeast(this.keys, first); k < this.keys.length && this.keys[k]! <= last; k++) {
      const b = this.buckets.get(this.keys[k]!)!;
      for (let i = 0; i < b.n; i++) {
        if (b.from[i]! <= t && t < b.until[i]! && b.closes[i]! - t <= withinMs && (type < 0 || b.type[i] === type)) {
          into.add(b.slot[i]!);
        }
      }
    }
  }
}
