/**
 * Which language an agent reads: their choice, else their Slack locale (users.info against the fake Slack API,
 * stored, refreshed by user_change), else English — on a real SQLite file and a real PostgreSQL, reopened to
 * show the choice survives a restart.
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgentPreferences } from '../../../src/followup/index.js';
import {
  LANGUAGES,
  LOCALE_WAIT_MS,
  agentLanguage,
  agentTranslator,
  languageFor,
  languageOfLocale,
  lastKnownLanguage,
  noteUserChange,
} from '../../../src/slack/i18n/index.js';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { STORE_BACKENDS } from '../../store/backends.js';

describe('a Slack locale is matched by language', () => {
  it.each([
    ['fr-FR', 'fr'],
    ['fr-CA', 'fr'],
    ['es-ES', 'es'],
    ['es-LA', 'es'],
    ['de-DE', 'de'],
    ['ar', 'ar'],
    ['vi-VN', 'vi'],
    ['en-GB', 'en'],
    ['pt-BR', 'en'],
    ['ja-JP', 'en'],
    ['', 'en'],
    [null, 'en'],
  ])('%s → %s', (locale, code) => {
    expect(languageOfLocale(locale)).toBe(code);
  });

  it('a choice wins over the Slack locale; a choice no catalog has falls back to the locale', () => {
    expect(languageFor({ language: 'vi', slackLocale: 'de-DE' })).toBe('vi');
    expect(languageFor({ language: null, slackLocale: 'de-DE' })).toBe('de');
    expect(languageFor({ language: 'xx', slackLocale: 'de-DE' })).toBe('de');
  });

  it('every language a catalog brings can be chosen', () => {
    for (const { code } of LANGUAGES) expect(languageFor({ language: code, slackLocale: null })).toBe(code);
  });
});

for (const backend of STORE_BACKENDS) {
  backend.describe(`an agent's language on ${backend.name}`, () => {
    const place = backend.place();
    let fake: FakeSlack;
    let client: WebClient;
    let now = new Date('2026-03-10T12:00:00Z');
    const clock = () => now;
    beforeEach(async () => {
      fake = await startFakeSlack();
      client = new WebClient('xoxb-test', {
        slackApiUrl: fake.url,
        logLevel: LogLevel.ERROR,
        retryConfig: { retries: 0 },
      });
      now = new Date('2026-03-10T12:00:00Z');
    });
    afterEach(async () => {
      await fake.close();
    });
    const localeIs = (locale: string) =>
      fake.respondWith('users.info', (args) => ({ ok: true, user: { id: args.user, locale } }));

    it('reads the Slack locale once, stores it, and a reopened store still has it', async () => {
      localeIs('de-DE');
      const store = await place.open();
      const deps = { preferences: createAgentPreferences(store), clock };
      expect(await agentLanguage(client, deps, 'UDE1')).toBe('de');
      expect(await agentLanguage(client, deps, 'UDE1')).toBe('de');
      expect(fake.callsTo('users.info')).toEqual([expect.objectContaining({ user: 'UDE1', include_locale: 'true' })]);
      await store.close();
      const again = await place.open();
      const after = { preferences: createAgentPreferences(again), clock };
      expect(await agentLanguage(client, after, 'UDE1')).toBe('de');
      expect(fake.callsTo('users.info')).toHaveLength(1);
      expect((await agentTranslator(client, after, 'UDE1')).language.code).toBe('de');
    });

    it('a choice wins over the locale, survives a restart, and auto follows Slack again', async () => {
      localeIs('de-DE');
      const store = await place.open();
      const prefs = createAgentPreferences(store);
      await prefs.chooseLanguage('UVI1', 'vi');
      expect(await agentLanguage(client, { preferences: prefs, clock }, 'UVI1')).toBe('vi');
      await store.close();
      const again = await place.open();
      const prefsAfter = createAgentPreferences(again);
      expect(await agentLanguage(client, { preferences: prefsAfter, clock }, 'UVI1')).toBe('vi');
      await prefsAfter.chooseLanguage('UVI1', null);
      expect(await agentLanguage(client, { preferences: prefsAfter, clock }, 'UVI1')).toBe('de');
      expect(lastKnownLanguage('UVI1')).toBe('de');
    });

    it('user_change refreshes the stored locale; a week-old locale is read again', async () => {
      localeIs('fr-FR');
      const store = await place.open();
      const deps = { preferences: createAgentPreferences(store), clock };
      expect(await agentLanguage(client, deps, 'UCH1')).toBe('fr');
      await noteUserChange(deps, { id: 'UCH1', locale: 'es-LA' });
      expect(await agentLanguage(client, deps, 'UCH1')).toBe('es');
      // An event without a locale forgets it: the next request asks Slack.
      localeIs('vi-VN');
      await noteUserChange(deps, { id: 'UCH1' });
      expect(await agentLanguage(client, deps, 'UCH1')).toBe('vi');
      localeIs('de-DE');
      now = new Date(now.getTime() + 8 * 24 * 3600_000);
      expect(await agentLanguage(client, deps, 'UCH1')).toBe('de');
      expect(fake.callsTo('users.info')).toHaveLength(3);
    });

    it('a failing users.info gives English and is not asked again for ten minutes', async () => {
      fake.respondWith('users.info', { ok: false, error: 'missing_scope', needed: 'users:read' });
      const store = await place.open();
      const deps = { preferences: createAgentPreferences(store), clock };
      expect(await agentLanguage(client, deps, 'UFAIL')).toBe('en');
      expect(await agentLanguage(client, deps, 'UFAIL')).toBe('en');
      expect(fake.callsTo('users.info')).toHaveLength(1);
      localeIs('fr-FR');
      now = new Date(now.getTime() + 11 * 60_000);
      expect(await agentLanguage(client, deps, 'UFAIL')).toBe('fr');
    });

    it('a user_change that comes while users.info is in flight is not overwritten by the older answer', async () => {
      let answer: () => void = () => {};
      const answered = new Promise<void>((r) => {
        answer = r;
      });
      fake.respondWith('users.info', async (args) => {
        await answered;
        return { ok: true, user: { id: args.user, locale: 'fr-FR' } };
      });
      const store = await place.open();
      const deps = { preferences: createAgentPreferences(store), clock };
      const first = agentLanguage(client, deps, 'URACE');
      await fake.waitFor('users.info');
      await noteUserChange(deps, { id: 'URACE', locale: 'es-LA' });
      answer();
      await first;
      await new Promise((r) => setTimeout(r, 100));
      expect(await agentLanguage(client, deps, 'URACE')).toBe('es');
      expect((await deps.preferences.get('URACE')).slackLocale).toBe('es-LA');
    });

    it('a slow users.info does not hold the request: English now, the locale once it comes', async () => {
      fake.respondWith('users.info', async (args) => {
        await new Promise((r) => setTimeout(r, LOCALE_WAIT_MS + 400));
        return { ok: true, user: { id: args.user, locale: 'fr-FR' } };
      });
      const store = await place.open();
      const deps = { preferences: createAgentPreferences(store), clock };
      const t0 = performance.now();
      expect(await agentLanguage(client, deps, 'USLOW')).toBe('en');
      expect(performance.now() - t0).toBeLessThan(LOCALE_WAIT_MS + 300);
      await new Promise((r) => setTimeout(r, 700));
      expect(await agentLanguage(client, deps, 'USLOW')).toBe('fr');
      expect(fake.callsTo('users.info')).toHaveLength(1);
    });
  });
}
