/**
 * Instants of channel rows, bucketed by the hour: the rows with an instant in (from, to] cost the entries of
 * the hours in between, however many entries there are in all. This is what makes "which windows change
 * between two queries" and "which windows close within the next 24 h" ranges rather than scans.
 *
 * Entries are not removed one by one: a row that changed leaves its old entries behind, and every reader
 * checks the row's current values (an entry only says where to look). The owner rebuilds the buckets when
 * stale entries outnumber the live ones.
 */
import { firstIndexAtLeast } from './sorted-search.js';

const BUCKET_MS = 3_600_000;
const FIRST_BUCKET_SIZE = 16;

/** The hour an instant is bucketed under. */
export function hourOf(at: number): number {
  return Math.floor(at / BUCKET_MS);
}

interface Bucket {
  rows: Int32Array;
  at: Float64Array;
  n: number;
}

export class TimeBuckets {
  private readonly buckets = new Map<number, Bucket>();
  /** Bucket keys in increasing order once `sortKeys` ran; new keys are appended and sorted on the next read. */
  private keys: number[] = [];
  private keysSorted = true;
  /** Entries, live and stale. */
  size = 0;

  add(row: number, at: number): void {
    const key = hourOf(at);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { rows: new Int32Array(FIRST_BUCKET_SIZE), at: new Float64Array(FIRST_BUCKET_SIZE), n: 0 };
      this.buckets.set(key, bucket);
      if (this.keys.length > 0 && key < this.keys[this.keys.length - 1]!) this.keysSorted = false;
      this.keys.push(key);
    }
    if (bucket.n === bucket.rows.length) {
      const rows = new Int32Array(bucket.n * 2);
      rows.set(bucket.rows);
      const times = new Float64Array(bucket.n * 2);
      times.set(bucket.at);
      bucket.rows = rows;
      bucket.at = times;
    }
    bucket.rows[bucket.n] = row;
    bucket.at[bucket.n] = at;
    bucket.n++;
    this.size++;
  }

  /** Empties the buckets; `sizes` (entries per hour) makes room for a rebuild without growing any. */
  clear(sizes?: ReadonlyMap<number, number>): void {
    this.buckets.clear();
    this.keys = [];
    this.keysSorted = true;
    this.size = 0;
    for (const [key, n] of sizes ?? []) {
      this.buckets.set(key, { rows: new Int32Array(n), at: new Float64Array(n), n: 0 });
      this.keys.push(key);
    }
    this.keysSorted = this.keys.length < 2;
  }

  /** Entries in the hours covering (from, to], counted until more than `limit` (then `limit + 1`). */
  countUpTo(from: number, to: number, limit: number): number {
    let n = 0;
    for (let k = this.firstKeyIndex(from); k < this.keys.length; k++) {
      const key = this.keys[k]!;
      if (key > Math.floor(to / BUCKET_MS)) break;
      n += this.buckets.get(key)!.n;
      if (n > limit) return limit + 1;
    }
    return n;
  }

  /** Calls `visit(row, at)` for every entry with from < at ≤ to, in no particular order. */
  forEachIn(from: number, to: number, visit: (row: number, at: number) => void): void {
    const lastKey = Math.floor(to / BUCKET_MS);
    for (let k = this.firstKeyIndex(from); k < this.keys.length; k++) {
      const key = this.keys[k]!;
      if (key > lastKey) break;
      const { rows, at, n } = this.buckets.get(key)!;
      for (let i = 0; i < n; i++) {
        const t = at[i]!;
        if (t > from && t <= to) visit(rows[i]!, t);
      }
    }
  }

  /** Index in `keys` of the first bucket that can hold an instant after `from`. */
  private firstKeyIndex(from: number): number {
    if (!this.keysSorted) {
      this.keys.sort((a, b) => a - b);
      this.keysSorted = true;
    }
    return firstIndexAtLeast(this.keys, Math.floor(from / BUCKET_MS));
  }
}
