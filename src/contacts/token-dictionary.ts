/**
 * An immutable sorted dictionary of search keys, each with the list of contact slots holding it, in a
 * compact CSR layout (one string array, two typed arrays): a prefix is a contiguous key range found by
 * binary search, and `offsets[hi] - offsets[lo]` is the number of postings in it without reading them.
 */
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
 * Collects (key, slot) pairs into a dictionary. Two strategies, chosen by how the keys repeat:
 * - `grouped` (names, domains: few distinct keys, long posting lists) groups in a Map, then sorts the
 *   distinct keys;
 * - `sorted` (addresses, phone numbers: nearly one key per contact) sorts the pairs themselves, by a
 *   numeric code of the first 7 characters with a string tie-break — several times faster than sorting
 *   the strings, which dominated building a million contacts.
 */
export class DictionaryBuilder {
  private readonly lists = new Map<string, number[]>();
  private keys: string[] = [];
  private slots = new Int32Array(1024);
  private count = 0;

  constructor(private readonly strategy: 'grouped' | 'sorted') {}

  add(key: string, slot: number): void {
    if (this.strategy === 'grouped') {
      const list = this.lists.get(key);
      if (list === undefined) this.lists.set(key, [slot]);
      else list.push(slot);
    } else {
      if (this.count === this.slots.length) {
        const grown = new Int32Array(this.count * 2);
        grown.set(this.slots);
        this.slots = grown;
      }
      this.keys.push(key);
      this.slots[this.count] = slot;
    }
    this.count++;
  }

  build(): TokenDictionary {
    return this.strategy === 'grouped' ? this.buildGrouped() : this.buildSorted();
  }

  private buildGrouped(): TokenDictionary {
    const keys = [...this.lists.keys()].sort();
    const offsets = new Uint32Array(keys.length + 1);
    const postings = new Int32Array(this.count);
    let n = 0;
    for (let i = 0; i < keys.length; i++) {
      for (const slot of this.lists.get(keys[i]!)!) postings[n++] = slot;
      offsets[i + 1] = n;
    }
    return { keys, offsets, postings };
  }

  private buildSorted(): TokenDictionary {
    const n = this.count;
    const { keys: pairKeys } = this;
    const codes = new Float64Array(n);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      codes[i] = prefixCode(pairKeys[i]!);
      order[i] = i;
    }
    sortByCode(codes, order, pairKeys, 0, n - 1);
    const keys: string[] = [];
    const offsets = new Uint32Array(n + 1);
    const postings = new Int32Array(n);
    let prev: string | undefined;
    for (let i = 0; i < n; i++) {
      const p = order[i]!;
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

const CODE_CHARS = 7;
const CODE_BASE = 129;

/**
 * An order-preserving number for a string's first 7 UTF-16 units: each unit below 127 maps to 1..127,
 * any other to 128 (ties are settled by comparing the strings), a missing one to 0 (shorter first).
 * 129^7 < 2^53, so the code is an exact double.
 */
function prefixCode(s: string): number {
  let v = 0;
  for (let i = 0; i < CODE_CHARS; i++) {
    const c = i < s.length ? s.charCodeAt(i) : -1;
    v = v * CODE_BASE + (c < 0 ? 0 : c < 127 ? c + 1 : 128);
  }
  return v;
}

function before(codes: Float64Array, order: Int32Array, keys: readonly string[], a: number, b: number): boolean {
  return codes[a]! < codes[b]! || (codes[a] === codes[b] && keys[order[a]!]! < keys[order[b]!]!);
}

function swap(codes: Float64Array, order: Int32Array, a: number, b: number): void {
  const c = codes[a]!;
  codes[a] = codes[b]!;
  codes[b] = c;
  const o = order[a]!;
  order[a] = order[b]!;
  order[b] = o;
}

/** Quicksort of `order` (with its `codes`) by (code, key string), inclusive bounds. */
function sortByCode(codes: Float64Array, order: Int32Array, keys: readonly string[], lo: number, hi: number): void {
  while (hi - lo > 16) {
    // Median of three, moved to `lo`: Hoare's scheme with the pivot first always splits lo ≤ j < hi.
    const mid = (lo + hi) >>> 1;
    let p: number;
    if (before(codes, order, keys, lo, mid) !== before(codes, order, keys, lo, hi)) p = lo;
    else if (before(codes, order, keys, mid, lo) !== before(codes, order, keys, mid, hi)) p = mid;
    else p = hi;
    swap(codes, order, lo, p);
    const pc = codes[lo]!;
    const pk = keys[order[lo]!]!;
    // Hoare partition: equal keys are spread over both sides, so many duplicates stay O(n log n).
    let i = lo - 1;
    let j = hi + 1;
    for (;;) {
      do i++;
      while (codes[i]! < pc || (codes[i] === pc && keys[order[i]!]! < pk));
      do j--;
      while (codes[j]! > pc || (codes[j] === pc && keys[order[j]!]! > pk));
      if (i >= j) break;
      swap(codes, order, i, j);
    }
    // Recurse into the smaller side, loop on the larger: stack depth O(log n).
    if (j - lo < hi - j) {
      sortByCode(codes, order, keys, lo, j);
      lo = j + 1;
    } else {
      sortByCode(codes, order, keys, j + 1, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const c = codes[i]!;
    const o = order[i]!;
    const k = keys[o]!;
    let j = i - 1;
    while (j >= lo && (codes[j]! > c || (codes[j] === c && keys[order[j]!]! > k))) {
      codes[j + 1] = codes[j]!;
      order[j + 1] = order[j]!;
      j--;
    }
    codes[j + 1] = c;
    order[j + 1] = o;
  }
}

/** The half-open range of keys starting with `prefix`. */
export function prefixRange(dict: TokenDictionary, prefix: string): [number, number] {
  const { keys } = dict;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const start = lo;
  // Keys with the prefix are contiguous from `start`; find the first one without it.
  hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return [start, lo];
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
