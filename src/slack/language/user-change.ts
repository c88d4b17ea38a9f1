/** `user_change` (scope `users:read`): an agent's Slack locale may have changed, so their language may have. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { noteUserChange } from '../i18n/index.js';
import type { SlackServices } from '../services.js';

export type UserChangeArgs = SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs;

/** Events are acknowledged by Bolt before listeners run: a failure can only be logged. */
export function userChanged(s: SlackServices) {
  return async ({ event, logger }: UserChangeArgs): Promise<void> => {
    try {
      await noteUserChange(s, (event.user ?? {}) as { id?: unknown; locale?: unknown });
    } catch (err) {
      logger.error('Storing a changed Slack locale failed', err);
    }
  };
}
