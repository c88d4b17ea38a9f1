/**
 * A store read made countable and holdable, for the tests of the in-memory copies (FollowedCopy's users): how
 * many times the copy asked the store, and a read held after it returned, so a write can overtake it.
 */
export interface HeldReads {
  reads: number;
  /** While set, each read started waits for it after reading. */
  hold: Promise<void> | null;
}

/** Wraps `target[method]` (an async read) so that `seen` counts its calls and holds them while `seen.hold` is set. */
export function countReads<T extends object, K extends keyof T>(
  target: T,
  method: K,
  seen: HeldReads = { reads: 0, hold: null },
): HeldReads {
  const read = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
  (target as Record<K, unknown>)[method] = async (...args: unknown[]) => {
    seen.reads++;
    const hold = seen.hold;
    const found = await read(...args);
    await hold;
    return found;
  };
  return seen;
}
