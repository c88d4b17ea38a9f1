/**
 * Records read lately, kept in this process's memory and kept current by the writes it hears: its own, and
 * (PostgreSQL) other replicas' through the change feed. What a page or a request reads again and again — the
 * contacts on a search page, a Viber quota, an agent's language — then costs no store read. At most `max`
 * entries, the least recently used going first.
 *
 * A read races the writes: one that a write's end falls into may hold the value that write replaced, so it is
 * returned but not kept. Every write ends in `wrote()` (this process's, after it, even when it failed; another
 * replica's, when heard), which keeps or drops that key itself: a read that ended before it needs no guard.
 */
export class FollowedCopy<V> {
  private readonly kept = new Map<string, V>();
  /** Counts the writes ended or heard: a read that one fell into may be stale. */
  private writes = 0;

  constructor(private readonly max: number) {}

  /** A write happened (or was heard): its value is kept as the newest, or with undefined the key is dropped. */
  wrote(key: string, value: V | undefined): void {
    this.writes++;
    if (value === undefined) this.kept.delete(key);
    else this.keep(key, value);
  }

  /** The values of `keys`, from the copy where it has them, else from `read` (undefined: not found, not kept). */
  async getMany(keys: readonly string[], read: (missing: string[]) => Promise<Array<V | undefined>>) {
    const found = keys.map((key) => {
      const value = this.kept.get(key);
      // Used again: kept as the newest, so what is read again and again outlasts one-off reads.
      if (value !== undefined) this.keep(key, value);
      return value;
    });
    const missing = keys.filter((_, i) => found[i] === undefined);
    if (missing.length === 0) return found;
    const before = this.writes;
    const values = await read(missing);
    const current = this.writes === before;
    const byKey = new Map<string, V>();
    missing.forEach((key, i) => {
      const value = values[i];
      if (value === undefined) return;
      byKey.set(key, value);
      if (current) this.keep(key, value);
    });
    return keys.map((key, i) => found[i] ?? byKey.get(key));
  }

  async get(key: string, read: (key: string) => Promise<V | undefined>): Promise<V | undefined> {
    const [value] = await this.getMany([key], async ([missing]) => [await read(missing!)]);
    return value;
  }

  private keep(key: string, value: V): void {
    this.kept.delete(key); // re-inserted last: the least recently used is the first to go
    if (this.kept.size >= this.max) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, value);
  }
}
