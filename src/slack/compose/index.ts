/** The compose screen's listeners: its controls (template, variables, tag) and its submission. */
import type { BlockAction, ViewSubmitAction } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import type { SlackListeners } from '../shared/listeners.js';
import { ACTION, ACTION_MATCH, CALLBACK } from '../shared/ids.js';
import { composeControlChanged } from './compose-actions.js';
import { composeSubmission } from './compose-submission.js';

/** The controls whose change re-renders the view (a new template brings its variables and preview). */
const RERENDERING_CONTROLS = [ACTION.template, ACTION_MATCH.variable, ACTION.tag];

export function register(app: SlackListeners, s: SlackServices): void {
  const rerender = composeControlChanged(s);
  for (const id of RERENDERING_CONTROLS) app.action<BlockAction>(id, rerender);
  app.view<ViewSubmitAction>(CALLBACK.compose, composeSubmission(s));
}
