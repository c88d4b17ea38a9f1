/**
 * loadSearchIndex: the search index built from every stored contact, ready to answer — what the server does
 * at start-up and `followup search` per call, so both pay the same, measured, cost.
 */
import type { RuleOverrides } from '../policy/index.js';
import { type ContactBatch, type LoadedContact, forEachLoaded } from './contact-batch.js';
import { ContactIndex } from './index.js';
import type { Contact } from './model.js';
import { type SearchQuery, searchQuerySchema } from './query.js';

export type { LoadedContact } from './contact-batch.js';

export interface IndexSource {
  contacts: {
    loadAll(): AsyncIterable<Contact>;
    count?(): Promise<number>;
    /**
     * Every contact already derived for the index, in batches in any order (the store derives them in worker
     * threads where it can: store/contact-batches.ts); with `forEach`, the batches also carry what `each` is
     * given. A batch may be reused once the next one is asked for.
     */
    loadBatches?(opts: {
      rules?: RuleOverrides | undefined;
      forEach: boolean;
      count: number;
      threads?: number | undefined;
    }): AsyncIterable<ContactBatch>;
  };
}

export interface LoadIndexOptions {
  rules?: RuleOverrides;
  /** The instant the first search will be at (the clock's now): the window states are computed for it. */
  now: Date;
  /**
   * Also given each contact as it is read (the server's address book, the notification keeper), so the store
   * is read once: its id, updatedAt and channels' types and addresses. In no set order when the store loads
   * in several threads.
   */
  each?: (contact: LoadedContact) => void;
  /** Leaves out the contacts this returns false for (an index for one query: see `couldMatch`). */
  only?: (contact: Contact) => boolean;
  /** Builds the text segments and window states before returning (default); one query needs only its own part. */
  warm?: boolean;
  /** How many threads read the store (default: by the number of contacts and cores); tests set it. */
  loadThreads?: number;
}

export async function loadSearchIndex(store: IndexSource, opts: LoadIndexOptions): Promise<ContactIndex> {
  const index = new ContactIndex(opts.rules === undefined ? {} : { rules: opts.rules });
  const { each, only } = opts;
  const loadBatches = store.contacts.loadBatches;
  if (only === undefined && loadBatches !== undefined) {
    const count = store.contacts.count === undefined ? 0 : await store.contacts.count();
    index.reserve(count);
    const forEach = each !== undefined;
    const batches = loadBatches.call(store.contacts, { rules: opts.rules, forEach, count, threads: opts.loadThreads });
    const reading = batches[Symbol.asyncIterator]();
    try {
      let next = reading.next();
      for (let batch = await next; !batch.done; batch = await next) {
        index.addBatch(batch.value);
        if (each !== undefined) forEachLoaded(batch.value, each);
        next = reading.next();
      }
    } catch (error) {
      await reading.return?.();
      throw error;
    }
  } else {
    if (only === undefined && store.contacts.count !== undefined) index.reserve(await store.contacts.count());
    for await (const contact of store.contacts.loadAll()) {
      if (only === undefined || only(contact)) index.upsert(contact);
      each?.(contact);
    }
  }
  // The first search builds the text segments and the window states: pay it here, not on an agent's /followup.
  if (opts.warm !== false) {
    index.search({ text: 'a', inbox: 'all', status: 'any', windowState: 'open', limit: 1 }, opts.now);
  }
  return index;
}

/**
 * Whether a contact can match `query` by its exact-field filters (status, inbox, channel type). An index
 * loaded for that one query (`followup search`) leaves the others out and answers the same; text and window
 * state are still the index's to decide.
 */
export function couldMatch(query: SearchQuery): (contact: Contact) => boolean {
  const q = searchQuerySchema.parse(query);
  return (c) =>
    (q.status === 'any' || c.status === q.status) &&
    (q.inbox !== 'mine' || c.assignee === q.agentId) &&
    (q.channel === undefined || c.channels.some((ch) => ch.type === q.channel));
}
