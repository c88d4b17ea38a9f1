/** Search modal: from the query in its metadata to the rendered view. */
import type { ModalView } from '@slack/types';
import { describeQueryTextProblem, queryTextProblem } from '../contacts/query.js';
import { searchContacts } from '../followup/index.js';
import { type SlackServices, canSeeAll } from './services.js';
import { type SearchMeta, encodeSearchMeta } from './view-state.js';
import { buildSearchModalView } from './views/search-modal.js';

export function initialSearchMeta(text: string, s: SlackServices, userId: string): SearchMeta {
  return {
    k: 'search',
    // Agents start in their own inbox; those allowed the All inbox start there when they typed a name.
    q: { text: text.trim().slice(0, 500), inbox: text.trim() && canSeeAll(s, userId) ? 'all' : 'mine', status: 'closed' },
    back: [],
    cursor: null,
    next: null,
    page: 0,
  };
}

export async function renderSearch(meta: SearchMeta, s: SlackServices, userId: string): Promise<ModalView> {
  const allowedAll = canSeeAll(s, userId);
  let notice: string | undefined;
  let q = meta.q;
  if (q.inbox === 'all' && !allowedAll) {
    q = { ...q, inbox: 'mine' };
    notice = 'You can search your own inbox only (the All inbox is limited by your team’s settings).';
  }
  const now = s.clock();
  const problem = queryTextProblem(q.text);
  if (problem) {
    // Searching would list everyone (or miss every phone): say what to type instead.
    return buildSearchModalView({
      query: q,
      canSeeAll: allowedAll,
      results: [],
      total: 0,
      page: 0,
      pageSize: s.pageSize,
      hasNext: false,
      privateMetadata: encodeSearchMeta({ ...meta, q, back: [], cursor: null, next: null, page: 0 }),
      queryProblem: describeQueryTextProblem(q.text, problem),
      ...(notice ? { notice } : {}),
      sandbox: false,
      now,
    });
  }
  const page = await searchContacts(
    {
      text: q.text,
      inbox: q.inbox,
      agentId: userId,
      status: q.status,
      ...(q.channel ? { channel: q.channel } : {}),
      ...(q.windowState ? { windowState: q.windowState } : {}),
      limit: s.pageSize,
      ...(meta.cursor ? { cursor: meta.cursor } : {}),
    },
    now,
    { index: s.index, store: s.store, rules: s.settings.rules },
  );
  const next: SearchMeta = { ...meta, q, next: page.nextCursor };
  return buildSearchModalView({
    query: q,
    canSeeAll: allowedAll,
    results: page.results.map((r) => ({ contact: r.contact, statuses: r.statuses.map(({ channel, status }) => ({ channel, status })) })),
    total: page.total,
    page: meta.page,
    pageSize: s.pageSize,
    hasNext: page.nextCursor !== null,
    privateMetadata: encodeSearchMeta(next),
    ...(notice ? { notice } : {}),
    sandbox: page.results.some((r) => r.contact.channels.some((c) => s.transports.for(c).sandbox)),
    now,
  });
}

export function nextPage(meta: SearchMeta): SearchMeta {
  if (!meta.next) return meta;
  return { ...meta, back: [...meta.back, meta.cursor], cursor: meta.next, next: null, page: meta.page + 1 };
}

export function previousPage(meta: SearchMeta): SearchMeta {
  if (meta.page === 0) return meta;
  const back = meta.back.slice(0, -1);
  const cursor = meta.back.length ? meta.back[meta.back.length - 1]! : null;
  return { ...meta, back, cursor, next: null, page: meta.page - 1 };
}
