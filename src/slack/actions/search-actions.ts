/** Search modal: every control re-runs the search and updates the view in place. */
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { openThenRender, renderInto } from '../modal.js';
import { renderContact } from '../contact-flow.js';
import { nextPage, previousPage, renderSearch } from '../search-flow.js';
import type { SlackServices } from '../services.js';
import { type SearchMeta, parseMeta, searchMetaSchema } from '../view-state.js';
import type { ViewStateValues } from '../views/blocks.js';
import { ACTION, ACTION_MATCH, CALLBACK } from '../views/ids.js';
import { readSearchModalState } from '../views/search-modal.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The query as the agent set it in the view's controls (every control, whichever one fired). */
export function queryFromView(view: { state?: { values?: unknown } }): SearchMeta['q'] {
  return readSearchModalState(view.state?.values as ViewStateValues | undefined);
}

function refresh(s: SlackServices, change: (meta: SearchMeta, view: unknown) => SearchMeta) {
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
      await renderInto(client, logger, view.id, view.hash, () => renderSearch(change(meta, view), s, body.user.id));
    } catch (err) {
      logger.error('Updating the search failed', err);
    }
  };
}

export function register(app: App, s: SlackServices): void {
  const requery = refresh(s, (meta, view) => ({ ...meta, q: queryFromView(view as { state?: { values?: unknown } }), back: [], cursor: null, next: null, page: 0 }));
  for (const id of [ACTION.searchText, ACTION.inbox, ACTION.status, ACTION.channel, ACTION.windowState]) {
    app.action<BlockAction>(id, requery);
  }
  app.action<BlockAction>(ACTION.pageNext, refresh(s, (meta) => nextPage(meta)));
  app.action<BlockAction>(ACTION.pagePrev, refresh(s, (meta) => previousPage(meta)));

  // The Search button (a modal with an input needs one): same query, answered in the submission's ack.
  app.view<ViewSubmitAction>(CALLBACK.search, async ({ ack, body, view, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const meta = parseMeta(searchMetaSchema, view);
    const base = meta ?? { k: 'search' as const, q: { text: '', inbox: 'mine' as const, status: 'closed' as const }, back: [], cursor: null, next: null, page: 0 };
    try {
      await ack({ response_action: 'update', view: await renderSearch({ ...base, q: queryFromView(view), back: [], cursor: null, next: null, page: 0 }, s, body.user.id) });
    } catch (err) {
      logger.error('Search submission failed', err);
      await ack().catch(() => undefined);
    }
  });

  app.action<BlockAction>(ACTION_MATCH.openContact, async ({ ack, body, action, client, logger }: ActionArgs) => {
    await ack();
    const contactId = 'value' in action ? action.value : undefined;
    if (!contactId) return;
    try {
      await openThenRender(client, logger, { triggerId: body.trigger_id, push: body.view?.type === 'modal', title: 'Contact' }, () =>
        renderContact(contactId, s, body.user.id),
      );
    } catch (err) {
      logger.error('Opening the contact failed', err);
    }
  });
}
