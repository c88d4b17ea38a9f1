/**
 * The agent's language through the real server (signed requests, SQLite file, fake Slack Web API): the
 * language folder is wired into the app, `/followup language` answers in the ack, App Home's picker
 * re-publishes, and `user_change` reaches the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentPreferences } from '../../../src/followup/index.js';
import { translatorFor } from '../../../src/slack/i18n/index.js';
import { ACTION, BLOCK } from '../../../src/slack/shared/ids.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import { AGENT_ID, type Json, appHomeOpened, blockAction } from '../../support/signed-request.js';
import { type Harness, startHarness } from '../../e2e/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const fr = translatorFor('fr');
const de = translatorFor('de');

/** A `user_change` Events API envelope. */
function userChange(user: Json): Json {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: `EvUserChange${String(user.id)}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'user_change', user, event_ts: '1700000000.000200' },
  };
}

describe('the agent’s language through the server', () => {
  it('/followup language fr answers, ephemeral and in French, in the ack', async () => {
    const res = await h.command('language fr');
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.text);
    expect(answer).toMatchObject({
      response_type: 'ephemeral',
      text: fr.t('language.changed', { language: 'Français' }),
    });
    assertBlockKitLimits('message', answer);
  });

  it('App Home is in French; picking Deutsch publishes it again at once in German', async () => {
    const before = h.fake.callsTo('views.publish').length;
    await h.slack('event', appHomeOpened(AGENT_ID));
    const home = (await h.fake.waitFor('views.publish', () => h.fake.callsTo('views.publish').length > before)).view;
    expect(JSON.stringify(home)).toContain(JSON.stringify(fr.t('home.findContact')));
    const action = {
      type: 'static_select',
      action_id: ACTION.homeLanguage,
      block_id: BLOCK.homeLanguage,
      selected_option: { text: { type: 'plain_text' as const, text: 'Deutsch' }, value: 'de' },
    };
    const res = await h.slack('interactive', blockAction({ view: { ...home, id: 'VHOME01' }, actions: [action] }));
    expect(res.status).toBe(200);
    const picked = (a: Json) => JSON.stringify(a.view).includes(JSON.stringify(de.t('home.findContact')));
    const again = await h.fake.waitFor('views.publish', picked);
    assertBlockKitLimits('home', again.view);
    expect(JSON.stringify(again.view)).toContain(JSON.stringify(de.t('home.language.auto')));
  });

  it('user_change stores the new Slack locale: that agent’s next answer follows it without asking Slack', async () => {
    const other = 'UOTHER0042';
    const res = await h.slack('event', userChange({ id: other, locale: 'fr-CA', name: 'other' }));
    expect(res.status).toBe(200);
    // Events are acknowledged before their listener runs: wait until the locale is stored (read afresh each
    // time: a preferences object keeps what it read, and the server's own one made this write).
    const deadline = Date.now() + 3000;
    while ((await createAgentPreferences(h.app.store).get(other)).slackLocale !== 'fr-CA') {
      if (Date.now() > deadline) throw new Error('user_change never stored the locale');
      await new Promise((r) => setTimeout(r, 20));
    }
    const help = JSON.parse((await h.command('help', other)).text);
    expect(help.text).toBe(fr.t('help.text', { command: '/followup' }));
    expect(h.fake.callsTo('users.info').filter((a) => a.user === other)).toEqual([]);
  });
});
