/**
 * The agent's language settings: App Home's picker and Slack's `user_change` event. `/followup language` is
 * parsed with the rest of `/followup` (src/slack/search/followup-command.ts) and answered here.
 */
import type { BlockAction } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import type { SlackListeners } from '../shared/listeners.js';
import { ACTION } from '../shared/ids.js';
import { languagePicked } from './language-picker.js';
import { userChanged } from './user-change.js';

export function register(app: SlackListeners, s: SlackServices): void {
  app.action<BlockAction>(ACTION.homeLanguage, languagePicked(s));
  app.event('user_change', userChanged(s));
}
