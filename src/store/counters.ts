/**
 * Named counters with atomic increments (serialised per key). The one the policy needs: chatbot-initiated
 * messages per channel account per calendar month in UTC (Viber), keyed by the policy's `quotaCounterKey`.
 */
import { z } from 'zod';
import { ChangeFeed } from './changes.js';
import type { RecordCollection } from './records.js';

export const counterSchema = z.number().int().nonnegative();
type CounterCollection = RecordCollection<typeof counterSchema>;

/** Counters the display copy keeps at most (one per Viber bot and month: a handful). */
const SHOWN_MAX = 10_000;

export class CounterRepository {
  private readonly changes = new ChangeFeed<{ key: string; value: number }>();
  /** The display copy: counters as last read or written here, or heard from another replica. */
  private readonly shown = new Map<string, number>();
  /** Counts the writes seen: a read that started before one may hold the value it replaced. */
  private writes = 0;

  /** Stops following other replicas' writes; set once the display copy is first used. */
  private unwatch: (() => void) | null = null;

  constructor(private readonly records: CounterCollection) {}

  /** Called after every increment with the counter's new value. */
  onChange(listener: (change: { key: string; value: number }) => void): () => void {
    return this.changes.on(listener);
  }

  /** The stored value: what a send decides by. */
  async get(key: string): Promise<number> {
    return (await this.records.get(key)) ?? 0;
  }

  /**
   * The value for a page of search results, from the display copy: it follows this process's increments and
   * (PostgreSQL) other replicas', so a search page needs no store read for the quota it shows. A read that an
   * increment overtook is returned but not kept.
   */
  async getForDisplay(key: string): Promise<number> {
    // Followed from the first display read on, so a command that never shows a counter opens no feed for it.
    this.unwatch ??= this.records.watch({
      change: (changed, value) => {
        this.writes++;
        this.keep(changed, value);
      },
      delete: (deleted) => {
        this.writes++;
        this.shown.delete(deleted);
      },
    });
    const known = this.shown.get(key);
    if (known !== undefined) return known;
    const before = this.writes;
    const value = await this.get(key);
    if (before === this.writes) this.keep(key, value);
    return value;
  }

  /** Adds `by` (may be negative; never below 0) and returns the new value. */
  async increment(key: string, by = 1): Promise<number> {
    // Counted on both sides of the write: a display read that overlaps it in any way is not kept.
    this.writes++;
    let value: number;
    try {
      value = (await this.records.update(key, (current) => Math.max(0, (current ?? 0) + by))) ?? 0;
    } finally {
      this.writes++;
    }
    this.keep(key, value);
    this.changes.emit([{ key, value }]);
    return value;
  }

  private keep(key: string, value: number): void {
    this.shown.delete(key); // re-inserted last: the oldest entry is the first to go
    this.shown.set(key, value);
    if (this.shown.size > SHOWN_MAX) this.shown.delete(this.shown.keys().next().value!);
  }
}
