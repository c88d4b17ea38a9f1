/**
 * Each agent's language end to end (issue 11): the real server, a real store, signed Slack requests, the fake
 * Slack API. An agent whose Slack locale is de-DE gets German search, contact, compose and refusal; an agent who
 * chose Vietnamese in App Home gets Vietnamese from then on, after a restart too; the notification channel gets
 * `notifications.language` while each agent keeps their own.
 */
import { afterEach, expect, it } from 'vitest';
import { translatorFor } from '../../src/slack/i18n/index.js';
import { ACTION, BLOCK } from '../../src/slack/shared/ids.js';
import { assertBlockKitLimits } from '../support/block-kit-limits.js';
import { appHomeOpened, blockAction, plainTextValue } from '../support/signed-request.js';
import { E2E_STORES, type Harness, describeOnStore, findAction, startHarness } from './harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T = new Date('2026-11-21T12:00:00.000Z');
const iso = (ms: number) => new Date(T.getTime() + ms).toISOString();
const NOTIFY = 'C0NOTIFY01';
const GERMAN_AGENT = 'U0GERMAN01';
const VIET_AGENT = 'U0VIET0001';
const de = translatorFor('de');
const vi = translatorFor('vi');
const en = translatorFor('en');

/** Contacts closed and assigned to `agent`: an Instagram one past its 7-day window (nothing may be sent). */
function events(agent: string) {
  const upsert = (id: string, first: string, channel: string, address: string) => ({
    id: `up-${id}`,
    type: 'contact.upserted',
    at: iso(-30 * DAY),
    contact: { id, firstName: first, lastName: 'Nguyễn', language: 'vi', channels: [{ type: channel, address }] },
  });
  const closedBy = (id: string) => [
    { id: `as-${id}`, type: 'contact.assigned', at: iso(-2 * HOUR), contactId: id, assignee: agent },
    { id: `cl-${id}`, type: 'conversation.closed', at: iso(-HOUR), contactId: id, by: agent },
  ];
  return [
    upsert('c-ig', 'Zoé', 'instagram', 'igsid-1'),
    { id: 'in-ig', type: 'message.received', at: iso(-8 * DAY), contactId: 'c-ig', channel: 'instagram' },
    ...closedBy('c-ig'),
    upsert('c-tg', 'Linh', 'telegram', 'tg-1'),
    { id: 'in-tg', type: 'message.received', at: iso(-3 * HOUR), contactId: 'c-tg', channel: 'telegram' },
    ...closedBy('c-tg'),
  ];
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** `/followup` as `user`; the search modal once its results are in. */
async function searchAs(x: Harness, user: string) {
  const id = await x.opening(() => x.command('', user));
  const view = await x.waitForView(id, (v) => v.callback_id === 'followup_search');
  return { id, view };
}

const text = (v: unknown) => JSON.stringify(v);

for (const store of E2E_STORES)
  describeOnStore(store, 'each agent in their language', () => {
    it('a de-DE Slack locale gives German search, contact view, compose and refusal', async () => {
      h = await startHarness({ store, start: T.toISOString() });
      h.fake.respondWith('users.info', (args) => ({
        ok: true,
        user: { id: args.user, locale: args.user === GERMAN_AGENT ? 'de-DE' : 'en-US' },
      }));
      expect((await h.ingest(events(GERMAN_AGENT))).json.rejected).toBe(0);

      const search = await searchAs(h, GERMAN_AGENT);
      expect(search.view.title).toMatchObject({ text: de.t('search.title') });
      expect(text(search.view)).toContain(text(de.t('state.closed.badge')).slice(1, -1));
      expect(text(search.view)).not.toContain(text(en.t('search.title')).slice(1, -1) + ' ');
      assertBlockKitLimits('modal', search.view);

      const contactId = await h.opening(() =>
        h!.click(search.id, { action_id: `${ACTION.openContact}:0`, value: 'c-ig', type: 'button' }, {}, GERMAN_AGENT),
      );
      const contact = await h.waitForView(contactId, (v) => v.callback_id === 'followup_contact');
      expect(contact.title).toMatchObject({ text: de.t('contact.title') });
      expect(text(contact)).toContain(text(de.t('reason.instagram.window_closed')).slice(1, -1));
      assertBlockKitLimits('modal', contact);

      // The Instagram window is over: no Follow up, and the refusal in German words.
      expect(findAction(contact, ACTION.composeOpen)).toBeUndefined();
      expect(text(contact)).toContain(text(de.t('allowed.nothing')).slice(1, -1));

      // Telegram has no window: compose opens in German, and an empty message is refused in German.
      const tgContactId = await h.opening(() =>
        h!.click(search.id, { action_id: `${ACTION.openContact}:1`, value: 'c-tg', type: 'button' }, {}, GERMAN_AGENT),
      );
      const tgContact = await h.waitForView(tgContactId, (v) => v.callback_id === 'followup_contact');
      const button = findAction(tgContact, ACTION.composeOpen);
      expect(button).toBeDefined();
      const composeId = await h.opening(() => h!.click(tgContactId, button!, {}, GERMAN_AGENT));
      const compose = await h.waitForView(composeId, (v) => v.callback_id === 'followup_compose');
      expect(compose.title).toMatchObject({ text: de.t('compose.title') });
      assertBlockKitLimits('modal', compose);
      const refused = await h.submit(
        composeId,
        { [BLOCK.text]: { [ACTION.text]: plainTextValue('   ') } },
        GERMAN_AGENT,
      );
      expect(refused.json).toMatchObject({ response_action: 'errors' });
      expect(Object.values(refused.json.errors)).toContain(de.t('compose.refusal.textEmpty'));

      // The same server, another agent with an English Slack: English.
      const other = await searchAs(h, 'U0ENGLISH1');
      expect(other.view.title).toMatchObject({ text: en.t('search.title') });
    });

    it('choosing Vietnamese in App Home: Vietnamese from then on, after a restart too', async () => {
      h = await startHarness({ store, start: T.toISOString() });
      expect((await h.ingest(events(VIET_AGENT))).json.rejected).toBe(0);
      await h.slack('event', appHomeOpened(VIET_AGENT));
      const home = (await h.fake.waitFor('views.publish', (a) => a.user_id === VIET_AGENT)).view;
      expect(text(home)).toContain(ACTION.homeLanguage);

      const published = h.fake.callsTo('views.publish').length;
      const pick = await h.slack(
        'interactive',
        blockAction({
          user: VIET_AGENT,
          view: { ...home, id: 'VHOME0001', type: 'home' },
          actions: [
            {
              action_id: ACTION.homeLanguage,
              block_id: BLOCK.homeLanguage,
              selected_option: { text: { type: 'plain_text', text: 'Tiếng Việt' }, value: 'vi' },
            },
          ],
        } as never),
      );
      expect(pick.status).toBe(200);
      await h.fake.waitForCalls('views.publish', published + 1);
      const republished = h.fake.callsTo('views.publish').at(-1)!;
      expect(republished.user_id).toBe(VIET_AGENT);
      expect(text(republished.view)).toContain(text(vi.t('home.findContact')).slice(1, -1));

      expect((await searchAs(h, VIET_AGENT)).view.title).toMatchObject({ text: vi.t('search.title') });
      await h.restart();
      const after = await searchAs(h, VIET_AGENT);
      expect(after.view.title).toMatchObject({ text: vi.t('search.title') });
      expect(text(after.view)).toContain(text(vi.t('state.closed.badge')).slice(1, -1));
      const help = JSON.parse((await h.command('help', VIET_AGENT)).text);
      expect(text(help)).toContain(text(vi.t('help.title')).slice(1, -1));
    });

    it('the notification channel gets notifications.language; the agents keep their own', async () => {
      h = await startHarness({
        store,
        start: T.toISOString(),
        config: `notifications:\n  channel: ${NOTIFY}\n  leadMinutes: 60\n  language: de\n`,
      });
      h.fake.respondWith('users.info', (args) => ({ ok: true, user: { id: args.user, locale: 'fr-FR' } }));
      expect(
        (
          await h.ingest([
            {
              id: 'up-wa',
              type: 'contact.upserted',
              at: iso(-DAY),
              contact: {
                id: 'c-wa',
                firstName: 'Linh',
                lastName: 'Nguyễn',
                channels: [{ type: 'whatsapp', address: '+84900' }],
              },
            },
            { id: 'in-wa', type: 'message.received', at: iso(0), contactId: 'c-wa', channel: 'whatsapp' },
            { id: 'as-wa', type: 'contact.assigned', at: iso(60_000), contactId: 'c-wa', assignee: VIET_AGENT },
          ])
        ).json.rejected,
      ).toBe(0);
      h.setNow(new Date(T.getTime() + 23 * HOUR));
      await h.app.notifier!.tick();
      const posts = h.fake.callsTo('chat.postMessage').filter((a) => a.channel === NOTIFY);
      expect(posts).toHaveLength(1);
      const reminder = posts[0]!;
      expect(text(reminder)).toContain(text(de.t('notifications.followUp')).slice(1, -1));
      expect(text(reminder)).not.toContain(`"${en.t('notifications.followUp')}"`);
      assertBlockKitLimits('message', reminder as never);
      // The agent whose Slack is French still gets French screens.
      expect((await searchAs(h, VIET_AGENT)).view.title).toMatchObject({ text: translatorFor('fr').t('search.title') });
    });
  });
