/**
 * counters.getForDisplay (the quota a search page shows) on a real SQLite file and a real PostgreSQL: a counter
 * is read from the store once, the copy follows this process's increments, a read that an increment
 * overlapped is not kept, and (PostgreSQL) another replica's increment shows here within a second.
 */
import { expect, it } from 'vitest';
import { countReads, storeAnswered } from '../support/held-reads.js';
import { STORE_BACKENDS, type StorePlace } from './backends.js';

const KEY = 'viber:bot1:2026-11';

/**
 * A store whose counter KEY (1) was written before it opened, so its display copy has to read it; `held()`
 * holds the next reads until the release it returns is called.
 */
async function storeReadingAStoredCounter(place: StorePlace) {
  const writer = await place.open();
  await writer.counters.increment(KEY, 1);
  await writer.close(); // SQLite: one process (one store) per file
  const store = await place.open();
  // The store reads the display copy makes (the repository's `get`).
  const seen = countReads(store.counters, 'get');
  const held = () => {
    let release!: () => void;
    seen.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    return release;
  };
  return { store, seen, held };
}

for (const backend of STORE_BACKENDS) {
  backend.describe(`counters read for display on ${backend.name}`, () => {
    const place = backend.place();

    it('reads a counter once and follows its own increments', async () => {
      const store = await place.open();
      await store.counters.increment(KEY, 2);
      // The store reads the display copy makes (the repository's `get`).
      const seen = countReads(store.counters, 'get');
      // Its own increment is kept: no read. A counter never written reads as 0, once.
      expect(await store.counters.getForDisplay(KEY)).toBe(2);
      expect(await store.counters.getForDisplay('viber:unknown:2026-11')).toBe(0);
      expect(await store.counters.getForDisplay('viber:unknown:2026-11')).toBe(0);
      expect(seen.reads).toBe(1);
      await store.counters.increment(KEY);
      await store.counters.increment(KEY, -5);
      expect(await store.counters.getForDisplay(KEY)).toBe(0);
      await store.counters.increment(KEY, 4);
      expect(await store.counters.getForDisplay(KEY)).toBe(4);
      expect(seen.reads).toBe(1);
      // A send still reads the store itself.
      expect(await store.counters.get(KEY)).toBe(4);
      expect(seen.reads).toBe(2);
    });

    it('does not keep a read that an increment overlapped', async () => {
      const { store, seen, held } = await storeReadingAStoredCounter(place);
      const release = held();
      const reading = store.counters.getForDisplay(KEY);
      seen.hold = null;
      await storeAnswered(seen, 1);
      // The increment reads and writes through the same collection: it is not held.
      const incrementing = store.counters.increment(KEY, 1);
      await new Promise((r) => setTimeout(r, 20));
      release();
      expect(await reading).toBe(1);
      expect(await incrementing).toBe(2);
      expect(await store.counters.getForDisplay(KEY)).toBe(2);
    });

    it('does not keep a read that started during an increment and ended after it', async () => {
      const { store, seen, held } = await storeReadingAStoredCounter(place);
      const incrementing = store.counters.increment(KEY, 1);
      const release = held();
      const reading = store.counters.getForDisplay(KEY);
      seen.hold = null;
      await incrementing;
      release();
      await reading;
      expect(await store.counters.getForDisplay(KEY)).toBe(2);
    });

    if (backend.name === 'postgres') {
      it("shows another replica's increment within a second", async () => {
        const here = await place.open();
        const other = await place.open();
        await here.counters.increment(KEY, 1);
        expect(await here.counters.getForDisplay(KEY)).toBe(1);
        await other.counters.increment(KEY, 1);
        const deadline = Date.now() + 1000;
        let shown = await here.counters.getForDisplay(KEY);
        while (shown !== 2 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 20));
          shown = await here.counters.getForDisplay(KEY);
        }
        expect(shown).toBe(2);
      });
    }
  });
}
