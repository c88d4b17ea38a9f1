/** The contact screen's listeners: Follow up on a channel, Assign to me, Close conversation. */
import type { BlockAction } from '@slack/bolt';
import { openCompose } from '../compose/open-compose.js';
import type { SlackServices } from '../services.js';
import type { SlackListeners } from '../shared/listeners.js';
import { ACTION, ACTION_MATCH } from '../shared/ids.js';
import { CONTACT_CHANGES, changeContact } from './contact-actions.js';

export function register(app: SlackListeners, s: SlackServices): void {
  app.action<BlockAction>(ACTION_MATCH.composeOpen, openCompose(s, { stacked: true }));
  app.action<BlockAction>(ACTION.assignMe, changeContact(s, CONTACT_CHANGES.assignMe));
  app.action<BlockAction>(ACTION.closeConversation, changeContact(s, CONTACT_CHANGES.close));
}
