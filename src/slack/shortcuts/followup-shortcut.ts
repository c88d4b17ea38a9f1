import type { AllMiddlewareArgs, App, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { openThenRender } from '../modal.js';
import { initialSearchMeta, renderSearch } from '../search-flow.js';
import type { SlackServices } from '../services.js';
import { SHORTCUT_CALLBACK } from '../views/ids.js';

export function followupShortcut(s: SlackServices) {
  return async ({ ack, body, client, logger }: SlackShortcutMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      await openThenRender(client, logger, { triggerId: body.trigger_id }, () => renderSearch(initialSearchMeta('', s, body.user.id), s, body.user.id));
    } catch (err) {
      logger.error('Global shortcut failed', err);
    }
  };
}

export function register(app: App, s: SlackServices): void {
  app.shortcut(SHORTCUT_CALLBACK, followupShortcut(s));
}
