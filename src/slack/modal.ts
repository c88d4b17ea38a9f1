/**
 * Opening and updating modals the way Slack needs: open (or push) a loading view with the trigger_id at
 * once — it lives 3 s and works once — then render and `views.update` with the view's hash so two racing
 * updates cannot overwrite each other.
 */
import type { ModalView } from '@slack/types';
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { buildLoadingModalView, buildMessageModalView } from './views/notice-modal.js';

export async function openThenRender(
  client: WebClient,
  logger: Logger,
  opts: { triggerId: string; push?: boolean; title?: string },
  render: () => Promise<ModalView>,
): Promise<void> {
  const loading = buildLoadingModalView(opts.title ?? 'Follow up');
  const opened = opts.push
    ? await client.views.push({ trigger_id: opts.triggerId, view: loading })
    : await client.views.open({ trigger_id: opts.triggerId, view: loading });
  const viewId = opened.view?.id;
  if (!viewId) throw new Error('Slack did not return the id of the opened view');
  await renderInto(client, logger, viewId, opened.view?.hash, render);
}

export async function renderInto(
  client: WebClient,
  logger: Logger,
  viewId: string,
  hash: string | undefined,
  render: () => Promise<ModalView>,
): Promise<void> {
  let view: ModalView;
  try {
    view = await render();
  } catch (err) {
    logger.error('Rendering a view failed', err);
    view = buildMessageModalView('Something went wrong', ':warning: Followup could not load this. Try again; if it keeps happening, tell your Slack admin (the app logs have the details).');
  }
  try {
    await client.views.update({ view_id: viewId, ...(hash ? { hash } : {}), view });
  } catch (err) {
    // A newer update won the race (hash_conflict): it shows fresher data than ours, so ours can go.
    if ((err as { data?: { error?: string } }).data?.error === 'hash_conflict') return;
    throw err;
  }
}

export function slackError(err: unknown): string {
  return (err as { data?: { error?: string } }).data?.error ?? (err as Error).message ?? String(err);
}
