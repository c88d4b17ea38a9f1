/**
 * The baselines for the Slack load benchmark: a bare Bolt app whose /followup only opens a modal — empty, or
 * (BARE_VIEW_FILE set) a static copy of a view Followup rendered in the same run, to separate the cost of
 * carrying a real view from the cost of Followup's own work — and whose block actions update the view they
 * came from with that same static view (a filter chosen in the modal).
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { ModalView } from '@slack/types';

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET! });
const app = new App({
  token: process.env.SLACK_BOT_TOKEN!,
  receiver,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL! },
  logLevel: LogLevel.ERROR,
});
const file = process.env.BARE_VIEW_FILE;
const view: ModalView = file
  ? (JSON.parse(readFileSync(file, 'utf8')) as ModalView)
  : { type: 'modal', title: { type: 'plain_text', text: 'Follow up' }, blocks: [] };
app.command('/followup', async ({ ack, body, client }) => {
  await ack();
  await client.views.open({ trigger_id: body.trigger_id, view });
});
// A filter chosen in the modal: the view updated in place with the same static view.
app.action(/.*/, async ({ ack, body, client }) => {
  await ack();
  const viewId = (body as { view?: { id?: string } }).view?.id;
  if (!viewId) return;
  await client.views.update({ view_id: viewId, view });
});
const server = (await app.start(0)) as unknown as Server;
const addr = server.address();
console.log(
  `listening on port ${typeof addr === 'object' && addr ? addr.port : 0} ` +
    `(static view of ${JSON.stringify(view).length} characters)`,
);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
