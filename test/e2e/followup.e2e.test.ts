/**
 * The Slack app end to end: real server, real SQLite and PostgreSQL, signed Slack requests, a fake Slack Web API.
 * search → contact view → compose → send, for every kind of rule; closing; security; Block Kit limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBlockKitLimits } from '../support/block-kit-limits.js';
import { AGENT_ID, appHomeOpened, plainTextValue, staticSelectValue } from '../support/signed-request.js';
import { ACTION, BLOCK, variableActionId, variableBlockId } from '../../src/slack/shared/ids.js';
import { E2E_STORES, type Harness, describeOnStore, findAction, startHarness } from './harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T = new Date('2026-11-21T12:00:00.000Z');
const iso = (ms: number) => new Date(T.getTime() + ms).toISOString();

const CONFIG = `
policy:
  wechat: { maxOutbound: 2 }
  viber: { freeMonthly: 1 }
closing: { logic: unassign }
`;

function contact(
  id: string,
  first: string,
  last: string,
  channels: Array<Record<string, unknown>>,
  extra: Record<string, unknown> = {},
) {
  return {
    id: `up-${id}`,
    type: 'contact.upserted',
    at: iso(-30 * DAY),
    contact: { id, firstName: first, lastName: last, channels, ...extra },
  };
}
const inbound = (contactId: string, channel: string, ageMs: number, n = 0) => ({
  id: `in-${contactId}-${channel}-${n}`,
  type: 'message.received',
  at: iso(-ageMs),
  contactId,
  channel,
  text: 'hello',
});
const closed = (contactId: string, by = 'UOTHER01') => [
  { id: `as-${contactId}`, type: 'contact.assigned', at: iso(-2 * HOUR), contactId, assignee: by },
  { id: `cl-${contactId}`, type: 'conversation.closed', at: iso(-HOUR), contactId, by },
];

const EVENTS = [
  {
    id: 'tpl-vi',
    type: 'template.upserted',
    at: iso(-40 * DAY),
    template: {
      name: 'order_update',
      language: 'vi',
      category: 'UTILITY',
      status: 'APPROVED',
      body: 'Xin chào {{1}}, đơn hàng {{2}} đã được giao.',
    },
  },
  {
    id: 'tpl-vi-paused',
    type: 'template.upserted',
    at: iso(-40 * DAY),
    template: { name: 'promo', language: 'vi', category: 'MARKETING', status: 'PAUSED', body: 'Giảm giá {{1}}' },
  },
  contact('c-42', 'Linh', 'Nguyễn', [{ type: 'whatsapp', address: '+84912345678' }], {
    email: 'linh@example.vn',
    phone: '+84 912 345 678',
    language: 'vi',
  }),
  inbound('c-42', 'whatsapp', 2 * HOUR),
  ...closed('c-42'),
  contact('c-msg', 'Jürgen', 'Müller', [{ type: 'messenger', address: 'psid-1' }], {
    email: 'jm@beispiel.de',
    language: 'de',
  }),
  inbound('c-msg', 'messenger', 8 * DAY),
  ...closed('c-msg', AGENT_ID),
  contact('c-ig', 'Zoé', 'Lefèvre', [{ type: 'instagram', address: 'igsid-1' }], { language: 'fr' }),
  inbound('c-ig', 'instagram', 8 * DAY),
  ...closed('c-ig', AGENT_ID),
  contact('c-vb', 'José', 'García', [{ type: 'viber', address: 'viber-1' }], { language: 'es' }),
  inbound('c-vb', 'viber', 2 * DAY),
  ...closed('c-vb', AGENT_ID),
  contact('c-wc', 'Wei', 'Zhang', [{ type: 'wechat', address: 'openid-1' }], { language: 'zh' }),
  inbound('c-wc', 'wechat', 2 * HOUR),
  ...closed('c-wc', AGENT_ID),
  contact('c-evil', '<!channel>', '<@U123> & <https://evil.example|click>', [{ type: 'sms', address: '+15550100' }], {
    email: 'evil@example.com',
  }),
  ...closed('c-evil', AGENT_ID),
];

let h: Harness;

/** Opens /followup with text and returns the search view once results are in. */
async function search(text: string) {
  let status = 0;
  const id = await h.opening(async () => {
    status = (await h.command(text)).status;
  });
  expect(status).toBe(200);
  const view = await h.waitForView(id, (v) => v.callback_id === 'followup_search');
  return { id, view, json: JSON.stringify(view) };
}

