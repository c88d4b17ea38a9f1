/** The global shortcut *Follow up with customer*: the same search modal as `/followup`, from anywhere. */
import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import { openSearch } from './search-screen.js';

export type ShortcutArgs = SlackShortcutMiddlewareArgs & AllMiddlewareArgs;

export function followupShortcut(s: SlackServices) {
  return async ({ ack, body, client, logger }: ShortcutArgs): Promise<void> => {
    await ack();
    try {
      await openSearch(client, logger, s, { triggerId: body.trigger_id, userId: body.user.id });
    } catch (err) {
      logger.error('Global shortcut failed', err);
    }
  };
}
