/**
 * Named counters with atomic increments (serialised per key). The one the policy needs: chatbot-initiated
 * messages per channel account per calendar month in UTC (Viber), keyed by the policy's `quotaCounterKey`.
 */
import { z } from 'zod';
import { ChangeFeed } from './changes.js';
import { FollowedCopy } from './followed-copy.js';
import type { RecordCollection } from './records.js';

export const counterSchema = z.number().int().nonnegative();
type CounterCollection = RecordCollection<typeof counterSchema>;

/** Counters the display copy keeps at most (one per Viber bot and month: a handful). */
const SHOWN_MAX = 10_000;

export class CounterRepository {
  private readonly changes = new ChangeFeed<{ key: string; value: number }>();
  /** The display copy: counters as last read or written here, or heard from another replica. */
  private readonly shown = new FollowedCopy<number>(SHOWN_MAX);
  private following = false;

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
   * (PostgreSQL) other replicas', so a search page needs no store read for the quota it shows.
   */
  async getForDisplay(key: string): Promise<number> {
    // Followed from the first display read on, so a command that never shows a counter opens no feed for it.
    if (!this.following) {
      this.following = true;
      this.records.watch({
        change: (changed, value) => this.shown.wrote(changed, value),
        delete: (deleted) => this.shown.wrote(deleted, undefined),
      });
    }
    return (await this.shown.get(key, (k) => this.get(k)))!;
  }

  /** Adds `by` (may be negative; never below 0) and returns the new value. */
  async increment(key: string, by = 1): Promise<number> {
    let value: number | undefined;
    try {
      value = (await this.records.update(key, (current) => Math.max(0, (current ?? 0) + by))) ?? 0;
    } finally {
      this.shown.wrote(key, value);
    }
    this.changes.emit([{ key, value }]);
    return value;
  }
}
