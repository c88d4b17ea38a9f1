/**
 * Opens the compose modal for one contact-channel (the Follow up buttons): pushed on the contact view, or
 * alone from a notification message, in the language of the agent who clicked.
 */
import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import { parseFollowUpValue } from '../shared/ids.js';
import { openThenRender } from '../shared/modal.js';
import { renderCompose } from './compose-screen.js';
import type { ComposeMeta } from './compose-state.js';
import { translatorOf } from '../language/request-translator.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function openCompose(s: SlackServices, opts: { stacked: boolean }) {
  return async ({ ack, body, action, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const value = 'value' in action ? action.value : undefined;
    const ref = value ? parseFollowUpValue(value) : null;
    if (!ref) return;
    // Pushed only onto a modal that is open (a message has no view to stack on).
    const meta: ComposeMeta = { k: 'compose', ...ref, idem: randomUUID(), stacked: opts.stacked && Boolean(body.view) };
    try {
      const userId = body.user.id;
      // Before the view opens (bounded at 1 s), so the trigger's 3 s still hold the open.
      const t = await translatorOf(client, s, userId, logger);
      const opening = { triggerId: body.trigger_id, push: meta.stacked, title: t.t('compose.title') };
      await openThenRender(client, logger, t, opening, () => renderCompose(t, meta, s, userId));
    } catch (err) {
      logger.error('Opening the compose view failed', err);
    }
  };
}
