/**
 * A store read made countable and holdable, for the tests of the in-memory copies (FollowedCopy's users): how
 * many times the copy asked the store, and a read held after it returned, so a write can overtake it.
 */
export interface HeldReads {
  reads: number;
  /** Reads the store has answered (counted before any hold). */
  answered?: number;
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
    seen.answered = (seen.answered ?? 0) + 1;
    await hold;
    return found;
  };
  return seen;
}

/**
 * Waits until the store has answered `n` reads: a test that writes after a held read must know the read came
 * first, or which value it returns depends on the order the store ran the two statements in.
 */
export async function storeAnswered(seen: HeldReads, n: number): Promise<void> {
  while ((seen.answered ?? 0) < n) await new Promise((resolve) => setTimeout(resolve, 1));
}
