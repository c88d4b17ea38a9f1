/**
 * The harness against a real Bolt app (HTTPReceiver on 127.0.0.1, Web API pointed at the fake): proves the
 * signatures, encodings and fixtures are what Bolt accepts, before any app test relies on them.
 */
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import {
  appHomeOpened,
  blockAction,
  encodeSlackBody,
  plainTextValue,
  signedSlackRequest,
  slackSignature,
  slashCommand,
  staticSelectValue,
  viewSubmission,
} from './signed-request.js';

const SECRET = 'test-signing-secret';

describe('slackSignature and encodeSlackBody', () => {
  it('signs v0:{ts}:{raw body} with HMAC-SHA256', () => {
    const expected = `v0=${createHmac('sha256', SECRET).update('v0:1700000000:a=b').digest('hex')}`;
    expect(slackSignature(SECRET, 1_700_000_000, 'a=b')).toBe(expected);
    expect(expected).toMatch(/^v0=[0-9a-f]{64}$/);
  });

  it('encodes commands as form fields, interactivity as payload=<json>, events as JSON', () => {
    const cmd = encodeSlackBody('command', { command: '/followup', text: 'nguyễn & co' });
    expect(cmd.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(cmd.rawBody))).toEqual({ command: '/followup', text: 'nguyễn & co' });
    const inter = encodeSlackBody('interactive', { type: 'block_actions', actions: [] });
    expect(JSON.parse(new URLSearchParams(inter.rawBody).get('payload')!)).toEqual({
      type: 'block_actions',
      actions: [],
    });
    const ev = encodeSlackBody('event', { type: 'event_callback' });
    expect(ev).toEqual({ rawBody: '{"type":"event_callback"}', contentType: 'application/json' });
  });

  it('builds fixtures with fresh trigger ids and sensible defaults', () => {
    const a = slashCommand({ text: 'ana' });
    const b = slashCommand();
    expect(a).toMatchObject({ command: '/followup', text: 'ana', user_id: 'U0001', team_id: 'T0001' });
    expect(a.trigger_id).not.toBe(b.trigger_id);
    const action = blockAction({
      actions: [{ action_id: 'x', value: 'v' }],
      view: { type: 'modal', callback_id: 'cb', blocks: [] },
    });
    expect(action).toMatchObject({
      type: 'block_actions',
      container: { type: 'view' },
      view: { callback_id: 'cb', state: { values: {} } },
    });
    const message = blockAction({ actions: [{ action_id: 'x' }], response_url: 'http://r' });
    expect(message).toMatchObject({ container: { type: 'message' }, response_url: 'http://r' });
    expect(appHomeOpened('U7')).toMatchObject({
      type: 'event_callback',
      event: { type: 'app_home_opened', user: 'U7', tab: 'home' },
    });
  });
});

describe('signedSlackRequest against a real Bolt app', () => {
  let fake: FakeSlack;
  let app: App;
  let server: Server;
  let base: string;
  const seen: Record<string, unknown[]> = { submissions: [], actions: [] };

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = new App({
      token: 'xoxb-test',
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    });
    app.command('/followup', async ({ ack, body, client, respond }) => {
      await ack();
      if (body.text === 'respond') {
        await respond({ response_type: 'ephemeral', text: 'via response_url' });
        return;
      }
      await client.views.open({
        trigger_id: body.trigger_id,
        view: { type: 'modal', callback_id: 'cb', title: { type: 'plain_text', text: 'Loading' }, blocks: [] },
      });
    });
    app.action('followup_open_contact', async ({ ack, body, action, client }) => {
      await ack();
      seen.actions!.push(body);
      await client.chat.postMessage({ channel: 'C0001', text: `opened ${'value' in action ? action.value : ''}` });
    });
    app.view('followup_compose', async ({ ack, view }) => {
      seen.submissions!.push(view.state.values);
      await ack({ response_action: 'errors', errors: { followup_text: 'Too long for WhatsApp' } });
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
    });
    server = (await app.start(0)) as Server;
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  it('delivers a slash command; the listener reaches the fake Web API with the trigger id and token', async () => {
    const body = slashCommand({ text: 'ana' });
    const res = await signedSlackRequest(base, SECRET, 'command', body);
    expect(res.status).toBe(200);
    const args = await fake.waitFor('views.open', (a) => a.trigger_id === body.trigger_id);
    expect(args.view).toMatchObject({ callback_id: 'cb' });
    expect(fake.calls.find((c) => c.method === 'views.open')?.token).toBe('xoxb-test');
    // Bolt verifies the token with auth.test before the first listener runs; the fake answers it.
    expect(fake.callsTo('auth.test').length).toBeGreaterThan(0);
  });

  it('points respond() at the fake through response_url', async () => {
    const res = await signedSlackRequest(
      base,
      SECRET,
      'command',
      slashCommand({ text: 'respond', response_url: fake.responseUrl('r1') }),
    );
    expect(res.status).toBe(200);
    expect(await fake.waitForResponse('r1')).toMatchObject({ text: 'via response_url', response_type: 'ephemeral' });
  });

  it('delivers block actions as payload=<json>', async () => {
    const payload = blockAction({
      actions: [{ action_id: 'followup_open_contact', value: 'c-42' }],
      view: { type: 'modal', callback_id: 'followup_search', blocks: [] },
    });
    const res = await signedSlackRequest(base, SECRET, 'interactive', payload);
    expect(res.status).toBe(200);
    expect(await fake.waitFor('chat.postMessage', (a) => a.text === 'opened c-42')).toBeTruthy();
  });

  it('returns a view_submission ack with field errors verbatim', async () => {
    const payload = viewSubmission({
      view: { type: 'modal', callback_id: 'followup_compose', private_metadata: '{"k":"compose"}', blocks: [] },
      values: {
        followup_text: { followup_text: plainTextValue('x'.repeat(5000)) },
        followup_tag: { followup_tag: staticSelectValue('ACCOUNT_UPDATE') },
      },
    });
    const res = await signedSlackRequest(base, SECRET, 'interactive', payload);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { followup_text: 'Too long for WhatsApp' } });
    expect(seen.submissions!.at(-1)).toMatchObject({
      followup_tag: { followup_tag: { selected_option: { value: 'ACCOUNT_UPDATE' } } },
    });
  });

  it('delivers Events API JSON (app_home_opened → views.publish)', async () => {
    const res = await signedSlackRequest(base, SECRET, 'event', appHomeOpened('U0042'));
    expect(res.status).toBe(200);
    expect(await fake.waitFor('views.publish', (a) => a.user_id === 'U0042')).toMatchObject({ view: { type: 'home' } });
  });

  it('is refused with 401 when the signature is wrong', async () => {
    const res = await signedSlackRequest(base, SECRET, 'command', slashCommand(), { badSignature: true });
    expect(res.status).toBe(401);
  });

  it('is refused with 401 when the timestamp is older than 5 minutes', async () => {
    const res = await signedSlackRequest(base, SECRET, 'command', slashCommand(), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
  });
});
