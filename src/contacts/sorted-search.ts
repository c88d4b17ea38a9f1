/** Binary search over sorted data, shared by the time-ordered indexes and the token dictionary. */

/**
 * The first index in [from, to) at which `before(i)` is false, for a `before` that holds up to some index and
 * not from there on (such as "the key at i sorts below the one sought"); `to` when it holds everywhere.
 */
export function partitionPoint(from: number, to: number, before: (i: number) => boolean): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of `sorted` (ascending) that is not below `value`; `sorted.length` when none is. */
export function firstIndexAtLeast(sorted: ArrayLike<number>, value: number): number {
  return partitionPoint(0, sorted.length, (i) => sorted[i]! < value);
}
