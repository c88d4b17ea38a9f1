/**
 * loadSearchIndex: the search index built from every stored contact, ready to answer — what the server does
 * at start-up and `followup search` per call, so both pay the same, measured, cost.
 */
import type { RuleOverrides } from '../policy/index.js';
import { ContactIndex } from './index.js';
import type { Contact } from './model.js';
import { type SearchQuery, searchQuerySchema } from './query.js';

export interface IndexSource {
  contacts: { loadAll(): AsyncIterable<Contact>; count?(): Promise<number> };
}

export interface LoadIndexOptions {
  rules?: RuleOverrides;
  /** The instant the first search will be at (the clock's now): the window states are computed for it. */
  now: Date;
  /** Also given each contact as it is read (the server's address book), so the store is read once. */
  each?: (contact: Contact) => void;
  /** Leaves out the contacts this returns false for (an index for one query: see `couldMatch`). */
  only?: (contact: Contact) => boolean;
  /** Builds the text segments and window states before returning (default); one query needs only its own part. */
  warm?: boolean;
}

export async function loadSearchIndex(store: IndexSource, opts: LoadIndexOptions): Promise<ContactIndex> {
  const index = new ContactIndex(opts.rules === undefined ? {} : { rules: opts.rules });
  if (opts.only === undefined && store.contacts.count !== undefined) index.reserve(await store.contacts.count());
  for await (const contact of store.contacts.loadAll()) {
    if (opts.only === undefined || opts.only(contact)) index.upsert(contact);
    opts.each?.(contact);
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
