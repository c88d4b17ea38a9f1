/**
 * contacts.getManyForDisplay (a search page's records) on a real SQLite file and a real PostgreSQL: each
 * contact is read from the store once, the copy follows this process's writes and deletions, a read that a
 * write overtook is not kept, and (PostgreSQL) another replica's write shows here within a second.
 */
import { expect, it } from 'vitest';
import type { Contact } from '../../src/contacts/model.js';
import type { Store } from '../../src/store/index.js';
import { DISPLAY_CACHE_SIZE } from '../../src/store/contacts.js';
import { STORE_BACKENDS } from './backends.js';
import { contact } from './helpers.js';
import { countReads as countHeldReads, storeAnswered } from '../support/held-reads.js';

/** The store's contact reads (the repository's own, private collection), counted and held. */
function countReads(store: Store) {
  return countHeldReads((store.contacts as unknown as { records: object }).records, 'getMany' as never);
}

const names = (contacts: Array<Contact | undefined>) => contacts.map((c) => c?.lastName);

for (const backend of STORE_BACKENDS) {
  backend.describe(`contacts read for display on ${backend.name}`, () => {
    const place = backend.place();

    it('reads each contact once and follows its own writes and deletions', async () => {
      const store = await place.open();
      await store.contacts.putMany([contact('c1'), contact('c2')]);
      const seen = countReads(store);
      expect(names(await store.contacts.getManyForDisplay(['c1', 'c2', 'nobody']))).toEqual([
        'Nguyễn c1',
        'Nguyễn c2',
        undefined,
      ]);
      expect(names(await store.contacts.getManyForDisplay(['c2', 'c1']))).toEqual(['Nguyễn c2', 'Nguyễn c1']);
      expect(seen.reads).toBe(1);

      await store.contacts.put(contact('c1', { lastName: 'Trần' }));
      await store.contacts.delete('c2');
      expect(names(await store.contacts.getManyForDisplay(['c1', 'c2']))).toEqual(['Trần', undefined]);
      expect(seen.reads).toBe(2);
    });

    it('keeps the contacts shown again and lets the least recently shown go when full', async () => {
      const store = await place.open();
      const ids = Array.from({ length: DISPLAY_CACHE_SIZE + 2 }, (_, i) => `c${i}`);
      await store.contacts.putMany(ids.map((id) => contact(id)));
      const seen = countReads(store);
      const [hot, cold, ...rest] = ids as [string, string, ...string[]];
      await store.contacts.getManyForDisplay([hot, cold]);
      await store.contacts.getManyForDisplay(rest.slice(0, DISPLAY_CACHE_SIZE - 2)); // now full
      expect(seen.reads).toBe(2);
      await store.contacts.getManyForDisplay([hot]); // shown again: the newest now
      expect(seen.reads).toBe(2);
      await store.contacts.getManyForDisplay(rest.slice(DISPLAY_CACHE_SIZE - 2)); // two more: two leave
      expect(seen.reads).toBe(3);
      // The two least recently shown went (the cold one and the first of the rest); the hot one stayed.
      expect(names(await store.contacts.getManyForDisplay([hot]))).toEqual([`Nguyễn ${hot}`]);
      expect(seen.reads).toBe(3);
      expect(names(await store.contacts.getManyForDisplay([cold]))).toEqual([`Nguyễn ${cold}`]);
      expect(seen.reads).toBe(4);
    });

    it('does not keep a read that a write overtook', async () => {
      const store = await place.open();
      await store.contacts.put(contact('c1'));
      const seen = countReads(store);
      let release!: () => void;
      seen.hold = new Promise<void>((resolve) => {
        release = resolve;
      });
      const reading = store.contacts.getManyForDisplay(['c1']);
      await storeAnswered(seen, 1);
      await store.contacts.put(contact('c1', { lastName: 'Trần' }));
      seen.hold = null;
      release();
      // What it read, from before the write; but not kept, so the next read asks the store again.
      expect(names(await reading)).toEqual(['Nguyễn c1']);
      expect(names(await store.contacts.getManyForDisplay(['c1']))).toEqual(['Trần']);
      expect(seen.reads).toBe(2);
    });

    if (backend.name === 'postgres') {
      it("shows another replica's write within a second", async () => {
        const here = await place.open();
        const other = await place.open();
        await here.contacts.put(contact('c1'));
        expect(names(await here.contacts.getManyForDisplay(['c1']))).toEqual(['Nguyễn c1']);
        await other.contacts.put(contact('c1', { lastName: 'Trần' }));
        const deadline = Date.now() + 1000;
        let shown = names(await here.contacts.getManyForDisplay(['c1']));
        while (shown[0] !== 'Trần' && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 20));
          shown = names(await here.contacts.getManyForDisplay(['c1']));
        }
        expect(shown).toEqual(['Trần']);
      });
    }
  });
}
