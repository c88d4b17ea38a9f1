/**
 * Window notifications end to end: inbound events through /api/events, the clock moved by the test, ticks
 * run by the real notifier, messages checked at the fake Slack API.
 */
import { afterEach, expect, it } from 'vitest';
import { assertBlockKitLimits } from '../support/block-kit-limits.js';
import { ACTION } from '../../src/slack/shared/ids.js';
import { E2E_STORES, type Harness, describeOnStore, startHarness } from './harness.js';

const HOUR = 3_600_000;
const MIN = 60_000;
const T = new Date('2026-11-21T12:00:00.000Z');
const NOTIFY = 'C0NOTIFY01';
const iso = (ms: number) => new Date(T.getTime() + ms).toISOString();

const upsert = (id: string, channel = 'whatsapp', extra: Record<string, unknown> = {}) => ({
  id: `up-${id}`,
  type: 'contact.upserted',
  at: iso(-24 * HOUR),
  contact: {
    id,
    firstName: `Linh ${id}`,
    lastName: 'Nguyễn',
    language: 'vi',
    channels: [{ type: channel, address: `addr-${id}` }],
    ...extra,
  },
});
const inbound = (id: string, at: number, n = 0, channel = 'whatsapp') => ({
  id: `in-${id}-${n}`,
  type: 'message.received',
  at: iso(at),
  contactId: id,
  channel,
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const posts = (x: Harness) => x.fake.callsTo('chat.postMessage').filter((a) => a.channel === NOTIFY);
const text = (a: Record<string, unknown>) => JSON.stringify(a);

async function tickAt(x: Harness, ms: number) {
  x.setNow(new Date(T.getTime() + ms));
  return x.app.notifier!.tick();
}

for (const store of E2E_STORES)
  describeOnStore(store, 'window notifications', () => {
    it('a reminder before the window closes and a notice once it has closed, each with Follow up', async () => {
      h = await startHarness({
        store,
        env: { NOTIFY_CHANNEL: NOTIFY, NOTIFY_LEAD_MINUTES: '60' },
        start: T.toISOString(),
      });
      const r = await h.ingest([
        upsert('c-1'),
        inbound('c-1', 0),
        { id: 'as', type: 'contact.assigned', at: iso(MIN), contactId: 'c-1', assignee: 'U0AGENT01' },
        {
          id: 'tpl',
          type: 'template.upserted',
          at: iso(-HOUR),
          template: {
            name: 'order_update',
            language: 'vi',
            category: 'UTILITY',
            status: 'APPROVED',
            body: 'Xin chào {{1}}',
          },
        },
      ]);
      expect(r.json.rejected).toBe(0);

      await tickAt(h, 22 * HOUR);
      expect(posts(h)).toHaveLength(0);
      await tickAt(h, 23 * HOUR);
      expect(posts(h)).toHaveLength(1);
      const reminder = posts(h)[0]!;
      expect(text(reminder)).toContain('Linh c-1');
      expect(text(reminder)).toContain('<@U0AGENT01>');
      expect(text(reminder)).toMatch(/<!date\^\d+\^/);
      expect(text(reminder)).toContain(ACTION.notifyFollowUp);
      await tickAt(h, 23 * HOUR + 30 * MIN);
      expect(posts(h)).toHaveLength(1);

      await tickAt(h, 24 * HOUR);
      expect(posts(h)).toHaveLength(2);
      expect(text(posts(h)[1]!)).toMatch(/template/i);
      await tickAt(h, 30 * HOUR);
      expect(posts(h)).toHaveLength(2);
      for (const p of posts(h)) assertBlockKitLimits('message', p);

      // The button opens the compose modal for that contact and channel, now template-only.
      const button = JSON.parse(JSON.stringify(posts(h)[1]!.blocks))
        .flatMap((b: any) => (b.accessory ? [b.accessory] : (b.elements ?? [])))
        .find((e: any) => typeof e.action_id === 'string' && e.action_id.startsWith(ACTION.notifyFollowUp));
      expect(button.value).toBe('c-1|whatsapp');
      const { blockAction } = await import('../support/signed-request.js');
      const id = await h.opening(() =>
        h!.slack('interactive', blockAction({ actions: [button], channel: NOTIFY } as never)),
      );
      const compose = await h.waitForView(id, (v) => v.callback_id === 'followup_compose');
      expect(text(compose)).toContain(ACTION.template);
    });

    it('with dmAssignee the assignee also gets the reminder as a DM', async () => {
      h = await startHarness({
        store,
        env: { NOTIFY_CHANNEL: NOTIFY },
        config: 'notifications: { dmAssignee: true }\n',
        start: T.toISOString(),
      });
      await h.ingest([
        upsert('c-dm'),
        inbound('c-dm', 0),
        { id: 'as-dm', type: 'contact.assigned', at: iso(MIN), contactId: 'c-dm', assignee: 'U0AGENT09' },
      ]);
      await tickAt(h, 23 * HOUR);
      expect(posts(h)).toHaveLength(1);
      const dms = h.fake.callsTo('chat.postMessage').filter((a) => a.channel === 'U0AGENT09');
      expect(dms).toHaveLength(1);
      expect(text(dms[0]!)).toContain('Linh c-dm');
    });

    it('a reply in between cancels both; the new window gets its own', async () => {
      h = await startHarness({ store, env: { NOTIFY_CHANNEL: NOTIFY }, start: T.toISOString() });
      await h.ingest([upsert('c-2'), inbound('c-2', 0)]);
      h.setNow(new Date(T.getTime() + 10 * HOUR));
      await h.ingest([inbound('c-2', 10 * HOUR, 1)]);
      await tickAt(h, 23 * HOUR);
      await tickAt(h, 24 * HOUR + MIN);
      expect(posts(h)).toHaveLength(0);
      await tickAt(h, 33 * HOUR);
      expect(posts(h)).toHaveLength(1);
      await tickAt(h, 34 * HOUR);
      expect(posts(h)).toHaveLength(2);
    });

    it('a restart mid-way loses and duplicates nothing; what fell due while down goes once, marked late', async () => {
      h = await startHarness({ store, env: { NOTIFY_CHANNEL: NOTIFY }, start: T.toISOString() });
      await h.ingest([upsert('c-3'), inbound('c-3', 0)]);
      await tickAt(h, 23 * HOUR);
      expect(posts(h)).toHaveLength(1);
      await h.restart();
      await tickAt(h, 23 * HOUR + 5 * MIN);
      expect(posts(h)).toHaveLength(1);
      await h.restart();
      // Down across the close: the notice comes once, late.
      h.setNow(new Date(T.getTime() + 26 * HOUR));
      await h.restart();
      await tickAt(h, 26 * HOUR + MIN);
      await tickAt(h, 26 * HOUR + 2 * MIN);
      expect(posts(h)).toHaveLength(2);
      expect(text(posts(h)[1]!)).toMatch(/late/i);
    });

    // Pacing and digests are the sink's: the same on either store, and 5 s of pacing; run once.
    it.skipIf(store === 'postgres')(
      '500 windows closing in the same minute become a few digests, paced, and a 429 is retried',
      async () => {
        h = await startHarness({ store, env: { NOTIFY_CHANNEL: NOTIFY }, start: T.toISOString(), notifyPaceMs: 1_000 });
        const events = [];
        for (let i = 0; i < 500; i++) events.push(upsert(`b-${i}`), inbound(`b-${i}`, (i % 50) * 1000));
        const r = await h.ingest(events);
        expect(r.json.accepted).toBe(1000);
        h.fake.rateLimit('chat.postMessage', 1, 1);
        const t0 = Date.now();
        await tickAt(h, 23 * HOUR + MIN);
        const reminders = posts(h).filter((p) => p.blocks);
        const messages = h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === NOTIFY);
        expect(messages.some((m) => m.status === 429)).toBe(true);
        const delivered = messages.filter((m) => m.status === 200);
        expect(delivered.length).toBeGreaterThanOrEqual(1);
        expect(delivered.length).toBeLessThanOrEqual(10);
        // Every window is accounted for: the digests' counts add up to 500.
        const counted = delivered
          .map((m) => Number(/(\d+) windows? closing soon/.exec(String(m.args.text))?.[1] ?? 0))
          .reduce((a, b) => a + b, 0);
        expect(counted).toBe(500);
        // Paced: at most about one message per second to the channel.
        expect(Date.now() - t0).toBeGreaterThanOrEqual((delivered.length - 1) * 900);
        for (const p of reminders) assertBlockKitLimits('message', p);
      },
      60_000,
    );
  });
