/**
 * The answers src/slack/app.ts gives on its own, in the person's language: "cannot reach its store" (the
 * store that holds the language is down, so the language this process last knew for them) and "cannot reach
 * Slack yet". Requests go through the real Bolt app (`processEvent`, as the receiver does) with a store gate
 * that says the store is down; the Web API is the fake Slack on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, agentLanguage, lastKnownLanguage, translatorFor } from '../../../src/slack/i18n/index.js';
import { STORE_DOWN, type StoreGate, createSlackApp } from '../../../src/slack/app.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import { blockAction, slashCommand, viewSubmission } from '../../support/signed-request.js';
import { type ListenerWorld, useListenerWorld } from '../listener-world.js';

let w: ListenerWorld;
useListenerWorld((world) => {
  w = world;
});

const STORE_IS_DOWN: StoreGate = { check: async () => ({ ok: false }), isOutage: () => true };

async function slackApp(opts: { store?: StoreGate; connected?: boolean } = {}) {
  const slack = createSlackApp(
    {
      botToken: 'xoxb-test',
      signingSecret: 'secret',
      port: 0,
      customRoutes: [],
      slackApiUrl: w.fake.url,
      logger: w.logger,
      ...(opts.store ? { store: opts.store } : {}),
    },
    w.services(),
  );
  await slack.app.init();
  if (opts.connected !== false) slack.connected({ teamId: 'T0001', botId: 'B0001', botUserId: 'UBOT' });
  return slack;
}

/** What the app acknowledged the request with (the body of Slack's HTTP answer). */
async function answerTo(slack: Awaited<ReturnType<typeof slackApp>>, body: Record<string, unknown>) {
  const answers: unknown[] = [];
  await slack.app.processEvent({ body, ack: async (response?: unknown) => void answers.push(response) });
  return answers[0];
}

/** An agent this process has already seen reading `code`. */
async function agentReading(code: string): Promise<string> {
  const user = `U${code.toUpperCase()}READER`;
  const services = w.services();
  await services.preferences.chooseLanguage(user, code);
  expect(await agentLanguage(w.client, services, user)).toBe(code);
  return user;
}

describe.each(LANGUAGES.map((l) => [l.code]))('app-wide answers in %s', (code) => {
  const t = translatorFor(code);

  it('while the store is down a slash command is answered in the language last known for the agent', async () => {
    const user = await agentReading(code);
    const slack = await slackApp({ store: STORE_IS_DOWN });
    expect(lastKnownLanguage(user)).toBe(code);
    expect(await answerTo(slack, slashCommand({ user_id: user }))).toEqual({
      response_type: 'ephemeral',
      text: t.t('app.storeDown'),
    });
  });

  it('while the store is down a click in the Home tab opens a small modal in the language', async () => {
    const user = await agentReading(code);
    const slack = await slackApp({ store: STORE_IS_DOWN });
    const click = blockAction({
      user,
      actions: [{ action_id: 'followup_anything' }],
      view: { type: 'home', blocks: [] },
    });
    await answerTo(slack, click);
    const [opened] = w.fake.callsTo('views.open');
    assertBlockKitLimits('modal', opened!.view);
    expect(opened!.view.title.text).toBe(t.t('app.storeDownTitle'));
    expect(opened!.view.close.text).toBe(t.t('app.close'));
    expect(JSON.stringify(opened!.view)).toContain(JSON.stringify(t.t('app.storeDown')).slice(1, -1));
  });

  it('while the store is down a submission keeps the draft and says so on the form, in the language', async () => {
    const user = await agentReading(code);
    const slack = await slackApp({ store: STORE_IS_DOWN });
    const input = { type: 'input', block_id: 'text_block', element: { type: 'plain_text_input', action_id: 'text' } };
    const submission = viewSubmission({
      user,
      view: { type: 'modal', callback_id: 'followup_compose', blocks: [input] },
    });
    expect(await answerTo(slack, submission)).toEqual({
      response_action: 'errors',
      errors: { text_block: t.t('app.storeDown') },
    });
  });

  it('before Slack answered auth.test a slash command says so in the language', async () => {
    const user = await agentReading(code);
    const slack = await slackApp({ connected: false });
    expect(await answerTo(slack, slashCommand({ user_id: user }))).toEqual({
      response_type: 'ephemeral',
      text: t.t('app.notConnected'),
    });
  });
});

describe('app-wide answers for someone never seen', () => {
  it('are in English, and the exported STORE_DOWN is the English wording', async () => {
    const slack = await slackApp({ store: STORE_IS_DOWN });
    expect(await answerTo(slack, slashCommand({ user_id: 'UNEVERSEEN1' }))).toEqual({
      response_type: 'ephemeral',
      text: STORE_DOWN,
    });
    expect(STORE_DOWN).toBe('Followup cannot reach its store, try again in a minute.');
  });
});
