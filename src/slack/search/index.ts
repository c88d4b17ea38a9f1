/** The search screen's listeners: /followup, the global shortcut, the modal's controls and its results. */
import type { BlockAction, ViewSubmitAction } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import type { SlackListeners } from '../shared/listeners.js';
import { ACTION, ACTION_MATCH, CALLBACK, COMMAND, SHORTCUT_CALLBACK } from '../shared/ids.js';
import { followupCommand } from './followup-command.js';
import { followupShortcut } from './followup-shortcut.js';
import { SEARCH_MOVES, openContact, refreshSearch, searchSubmitted } from './search-actions.js';

/** The controls that change the query; each starts again at the first page. */
const QUERY_CONTROLS = [ACTION.searchText, ACTION.inbox, ACTION.status, ACTION.channel, ACTION.windowState];

export function register(app: SlackListeners, s: SlackServices): void {
  app.command(COMMAND, followupCommand(s));
  app.shortcut(SHORTCUT_CALLBACK, followupShortcut(s));
  const requery = refreshSearch(s, SEARCH_MOVES.requery);
  for (const id of QUERY_CONTROLS) app.action<BlockAction>(id, requery);
  app.action<BlockAction>(ACTION.pageNext, refreshSearch(s, SEARCH_MOVES.next));
  app.action<BlockAction>(ACTION.pagePrev, refreshSearch(s, SEARCH_MOVES.previous));
  app.view<ViewSubmitAction>(CALLBACK.search, searchSubmitted(s));
  app.action<BlockAction>(ACTION_MATCH.openContact, openContact(s));
}
