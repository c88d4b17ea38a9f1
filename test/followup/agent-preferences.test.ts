/**
 * Agent preferences read through this process's copy: on a real SQLite file and a real PostgreSQL, a read
 * is asked of the store once, the copy follows this process's writes, a read that a write overtook is not
 * kept, and (PostgreSQL) another replica's write shows here within a second.
 */
import { expect, it } from 'vitest';
import { createAgentPreferences } from '../../src/followup/index.js';
import type { Store } from '../../src/store/index.js';
import { STORE_BACKENDS } from '../store/backends.js';
import { type HeldReads, countReads, storeAnswered } from '../support/held-reads.js';

/** The store, with every read of a preference counted, and the next ones held while `hold` is set. */
function countingStore(store: Store) {
  const seen: HeldReads = { reads: 0, hold: null };
  const wrapped: Pick<Store, 'collection'> = {
    collection: ((name: string, schema: never) => {
      const records = store.collection(name, schema);
      countReads(records, 'get', seen);
      return records;
    }) as Store['collection'],
  };
  return { wrapped, seen };
}

for (const backend of STORE_BACKENDS) {
  backend.describe(`agent preferences on ${backend.name}`, () => {
    const place = backend.place();

    it('reads each agent from the store once and follows its own writes', async () => {
      const { wrapped, seen } = countingStore(await place.open());
      const prefs = createAgentPreferences(wrapped);
      expect((await prefs.get('U1')).language).toBeNull();
      expect((await prefs.get('U1')).language).toBeNull();
      expect(seen.reads).toBe(1);
      // A write reads under its lock; the next answers come from the copy.
      await prefs.chooseLanguage('U1', 'fr');
      let reads = seen.reads;
      expect((await prefs.get('U1')).language).toBe('fr');
      await prefs.rememberSlackLocale('U1', 'de-DE', new Date('2026-03-10T12:00:00Z'));
      expect(seen.reads).toBe(reads + 1);
      reads = seen.reads;
      expect(await prefs.get('U1')).toMatchObject({ language: 'fr', slackLocale: 'de-DE' });
      expect(seen.reads).toBe(reads);
    });

    it('does not keep a read that a write overtook', async () => {
      const { wrapped, seen } = countingStore(await place.open());
      const prefs = createAgentPreferences(wrapped);
      await prefs.chooseLanguage('U2', 'de');
      const other = createAgentPreferences(wrapped); // an empty copy, so its read goes to the store
      let release!: () => void;
      seen.hold = new Promise((resolve) => (release = resolve));
      const answeredBefore = seen.answered ?? 0;
      const reading = other.get('U2');
      seen.hold = null;
      await storeAnswered(seen, answeredBefore + 1);
      await other.chooseLanguage('U2', 'vi');
      release();
      expect((await reading).language).toBe('de'); // read before the write: answered, not kept
      expect((await other.get('U2')).language).toBe('vi');
    });

    if (backend.name === 'postgres') {
      it("shows another replica's write within a second", async () => {
        const here = createAgentPreferences(await place.open());
        const there = createAgentPreferences(await place.open());
        expect((await here.get('U3')).language).toBeNull();
        await there.chooseLanguage('U3', 'ar');
        const t0 = Date.now();
        while ((await here.get('U3')).language !== 'ar') {
          expect(Date.now() - t0).toBeLessThan(1_000);
          await new Promise((r) => setTimeout(r, 20));
        }
      });
    }
  });
}
