/**
 * The compose screen's listeners called with fake Bolt arguments: a control change re-renders with the draft
 * kept; the submission answers Slack whatever fails before the answer (compose-submission.test.ts covers the
 * outbox timing).
 */
import { describe, expect, it } from 'vitest';
import { composeControlChanged } from '../../../src/slack/compose/compose-actions.js';
import { renderCompose } from '../../../src/slack/compose/compose-screen.js';
import type { ComposeMeta } from '../../../src/slack/compose/compose-state.js';
import { composeSubmission } from '../../../src/slack/compose/compose-submission.js';
import { openCompose } from '../../../src/slack/compose/open-compose.js';
import { LANGUAGES, english, translatorFor } from '../../../src/slack/i18n/index.js';
import { ACTION, BLOCK, followUpValue } from '../../../src/slack/shared/ids.js';
import {
  AGENT,
  type ListenerWorld,
  failing,
  lastViewJson,
  recordingAck,
  slackView,
  useListenerWorld,
} from '../listener-world.js';

const META: ComposeMeta = {
  k: 'compose',
  contactId: 'c-jm',
  channelKey: 'messenger',
  idem: 'idem-listener-01',
  stacked: true,
};
const TEXT_META: ComposeMeta = { ...META, contactId: 'c-linh', channelKey: 'whatsapp', idem: 'idem-listener-02' };

let w: ListenerWorld;
useListenerWorld((world) => {
  w = world;
});

describe('compose controls', () => {
  const tagPicked = {
    [BLOCK.tag]: { [ACTION.tag]: { type: 'static_select', selected_option: { value: 'POST_PURCHASE_UPDATE' } } },
    [BLOCK.text]: { [ACTION.text]: { type: 'plain_text_input', value: 'Ihre Bestellung ist unterwegs.' } },
  };

  it('picking a tag acknowledges and re-renders in place with its hash, keeping what was typed', async () => {
    const view = slackView(await renderCompose(english, META, w.services(), AGENT), tagPicked);
    const ack = recordingAck();
    const body = { user: { id: AGENT }, view, trigger_id: 't' };
    await composeControlChanged(w.services())({ ack, body, client: w.client, logger: w.logger } as never);
    expect(ack.answers).toEqual([undefined]);
    const [update] = w.fake.callsTo('views.update');
    expect(update).toMatchObject({ view_id: view.id, hash: view.hash });
    expect(JSON.stringify(update!.view)).toContain('Ihre Bestellung ist unterwegs.');
  });

  it('the use case fails: the view says something went wrong', async () => {
    const view = slackView(await renderCompose(english, META, w.services(), AGENT), tagPicked);
    const ack = recordingAck();
    const body = { user: { id: AGENT }, view, trigger_id: 't' };
    await composeControlChanged(w.services({ followup: { composeContext: failing() } }))({
      ack,
      body,
      client: w.client,
      logger: w.logger,
    } as never);
    expect(ack.answers).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain('Something went wrong');
  });
});

describe('compose submission', () => {
  async function submit(services: ReturnType<ListenerWorld['services']>) {
    const view = slackView(await renderCompose(english, TEXT_META, w.services(), AGENT), {
      [BLOCK.text]: { [ACTION.text]: { type: 'plain_text_input', value: 'Chào Linh' } },
    });
    const ack = recordingAck();
    const body = { user: { id: AGENT }, view };
    await composeSubmission(services)({ ack, body, view, client: w.client, logger: w.logger } as never);
    return ack;
  }

  it('acknowledges with "Sending…", then shows it sent', async () => {
    const ack = await submit(w.services());
    expect(ack.answers).toHaveLength(1);
    expect(JSON.stringify(ack.answers[0])).toContain('Sending…');
    expect(lastViewJson(w.fake)).toContain('Sent');
  });

  it('reading the contact fails before Slack was answered: the ack says not sent, and nothing is', async () => {
    const ack = await submit(w.services({ followup: { composeContext: failing('the store is not reachable') } }));
    expect(ack.answers).toEqual([expect.objectContaining({ response_action: 'update' })]);
    const answer = JSON.stringify(ack.answers[0]);
    expect(answer).toContain('Not sent');
    expect(answer).toContain('the store is not reachable');
    expect(await w.store.outbox.list({ contactId: 'c-linh' })).toEqual([]);
  });

  it('delivery fails after "Sending…": the view says so (no second ack)', async () => {
    const ack = await submit(w.services({ followup: { deliverFollowUp: failing('provider down') } }));
    expect(ack.answers).toHaveLength(1);
    expect(JSON.stringify(ack.answers[0])).toContain('Sending…');
    expect(lastViewJson(w.fake)).toContain('Something went wrong while sending');
  });
});

