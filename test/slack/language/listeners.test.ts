/**
 * The agent's language end to end through the listeners, on real parts (memory store, fake Slack Web API):
 * `/followup language …`, App Home's picker, and `user_change`.
 */
import { describe, expect, it } from 'vitest';
import { homeOpened } from '../../../src/slack/home/app-home.js';
import { LANGUAGES, translatorFor } from '../../../src/slack/i18n/index.js';
import { languagePicked } from '../../../src/slack/language/language-picker.js';
import { userChanged } from '../../../src/slack/language/user-change.js';
import { followupCommand } from '../../../src/slack/search/followup-command.js';
import { ACTION, BLOCK } from '../../../src/slack/shared/ids.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import { AGENT, type ListenerWorld, failing, recordingAck, useListenerWorld } from '../listener-world.js';

let w: ListenerWorld;
useListenerWorld((world) => {
  w = world;
});

const fr = translatorFor('fr');
const de = translatorFor('de');

function slackLocale(locale: string) {
  w.fake.respondWith('users.info', (args) => ({ ok: true, user: { id: args.user, locale } }));
}

async function command(text: string, services = w.services()) {
  const ack = recordingAck();
  const body = { text, user_id: AGENT, trigger_id: 'trigger-1', command: '/followup' };
  const respond = async () => undefined;
  await followupCommand(services)({ ack, body, client: w.client, logger: w.logger, respond } as never);
  expect(ack.answers).toHaveLength(1);
  const answer = ack.answers[0] as { response_type: string; text: string; blocks: unknown[] };
  expect(answer.response_type).toBe('ephemeral');
  assertBlockKitLimits('message', answer);
  return answer;
}

const stored = async () => (await w.services().preferences.get(AGENT)).language;

describe('/followup language', () => {
  it('fr: stores French and says so in French; the next answer is French too', async () => {
    const answer = await command('language fr');
    expect(answer.text).toBe(fr.t('language.changed', { language: 'Français' }));
    expect(await stored()).toBe('fr');
    expect(w.fake.callsTo('users.info')).toEqual([]); // a chosen language needs no Slack locale
    const help = await command('help');
    expect(help.text).toBe(fr.t('help.text', { command: '/followup' }));
    expect(w.fake.callsTo('views.open')).toEqual([]);
  });

  it('auto: forgets the choice and answers in the language the Slack locale gives, naming it', async () => {
    slackLocale('de-DE');
    await w.services().preferences.chooseLanguage(AGENT, 'fr');
    const answer = await command('Language AUTO');
    expect(await stored()).toBeNull();
    expect(answer.text).toBe(de.t('language.changedAuto', { language: 'Deutsch' }));
  });

  it('an unknown code: nothing stored, the languages (code and own name) in the current language', async () => {
    await w.services().preferences.chooseLanguage(AGENT, 'de');
    const answer = await command('language klingon');
    expect(await stored()).toBe('de');
    expect(answer.text).toBe(de.t('language.unknown', { code: 'klingon' }));
    const text = JSON.stringify(answer.blocks);
    for (const l of LANGUAGES)
      expect(text).toContain(JSON.stringify(de.t('language.choice', { code: l.code, name: l.name })).slice(1, -1));
    expect(text).toContain('`auto`');
  });

  it('no code: the current setting and the choices, nothing changed', async () => {
    slackLocale('fr-CA');
    const answer = await command('language');
    expect(answer.text).toBe(fr.t('language.currentAuto', { language: 'Français' }));
    expect(JSON.stringify(answer.blocks)).toContain('Deutsch');
    expect(await stored()).toBeNull();
    await w.services().preferences.chooseLanguage(AGENT, 'de');
    expect((await command('language')).text).toBe(de.t('language.current', { language: 'Deutsch' }));
  });

  it('the choice cannot be stored: the agent is told, in their language, and it is logged', async () => {
    const broken = w.services();
    broken.preferences = { ...broken.preferences, chooseLanguage: failing('store gone') };
    const answer = await command('language fr', broken);
    expect(answer.text).toContain(':warning:');
    expect(answer.text).toContain('store gone');
    expect(w.logger.errors.length).toBeGreaterThan(0);
  });
});

