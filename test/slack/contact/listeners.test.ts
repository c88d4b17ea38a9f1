/**
 * The contact screen's listeners called with fake Bolt arguments: Assign to me, Close conversation and Follow
 * up acknowledge Slack, change the contact through the use cases, and answer the person when that fails.
 */
import { describe, expect, it } from 'vitest';
import { CONTACT_CHANGES, changeContact } from '../../../src/slack/contact/contact-actions.js';
import { renderContact } from '../../../src/slack/contact/contact-screen.js';
import { openCompose } from '../../../src/slack/compose/open-compose.js';
import { LANGUAGES, english, translatorFor } from '../../../src/slack/i18n/index.js';
import { ACTION, CALLBACK, followUpValue } from '../../../src/slack/shared/ids.js';
import {
  AGENT,
  type ListenerWorld,
  failing,
  lastViewJson,
  recordingAck,
  slackView,
  useListenerWorld,
} from '../listener-world.js';

let w: ListenerWorld;
useListenerWorld((world) => {
  w = world;
});

async function contactArgs(contactId: string, action: Record<string, unknown>) {
  const view = slackView(await renderContact(english, contactId, w.services(), AGENT));
  const ack = recordingAck();
  const body = { user: { id: AGENT }, view, trigger_id: 'trigger-1' };
  return { ack, view, args: { ack, body, action, client: w.client, logger: w.logger } as never };
}

describe('Assign to me', () => {
  it('acknowledges, assigns the contact to the agent and shows the contact as it is now', async () => {
    const { ack, view, args } = await contactArgs('c-jm', { action_id: ACTION.assignMe, type: 'button' });
    await changeContact(w.services(), CONTACT_CHANGES.assignMe)(args);
    expect(ack.answers).toEqual([undefined]);
    expect((await w.store.contacts.get('c-jm'))!.assignee).toBe(AGENT);
    const [update] = w.fake.callsTo('views.update');
    expect(update!.view_id).toBe(view.id);
    expect(JSON.stringify(update!.view)).toContain(CALLBACK.contact);
    expect(JSON.stringify(update!.view)).not.toContain(ACTION.assignMe);
  });

  it('an agent the team does not allow is told so, and nothing changes', async () => {
    const { ack, args } = await contactArgs('c-jm', { action_id: ACTION.assignMe, type: 'button' });
    await changeContact(w.services({ permissions: { send: ['USOMEONE'] } }), CONTACT_CHANGES.assignMe)(args);
    expect(ack.answers).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain('Not allowed');
    expect((await w.store.contacts.get('c-jm'))!.assignee).toBe('UOTHER01');
  });

  it('the use case fails: the view says something went wrong instead of staying as it was', async () => {
    const { ack, args } = await contactArgs('c-jm', { action_id: ACTION.assignMe, type: 'button' });
    await changeContact(w.services({ followup: { assign: failing() } }), CONTACT_CHANGES.assignMe)(args);
    expect(ack.answers).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain('Something went wrong');
    expect(w.logger.errors.length).toBeGreaterThan(0);
  });
});

describe('Close conversation', () => {
  it('acknowledges and closes by the closing logic (unassign)', async () => {
    await w.store.contacts.update('c-linh', (c) => ({ ...c, status: 'open' }));
    const { ack, args } = await contactArgs('c-linh', { action_id: ACTION.closeConversation, type: 'button' });
    await changeContact(w.services(), CONTACT_CHANGES.close)(args);
    expect(ack.answers).toEqual([undefined]);
    expect(await w.store.contacts.get('c-linh')).toMatchObject({ status: 'closed', assignee: null });
    expect(lastViewJson(w.fake)).toContain(CALLBACK.contact);
  });
});

describe('Follow up on a channel', () => {
  const followUp = { action_id: `${ACTION.composeOpen}:0`, type: 'button', value: followUpValue('c-linh', 'whatsapp') };

  it('acknowledges and pushes the compose view on the contact view', async () => {
    const { ack, args } = await contactArgs('c-linh', followUp);
    await openCompose(w.services(), { stacked: true })(args);
    expect(ack.answers).toEqual([undefined]);
    expect(w.fake.callsTo('views.push')).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain(CALLBACK.compose);
  });

  it('the use case fails: a loading view is pushed and then says something went wrong', async () => {
    const { ack, args } = await contactArgs('c-linh', followUp);
    await openCompose(w.services({ followup: { composeContext: failing() } }), { stacked: true })(args);
    expect(ack.answers).toHaveLength(1);
    expect(w.fake.callsTo('views.push')).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain('Something went wrong');
  });
});

describe('in the language the agent chose', () => {
  const code = (LANGUAGES.find((l) => l.code === 'de') ?? LANGUAGES.find((l) => l.code !== 'en') ?? LANGUAGES[0]!).code;
  const t = translatorFor(code);

  it(`assigning shows the contact as it is now in ${code}; a refusal too`, async () => {
    const s = w.services();
    await s.preferences.chooseLanguage(AGENT, code);
    const { args } = await contactArgs('c-jm', { action_id: ACTION.assignMe, type: 'button' });
    await changeContact(s, CONTACT_CHANGES.assignMe)(args);
    expect(JSON.parse(lastViewJson(w.fake)).title.text).toBe(t.t('contact.title'));

    const refused = await contactArgs('c-jm', { action_id: ACTION.closeConversation, type: 'button' });
    const limited = w.services({ permissions: { send: ['USOMEONE'] } });
    await changeContact(limited, CONTACT_CHANGES.close)(refused.args);
    const view = JSON.parse(lastViewJson(w.fake));
    expect(view.title.text).toBe(t.t('contact.notAllowedTitle'));
    expect(view.blocks[0].text.text).toBe(t.t('contact.notAllowed'));
  });
});
