/** Small modals for states between the real views: loading, not found, sent, failed. Pure. */
import type { KnownBlock, ModalView } from '@slack/types';
import type { Translator } from '../i18n/index.js';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * `title` is a translation, never cut: every catalog's titles fit Slack's 24 characters (each screen's tests
 * check theirs). `text` is mrkdwn the caller already escaped where it holds customer data; it is clipped to a
 * section's 3000 characters because customer data can make it long.
 */
export function buildMessageModalView(
  t: Translator,
  title: string,
  text: string,
  opts: { context?: string; privateMetadata?: string } = {},
): ModalView {
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } }];
  if (opts.context) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(opts.context, 2000) }] });
  return {
    type: 'modal',
    title: { type: 'plain_text', text: title },
    close: { type: 'plain_text', text: t.t('app.close') },
    blocks,
    ...(opts.privateMetadata ? { private_metadata: opts.privateMetadata } : {}),
  };
}

/** "Loading…" under `title` (default: the app's "Follow up"), or `what` instead of "Loading…". */
export function buildLoadingModalView(t: Translator, title?: string, what?: string): ModalView {
  return buildMessageModalView(t, title ?? t.t('app.title'), `:hourglass_flowing_sand: ${what ?? t.t('app.loading')}`);
}
