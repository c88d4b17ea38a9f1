/** The baseline for the Slack load benchmark: a bare Bolt app whose /followup only opens an empty modal. */
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET! });
const app = new App({
  token: process.env.SLACK_BOT_TOKEN!,
  receiver,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL! },
  logLevel: LogLevel.ERROR,
});
app.command('/followup', async ({ ack, body, client }) => {
  await ack();
  await client.views.open({ trigger_id: body.trigger_id, view: { type: 'modal', title: { type: 'plain_text', text: 'Follow up' }, blocks: [] } });
});
const server = (await app.start(0)) as unknown as Server;
const addr = server.address();
console.log(`listening on port ${typeof addr === 'object' && addr ? addr.port : 0}`);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
