/** Search modal controls: every control re-runs the search and updates the view in place; Open pushes a contact. */
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { renderContact } from '../contact/contact-screen.js';
import { translatorOf } from '../language/request-translator.js';
import type { SlackServices } from '../services.js';
import type { ViewStateValues } from '../shared/blocks.js';
import { openThenRender, renderInto } from '../shared/modal.js';
import { parseMeta } from '../shared/view-state.js';
import { readSearchModalState } from './search-modal.js';
import { renderSearch } from './search-screen.js';
import { type SearchMeta, firstPage, nextPage, previousPage, searchMetaSchema } from './search-state.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
export type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type ViewWithState = { state?: { values?: unknown } };

/** The query as the agent set it in the view's controls (every control, whichever one fired). */
export function queryFromView(view: ViewWithState): SearchMeta['q'] {
  return readSearchModalState(view.state?.values as ViewStateValues | undefined);
}

/** How each kind of control moves the search: a new query starts again at the first page. */
export const SEARCH_MOVES = {
  requery: (_meta: SearchMeta, view: ViewWithState) => firstPage(queryFromView(view)),
  next: (meta: SearchMeta) => nextPage(meta),
  previous: (meta: SearchMeta) => previousPage(meta),
} as const;

export function refreshSearch(s: SlackServices, move: (meta: SearchMeta, view: ViewWithState) => SearchMeta) {
  return async ({ ack, body, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    if (!view) return;
    const meta = parseMeta(searchMetaSchema, view);
    if (!meta) {
      logger.warn('Search modal without readable metadata; ignoring action');
      return;
    }
    try {
      const t = await translatorOf(client, s, body.user.id, logger);
      await renderInto(client, logger, t, view.id, view.hash, () => renderSearch(t, move(meta, view), s, body.user.id));
    } catch (err) {
      logger.error('Updating the search failed', err);
    }
  };
}

/** The Search button (a modal with an input needs one): same query, answered in the submission's ack. */
export function searchSubmitted(s: SlackServices) {
  return async ({ ack, body, view, client, logger }: SubmissionArgs): Promise<void> => {
    try {
      const t = await translatorOf(client, s, body.user.id, logger);
      await ack({
        response_action: 'update',
        view: await renderSearch(t, firstPage(queryFromView(view)), s, body.user.id),
      });
    } catch (err) {
      logger.error('Search submission failed', err);
      await ack().catch(() => undefined);
    }
  };
}

/** Open on a search result (the App Home's Open buttons share the action_id): the contact view. */
export function openContact(s: SlackServices) {
  return async ({ ack, body, action, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const contactId = 'value' in action ? action.value : undefined;
    if (!contactId) return;
    try {
      const t = await translatorOf(client, s, body.user.id, logger);
      const opening = {
        triggerId: body.trigger_id,
        push: body.view?.type === 'modal',
        title: t.t('search.contactLoading'),
      };
      await openThenRender(client, logger, t, opening, () => renderContact(t, contactId, s, body.user.id));
    } catch (err) {
      logger.error('Opening the contact failed', err);
    }
  };
}
