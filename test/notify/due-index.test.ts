/**
 * DueIndex keeps no key per entry: `entry(key)` finds it through its row. Over random arming, re-anchoring,
 * cancelling and delivering (contact ids with `|` and `%` in them included), every live entry is found by its
 * key, a key of a replaced anchor finds nothing, and the entry count is what the rows hold.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/demo/demo-events.js';
import { DueIndex, type RearmResult, rowKeyFor } from '../../src/notify/due-index.js';
import type { WindowPlan } from '../../src/notify/planner.js';

const rand = mulberry32(91);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const HOUR = 3_600_000;

function plan(anchorMs: number): WindowPlan {
  const entries = [
    { kind: 'reminder' as const, edge: 'close' as const, closesAt: anchorMs + 24 * HOUR, dueAt: anchorMs + 23 * HOUR },
    { kind: 'notice' as const, edge: 'close' as const, closesAt: anchorMs + 24 * HOUR, dueAt: anchorMs + 24 * HOUR },
    ...(rand() < 0.3
      ? [{ kind: 'reminder' as const, edge: 'standard' as const, closesAt: anchorMs + 7 * 24 * HOUR, dueAt: anchorMs }]
      : []),
  ];
  return {
    anchorIso: new Date(anchorMs).toISOString(),
    anchorMs,
    entries: entries.filter(() => rand() < 0.9).map((e) => ({ ...e, armable: true }) as never),
  };
}

describe('DueIndex entries found by key', () => {
  it('finds every live entry by its key and counts what the rows hold, through random changes', () => {
    const index = new DueIndex(7 * 24 * HOUR);
    const contacts = ['c-1', 'c|2', 'c%7C2', 'c%3', 'c-4'];
    const channels = ['whatsapp', 'messenger', 'viber:bot|1'];
    const anchors = new Map<string, number>();
    const gone: string[] = [];
    const result: RearmResult = { created: 0, updated: 0, cancelled: 0 };
    let now = Date.parse('2026-11-30T00:00:00Z');
    for (let step = 0; step < 2000; step++) {
      now += Math.floor(rand() * HOUR);
      const contactId = pick(contacts);
      const channelKey = pick(channels);
      const target = { rowKey: rowKeyFor(contactId, channelKey), contactId, channel: 'whatsapp' as const, channelKey };
      const r = rand();
      if (r < 0.6) {
        const before = index.rowsOf(contactId).find((row) => row.channelKey === channelKey);
        const keysBefore = before?.entries.map((e) => e.key) ?? [];
        const anchor = now - Math.floor(rand() * 3) * HOUR;
        index.reconcile(target, plan(Math.max(anchor, anchors.get(target.rowKey) ?? 0)), now, result);
        const after = index.rowsOf(contactId).find((row) => row.channelKey === channelKey);
        if (before && after !== before) gone.push(...keysBefore);
        if (after) anchors.set(target.rowKey, after.anchorMs);
      } else if (r < 0.75) {
        index.reconcile(target, null, now, result);
      } else {
        const due = index.due(now + 48 * HOUR).slice(0, 3);
        index.markDelivered(due);
      }
      let count = 0;
      for (const id of contacts) {
        for (const row of index.rowsOf(id)) {
          for (const e of row.entries) {
            count++;
            expect(index.entry(e.key)).toBe(e);
          }
        }
      }
      expect(index.size.entries).toBe(count);
    }
    expect(gone.length).toBeGreaterThan(0);
    for (const key of gone) {
      const found = index.entry(key);
      if (found) expect(found.key).toBe(key); // the same anchor armed again later
    }
    expect(index.entry('no-such|key')).toBeUndefined();
    expect(index.entry('')).toBeUndefined();
  });
});
