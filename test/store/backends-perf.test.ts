/**
 * SQLite next to PostgreSQL on the same work, off by default (minutes of I/O):
 * `FOLLOWUP_PERF=1 npx vitest run test/store/backends-perf`. Prints the figures; asserts only that all went in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/ingest/index.js';
import { type Store, openStore } from '../../src/store/index.js';
import { type TestSchema, freshSchema, postgresAvailable } from '../support/postgres.js';
import { contact, ingestEvents, tempDir } from './helpers.js';

const run = process.env.FOLLOWUP_PERF === '1';
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const ms = (t0: number) => performance.now() - t0;

let sqliteUrl = '';
async function sqliteStore(): Promise<Store> {
  const dir = tempDir('followup-perf-');
  cleanups.push(() => dir.cleanup());
  sqliteUrl = dir.url;
  return openStore(dir.url);
}

let pgSchema: TestSchema | undefined;
async function postgresStore(): Promise<Store> {
  pgSchema = await freshSchema('followup_perf');
  const schema = pgSchema;
  cleanups.push(() => schema.drop());
  return openStore(schema.url);
}

const backends = [
  { name: 'sqlite', open: sqliteStore, reopen: () => openStore(sqliteUrl), available: true },
  { name: 'postgres', open: postgresStore, reopen: () => openStore(pgSchema!.url), available: postgresAvailable },
];

describe.skipIf(!run)('store backends side by side', () => {
  for (const backend of backends) {
    it.skipIf(!backend.available)(
      `${backend.name}: 100k events through applyEvents, then 100k contacts loaded`,
      async () => {
        let store = await backend.open();
        const events = ingestEvents(25_000);
        const t0 = performance.now();
        let accepted = 0;
        for (let i = 0; i < events.length; i += 5000) {
          const results = await applyEvents(store, events.slice(i, i + 5000)); // what `followup import` hands over
          accepted += results.filter((r) => r.status === 'accepted').length;
        }
        const importMs = ms(t0);
        const rate = Math.round(events.length / (importMs / 1000));
        console.log(
          `${backend.name}: applyEvents ${events.length} events: ${(importMs / 1000).toFixed(2)} s = ${rate} events/s`,
        );
        expect(accepted).toBe(events.length);

        const t1 = performance.now();
        for (let i = 25_000; i < 100_000; i += 2000) {
          const batch = Math.min(2000, 100_000 - i);
          await store.contacts.putMany(Array.from({ length: batch }, (_, k) => contact(`c-${i + k}`)));
        }
        console.log(`${backend.name}: putMany 75k contacts (batches of 2,000): ${ms(t1).toFixed(0)} ms`);

        // Loaded by a freshly started process, as the server does after an import.
        await store.close();
        const t2 = performance.now();
        store = await backend.reopen();
        let n = 0;
        for await (const _ of store.contacts.loadAll()) n++;
        console.log(`${backend.name}: open + loadAll ${n} contacts (validated): ${ms(t2).toFixed(0)} ms`);
        expect(n).toBe(100_000);

        const t3 = performance.now();
        const got = await store.contacts.getMany(Array.from({ length: 1000 }, (_, i) => `c-${i * 97}`));
        console.log(`${backend.name}: getMany 1,000 of 100k: ${ms(t3).toFixed(0)} ms`);
        expect(got.every((c) => c !== undefined)).toBe(true);

        const t4 = performance.now();
        for (let i = 0; i < 500; i++) await store.contacts.update(`c-${i}`, (c) => ({ ...c, status: 'open' }));
        console.log(`${backend.name}: contacts.update one by one: ${(ms(t4) / 500).toFixed(2)} ms each`);
        await store.close();
      },
      900_000,
    );
  }
});
