/** Contact search for the front-ends: the index picks the page, the store supplies the records. */
import type { ContactIndex } from '../contacts/index.js';
import type { Contact } from '../contacts/model.js';
import type { SearchQuery } from '../contacts/query.js';
import type { RuleOverrides } from '../policy/index.js';
import type { FollowupStore } from './ports.js';
import { type ChannelStatus, windowStatusFor } from './window-status.js';

export interface ContactWithStatus {
  contact: Contact;
  statuses: ChannelStatus[];
}

export interface SearchPage {
  total: number;
  results: ContactWithStatus[];
  nextCursor: string | null;
}

export async function searchContacts(
  query: SearchQuery,
  now: Date,
  deps: {
    index: Pick<ContactIndex, 'search'>;
    store: Pick<FollowupStore, 'contacts' | 'counters'>;
    rules: RuleOverrides;
  },
): Promise<SearchPage> {
  const found = deps.index.search(query, now);
  const records = await deps.store.contacts.getManyForDisplay(found.ids);
  // A page usually needs one Viber counter (one bot, this month): read each key once, not per contact, from
  // the counters' display copy (a send reads the store itself).
  const memo = new Map<string, Promise<number>>();
  const counters = {
    get: (key: string) => {
      let v = memo.get(key);
      if (!v) memo.set(key, (v = deps.store.counters.getForDisplay(key)));
      return v;
    },
  };
  const results = await Promise.all(
    records
      .filter((c): c is Contact => c !== undefined)
      .map(async (contact) => ({
        contact,
        statuses: await windowStatusFor(contact, now, { store: { counters }, rules: deps.rules }),
      })),
  );
  return { total: found.total, results, nextCursor: found.nextCursor };
}
