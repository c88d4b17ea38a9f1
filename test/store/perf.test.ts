/**
 * Store and import measurements, off by default (minutes of I/O): `FOLLOWUP_PERF=1 npx vitest run test/store/perf`.
 * Prints the figures; asserts only generous bounds so a regression by an order of magnitude fails.
 */
import { KeyvSqlite } from '@keyv/sqlite';
import Keyv from 'keyv';
import { afterAll, describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/ingest/index.js';
import { openStore } from '../../src/store/index.js';
import { contact, tempDir, ingestEvents } from './helpers.js';

const run = process.env.FOLLOWUP_PERF === '1';
const dirs: Array<ReturnType<typeof tempDir>> = [];
afterAll(() => {
  for (const d of dirs) d.cleanup();
});

function temp() {
  const d = tempDir('followup-perf-');
  dirs.push(d);
  return d;
}

const ms = (t0: number) => performance.now() - t0;

describe.skipIf(!run)('store performance', () => {
  it('single writes: WAL vs the adapter default', async () => {
    for (const wal of [false, true]) {
      const d = temp();
      const store = await openStore(d.url, { sqlite: { wal } });
      const n = 2000;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await store.contacts.put(contact(`c-${i}`));
      const per = ms(t0) / n;
      console.log(`contacts.put sequential, wal=${wal}: ${per.toFixed(3)} ms/write`);
      if (wal) expect(per).toBeLessThan(1);
      await store.close();
    }
  }, 120_000);

  it('bulk import of 100k events and loadAll of 100k contacts', async () => {
    const d = temp();
    const store = await openStore(d.url);
    const contacts = 25_000;
    const events = ingestEvents(contacts);
    // Shuffle in blocks the way an export interleaves contacts, keeping each contact's order.
    const t0 = performance.now();
    const chunk = 5000; // what `followup import` hands to applyEvents
    let accepted = 0;
    for (let i = 0; i < events.length; i += chunk) {
      const results = await applyEvents(store, events.slice(i, i + chunk));
      accepted += results.filter((r) => r.status === 'accepted').length;
    }
    const importMs = ms(t0);
    console.log(
      `import ${events.length} events (${contacts} contacts): ${(importMs / 1000).toFixed(2)} s = ` +
        `${Math.round(events.length / (importMs / 1000))} events/s`,
    );
    expect(accepted).toBe(events.length);
    expect(importMs).toBeLessThan(60_000);

    const t1 = performance.now();
    const replay = await applyEvents(store, events.slice(0, 20_000));
    console.log(
      `replay of 20k already-applied events: ${ms(t1).toFixed(0)} ms ` +
        `(all duplicate: ${replay.every((r) => r.status === 'duplicate')})`,
    );

    // Grow to 100k contacts with putMany, then stream them all.
    const t2 = performance.now();
    for (let i = contacts; i < 100_000; i += 2000) {
      await store.contacts.putMany(
        Array.from({ length: Math.min(2000, 100_000 - i) }, (_, k) => contact(`c-${i + k}`)),
      );
    }
    console.log(`putMany 75k contacts (batches of 2,000): ${ms(t2).toFixed(0)} ms`);

    const t3 = performance.now();
    let n = 0;
    for await (const _ of store.contacts.loadAll()) n++;
    const loadMs = ms(t3);
    console.log(`loadAll ${n} contacts (validated): ${loadMs.toFixed(0)} ms`);
    expect(n).toBe(100_000);
    expect(loadMs).toBeLessThan(30_000);

    const t4 = performance.now();
    const ids = Array.from({ length: 1000 }, (_, i) => `c-${i * 97}`);
    const got = await store.contacts.getMany(ids);
    console.log(`getMany 1,000 of 100k: ${ms(t4).toFixed(0)} ms`);
    expect(got.every((c) => c !== undefined)).toBe(true);
    await store.close();

    // The stock adapter's iterator (LIMIT 10 OFFSET n) on the same file, for comparison (first 20k rows only).
    const stock = new Keyv({ store: new KeyvSqlite(`sqlite://${d.file}`), namespace: 'contacts' });
    const t5 = performance.now();
    let m = 0;
    for await (const _ of stock.iterator!(undefined)) if (++m >= 20_000) break;
    console.log(`stock @keyv/sqlite iterator, first 20k of 100k rows: ${ms(t5).toFixed(0)} ms`);
    await stock.disconnect();
  }, 600_000);
});
