/** Compose view controls: picking a template or tag, typing a variable — re-render with a live preview. */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import { renderInto } from '../shared/modal.js';
import { parseMeta } from '../shared/view-state.js';
import { draftFromView, renderCompose } from './compose-screen.js';
import { composeMetaSchema } from './compose-state.js';
import { translatorOf } from '../language/request-translator.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function composeControlChanged(s: SlackServices) {
  return async ({ ack, body, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    const meta = view ? parseMeta(composeMetaSchema, view) : null;
    if (!view || !meta) return;
    try {
      const userId = body.user.id;
      const t = await translatorOf(client, s, userId, logger);
      const draft = draftFromView(view);
      await renderInto(client, logger, t, view.id, view.hash, () => renderCompose(t, meta, s, userId, draft));
    } catch (err) {
      logger.error('Updating the compose view failed', err);
    }
  };
}
