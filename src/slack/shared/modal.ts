/**
 * Opening and updating modals the way Slack needs: open (or push) a loading view with the trigger_id at
 * once — it lives 3 s and works once — then render and `views.update` with the view's hash so two racing
 * updates cannot overwrite each other. Both take the acting agent's translator: the loading view and the
 * "something went wrong" answer are in their language.
 */
import type { ModalView } from '@slack/types';
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Translator } from '../i18n/index.js';
import { buildLoadingModalView, buildMessageModalView } from './notice-modal.js';
import { openView, pushView, updateView } from './views-api.js';

/**
 * How long the real view may take before we open a loading view instead. Search answers from memory in
 * milliseconds, so the usual case is one Slack call with the results; slow work still never risks the
 * 3-second trigger.
 */
export const RENDER_BUDGET_MS = 400;

export async function openThenRender(
  client: WebClient,
  logger: Logger,
  t: Translator,
  opts: { triggerId: string; push?: boolean; title?: string; budgetMs?: number },
  render: () => Promise<ModalView>,
): Promise<void> {
  const open = (view: ModalView) =>
    opts.push
      ? pushView(client, { trigger_id: opts.triggerId, view })
      : openView(client, { trigger_id: opts.triggerId, view });
  const rendering = render().then(
    (view) => ({ view }),
    (error: unknown) => ({ error }),
  );
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), opts.budgetMs ?? RENDER_BUDGET_MS);
  });
  const first = await Promise.race([rendering, budget]);
  clearTimeout(timer);
  if (first && 'view' in first) {
    await open(first.view);
    return;
  }
  const opened = await open(buildLoadingModalView(t, opts.title));
  const viewId = opened.view?.id;
  if (!viewId) throw new Error('Slack did not return the id of the opened view');
  await renderInto(client, logger, t, viewId, opened.view?.hash, async () => {
    const done = await rendering;
    if ('error' in done) throw done.error;
    return done.view;
  });
}

export async function renderInto(
  client: WebClient,
  logger: Logger,
  t: Translator,
  viewId: string,
  hash: string | undefined,
  render: () => Promise<ModalView>,
): Promise<void> {
  let view: ModalView;
  try {
    view = await render();
  } catch (err) {
    logger.error('Rendering a view failed', err);
    view = buildMessageModalView(t, t.t('app.failedTitle'), t.t('app.failed'));
  }
  try {
    await updateView(client, { view_id: viewId, ...(hash ? { hash } : {}), view });
  } catch (err) {
    // A newer update won the race (hash_conflict): it shows fresher data than ours, so ours can go.
    if ((err as { data?: { error?: string } }).data?.error === 'hash_conflict') return;
    throw err;
  }
}

export function slackError(err: unknown): string {
  return (err as { data?: { error?: string } }).data?.error ?? (err as Error).message ?? String(err);
}
