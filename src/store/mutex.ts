/** What serialises read-modify-write on a key: within a process (KeyedMutex) or across processes. */
export interface Locks {
  run<T>(key: string, fn: () => T | Promise<T>): Promise<T>;
  /** Holds every key for the duration of `fn` (taken in one global order, so overlapping batches cannot deadlock). */
  runMany<T>(keys: Iterable<string>, fn: () => T | Promise<T>): Promise<T>;
}

/**
 * In-process async mutex keyed by a string: read-modify-write on one record runs one at a time, so
 * concurrent updates (two agents sending to one WeChat contact, a webhook and an import) lose nothing.
 * It serialises within one process only: a SQLite store has one writer process (lock.ts); on PostgreSQL,
 * postgres/locks.ts puts an advisory lock behind it.
 */
export class KeyedMutex implements Locks {
  /** The promise each key's next holder waits for; absent when nobody holds or waits for the key. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for the key and returns its release function (call it exactly once). */
  async lock(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => held);
    this.tails.set(key, tail);
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }

  async run<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
    const unlock = await this.lock(key);
    try {
      return await fn();
    } finally {
      unlock();
    }
  }

  /**
   * Holds every key for the duration of `fn`. Keys are taken in sorted order so two overlapping batches
   * cannot deadlock. Do not call `run`/`runMany` for a held key from inside `fn` (it would wait for itself).
   */
  async runMany<T>(keys: Iterable<string>, fn: () => T | Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const unlocks: Array<() => void> = [];
    try {
      for (const key of sorted) unlocks.push(await this.lock(key));
      return await fn();
    } finally {
      for (const unlock of unlocks) unlock();
    }
  }

  /** Keys currently held or awaited (for tests and diagnostics). */
  get size(): number {
    return this.tails.size;
  }
}
