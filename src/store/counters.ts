/**
 * Named counters with atomic increments (serialised per key). The one the policy needs: chatbot-initiated
 * messages per channel account per calendar month in UTC (Viber), keyed by the policy's `quotaCounterKey`.
 */
import { z } from 'zod';
import { ChangeFeed } from './changes.js';
import type { RecordCollection } from './records.js';

export const counterSchema = z.number().int().nonnegative();
type CounterCollection = RecordCollection<typeof counterSchema>;

export class CounterRepository {
  private readonly changes = new ChangeFeed<{ key: string; value: number }>();

  constructor(private readonly records: CounterCollection) {}

  /** Called after every increment with the counter's new value. */
  onChange(listener: (change: { key: string; value: number }) => void): () => void {
    return this.changes.on(listener);
  }

  async get(key: string): Promise<number> {
    return (await this.records.get(key)) ?? 0;
  }

  /** Adds `by` (may be negative; never below 0) and returns the new value. */
  async increment(key: string, by = 1): Promise<number> {
    const value = (await this.records.update(key, (current) => Math.max(0, (current ?? 0) + by))) ?? 0;
    this.changes.emit([{ key, value }]);
    return value;
  }
}
