/**
 * An immutable sorted dictionary of search keys, each with the list of contact slots holding it, in a
 * compact CSR layout (one string array, two typed arrays): a prefix is a contiguous key range found by
 * binary search, and `offsets[hi] - offsets[lo]` is the number of postings in it without reading them.
 *
 * Keys may be whole tokens (names, domains, addresses) or fixed-length buckets of a longer value (the
 * last digits of a phone number): then the caller checks each posting against the full value.
 */
import { partitionPoint } from './sorted-search.js';

export interface TokenDictionary {
  /** Distinct keys in UTF-16 code unit order (the order of `<` and of the default `sort()`). */
  readonly keys: readonly string[];
  /** Postings of `keys[i]` are `postings[offsets[i] .. offsets[i + 1])`. */
  readonly offsets: Uint32Array;
  readonly postings: Int32Array;
}

export const EMPTY_DICTIONARY: TokenDictionary = {
  keys: [],
  offsets: new Uint32Array(1),
  postings: new Int32Array(0),
};

/**
 * Collects (key, slot) pairs into a dictionary, by one of two strategies chosen by how keys repeat:
 * - `grouped` (names, domains, phone buckets: few distinct keys, long posting lists) groups in a Map and
 *   sorts only the distinct keys;
 * - `sorted` (addresses: about one key per contact) sorts the pairs by two numbers packing the first 14
 *   characters, moved along with the sort so it reads memory in order, comparing strings only on ties.
 *   Sorting the strings themselves cost over a microsecond per key at a million keys (cache misses).
 */
export class DictionaryBuilder {
  // grouped: a dense id per distinct key; sorted: the key itself. Then the slot, per pair.
  private readonly keyIds = new Map<string, number>();
  private readonly keys: string[] = [];
  private pairKeyIds: Int32Array = new Int32Array(256);
  private slots: Int32Array = new Int32Array(256);
  private count = 0;

  constructor(private readonly strategy: 'grouped' | 'sorted') {}

  add(key: string, slot: number): void {
    if (this.count === this.slots.length) {
      this.slots = growInts(this.slots);
      if (this.strategy === 'grouped') this.pairKeyIds = growInts(this.pairKeyIds);
    }
    if (this.strategy === 'grouped') {
      let id = this.keyIds.get(key);
      if (id === undefined) {
        id = this.keys.length;
        this.keyIds.set(key, id);
        this.keys.push(key);
      }
      this.pairKeyIds[this.count] = id;
    } else {
      this.keys.push(key);
    }
    this.slots[this.count++] = slot;
  }

  build(): TokenDictionary {
    return this.strategy === 'grouped' ? this.buildGrouped() : this.buildSorted();
  }

  /** Counting sort of the pairs by the rank of their key: no list per key. */
  private buildGrouped(): TokenDictionary {
    const n = this.count;
    const ids = this.keys.map((_, id) => id).sort((a, b) => (this.keys[a]! < this.keys[b]! ? -1 : 1));
    const rankOf = new Int32Array(ids.length);
    for (let r = 0; r < ids.length; r++) rankOf[ids[r]!] = r;
    const offsets = new Uint32Array(ids.length + 1);
    for (let i = 0; i < n; i++) offsets[rankOf[this.pairKeyIds[i]!]! + 1]!++;
    for (let r = 0; r < ids.length; r++) offsets[r + 1] = offsets[r + 1]! + offsets[r]!;
    const fill = offsets.slice(0, ids.length);
    const postings = new Int32Array(n);
    for (let i = 0; i < n; i++) postings[fill[rankOf[this.pairKeyIds[i]!]!]!++] = this.slots[i]!;
    return { keys: ids.map((id) => this.keys[id]!), offsets, postings };
  }

  private buildSorted(): TokenDictionary {
    const n = this.count;
    const pairKeys = this.keys;
    const sort: PairSort = {
      hi: new Float64Array(n),
      lo: new Float64Array(n),
      order: new Int32Array(n),
      keys: pairKeys,
    };
    for (let i = 0; i < n; i++) {
      const key = pairKeys[i]!;
      sort.hi[i] = charCode7(key, 0);
      sort.lo[i] = charCode7(key, 7);
      sort.order[i] = i;
    }
    quicksort(sort, 0, n - 1);
    const keys: string[] = [];
    const offsets = new Uint32Array(n + 1);
    const postings = new Int32Array(n);
    let prev: string | undefined;
    for (let i = 0; i < n; i++) {
      const p = sort.order[i]!;
      const key = pairKeys[p]!;
      if (key !== prev) {
        offsets[keys.length] = i;
        keys.push(key);
        prev = key;
      }
      postings[i] = this.slots[p]!;
    }
    offsets[keys.length] = n;
    return { keys, offsets: offsets.slice(0, keys.length + 1), postings };
  }
}

function growInts(arr: Int32Array): Int32Array {
  const next = new Int32Array(arr.length * 2);
  next.set(arr);
  return next;
}

/**
 * An order-preserving number for 7 UTF-16 units of a string from `from`: each unit below 127 maps to
 * 1..127, any other to 128 (ties are settled by comparing the strings), a missing one to 0 (shorter
 * first). 129^7 < 2^53, so the code is an exact double.
 */
