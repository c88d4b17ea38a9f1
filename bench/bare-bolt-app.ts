/**
 * The baselines for the Slack load benchmark: a bare Bolt app whose /followup only opens a modal — empty,
 * or (BARE_VIEW_BYTES set) a static one about as large as a page of results, to separate the cost of
 * carrying a real view from the cost of Followup's own work — and whose block actions update the view they
 * came from with the same blocks (a filter chosen in the modal).
 */
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET! });
const app = new App({
  token: process.env.SLACK_BOT_TOKEN!,
  receiver,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL! },
  logLevel: LogLevel.ERROR,
});
const bytes = Number(process.env.BARE_VIEW_BYTES ?? 0);
const line = '*Nguyễn Thị Phương* · linh.nguyen@example.vn · +84 912 345 678 · 🟢 WhatsApp · open · مرحبا ';
/** Sections of customer-like text until the view's JSON is `bytes` characters long (the last one cut to fit). */
const blocks: Array<{ type: 'section'; text: { type: 'mrkdwn'; text: string } }> = [];
const size = () => JSON.stringify({ type: 'modal', title: { type: 'plain_text', text: 'Follow up' }, blocks }).length;
while (size() < bytes) {
  const text = line.repeat(3).slice(0, Math.max(1, Math.min(line.length * 3, bytes - size() - 40)));
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
}
app.command('/followup', async ({ ack, body, client }) => {
  await ack();
  await client.views.open({
    trigger_id: body.trigger_id,
    view: { type: 'modal', title: { type: 'plain_text', text: 'Follow up' }, blocks },
  });
});
// A filter chosen in the modal: the view updated in place with the same static blocks.
app.action(/.*/, async ({ ack, body, client }) => {
  await ack();
  const viewId = (body as { view?: { id?: string } }).view?.id;
  if (!viewId) return;
  await client.views.update({
    view_id: viewId,
    view: { type: 'modal', title: { type: 'plain_text', text: 'Follow up' }, blocks },
  });
});
const server = (await app.start(0)) as unknown as Server;
const addr = server.address();
console.log(
  `listening on port ${typeof addr === 'object' && addr ? addr.port : 0} (static view of ${size()} characters)`,
);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