/** German when its catalog exists, else any language other than English (else English: the wiring still holds). */
const CHOSEN = (LANGUAGES.find((l) => l.code === 'de') ?? LANGUAGES.find((l) => l.code !== 'en') ?? LANGUAGES[0]!).code;

describe('compose in the language the agent chose', () => {
  const t = translatorFor(CHOSEN);
  const text = (value: string) => ({ [BLOCK.text]: { [ACTION.text]: { type: 'plain_text_input', value } } });

  it(`opens, refuses an empty message and sends, each answer in ${CHOSEN}`, async () => {
    const s = w.services();
    await s.preferences.chooseLanguage(AGENT, CHOSEN);
    const action = { action_id: `${ACTION.composeOpen}:0`, type: 'button', value: followUpValue('c-linh', 'whatsapp') };
    const body = { user: { id: AGENT }, trigger_id: 'trigger-1' };
    await openCompose(s, { stacked: false })({
      ack: recordingAck(),
      body,
      action,
      client: w.client,
      logger: w.logger,
    } as never);
    const [opened] = w.fake.callsTo('views.open');
    const built = opened!.view as Parameters<typeof slackView>[0];
    expect(built.title.text).toBe(t.t('compose.title'));
    expect(built.submit?.text).toBe(t.t('compose.sendSandbox'));

    const empty = slackView(built, text(''));
    const refused = recordingAck();
    await composeSubmission(s)({ ack: refused, body, view: empty, client: w.client, logger: w.logger } as never);
    expect(refused.answers).toEqual([
      { response_action: 'errors', errors: { [BLOCK.text]: t.t('compose.refusal.textEmpty') } },
    ]);

    const ack = recordingAck();
    const filled = slackView(built, text('Chào Linh'));
    await composeSubmission(s)({ ack, body, view: filled, client: w.client, logger: w.logger } as never);
    expect(JSON.stringify(ack.answers[0])).toContain(JSON.stringify(t.t('compose.sending')).slice(1, -1));
    const sent = JSON.parse(lastViewJson(w.fake));
    expect(sent.title.text).toBe(t.t('compose.sent.titleSandbox'));
    const [dm] = w.fake.callsTo('chat.postMessage');
    expect(dm!.text).toBe(
      t.t('compose.confirm.fallbackSandbox', { kind: 'text', name: 'Linh Nguyễn', channel: t.t('channel.whatsapp') }),
    );
  });

  it('the store cannot be read: the answer is still given, in the language the agent last got', async () => {
    const s = w.services();
    await s.preferences.chooseLanguage(AGENT, CHOSEN);
    const view = slackView(await renderCompose(english, TEXT_META, s, AGENT), text('Chào Linh'));
    const body = { user: { id: AGENT }, view };
    // One answer read the language; then the store goes away (its reads throw).
    await composeSubmission(s)({ ack: recordingAck(), body, view, client: w.client, logger: w.logger } as never);
    const broken = w.services({
      followup: { composeContext: failing('the store is not reachable') },
      services: { preferences: { ...s.preferences, get: failing('the store is not reachable') } },
    });
    const ack = recordingAck();
    await composeSubmission(broken)({ ack, body, view, client: w.client, logger: w.logger } as never);
    const answer = JSON.stringify(ack.answers[0]);
    expect(answer).toContain(JSON.stringify(t.t('compose.notSent.title')).slice(1, -1));
    expect(answer).toContain('the store is not reachable');
  });
});

describe('the window changed while the agent wrote', () => {
  it('the notice quotes the draft escaped once, and the draft stays in the box', async () => {
    // Built in text mode (Linh, WhatsApp open); submitted for Jürgen, whose Messenger allows a tagged message only.
    const built = await renderCompose(english, TEXT_META, w.services(), AGENT);
    const draft = 'Chào <b> & co\nline 2';
    const view = slackView(
      { ...built, private_metadata: JSON.stringify(META) },
      {
        [BLOCK.text]: { [ACTION.text]: { type: 'plain_text_input', value: draft } },
      },
    );
    const ack = recordingAck();
    const body = { user: { id: AGENT }, view };
    await composeSubmission(w.services())({ ack, body, view, client: w.client, logger: w.logger } as never);
    type Block = { block_id?: string; text: { text: string }; element: { initial_value?: string } };
    const answer = ack.answers[0] as { response_action: string; view: { blocks: Block[] } };
    expect(answer.response_action).toBe('update');
    const notice = answer.view.blocks.find((b) => b.block_id === BLOCK.notice)!.text.text;
    expect(notice.startsWith(':warning: The window changed while you were writing.')).toBe(true);
    expect(notice).toContain('Your message, kept so nothing is lost:\n> Chào &lt;b&gt; &amp; co\n> line 2');
    expect(notice).not.toContain('&amp;lt;');
    const box = answer.view.blocks.find((b) => b.block_id === BLOCK.text)!;
    expect(box.element.initial_value).toBe(draft);
  });
});
