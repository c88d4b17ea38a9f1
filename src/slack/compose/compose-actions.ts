/** Compose view controls: picking a template or tag, typing a variable — re-render with a live preview. */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import { renderInto } from '../shared/modal.js';
import { parseMeta } from '../shared/view-state.js';
import { draftFromView, renderCompose } from './compose-screen.js';
import { composeMetaSchema } from './compose-state.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function composeControlChanged(s: SlackServices) {
  return async ({ ack, body, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    const meta = view ? parseMeta(composeMetaSchema, view) : null;
    if (!view || !meta) return;
    try {
      const draft = draftFromView(view);
      await renderInto(client, logger, view.id, view.hash, () => renderCompose(meta, s, body.user.id, draft));
    } catch (err) {
      logger.error('Updating the compose view failed', err);
    }
  };
}
