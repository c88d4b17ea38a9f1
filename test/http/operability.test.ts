/**
 * /metrics and /healthz on the real server (SQLite store, fake Slack API, signed requests): every metric is
 * there in Prometheus' text format and moves with what the app does; each running app has its own registry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateWindow, planOutbound } from '../../src/policy/index.js';
import { ACTION, CALLBACK } from '../../src/slack/shared/ids.js';
import { type Harness, findAction, startHarness } from '../e2e/harness.js';
import { AGENT_ID, appHomeOpened, plainTextValue } from '../support/signed-request.js';

const HOUR = 3_600_000;
const T = new Date('2026-11-21T12:00:00.000Z');
const iso = (ms: number) => new Date(T.getTime() + ms).toISOString();
const NOTIFY = 'C0NOTIFY01';
const TELEGRAM_SECRET = 'metrics-test-secret';

const TELEGRAM_CONFIG = `channels:
  - type: telegram
    id: "tg1"
    transport: telegram
    options: { botToken: "123456:ABCdef", secretToken: "${TELEGRAM_SECRET}", baseUrl: "http://127.0.0.1:9" }
`;

type Labels = Record<string, string>;

/** The value of one sample (`name{labels} value`) of Prometheus text; undefined when absent. */
function sample(text: string, name: string, labels: Labels = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found: Labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    const same =
      Object.keys(found).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => found[k] === v);
    if (same) return Number(m[3]);
  }
  return undefined;
}

