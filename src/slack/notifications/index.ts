/**
 * Window notifications in Slack: the sink the notifier posts through (notice-sink.ts), and the listener of
 * their Follow up buttons, which open the compose view on its own (there is no modal to stack it on).
 */
import type { BlockAction } from '@slack/bolt';
import { openCompose } from '../compose/open-compose.js';
import type { SlackServices } from '../services.js';
import type { SlackListeners } from '../shared/listeners.js';
import { ACTION_MATCH } from '../shared/ids.js';

export { SlackNoticeSink, type SlackNoticeSinkOptions } from './notice-sink.js';

export function register(app: SlackListeners, s: SlackServices): void {
  app.action<BlockAction>(ACTION_MATCH.notifyFollowUp, openCompose(s, { stacked: false }));
}
