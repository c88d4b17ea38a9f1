/** Search modal: from the query in its metadata, through the search use case, to the rendered view. */
import type { Logger } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { queryTextProblem } from '../../contacts/query.js';
import type { Translator } from '../i18n/index.js';
import { translatorOf } from '../language/request-translator.js';
import { type SlackServices, canSeeAll } from '../services.js';
import { openThenRender } from '../shared/modal.js';
import { buildSearchModalView } from './search-modal.js';
import { type SearchMeta, encodeSearchMeta, firstPage } from './search-state.js';

export function initialSearchMeta(text: string, s: SlackServices, userId: string): SearchMeta {
  // Agents start in their own inbox; those allowed the All inbox start there when they typed a name.
  const inbox = text.trim() && canSeeAll(s, userId) ? 'all' : 'mine';
  return firstPage({ text: text.trim().slice(0, 500), inbox, status: 'closed' });
}

export async function renderSearch(
  t: Translator,
  meta: SearchMeta,
  s: SlackServices,
  userId: string,
): Promise<ModalView> {
  const allowedAll = canSeeAll(s, userId);
  let notice: string | undefined;
  let q = meta.q;
  if (q.inbox === 'all' && !allowedAll) {
    q = { ...q, inbox: 'mine' };
    notice = t.t('search.allInboxNotAllowed');
  }
  const now = s.clock();
  const problem = queryTextProblem(q.text);
  if (problem) {
    // Searching would list everyone (or miss every phone): say what to type instead.
    return buildSearchModalView(t, {
      query: q,
      canSeeAll: allowedAll,
      results: [],
      total: 0,
      page: 0,
      pageSize: s.pageSize,
      hasNext: false,
      privateMetadata: encodeSearchMeta(firstPage(q)),
      queryProblem: problem,
      ...(notice ? { notice } : {}),
      sandbox: false,
      now,
    });
  }
  const page = await s.followup.search(
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
  );
  const next: SearchMeta = { ...meta, q, next: page.nextCursor };
  return buildSearchModalView(t, {
    query: q,
    canSeeAll: allowedAll,
    results: page.results.map((r) => ({
      contact: r.contact,
      statuses: r.statuses.map(({ channel, status }) => ({ channel, status })),
    })),
    total: page.total,
    page: meta.page,
    pageSize: s.pageSize,
    hasNext: page.nextCursor !== null,
    privateMetadata: encodeSearchMeta(next),
    ...(notice ? { notice } : {}),
    sandbox: page.results.some((r) => r.contact.channels.some((c) => s.followup.isSandbox(c))),
    now,
  });
}

/** Opens the search from a trigger (command, shortcut, App Home) within the trigger's life. */
export function openSearch(
  t: Translator,
  client: WebClient,
  logger: Logger,
  s: SlackServices,
  from: { triggerId: string; userId: string; text?: string },
): Promise<void> {
  const meta = initialSearchMeta(from.text ?? '', s, from.userId);
  return openThenRender(client, logger, t, { triggerId: from.triggerId, title: t.t('search.title') }, () =>
    renderSearch(t, meta, s, from.userId),
  );
}

/** What a button or shortcut that opens the search brings: an ack, the trigger and the person. */
export interface SearchTriggerArgs {
  ack: () => Promise<void>;
  body: { trigger_id: string; user: { id: string } };
  client: WebClient;
  logger: Logger;
}

/** A listener that acknowledges at once, then opens the search; a failure is logged as `failure`. */
export function openSearchOnTrigger(s: SlackServices, failure: string) {
  return async ({ ack, body, client, logger }: SearchTriggerArgs): Promise<void> => {
    await ack();
    try {
      const t = await translatorOf(client, s, body.user.id, logger);
      await openSearch(t, client, logger, s, { triggerId: body.trigger_id, userId: body.user.id });
    } catch (err) {
      logger.error(failure, err);
    }
  };
}
