/**
 * Contact slots by how recent their activity is, as nested bitsets (the newest 0.3%, 1%, 4%, 15%, say). A
 * page is the newest matches after the cursor, so it is found among the matches of the first tier that
 * holds enough of them; every match outside that tier is older than all of it, so it is only counted.
 * Reading a match's sort key costs a cache miss: page 50 of a filter matching 100k of 1M contacts read them
 * all with a single 1% tier.
 *
 * Tier t holds the slots with activity ≥ from[t] (all slots while from[t] is -Infinity). Activity only
 * moves forward, so the tiers fill up; each is re-cut at a quantile of a sample of activities once it holds
 * three times its share.
 *
 * Each tier also has a summary, one bit per word of its bitset that has any slot: the first tier holds a few
 * thousand slots of a million, so its words are found by reading a thousand summary words, not 31k words.
 */
import { bitsetWords, clearBit, hasBit, setBit } from './bitset.js';

/** Below this many contacts every one is in every tier (one pass; nothing to gain). */
const MIN_CONTACTS = 4096;
const SAMPLE = 8192;

export class RecencyTiers {
  /** Per tier, newest first: its slots, its threshold, how many it holds, and how many it held at its cut. */
  readonly bits: Uint32Array[];
  /** Per tier: bit w set = word w of its bitset is not zero. */
  readonly summary: Uint32Array[];
  private readonly from: number[];
  private readonly count: number[];
  private readonly atCut: number[];

  constructor(private readonly shares: readonly number[]) {
    this.bits = shares.map(() => new Uint32Array(0));
    this.summary = shares.map(() => new Uint32Array(0));
    this.from = shares.map(() => -Infinity);
    this.count = shares.map(() => 0);
    this.atCut = shares.map(() => 0);
  }

  get tiers(): number {
    return this.shares.length;
  }

  /** How many slots tier t holds. */
  size(t: number): number {
    return this.count[t]!;
  }

  growSlots(size: number): void {
    const words = bitsetWords(size);
    for (let t = 0; t < this.bits.length; t++) {
      const next = new Uint32Array(words);
      next.set(this.bits[t]!);
      this.bits[t] = next;
      const summary = new Uint32Array(bitsetWords(words));
      summary.set(this.summary[t]!);
      this.summary[t] = summary;
    }
  }

  /** Places a slot by its activity (ms); NaN takes it out of every tier. */
  set(slot: number, activity: number): void {
    for (let t = 0; t < this.bits.length; t++) {
      const inTier = activity >= this.from[t]!;
      const bits = this.bits[t]!;
      if (hasBit(bits, slot) === inTier) continue;
      if (inTier) {
        setBit(bits, slot);
        setBit(this.summary[t]!, slot >>> 5);
      } else {
        clearBit(bits, slot);
        if (bits[slot >>> 5] === 0) clearBit(this.summary[t]!, slot >>> 5);
      }
      this.count[t]! += inTier ? 1 : -1;
    }
  }

  /**
   * Re-cuts the tiers that outgrew their share (or all, crossing MIN_CONTACTS). `activityOf(slot)` is the
   * slot's activity, NaN for a free slot; `used` bounds the slots.
   */
  recut(live: number, used: number, activityOf: (slot: number) => number): void {
    if (live < MIN_CONTACTS) {
      if (this.from[0] !== -Infinity)
        this.cut(
          this.from.map(() => -Infinity),
          used,
          activityOf,
        );
      return;
    }
    // Also wait for a tier to double since its last cut, in case ties at the threshold made that one large.
    const outgrown = this.shares.some(
      (share, t) => this.from[t] === -Infinity || this.count[t]! > Math.max(3 * share * live, 2 * this.atCut[t]!),
    );
    if (!outgrown) return;
    const sample = new Float64Array(Math.min(SAMPLE, live));
    let n = 0;
    const stride = used / sample.length;
    for (let i = 0; i < sample.length; i++) {
      const activity = activityOf(Math.floor(i * stride));
      if (!Number.isNaN(activity)) sample[n++] = activity;
    }
    const sorted = sample.subarray(0, n).sort();
    this.cut(
      this.shares.map((share) => (n === 0 ? -Infinity : sorted[Math.floor((1 - share) * (n - 1))]!)),
      used,
      activityOf,
    );
  }

  private cut(from: number[], used: number, activityOf: (slot: number) => number): void {
    for (let t = 0; t < this.bits.length; t++) {
      this.from[t] = from[t]!;
      this.bits[t]!.fill(0);
      this.summary[t]!.fill(0);
      this.count[t] = 0;
    }
    for (let slot = 0; slot < used; slot++) {
      const activity = activityOf(slot);
      if (Number.isNaN(activity)) continue;
      for (let t = 0; t < this.bits.length; t++) {
        if (activity < this.from[t]!) continue;
        setBit(this.bits[t]!, slot);
        setBit(this.summary[t]!, slot >>> 5);
        this.count[t]!++;
      }
    }
    for (let t = 0; t < this.bits.length; t++) this.atCut[t] = this.count[t]!;
  }
}
