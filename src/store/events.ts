/**
 * Ids of applied ingest events: what makes a replayed event a no-op (`duplicate`). Looked up and recorded
 * in bulk so an import does one query per batch, not one per event.
 */
import { z } from 'zod';
import { isoTime } from '../contacts/model.js';
import type { RecordCollection } from './records.js';

export const appliedEventSchema = z.object({
  type: z.string().min(1),
  /** When we applied it (our clock), for diagnostics. */
  appliedAt: isoTime,
});
export type AppliedEvent = z.infer<typeof appliedEventSchema>;
type EventCollection = RecordCollection<typeof appliedEventSchema>;

export class AppliedEventRepository {
  constructor(private readonly records: EventCollection) {}

  has(id: string): Promise<boolean> {
    return this.records.has(id);
  }

  get(id: string): Promise<AppliedEvent | undefined> {
    return this.records.get(id);
  }

  /** The subset of `ids` already applied. */
  async applied(ids: readonly string[]): Promise<Set<string>> {
    const found = await this.records.getMany(ids);
    return new Set(ids.filter((_, i) => found[i] !== undefined));
  }

  async recordMany(events: ReadonlyArray<{ id: string; type: string }>, appliedAt: Date): Promise<void> {
    const at = appliedAt.toISOString();
    await this.records.putMany(events.map((e) => [e.id, { type: e.type, appliedAt: at }] as const));
  }
}
