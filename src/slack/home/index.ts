/** The App Home's listeners: publish it when opened, and its Find a contact button. */
import type { BlockAction } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import type { SlackListeners } from '../shared/listeners.js';
import { ACTION } from '../shared/ids.js';
import { homeOpenSearch, homeOpened } from './app-home.js';

export function register(app: SlackListeners, s: SlackServices): void {
  app.event('app_home_opened', homeOpened(s));
  app.action<BlockAction>(ACTION.homeOpenSearch, homeOpenSearch(s));
}
