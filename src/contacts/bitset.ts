/** Sets of contact slots as bits in a Uint32Array: a million slots are 128 kB, small enough to stay cached. */

export function bitsetWords(size: number): number {
  return (size + 31) >>> 5;
}

export function hasBit(bits: Uint32Array, index: number): boolean {
  return (bits[index >>> 5]! & (1 << (index & 31))) !== 0;
}

export function setBit(bits: Uint32Array, index: number): void {
  bits[index >>> 5] = bits[index >>> 5]! | (1 << (index & 31));
}

export function clearBit(bits: Uint32Array, index: number): void {
  bits[index >>> 5] = bits[index >>> 5]! & ~(1 << (index & 31));
}

/** Calls `visit` with each set bit's index, in increasing order. */
export function forEachBit(bits: Uint32Array, visit: (index: number) => void): void {
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    while (word !== 0) {
      const low = word & -word;
      visit((w << 5) | (31 - Math.clz32(low)));
      word ^= low;
    }
  }
}

/** Set bits of every 16-bit value: a popcount as two lookups, twice as fast in V8 as the SWAR sum (measured). */
const POP16 = new Uint8Array(65536);
for (let i = 1; i < 65536; i++) POP16[i] = (i & 1) + POP16[i >>> 1]!;

export function bitCount(v: number): number {
  return POP16[v & 0xffff]! + POP16[v >>> 16]!;
}

/** What andWords found: its words with bits left, and how many bits (matches) they hold. */
export interface AndResult {
  words: number;
  bits: number;
  /** Whether every word found was written out (no more than `maxWords` were found). */
  complete: boolean;
}

/**
 * ANDs `sets` a word at a time — over the first `n` words `driver` lists, or words 0 … n - 1 when it is null —
 * and writes each word with bits left, as its index and its bits, to `outWord` and `outBits`, the first
 * `maxWords` of them; the rest are only counted (at a million contacts the sets are cold in the cache on every
 * request, and writing out 30k words cost as much as reading them). A query's filters at a million contacts are
 * 31k words each: the usual cases (every word, one to three sets) get loops of their own, twice as fast as the
 * general one (measured).
 */
export function andWords(
  sets: readonly Uint32Array[],
  driver: Int32Array | null,
  n: number,
  outWord: Int32Array,
  outBits: Int32Array,
  maxWords = n,
): AndResult {
  let words = 0;
  let bits = 0;
  const [a, b, c] = sets;
  if (driver === null && sets.length <= 3) {
    const x = a!;
    const y = b ?? a!;
    const z = c ?? a!;
    for (let w = 0; w < n; w++) {
      const word = x[w]! & y[w]! & z[w]!;
      if (word === 0) continue;
      if (words < maxWords) {
        outWord[words] = w;
        outBits[words] = word;
      }
      words++;
      bits += POP16[word & 0xffff]! + POP16[word >>> 16]!;
    }
    return { words, bits, complete: words <= maxWords };
  }
  const nSets = sets.length;
  for (let i = 0; i < n; i++) {
    const w = driver === null ? i : driver[i]!;
    let word = a![w]!;
    for (let k = 1; k < nSets && word !== 0; k++) word &= sets[k]![w]!;
    if (word === 0) continue;
    if (words < maxWords) {
      outWord[words] = w;
      outBits[words] = word;
    }
    words++;
    bits += POP16[word & 0xffff]! + POP16[word >>> 16]!;
  }
  return { words, bits, complete: words <= maxWords };
}

/**
 * A reusable set of slots for one query: a bitset that remembers which words it touched, so clearing,
 * counting and visiting cost what was added (a 1-match phone query), not the whole slot range; a set
 * touching many words is visited by a plain scan, in slot order.
 * All adds come before deletes and intersections (a word emptied then added to again would be counted
 * twice), which is how a query uses it: collect a term's matches, then narrow them.
 */
export class SlotSet {
  bits = new Uint32Array(0);
  private touched = new Int32Array(0);
  private nTouched = 0;

  /** Empties the set and makes room for slots below `size`. */
  reset(size: number): void {
    const words = bitsetWords(size);
    if (this.bits.length < words) {
      this.bits = new Uint32Array(words);
      this.touched = new Int32Array(words);
    } else if (this.nTouched * 8 > this.bits.length) {
      // Dense: one sequential pass beats clearing words in the order they were touched (cache misses each).
      this.bits.fill(0);
    } else {
      for (let i = 0; i < this.nTouched; i++) this.bits[this.touched[i]!] = 0;
    }
    this.nTouched = 0;
  }

  add(slot: number): void {
    const w = slot >>> 5;
    const word = this.bits[w]!;
    if (word === 0) this.touched[this.nTouched++] = w;
    this.bits[w] = word | (1 << (slot & 31));
  }

  has(slot: number): boolean {
    return (this.bits[slot >>> 5]! & (1 << (slot & 31))) !== 0;
  }

  delete(slot: number): void {
    clearBit(this.bits, slot);
  }

  count(): number {
    let n = 0;
    for (let i = 0; i < this.nTouched; i++) n += bitCount(this.bits[this.touched[i]!]!);
    return n;
  }

  /** Keeps only the slots also in `other`. */
  intersect(other: SlotSet): void {
    for (let i = 0; i < this.nTouched; i++) {
      const w = this.touched[i]!;
      this.bits[w] = this.bits[w]! & other.bits[w]!;
    }
  }

  /**
   * The words to visit to see every slot: null = all words, in order (the set is dense); else the first
   * `touchedCount()` entries of the returned list (in touch order; some may have been emptied since).
   */
  touchedWords(): Int32Array | null {
    return this.nTouched * 8 > this.bits.length ? null : this.touched;
  }

  touchedCount(): number {
    return this.nTouched;
  }

  /** Visits every slot once: in slot order when the set is dense, in touch order when sparse. */
  forEach(visit: (slot: number) => void): void {
    if (this.nTouched * 8 > this.bits.length) {
      forEachBit(this.bits, visit);
      return;
    }
    for (let i = 0; i < this.nTouched; i++) {
      const w = this.touched[i]!;
      let word = this.bits[w]!;
      while (word !== 0) {
        const low = word & -word;
        visit((w << 5) | (31 - Math.clz32(low)));
        word ^= low;
      }
    }
  }
}
