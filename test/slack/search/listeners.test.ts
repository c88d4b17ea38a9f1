/**
 * The search screen's listeners called with fake Bolt arguments: each acknowledges Slack, does its work through
 * the use cases, and still answers the person when a use case or Slack fails.
 */
import { describe, expect, it } from 'vitest';
import { english, translatorFor } from '../../../src/slack/i18n/index.js';
import { followupCommand } from '../../../src/slack/search/followup-command.js';
import { followupShortcut } from '../../../src/slack/search/followup-shortcut.js';
import { SEARCH_MOVES, openContact, refreshSearch, searchSubmitted } from '../../../src/slack/search/search-actions.js';
import { renderSearch } from '../../../src/slack/search/search-screen.js';
import { firstPage } from '../../../src/slack/search/search-state.js';
import { ACTION, BLOCK, CALLBACK } from '../../../src/slack/shared/ids.js';
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

const SOMETHING_WENT_WRONG = 'Something went wrong';

function command(text: string) {
  const ack = recordingAck();
  const responses: unknown[] = [];
  const respond = async (r: unknown) => {
    responses.push(r);
  };
  const body = { text, user_id: AGENT, trigger_id: 'trigger-1', command: '/followup' };
  return { ack, responses, args: { ack, body, client: w.client, logger: w.logger, respond } as never };
}

describe('/followup', () => {
  it('acknowledges, then opens the search already searched for the text', async () => {
    const { ack, args } = command('linh');
    await followupCommand(w.services())(args);
    expect(ack.answers).toEqual([undefined]);
    expect(w.fake.callsTo('views.open')).toHaveLength(1);
    const json = lastViewJson(w.fake);
    expect(json).toContain(CALLBACK.search);
    expect(json).toContain('Nguyễn');
    expect(json).not.toContain('Müller');
  });

  it('answers help in the ack, ephemeral, and opens nothing', async () => {
    const { ack, args } = command('help');
    await followupCommand(w.services())(args);
    expect(ack.answers).toEqual([expect.objectContaining({ response_type: 'ephemeral' })]);
    // Only the agent's Slack locale was read (their language).
    expect(w.fake.calls.map((c) => c.method)).toEqual(['users.info']);
  });

  it('answers help in the agent’s language, listing /followup language', async () => {
    await w.services().preferences.chooseLanguage(AGENT, 'fr');
    const { ack, args } = command('aide');
    await followupCommand(w.services())(args);
    const fr = translatorFor('fr');
    expect(ack.answers).toEqual([expect.objectContaining({ text: fr.t('help.text', { command: '/followup' }) })]);
    expect(JSON.stringify(ack.answers[0])).toContain('/followup language');
    expect(w.fake.calls).toEqual([]);
  });

  it('"language" is a subcommand only as the first word: anywhere else it is searched for', async () => {
    const { ack, args } = command('linh language');
    await followupCommand(w.services())(args);
    expect(ack.answers).toEqual([undefined]);
    expect(w.fake.callsTo('views.open')).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain('linh language');
    expect(await w.services().preferences.get(AGENT)).toMatchObject({ language: null });
  });

  it('opens the search in the agent’s language', async () => {
    await w.services().preferences.chooseLanguage(AGENT, 'de');
    const { args } = command('linh');
    await followupCommand(w.services())(args);
    const [open] = w.fake.callsTo('views.open');
    expect(open!.view.title.text).toBe(translatorFor('de').t('search.title'));
  });

  it('the search use case fails: a loading view opens and then says something went wrong', async () => {
    const { ack, args } = command('linh');
    await followupCommand(w.services({ followup: { search: failing() } }))(args);
    expect(ack.answers).toHaveLength(1);
    expect(w.fake.callsTo('views.open')).toHaveLength(1);
    expect(w.fake.callsTo('views.update')).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain(SOMETHING_WENT_WRONG);
    expect(w.logger.errors.length).toBeGreaterThan(0);
  });

  it('Slack refuses to open the modal: the person gets an ephemeral line naming the error', async () => {
    w.fake.respondWith('views.open', { ok: false, error: 'expired_trigger_id' });
    const { ack, responses, args } = command('linh');
    await followupCommand(w.services())(args);
    expect(ack.answers).toHaveLength(1);
    expect(responses).toEqual([
      expect.objectContaining({ response_type: 'ephemeral', text: expect.stringContaining('expired_trigger_id') }),
    ]);
    expect(String((responses[0] as { text: string }).text)).toContain('You searched for: linh');
  });

  it('Slack refuses to open the modal: the line is in the agent’s language', async () => {
    await w.services().preferences.chooseLanguage(AGENT, 'fr');
    w.fake.respondWith('views.open', { ok: false, error: 'expired_trigger_id' });
    const { responses, args } = command('linh');
    await followupCommand(w.services())(args);
    const fr = translatorFor('fr');
    expect(responses).toEqual([
      expect.objectContaining({
        text: fr.t('search.openFailedSearched', { error: 'expired_trigger_id', text: 'linh' }),
      }),
    ]);
  });
});