function charCode7(s: string, from: number): number {
  let v = 0;
  for (let i = from; i < from + 7; i++) {
    const c = i < s.length ? s.charCodeAt(i) : -1;
    v = v * 129 + (c < 0 ? 0 : c < 127 ? c + 1 : 128);
  }
  return v;
}

/** Pairs being sorted: codes of characters 0–6 and 7–13, and the pair's index into `keys`. */
interface PairSort {
  hi: Float64Array;
  lo: Float64Array;
  order: Int32Array;
  keys: readonly string[];
}

function compare(s: PairSort, a: number, b: number): number {
  const d = s.hi[a]! - s.hi[b]! || s.lo[a]! - s.lo[b]!;
  if (d !== 0) return d;
  const ka = s.keys[s.order[a]!]!;
  const kb = s.keys[s.order[b]!]!;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function comparePivot(s: PairSort, a: number, ph: number, pl: number, pk: string): number {
  const d = s.hi[a]! - ph || s.lo[a]! - pl;
  if (d !== 0) return d;
  const ka = s.keys[s.order[a]!]!;
  return ka < pk ? -1 : ka > pk ? 1 : 0;
}

function swap(s: PairSort, a: number, b: number): void {
  const h = s.hi[a]!;
  s.hi[a] = s.hi[b]!;
  s.hi[b] = h;
  const l = s.lo[a]!;
  s.lo[a] = s.lo[b]!;
  s.lo[b] = l;
  const o = s.order[a]!;
  s.order[a] = s.order[b]!;
  s.order[b] = o;
}

/** Quicksort, inclusive bounds; insertion sort for short ranges. */
function quicksort(s: PairSort, lo: number, hi: number): void {
  while (hi - lo > 16) {
    // Median of three, moved to `lo`: Hoare's scheme with the pivot first always splits lo ≤ j < hi.
    const mid = (lo + hi) >>> 1;
    let p: number;
    if (compare(s, lo, mid) < 0 !== compare(s, lo, hi) < 0) p = lo;
    else if (compare(s, mid, lo) < 0 !== compare(s, mid, hi) < 0) p = mid;
    else p = hi;
    swap(s, lo, p);
    // Hoare partition against the pivot's saved value (its element moves): keys equal to the pivot go
    // to both sides, so duplicates stay O(n log n).
    const ph = s.hi[lo]!;
    const pl = s.lo[lo]!;
    const pk = s.keys[s.order[lo]!]!;
    let i = lo - 1;
    let j = hi + 1;
    for (;;) {
      do i++;
      while (comparePivot(s, i, ph, pl, pk) < 0);
      do j--;
      while (comparePivot(s, j, ph, pl, pk) > 0);
      if (i >= j) break;
      swap(s, i, j);
    }
    // Recurse into the smaller side, loop on the larger: stack depth O(log n).
    if (j - lo < hi - j) {
      quicksort(s, lo, j);
      lo = j + 1;
    } else {
      quicksort(s, j + 1, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    for (let j = i; j > lo && compare(s, j - 1, j) > 0; j--) swap(s, j - 1, j);
  }
}

/** The half-open range of keys starting with `prefix`. */
export function prefixRange(dict: TokenDictionary, prefix: string): [number, number] {
  const { keys } = dict;
  const start = partitionPoint(0, keys.length, (i) => keys[i]! < prefix);
  // Keys with the prefix are contiguous from `start`; find the first one without it.
  return [start, partitionPoint(start, keys.length, (i) => keys[i]!.startsWith(prefix))];
}

/** The range holding exactly `key` (empty when absent). */
export function exactRange(dict: TokenDictionary, key: string): [number, number] {
  const [lo] = prefixRange(dict, key);
  return dict.keys[lo] === key ? [lo, lo + 1] : [lo, lo];
}

/**
 * Merges two dictionaries into one, keeping only the postings each one's `keep` accepts (the others are
 * stale: their contact was removed or re-indexed elsewhere — possibly into the other dictionary, so the
 * test must be per source). Keys left without postings are dropped.
 */
export function mergeDictionaries(
  a: TokenDictionary,
  b: TokenDictionary,
  keepA: (slot: number) => boolean,
  keepB: (slot: number) => boolean,
): TokenDictionary {
  const keys: string[] = [];
  const offsets = new Uint32Array(a.keys.length + b.keys.length + 1);
  const postings = new Int32Array(a.postings.length + b.postings.length);
  let n = 0;
  let i = 0;
  let j = 0;
  const copy = (d: TokenDictionary, k: number, keep: (slot: number) => boolean): void => {
    for (let p = d.offsets[k]!, end = d.offsets[k + 1]!; p < end; p++) {
      const slot = d.postings[p]!;
      if (keep(slot)) postings[n++] = slot;
    }
  };
  while (i < a.keys.length || j < b.keys.length) {
    const ka = a.keys[i];
    const kb = b.keys[j];
    const before = n;
    let key: string;
    if (kb === undefined || (ka !== undefined && ka < kb)) {
      key = ka!;
      copy(a, i++, keepA);
    } else if (ka === undefined || kb < ka) {
      key = kb;
      copy(b, j++, keepB);
    } else {
      key = ka;
      copy(a, i++, keepA);
      copy(b, j++, keepB);
    }
    if (n > before) {
      keys.push(key);
      offsets[keys.length] = n;
    }
  }
  return { keys, offsets: offsets.slice(0, keys.length + 1), postings: postings.slice(0, n) };
}