async function scrape(h: Harness): Promise<string> {
  const res = await fetch(`${h.base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

const latencyCount = (text: string, labels: Labels) =>
  sample(text, 'followup_request_duration_seconds_count', labels) ?? 0;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    start: T.toISOString(),
    env: { NOTIFY_CHANNEL: NOTIFY, NOTIFY_LEAD_MINUTES: '60' },
    config: TELEGRAM_CONFIG,
  });
  const r = await h.ingest([
    {
      id: 'up-1',
      type: 'contact.upserted',
      at: iso(-HOUR),
      contact: { id: 'c-1', firstName: 'Linh', lastName: 'Nguyễn', channels: [{ type: 'whatsapp', address: '+1' }] },
    },
    { id: 'in-1', type: 'message.received', at: iso(0), contactId: 'c-1', channel: 'whatsapp' },
    { id: 'cl-1', type: 'conversation.closed', at: iso(60_000), contactId: 'c-1' },
  ]);
  expect(r.json.accepted).toBe(3);
});
afterAll(async () => {
  await h?.stop();
});

describe('GET /metrics', () => {
  it("lists every metric with its help, from this app's own registry, and process metrics", async () => {
    const text = await scrape(h);
    for (const name of [
      'followup_request_duration_seconds',
      'followup_ingest_events_total',
      'followup_outbox_queued',
      'followup_outbox_oldest_queued_age_seconds',
      'followup_notifier_lag_seconds',
      'followup_index_contacts',
      'followup_replica_leader',
      'followup_store_up',
    ]) {
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
      expect(text).toMatch(new RegExp(`^# TYPE ${name} (histogram|counter|gauge)$`, 'm'));
    }
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'followup_index_contacts')).toBe(h.app.index.size);
    expect(sample(text, 'followup_replica_leader')).toBe(1); // the only process on its SQLite store
    expect(sample(text, 'followup_store_up')).toBe(1);
  });

  it('request latency per surface: each request counts once under its own surface', async () => {
    const surfaces: Array<[Labels, () => Promise<unknown>]> = [
      [{ surface: 'slash_command' }, () => h.opening(() => h.command('linh'))],
      [
        { surface: 'shortcut' },
        () =>
          h.opening(() =>
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
          ),
      ],
      [
        { surface: 'block_action' },
        async () => {
          const view = await h.waitForView(h.lastOpenedViewId(), (v) => v.callback_id === CALLBACK.search);
          await h.click(String(view.id), findAction(view, ACTION.status)!, {}, AGENT_ID);
        },
      ],
      [
        { surface: 'view_submission' },
        () => h.submit(h.lastOpenedViewId(), { [ACTION.searchText]: plainTextValue('linh') }),
      ],
      [{ surface: 'event' }, () => h.slack('event', appHomeOpened())],
      [{ surface: 'api_events' }, () => h.ingest([])],
      [
        { surface: 'webhook', provider: 'telegram' },
        () =>
          fetch(`${h.base}/webhooks/telegram/tg1`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
            body: JSON.stringify({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 7 } } }),
          }),
      ],
    ];
    for (const [labels, request] of surfaces) {
      const before = latencyCount(await scrape(h), labels);
      await request();
      // A Slack listener may still be finishing (views.update) after its answer: wait for the count.
      let text = await scrape(h);
      for (let i = 0; i < 50 && latencyCount(text, labels) === before; i++) {
        await new Promise((r) => setTimeout(r, 20));
        text = await scrape(h);
      }
      expect(latencyCount(text, labels), JSON.stringify(labels)).toBe(before + 1);
      expect(sample(text, 'followup_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
      expect(sample(text, 'followup_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(before + 1);
    }
  });

  it('ingest counts by result, from /api/events and from webhooks', async () => {
    const count = (text: string, source: string, result: string) =>
      sample(text, 'followup_ingest_events_total', { source, result }) ?? 0;
    const before = await scrape(h);
    await h.ingest([
      { id: 'in-1', type: 'message.received', at: iso(0), contactId: 'c-1', channel: 'whatsapp' }, // a replay
      { id: 'up-2', type: 'contact.upserted', at: iso(1000), contact: { id: 'c-2', firstName: 'Ana' } },
      { id: 'bad-1', type: 'contact.teleported', at: iso(2000), contactId: 'c-1' },
    ]);
    const hook = await fetch(`${h.base}/webhooks/telegram/tg1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
      body: JSON.stringify({
        update_id: 2,
        message: {
          message_id: 2,
          date: Math.floor(T.getTime() / 1000),
          from: { id: 8, is_bot: false, first_name: 'Ana' },
          chat: { id: 8, type: 'private' },
          text: 'hola',
        },
      }),
    });
    expect(hook.status).toBe(200);
    const after = await scrape(h);
    for (const result of ['accepted', 'duplicate', 'rejected']) {
      expect(count(after, 'api_events', result) - count(before, 'api_events', result), result).toBe(1);
    }
    expect(count(after, 'webhook', 'accepted')).toBeGreaterThan(count(before, 'webhook', 'accepted'));
    expect(count(after, 'webhook', 'rejected')).toBe(count(before, 'webhook', 'rejected'));
  });

  it('outbox depth and the age of its oldest queued entry', async () => {
    const before = await scrape(h);
    expect(sample(before, 'followup_outbox_queued')).toBe(0);
    expect(sample(before, 'followup_outbox_oldest_queued_age_seconds')).toBe(0);

    const status = evaluateWindow({ channel: 'telegram', now: h.now(), lastInboundAt: null });
    const plan = planOutbound(status, { kind: 'text', text: 'Still there?' });
    if (!plan.ok) throw new Error(`telegram text refused: ${plan.reason}`);
    const { entry } = await h.app.store.outbox.enqueue(
      {
        idempotencyKey: 'metrics-test',
        contactId: 'c-1',
        contactName: 'Linh Nguyễn',
        channel: 'telegram',
        channelKey: 'telegram',
        plan,
        sentBy: AGENT_ID,
        transport: 'sandbox',
        sandbox: true,
      },
      h.now(),
    );
    // A retry waiting for its backoff: the outbox worker leaves it queued.
    await h.app.store.outbox.markRetry(entry.id, h.now(), 'HTTP 503', new Date(h.now().getTime() + HOUR));
    h.advance(90_000);
    const queued = await scrape(h);
    expect(sample(queued, 'followup_outbox_queued')).toBe(1);
    expect(sample(queued, 'followup_outbox_oldest_queued_age_seconds')).toBe(90);

    await h.app.store.outbox.markSent(entry.id, h.now());
    const drained = await scrape(h);
    expect(sample(drained, 'followup_outbox_queued')).toBe(0);
    expect(sample(drained, 'followup_outbox_oldest_queued_age_seconds')).toBe(0);
  });

  it('notifier lag: now minus the due time of the oldest due notice not posted yet', async () => {
    // c-1 wrote on WhatsApp at T: the reminder is due at T + 24 h − 60 min.
    const reminderDue = T.getTime() + 23 * HOUR;
    h.setNow(new Date(reminderDue - 60_000));
    expect(sample(await scrape(h), 'followup_notifier_lag_seconds')).toBe(0);
    h.setNow(new Date(reminderDue + 5 * 60_000));
    expect(sample(await scrape(h), 'followup_notifier_lag_seconds')).toBe(300);
    await h.app.notifier!.tick();
    expect(h.fake.callsTo('chat.postMessage').filter((a) => a.channel === NOTIFY)).toHaveLength(1);
    expect(sample(await scrape(h), 'followup_notifier_lag_seconds')).toBe(0);
  });

  it('each running app has its own registry: a second app in this process counts only its own requests', async () => {
    const other = await startHarness({ start: T.toISOString() });
    try {
      const mine = latencyCount(await scrape(h), { surface: 'slash_command' });
      await other.opening(() => other.command('linh'));
      await other.opening(() => other.command('linh'));
      expect(latencyCount(await scrape(other), { surface: 'slash_command' })).toBe(2);
      expect(latencyCount(await scrape(h), { surface: 'slash_command' })).toBe(mine);
    } finally {
      await other.stop();
    }
  });
});

describe('GET /healthz', () => {
  it('reports Slack, the store and the replica role; 200 when both answer', async () => {
    const res = await fetch(`${h.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      slack: 'ok',
      store: 'ok',
      role: 'leader',
      contacts: h.app.index.size,
      storeUrl: h.app.store.url,
    });
  });
});
