/** Compose view controls: picking a template or tag, typing a variable — re-render with a live preview. */
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { type ComposeDraft, renderCompose } from '../compose-flow.js';
import { renderInto } from '../modal.js';
import type { SlackServices } from '../services.js';
import { composeMetaSchema, parseMeta } from '../view-state.js';
import type { ViewStateValues } from '../views/blocks.js';
import { readComposeModalState } from '../views/compose-modal.js';
import { ACTION, ACTION_MATCH } from '../views/ids.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** Everything the agent has typed or picked so far: re-rendering must never lose it. */
export function draftFromView(view: { state?: { values?: unknown } } | undefined): ComposeDraft {
  return readComposeModalState(view?.state?.values as ViewStateValues | undefined);
}

export function register(app: App, s: SlackServices): void {
  const rerender = async ({ ack, body, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    const meta = view ? parseMeta(composeMetaSchema, view) : null;
    if (!view || !meta) return;
    try {
      await renderInto(client, logger, view.id, view.hash, () => renderCompose(meta, s, body.user.id, draftFromView(view)));
    } catch (err) {
      logger.error('Updating the compose view failed', err);
    }
  };
  for (const id of [ACTION.template, ACTION_MATCH.variable, ACTION.tag]) app.action<BlockAction>(id, rerender);
}
