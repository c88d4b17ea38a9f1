/**
 * The baselines for the Slack load benchmark: a bare Bolt app whose /followup only opens a modal — empty,
 * or (BARE_VIEW_BYTES set) a static one about as large as a page of results, to separate the cost of
 * carrying a real view from the cost of Followup's own work.
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
const blocks = Array.from({ length: Math.ceil(bytes / 300) }, () => ({
  type: 'section' as const,
  text: { type: 'mrkdwn' as const, text: line.repeat(3) },
}));
app.command('/followup', async ({ ack, body, client }) => {
  await ack();
  await client.views.open({
    trigger_id: body.trigger_id,
    view: { type: 'modal', title: { type: 'plain_text', text: 'Follow up' }, blocks },
  });
});
const server = (await app.start(0)) as unknown as Server;
const addr = server.address();
console.log(`listening on port ${typeof addr === 'object' && addr ? addr.port : 0}`);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