/** From a contact view, open the compose view for its first channel. */
async function openCompose(contactId: string) {
  const s = await search('');
  // Open the contact straight from a button value, as the search result's "Open" would.
  const contactViewId = await h.opening(() =>
    h.click(s.id, { action_id: `${ACTION.openContact}:0`, value: contactId, type: 'button' }),
  );
  const contactView = await h.waitForView(contactViewId, (v) => v.callback_id === 'followup_contact');
  const button = findAction(contactView, ACTION.composeOpen);
  return { contactView, contactViewId, button };
}

async function composeFor(contactId: string) {
  const { button, contactView, contactViewId } = await openCompose(contactId);
  if (!button) return { composeId: null, compose: null, contactView };
  const composeId = await h.opening(() => h.click(contactViewId, button));
  const compose = await h.waitForView(composeId, (v) => v.callback_id === 'followup_compose');
  return { composeId, compose, contactView };
}

for (const store of E2E_STORES) {
  describeOnStore(store, 'Followup end to end', () => {
    beforeAll(async () => {
      h = await startHarness({ store, config: CONFIG, start: T.toISOString() });
      const ndjson = EVENTS.map((e) => JSON.stringify(e)).join('\n');
      const r = await h.ingest(ndjson);
      expect(r.status).toBe(200);
      expect(r.json.rejected).toBe(0);
    });

    afterAll(async () => {
      await h?.stop();
    });

    describe('ingest endpoint', () => {
      it('refuses a missing or wrong bearer token', async () => {
        expect((await h.ingest([], undefined, 'wrong-token-wrong-token')).status).toBe(401);
      });
      it('accepts a JSON array and reports each event; a bad neighbour does not block a good one', async () => {
        const r = await h.ingest([
          { id: 'x1', type: 'message.received', at: iso(-HOUR), contactId: 'c-42', channel: 'whatsapp' },
          { id: 'x2', type: 'message.received', at: 'yesterday', contactId: 'c-42', channel: 'whatsapp' },
          { id: 'x1', type: 'message.received', at: iso(-HOUR), contactId: 'c-42', channel: 'whatsapp' },
        ]);
        expect(r.status).toBe(200);
        expect(r.json.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'rejected', 'duplicate']);
        expect(r.json.results[1].reason).toMatch(/at/);
      });
      it('accepts one JSON event', async () => {
        const r = await h.ingest({
          id: 'x3',
          type: 'contact.assigned',
          at: iso(-HOUR),
          contactId: 'c-42',
          assignee: 'UOTHER01',
        });
        expect(r.json).toMatchObject({ accepted: 1, rejected: 0 });
      });
    });

    describe('security', () => {
      it('refuses a forged signature and a stale timestamp; handles nothing', async () => {
        const before = h.fake.callsTo('views.open').length;
        const forged = await h.slack(
          'command',
          { command: '/followup', text: 'x', user_id: AGENT_ID, team_id: 'T0001', trigger_id: 't' },
          { badSignature: true },
        );
        const stale = await h.slack(
          'command',
          { command: '/followup', text: 'x', user_id: AGENT_ID, team_id: 'T0001', trigger_id: 't' },
          { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
        );
        expect(forged.status).toBe(401);
        expect(stale.status).toBe(401);
        await new Promise((r) => setTimeout(r, 100));
        expect(h.fake.callsTo('views.open').length).toBe(before);
      });
      it('serves only the installed workspace', async () => {
        const before = h.fake.callsTo('views.open').length;
        const r = await h.slack('command', {
          command: '/followup',
          text: '',
          user_id: AGENT_ID,
          team_id: 'T9999',
          trigger_id: 't',
        });
        expect(r.status).toBe(200);
        await new Promise((r) => setTimeout(r, 150));
        expect(h.fake.callsTo('views.open').length).toBe(before);
      });
      it('/healthz answers', async () => {
        const r = await fetch(`${h.base}/healthz`);
        expect(r.status).toBe(200);
        expect(((await r.json()) as { contacts: number }).contacts).toBeGreaterThanOrEqual(6);
      });
    });

    describe('search', () => {
      it('/followup help answers with usage, ephemeral', async () => {
        const r = await h.command('help');
        expect(r.status).toBe(200);
        const body = JSON.parse(r.text);
        expect(body.response_type).toBe('ephemeral');
        expect(r.text).toMatch(/@domain|phone/i);
      });
      it('/followup linh nguyen opens a loading modal from the trigger, then fills it', async () => {
        let ms = 0;
        const id = await h.opening(async () => {
          ms = (await h.command('linh nguyen')).ms;
        });
        expect(ms).toBeLessThan(2500);
        const view = await h.waitForView(id, (v) => v.callback_id === 'followup_search');
        const json = JSON.stringify(view);
        expect(json).toContain('Nguyễn');
        expect(json).not.toContain('Müller');
      });
      it('accent-free, @domain and last-digits queries find the contact (All inbox, Closed)', async () => {
        for (const q of ['muller', '@beispiel.de', '345678', 'linh@example.vn']) {
          const { json } = await search(q);
          expect(json, q).toMatch(q === 'muller' || q === '@beispiel.de' ? /Müller/ : /Nguyễn/);
        }
      });
      it('changing a filter updates the view in place with its hash', async () => {
        const { id } = await search('');
        const before = h.fake.callsTo('views.update').length;
        await h.click(
          id,
          {
            action_id: ACTION.channel,
            type: 'static_select',
            selected_option: { value: 'instagram', text: { type: 'plain_text', text: 'Instagram' } },
          },
          {
            [BLOCK.searchFilters]: { [ACTION.channel]: staticSelectValue('instagram') },
          },
        );
        const updated = await h.waitForView(
          id,
          (v) => JSON.stringify(v).includes('Lefèvre') && !JSON.stringify(v).includes('García'),
        );
        expect(updated).toBeTruthy();
        const call = h.fake.callsTo('views.update').slice(before)[0]!;
        expect(call.view_id).toBe(id);
        expect(call.hash).toBeTruthy();
      });
      it('pages through many results within Block Kit limits, forward and back', async () => {
        const many = [];
        for (let i = 0; i < 25; i++) {
          const id = `pg-${String(i).padStart(2, '0')}`;
          many.push(contact(id, 'Paginado', `Número ${i}`, [{ type: 'telegram', address: `tg-${i}` }]), ...closed(id));
        }
        expect((await h.ingest(many)).json.rejected).toBe(0);
        const first = await search('paginado');
        const names = (v: unknown) => [...JSON.stringify(v).matchAll(/Número (\d+)/g)].map((m) => m[1]);
        const page1 = names(first.view);
        expect(first.json).toMatch(/25 contacts/);
        const next = findAction(first.view, ACTION.pageNext)!;
        await h.click(first.id, next);
        const second = await h.waitForView(first.id, (v) => names(v).join() !== page1.join());
        const page2 = names(second);
        expect(page2.filter((n) => page1.includes(n))).toEqual([]);
        await h.click(first.id, findAction(second, ACTION.pagePrev)!);
        const back = await h.waitForView(first.id, (v) => names(v).join() === page1.join());
        expect(back).toBeTruthy();
      });

      it('a contact named <!channel> pings no one', async () => {
        const { json } = await search('evil@example.com');
        expect(json).toContain('&lt;!channel&gt;');
        expect(json).not.toContain('<!channel>');
        expect(json).not.toContain('<@U123>');
      });
    });

    describe('follow-ups', () => {
      it('WhatsApp inside the window: free text, then reopened and assigned to the sender', async () => {
        const { compose, composeId } = await composeFor('c-42');
        expect(compose).toBeTruthy();
        expect(JSON.stringify(compose)).toContain(ACTION.text);
        const r = await h.submit(composeId!, {
          [BLOCK.text]: { [ACTION.text]: plainTextValue('Chào Linh, đơn hàng đã được giao chưa?') },
        });
        expect(r.json.response_action).toBe('update');
        await h.waitForView(composeId!, (v) => JSON.stringify(v).includes('Sent'));
        const c = await h.app.store.contacts.get('c-42');
        expect(c).toMatchObject({ status: 'open', assignee: AGENT_ID });
        expect(c!.channels[0]!.outboundSinceInbound).toBe(1);
        const dm = await h.fake.waitFor('chat.postMessage', (a) => a.channel === AGENT_ID);
        expect(JSON.stringify(dm)).toMatch(/sandbox/i);
      });

      it('a double-clicked submit sends once', async () => {
        await h.ingest([{ id: 'c42-close-2', type: 'conversation.closed', at: iso(-30 * 60_000), contactId: 'c-42' }]);
        const { composeId } = await composeFor('c-42');
        const values = { [BLOCK.text]: { [ACTION.text]: plainTextValue('Only once') } };
        await Promise.all([h.submit(composeId!, values), h.submit(composeId!, values)]);
        await h.waitForView(composeId!, (v) => JSON.stringify(v).includes('Sent'));
        await new Promise((r) => setTimeout(r, 200));
        const sent = (await h.app.store.outbox.list({ contactId: 'c-42' })).filter((e) => e.text === 'Only once');
        expect(sent).toHaveLength(1);
      });

      it('the window closes while the agent writes: field moves to templates, the draft is kept', async () => {
        // The last inbound is 1 h old (event x1): the modal opens in text mode, then 23 h pass.
        const { composeId, compose } = await composeFor('c-42');
        expect(JSON.stringify(compose)).toContain(ACTION.text);
        h.advance(23 * HOUR);
        const r = await h.submit(composeId!, {
          [BLOCK.text]: { [ACTION.text]: plainTextValue('Draft that must survive') },
        });
        expect(r.json.response_action).toBe('update');
        const json = JSON.stringify(r.json.view);
        expect(json).toContain(ACTION.template);
        expect(json).toContain('Draft that must survive');
      });

      it('WhatsApp template-only: approved templates in the contact language, variables, preview, send', async () => {
        // Over 24 h after Linh last wrote (at most 1 h before T). Run in order, the test before already moved the
        // clock there; run alone, this does.
        h.setNow(new Date(Math.max(h.now().getTime(), T.getTime() + 23 * HOUR)));
        const { composeId, compose } = await composeFor('c-42');
        const json = JSON.stringify(compose);
        expect(json).toContain('order_update');
        expect(json).not.toContain('promo');
        const select = findAction(compose, ACTION.template)!;
        const value = select.options[0].value as string;
        await h.click(
          composeId!,
          {
            action_id: ACTION.template,
            type: 'static_select',
            selected_option: { value, text: { type: 'plain_text', text: 'x' } },
          },
          {
            [BLOCK.template]: { [ACTION.template]: staticSelectValue(value) },
          },
        );
        const withVars = await h.waitForView(composeId!, (v) => JSON.stringify(v).includes(variableBlockId('2')));
        expect(JSON.stringify(withVars)).toContain(variableBlockId('1'));
        const missing = await h.submit(composeId!, {
          [BLOCK.template]: { [ACTION.template]: staticSelectValue(value) },
          [variableBlockId('1')]: { [variableActionId('1')]: plainTextValue('Linh') },
          [variableBlockId('2')]: { [variableActionId('2')]: plainTextValue('') },
        });
        expect(missing.json.response_action).toBe('errors');
        expect(Object.keys(missing.json.errors)).toContain(variableBlockId('2'));
        const ok = await h.submit(composeId!, {
          [BLOCK.template]: { [ACTION.template]: staticSelectValue(value) },
          [variableBlockId('1')]: { [variableActionId('1')]: plainTextValue('Linh') },
          [variableBlockId('2')]: { [variableActionId('2')]: plainTextValue('#A-1001') },
        });
        expect(ok.json.response_action).toBe('update');
        await h.waitForView(composeId!, (v) => JSON.stringify(v).includes('Sent'));
        const last = (await h.app.store.outbox.list({ contactId: 'c-42' })).find((e) => e.kind === 'template');
        expect(last).toMatchObject({
          templateName: 'order_update',
          text: 'Xin chào Linh, đơn hàng #A-1001 đã được giao.',
          status: 'sent',
          sandbox: true,
        });
        // A template does not reopen free text: the window stays template-only.
        const c = await h.app.store.contacts.get('c-42');
        expect(c!.status).toBe('open');
      });

      it('Messenger after 7 days: a tag picker, sent as MESSAGE_TAG', async () => {
        const { composeId, compose } = await composeFor('c-msg');
        expect(JSON.stringify(compose)).toContain(ACTION.tag);
        const r = await h.submit(composeId!, {
          [BLOCK.tag]: { [ACTION.tag]: staticSelectValue('POST_PURCHASE_UPDATE') },
          [BLOCK.text]: { [ACTION.text]: plainTextValue('Ihre Bestellung ist unterwegs.') },
        });
        expect(r.json.response_action).toBe('update');
        await h.waitForView(composeId!, (v) => JSON.stringify(v).includes('Sent'));
        const e = (await h.app.store.outbox.list({ contactId: 'c-msg' }))[0]!;
        expect(e).toMatchObject({ kind: 'tag', tag: 'POST_PURCHASE_UPDATE' });
      });

      it('Instagram after 7 days: nothing may be sent, the reason is shown, no send button', async () => {
        const { contactView, compose } = await composeFor('c-ig');
        // The contact view offers no Follow up at all, and says why and what would reopen it.
        expect(compose).toBeNull();
        expect(findAction(contactView, ACTION.composeOpen)).toBeUndefined();
        const json = JSON.stringify(contactView);
        expect(json).toMatch(/Instagram/);
        expect(json).toMatch(/writes again/i);
      });

      it('over-long text is a field error, never cut (SMS: 1600 characters)', async () => {
        const { composeId } = await composeFor('c-evil');
        const long = 'á'.repeat(1601);
        const r = await h.submit(composeId!, { [BLOCK.text]: { [ACTION.text]: plainTextValue(long) } });
        expect(r.json.response_action).toBe('errors');
        expect(r.json.errors[BLOCK.text]).toMatch(/1,601 characters; SMS allows 1,600/);
        expect((await h.app.store.outbox.list({ contactId: 'c-evil' })).length).toBe(0);
      });

      it('Viber chatbot-initiated: quota shown, counted, refused past it (freeMonthly 1)', async () => {
        const first = await composeFor('c-vb');
        expect(JSON.stringify(first.compose)).toMatch(/chatbot-initiated/i);
        const r = await h.submit(first.composeId!, {
          [BLOCK.text]: { [ACTION.text]: plainTextValue('¿Sigue con el problema?') },
        });
        expect(r.json.response_action).toBe('update');
        await h.waitForView(first.composeId!, (v) => JSON.stringify(v).includes('Sent'));
        const second = await composeFor('c-vb');
        expect(second.compose).toBeNull();
        expect(findAction(second.contactView, ACTION.composeOpen)).toBeUndefined();
        expect(JSON.stringify(second.contactView)).toMatch(/quota/i);
      });

      it('WeChat: the outbound cap holds under concurrent sends by two agents (maxOutbound 2)', async () => {
        const a = await composeFor('c-wc');
        const b = await composeFor('c-wc');
        const c = await composeFor('c-wc');
        const values = (t: string) => ({ [BLOCK.text]: { [ACTION.text]: plainTextValue(t) } });
        await Promise.all([
          h.submit(a.composeId!, values('one')),
          h.submit(b.composeId!, values('two'), 'UAGENT2'),
          h.submit(c.composeId!, values('three')),
        ]);
        await new Promise((r) => setTimeout(r, 500));
        const sent = (await h.app.store.outbox.list({ contactId: 'c-wc' })).filter((e) => e.status === 'sent');
        expect(sent).toHaveLength(2);
        const contact = await h.app.store.contacts.get('c-wc');
        expect(contact!.channels[0]!.outboundSinceInbound).toBe(2);
      });

      it('closing applies the closing logic (unassign)', async () => {
        // An open conversation (run in order, the Messenger follow-up above already reopened it).
        await h.ingest([
          {
            id: 'c-msg-open',
            type: 'conversation.opened',
            at: h.now().toISOString(),
            contactId: 'c-msg',
            by: AGENT_ID,
          },
        ]);
        const { contactViewId, contactView } = await openCompose('c-msg');
        const close = findAction(contactView, ACTION.closeConversation);
        expect(close).toBeTruthy();
        await h.click(contactViewId, close!);
        await h.waitForView(contactViewId, (v) => !findAction(v, ACTION.closeConversation));
        expect(await h.app.store.contacts.get('c-msg')).toMatchObject({ status: 'closed', assignee: null });
      });
    });

    describe('entry points and contact actions', () => {
      it('the global shortcut opens the same search modal', async () => {
        const id = await h.opening(() =>
          h.slack('interactive', {
            type: 'shortcut',
            callback_id: 'followup_global',
            trigger_id: `t-${Date.now()}`,
            user: { id: AGENT_ID, team_id: 'T0001' },
            team: { id: 'T0001' },
            api_app_id: 'A0001',
            token: 'x',
            action_ts: '1',
          }),
        );
        const view = await h.waitForView(id, (v) => v.callback_id === 'followup_search');
        expect(JSON.stringify(view)).toContain(ACTION.searchText);
      });

      it('Assign to me takes a colleague’s contact and updates the view in place', async () => {
        await h.ingest([
          { id: 'evil-assign', type: 'contact.assigned', at: iso(-60_000), contactId: 'c-evil', assignee: 'UOTHER01' },
        ]);
        const { contactViewId, contactView } = await openCompose('c-evil');
        const assign = findAction(contactView, ACTION.assignMe)!;
        expect(assign).toBeTruthy();
        await h.click(contactViewId, assign);
        await h.waitForView(contactViewId, (v) => !findAction(v, ACTION.assignMe));
        expect((await h.app.store.contacts.get('c-evil'))!.assignee).toBe(AGENT_ID);
      });
    });

    describe('App Home', () => {
      it('publishes the agent’s follow-ups and recent sends', async () => {
        const before = h.fake.callsTo('views.publish').length;
        const { appHomeOpened } = await import('../support/signed-request.js');
        await h.slack('event', appHomeOpened(AGENT_ID));
        const calls = await h.fake.waitForCalls('views.publish', before + 1);
        const home = calls[calls.length - 1]!;
        expect(home.user_id).toBe(AGENT_ID);
        expect(JSON.stringify(home.view)).toMatch(/Recent/i);
      });
    });

    /** The surfaces each Web API call shows, for the limit guard. */
    const SURFACE_OF: Record<string, 'modal' | 'home' | 'message'> = {
      'views.open': 'modal',
      'views.push': 'modal',
      'views.update': 'modal',
      'views.publish': 'home',
      'chat.postMessage': 'message',
    };

    /** Checks every view and message in `calls` against Slack's limits; returns how many of each surface it saw. */
    function checkBlockKitLimits(calls: typeof h.fake.calls): Record<'modal' | 'home' | 'message', number> {
      const checked = { modal: 0, home: 0, message: 0 };
      for (const call of calls) {
        const surface = SURFACE_OF[call.method];
        if (!surface) continue;
        assertBlockKitLimits(surface, surface === 'message' ? call.args : call.args.view);
        checked[surface]++;
      }
      return checked;
    }

    /**
     * Every kind of surface this file's data produces, made here so the limit check needs nothing from earlier
     * tests: searches (with results, none, a hint, many pages), each contact and its compose view, a template
     * with variables and preview, a send with its confirmation, and the App Home.
     */
    async function tourEverySurface(): Promise<void> {
      const ago = (ms: number) => new Date(h.now().getTime() - ms).toISOString();
      const paged = [];
      for (let i = 0; i < 25; i++) {
        const id = `pg-${String(i).padStart(2, '0')}`;
        paged.push(contact(id, 'Paginado', `Número ${i}`, [{ type: 'telegram', address: `tg-${i}` }]), ...closed(id));
      }
      // WhatsApp three days after the contact wrote: template only, whatever the clock did in earlier tests.
      const templateOnly = [
        {
          ...contact('c-bk-tpl', 'Thảo', 'Phạm', [{ type: 'whatsapp', address: '+84900000001' }], { language: 'vi' }),
          at: ago(4 * DAY),
        },
        { ...inbound('c-bk-tpl', 'whatsapp', 0), at: ago(3 * DAY) },
        { id: 'bk-tpl-closed', type: 'conversation.closed', at: ago(HOUR), contactId: 'c-bk-tpl', by: AGENT_ID },
      ];
      expect((await h.ingest([...paged, ...templateOnly])).json.rejected).toBe(0);

      for (const q of ['', 'evil@example.com', 'zzzz-nobody', '🦄']) await search(q);
      const many = await search('paginado');
      await h.click(many.id, findAction(many.view, ACTION.pageNext)!);
      await h.waitForView(many.id, (v) => findAction(v, ACTION.pagePrev) !== undefined);

      for (const id of ['c-42', 'c-msg', 'c-ig', 'c-vb', 'c-wc', 'c-evil']) await composeFor(id);

      const tpl = await composeFor('c-bk-tpl');
      const value = findAction(tpl.compose, ACTION.template)!.options[0].value as string;
      await h.click(
        tpl.composeId!,
        {
          action_id: ACTION.template,
          type: 'static_select',
          selected_option: { value, text: { type: 'plain_text', text: 'x' } },
        },
        {
          [BLOCK.template]: { [ACTION.template]: staticSelectValue(value) },
        },
      );
      await h.waitForView(tpl.composeId!, (v) => JSON.stringify(v).includes(variableBlockId('2')));

      const dmsBefore = h.fake.callsTo('chat.postMessage').length;
      const sms = await composeFor('c-evil');
      await h.submit(sms.composeId!, { [BLOCK.text]: { [ACTION.text]: plainTextValue('Block Kit tour') } });
      await h.waitForView(sms.composeId!, (v) => JSON.stringify(v).includes('Sent'));
      await h.fake.waitForCalls('chat.postMessage', dmsBefore + 1);

      const homesBefore = h.fake.callsTo('views.publish').length;
      await h.slack('event', appHomeOpened(AGENT_ID));
      await h.fake.waitForCalls('views.publish', homesBefore + 1);
    }

    describe('Block Kit limits', () => {
      it('every view and message the app produced stays inside Slack’s limits', async () => {
        const from = h.fake.calls.length;
        await tourEverySurface();
        const own = checkBlockKitLimits(h.fake.calls.slice(from));
        expect(own.modal + own.home + own.message).toBeGreaterThan(20);
        expect(own.home).toBeGreaterThan(0);
        expect(own.message).toBeGreaterThan(0);
        // And whatever the tests before this one produced, when they ran.
        checkBlockKitLimits(h.fake.calls.slice(0, from));
      });
    });
  });
}