describe('the global shortcut', () => {
  it('acknowledges and opens the search (own inbox, nothing typed)', async () => {
    const ack = recordingAck();
    const body = { user: { id: AGENT }, trigger_id: 'trigger-2', callback_id: 'followup_global' };
    await followupShortcut(w.services())({ ack, body, client: w.client, logger: w.logger } as never);
    expect(ack.answers).toEqual([undefined]);
    expect(lastViewJson(w.fake)).toContain(CALLBACK.search);
  });
});

describe('search controls', () => {
  async function searchView() {
    const q = { text: '', inbox: 'all', status: 'closed' } as const;
    return slackView(await renderSearch(english, firstPage(q), w.services(), AGENT));
  }

  it('a filter change acknowledges and updates the view in place with its hash', async () => {
    const view = await searchView();
    view.state = {
      values: {
        [BLOCK.searchFilters]: { [ACTION.inbox]: { type: 'static_select', selected_option: { value: 'all' } } },
      },
    };
    const ack = recordingAck();
    const body = { user: { id: AGENT }, view, trigger_id: 't' };
    await refreshSearch(w.services(), SEARCH_MOVES.requery)({ ack, body, client: w.client, logger: w.logger } as never);
    expect(ack.answers).toEqual([undefined]);
    const [update] = w.fake.callsTo('views.update');
    expect(update).toMatchObject({ view_id: view.id, hash: view.hash });
    expect(JSON.stringify(update!.view)).toContain('Müller');
  });

  it('the search use case fails: the view says something went wrong', async () => {
    const view = await searchView();
    const ack = recordingAck();
    const body = { user: { id: AGENT }, view, trigger_id: 't' };
    await refreshSearch(
      w.services({ followup: { search: failing() } }),
      SEARCH_MOVES.next,
    )({
      ack,
      body,
      client: w.client,
      logger: w.logger,
    } as never);
    expect(ack.answers).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain(SOMETHING_WENT_WRONG);
  });

  it('the Search button answers with the results in its ack; a failure still acknowledges', async () => {
    const view = await searchView();
    view.state = {
      values: {
        [BLOCK.searchText]: { [ACTION.searchText]: { type: 'plain_text_input', value: 'muller' } },
        [BLOCK.searchFilters]: { [ACTION.inbox]: { type: 'static_select', selected_option: { value: 'all' } } },
      },
    };
    const ok = recordingAck();
    await searchSubmitted(w.services())({ ack: ok, body: { user: { id: AGENT } }, view, logger: w.logger } as never);
    expect(ok.answers).toEqual([expect.objectContaining({ response_action: 'update' })]);
    expect(JSON.stringify(ok.answers[0])).toContain('Müller');

    const broken = recordingAck();
    await searchSubmitted(w.services({ followup: { search: failing() } }))({
      ack: broken,
      body: { user: { id: AGENT } },
      view,
      logger: w.logger,
    } as never);
    expect(broken.answers).toEqual([undefined]);
    expect(w.logger.errors.length).toBeGreaterThan(0);
  });

  it('Open on a result pushes the contact view; a failing use case shows something went wrong', async () => {
    const view = await searchView();
    const action = { action_id: `${ACTION.openContact}:0`, type: 'button', value: 'c-linh' };
    const ack = recordingAck();
    const body = { user: { id: AGENT }, view, trigger_id: 't' };
    await openContact(w.services())({ ack, body, action, client: w.client, logger: w.logger } as never);
    expect(ack.answers).toEqual([undefined]);
    expect(w.fake.callsTo('views.push')).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain(CALLBACK.contact);

    await openContact(w.services({ followup: { contactDetail: failing() } }))({
      ack,
      body,
      action,
      client: w.client,
      logger: w.logger,
    } as never);
    expect(ack.answers).toHaveLength(2);
    expect(lastViewJson(w.fake)).toContain(SOMETHING_WENT_WRONG);
  });
});
