/** Small modals for states between the real views: loading, not found, sent, failed. Pure. */
import type { KnownBlock, ModalView } from '@slack/types';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** `text` is mrkdwn the caller already escaped where it holds customer data. */
export function buildMessageModalView(
  title: string,
  text: string,
  opts: { context?: string; privateMetadata?: string } = {},
): ModalView {
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } }];
  if (opts.context) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(opts.context, 2000) }] });
  return {
    type: 'modal',
    title: { type: 'plain_text', text: clip(title, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks,
    ...(opts.privateMetadata ? { private_metadata: opts.privateMetadata } : {}),
  };
}

export function buildLoadingModalView(title = 'Follow up', what = 'Loading…'): ModalView {
  return buildMessageModalView(title, `:hourglass_flowing_sand: ${what}`);
}