describe('App Home language picker', () => {
  function picked(value: string) {
    const action = {
      type: 'static_select',
      action_id: ACTION.homeLanguage,
      block_id: BLOCK.homeLanguage,
      selected_option: { text: { type: 'plain_text', text: value }, value },
    };
    const ack = recordingAck();
    const body = { type: 'block_actions', user: { id: AGENT }, view: { type: 'home', id: 'VHOME' } };
    return { ack, args: { ack, body, action, client: w.client, logger: w.logger } as never };
  }

  it('choosing a language stores it and publishes App Home again at once in that language', async () => {
    await homeOpened(w.services())({
      event: { type: 'app_home_opened', user: AGENT, tab: 'home' },
      client: w.client,
      logger: w.logger,
    } as never);
    const { ack, args } = picked('de');
    await languagePicked(w.services())(args);
    expect(ack.answers).toEqual([undefined]);
    expect(await stored()).toBe('de');
    const publishes = w.fake.callsTo('views.publish');
    expect(publishes).toHaveLength(2);
    const home = publishes[1]!.view;
    expect(home.blocks[0].text.text).toBe(de.t('home.title'));
    expect(JSON.stringify(home)).toContain(JSON.stringify(de.t('home.recent.title')));
    const picker = home.blocks.find((b: { block_id?: string }) => b.block_id === BLOCK.homeLanguage).accessory;
    expect(picker.initial_option.value).toBe('de');
    assertBlockKitLimits('home', home);
  });

  it('"Follow my Slack language" forgets the choice: App Home follows the Slack locale again', async () => {
    slackLocale('fr-FR');
    await w.services().preferences.chooseLanguage(AGENT, 'de');
    await languagePicked(w.services())(picked('auto').args);
    expect(await stored()).toBeNull();
    const [publish] = w.fake.callsTo('views.publish');
    expect(publish!.view.blocks[0].text.text).toBe(fr.t('home.title'));
    const picker = publish!.view.blocks.find((b: { block_id?: string }) => b.block_id === BLOCK.homeLanguage);
    expect(picker.accessory.initial_option.value).toBe('auto');
  });

  it('a value that is no choice (forged) stores and publishes nothing', async () => {
    await languagePicked(w.services())(picked('<script>').args);
    expect(await stored()).toBeNull();
    expect(w.fake.callsTo('views.publish')).toEqual([]);
    expect(w.logger.warnings.length).toBe(1);
  });

  it('publishing fails: logged, the choice is still stored', async () => {
    w.fake.respondWith('views.publish', { ok: false, error: 'not_enabled' });
    await languagePicked(w.services())(picked('fr').args);
    expect(await stored()).toBe('fr');
    expect(w.logger.errors.map((e) => String(e[0]))).toEqual(['Changing the language from App Home failed']);
  });
});

describe('user_change', () => {
  it('stores the new Slack locale, so the next view follows it without asking Slack', async () => {
    const event = { type: 'user_change', user: { id: AGENT, locale: 'fr-CA' }, event_ts: '1' };
    await userChanged(w.services())({ event, logger: w.logger } as never);
    expect(await w.services().preferences.get(AGENT)).toMatchObject({ language: null, slackLocale: 'fr-CA' });
    await homeOpened(w.services())({
      event: { type: 'app_home_opened', user: AGENT, tab: 'home' },
      client: w.client,
      logger: w.logger,
    } as never);
    expect(w.fake.callsTo('users.info')).toEqual([]);
    expect(w.fake.callsTo('views.publish')[0]!.view.blocks[0].text.text).toBe(fr.t('home.title'));
  });

  it('an event without a user id is ignored; a store failure is logged', async () => {
    await userChanged(w.services())({ event: { type: 'user_change', user: {} }, logger: w.logger } as never);
    expect(w.logger.errors).toEqual([]);
    const broken = w.services();
    broken.preferences = { ...broken.preferences, rememberSlackLocale: failing() };
    const event = { type: 'user_change', user: { id: AGENT, locale: 'de-DE' } };
    await userChanged(broken)({ event, logger: w.logger } as never);
    expect(w.logger.errors.map((e) => String(e[0]))).toEqual(['Storing a changed Slack locale failed']);
  });
});
