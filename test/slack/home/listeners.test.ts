/**
 * The App Home's listeners called with fake Bolt arguments: opening the tab publishes the agent's follow-ups
 * through the use cases; its Find a contact button acknowledges and opens the search.
 */
import { describe, expect, it } from 'vitest';
import { homeOpenSearch, homeOpened } from '../../../src/slack/home/app-home.js';
import { translatorFor } from '../../../src/slack/i18n/index.js';
import { CALLBACK } from '../../../src/slack/shared/ids.js';
import { AGENT, type ListenerWorld, failing, lastViewJson, recordingAck, useListenerWorld } from '../listener-world.js';

let w: ListenerWorld;
useListenerWorld((world) => {
  w = world;
});

function opened(tab: string) {
  const event = { type: 'app_home_opened', user: AGENT, channel: 'D0001', tab, event_ts: '1' };
  return { event, client: w.client, logger: w.logger } as never;
}

describe('app_home_opened', () => {
  it('publishes the agent’s closed contacts whose window is still open, with recent follow-ups', async () => {
    await homeOpened(w.services())(opened('home'));
    const [publish] = w.fake.callsTo('views.publish');
    expect(publish!.user_id).toBe(AGENT);
    const home = JSON.stringify(publish!.view);
    expect(home).toContain('Nguyễn');
    expect(home).not.toContain('Müller');
    expect(home).toMatch(/Recent/i);
  });

  it('publishes in the agent’s language: a Slack locale of fr-CA gets French', async () => {
    w.fake.respondWith('users.info', (args) => ({ ok: true, user: { id: args.user, locale: 'fr-CA' } }));
    await homeOpened(w.services())(opened('home'));
    const [publish] = w.fake.callsTo('views.publish');
    const fr = translatorFor('fr');
    expect(publish!.view.blocks[0].text.text).toBe(fr.t('home.title'));
    expect(JSON.stringify(publish!.view)).toContain(JSON.stringify(fr.t('home.recent.title')));
    expect(w.fake.callsTo('users.info')).toEqual([expect.objectContaining({ user: AGENT, include_locale: 'true' })]);
    // Stored: the next request reads the store, not Slack.
    expect(await w.services().preferences.get(AGENT)).toMatchObject({ language: null, slackLocale: 'fr-CA' });
  });

  it('an event without a user (forged) publishes nothing and logs no error', async () => {
    const event = { type: 'app_home_opened', channel: 'D0001', tab: 'home', event_ts: '1' };
    await homeOpened(w.services())({ event, client: w.client, logger: w.logger } as never);
    expect(w.fake.calls).toEqual([]);
    expect(w.logger.errors).toEqual([]);
  });

  it('the Messages tab publishes nothing', async () => {
    await homeOpened(w.services())(opened('messages'));
    expect(w.fake.calls).toEqual([]);
  });

  it('the use case fails: logged, nothing half-built is published (events carry no answer to a person)', async () => {
    await homeOpened(w.services({ followup: { recentFollowUps: failing() } }))(opened('home'));
    expect(w.fake.callsTo('views.publish')).toEqual([]);
    expect(w.logger.errors.map((e) => String(e[0]))).toEqual(['Publishing the App Home failed']);
  });
});

describe('Find a contact (App Home button)', () => {
  const args = (ack: unknown) =>
    ({ ack, body: { user: { id: AGENT }, trigger_id: 'trigger-1' }, client: w.client, logger: w.logger }) as never;

  it('acknowledges and opens the search', async () => {
    const ack = recordingAck();
    await homeOpenSearch(w.services())(args(ack));
    expect(ack.answers).toEqual([undefined]);
    expect(lastViewJson(w.fake)).toContain(CALLBACK.search);
  });

  it('the search use case fails: the opened view says something went wrong', async () => {
    const ack = recordingAck();
    await homeOpenSearch(w.services({ followup: { search: failing() } }))(args(ack));
    expect(ack.answers).toHaveLength(1);
    expect(lastViewJson(w.fake)).toContain('Something went wrong');
  });
});
