/**
 * The database goes away and comes back, end to end: the real server on PostgreSQL through a TCP relay on
 * 127.0.0.1 that the test cuts and restores (the real PostgreSQL keeps running). While it is cut every kind of
 * request gets a clear answer (Slack: "cannot reach its store", /api/events: 503, /healthz: 503 with the
 * reason), nothing crashes and nothing rejects unhandled; once it is back the replica serves again by itself.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTION, CALLBACK } from '../../src/slack/shared/ids.js';
import { STORE_DOWN } from '../../src/slack/app.js';
import { type TcpRelay, type TestSchema, describeOnPostgres, freshSchema, startTcpRelay } from '../support/postgres.js';
import { AGENT_ID, blockAction, plainTextValue } from '../support/signed-request.js';
import { type Harness, INGEST_TOKEN, findAction, startHarness } from './harness.js';

const T = new Date('2026-11-21T12:00:00.000Z');
const iso = (ms: number) => new Date(T.getTime() + ms).toISOString();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const TELEGRAM_SECRET = 'outage-test-secret';
const TELEGRAM_CONFIG = `channels:
  - type: telegram
    id: "tg1"
    transport: telegram
    options: { botToken: "123456:ABCdef", secretToken: "${TELEGRAM_SECRET}", baseUrl: "http://127.0.0.1:9" }
`;

/** A Telegram update from a new person: the webhook applies it to the store before answering. */
const telegramUpdate = (updateId: number) =>
  fetch(`${h.base}/webhooks/telegram/tg1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
    body: JSON.stringify({
      update_id: updateId,
      message: {
        message_id: updateId,
        date: Math.floor(T.getTime() / 1000),
        from: { id: 8, is_bot: false, first_name: 'Ana' },
        chat: { id: 8, type: 'private' },
        text: 'hola',
      },
    }),
  });

async function healthz(h: Harness): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${h.base}/healthz`);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** /healthz until it answers `status` (the store check is reused for up to a second). */
async function healthzUntil(h: Harness, status: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = await healthz(h);
  while (last.status !== status && Date.now() < deadline) {
    await sleep(100);
    last = await healthz(h);
  }
  expect(last.status, JSON.stringify(last.json)).toBe(status);
  return last.json;
}

const contact = (id: string, firstName: string) => ({
  id: `up-${id}`,
  type: 'contact.upserted',
  at: iso(-3_600_000),
  contact: {
    id,
    firstName,
    lastName: 'Nguyễn',
    status: 'closed',
    channels: [{ type: 'telegram', address: `tg-${id}` }],
  },
});

const shortcut = () => ({
  type: 'shortcut',
  callback_id: 'followup_global',
  trigger_id: `t-${Date.now()}`,
  user: { id: AGENT_ID, team_id: 'T0001' },
  team: { id: 'T0001' },
  api_app_id: 'A0001',
  token: 'x',
  action_ts: '1',
});

/** The text of every section of the newest views.open/push, to read what a message modal says. */
const lastModalText = (h: Harness) => JSON.stringify(h.view(h.lastOpenedViewId()).blocks);

let h: Harness;

describeOnPostgres('the store goes away', () => {
  let schema: TestSchema;
  let relay: TcpRelay;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    schema = await freshSchema();
    relay = await startTcpRelay();
    h = await startHarness({
      start: T.toISOString(),
      // Notifications on, so the schedule and its timers run through the outage too.
      env: { STORE_URL: relay.urlThrough(schema.url), NOTIFY_CHANNEL: 'C0NOTIFY01' },
      config: TELEGRAM_CONFIG,
    });
    expect((await h.ingest([contact('c-1', 'Linh')])).json.accepted).toBe(1);
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await h?.stop();
    await relay?.close();
    await schema?.drop();
  });

  it('every request is answered clearly while it is cut, and the replica recovers by itself', async () => {
    // A search modal open before the cut, to click in and submit during it.
    const searchId = await h.opening(() => h.command('linh'));
    const search = await h.waitForView(searchId, (v) => v.callback_id === CALLBACK.search);
    expect((await healthz(h)).json).toMatchObject({ ok: true, store: 'ok' });

    await relay.cut();

    const down = await healthzUntil(h, 503, 5_000);
    expect(down).toMatchObject({ ok: false, slack: 'ok' });
    expect(down.store).toMatch(
      /^unreachable: Followup cannot reach its store \(postgres:\/\/.*\): connection refused$/,
    );

    const ingest = await h.ingest([contact('c-2', 'Minh')]);
    expect(ingest.status).toBe(503);
    expect(ingest.json).toEqual({ ok: false, error: expect.stringMatching(/cannot reach its store .*try again/i) });
    const raw = await fetch(`${h.base}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(contact('c-3', 'Lan')),
    });
    expect([raw.status, raw.headers.get('retry-after')]).toEqual([503, '60']);

    // A provider webhook: 503, so the provider delivers it again later.
    expect((await telegramUpdate(1)).status).toBe(503);

    // Slash command: an ephemeral answer, nothing opened.
    const opened = h.fake.callsTo('views.open').length;
    const command = await h.command('linh');
    expect(command.status).toBe(200);
    expect(JSON.parse(command.text)).toEqual({ response_type: 'ephemeral', text: STORE_DOWN });

    // Shortcut: a small modal says it.
    await h.opening(() => h.slack('interactive', shortcut()));
    expect(h.fake.callsTo('views.open')).toHaveLength(opened + 1);
    expect(lastModalText(h)).toContain(STORE_DOWN);

    // A click in the search modal: the message is pushed over it (Back returns to the search).
    await h.opening(() => h.click(searchId, findAction(search, ACTION.status)!));
    expect(h.fake.callsTo('views.push').at(-1)?.trigger_id).toBeTruthy();
    expect(lastModalText(h)).toContain(STORE_DOWN);

    // A click on a message (a notification's Follow up button): an ephemeral reply through its response_url.
    await h.slack(
      'interactive',
      blockAction({
        actions: [{ action_id: ACTION.notifyFollowUp, value: 'c-1' }],
        response_url: h.fake.responseUrl('notice'),
      }),
    );
    const reply = await h.fake.waitForResponse('notice');
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: STORE_DOWN });

    // A submission: the modal shows it on its input, the agent's text stays.
    const submitted = await h.submit(searchId, { [ACTION.searchText]: plainTextValue('linh') });
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ response_action: 'errors' });
    expect(Object.values(submitted.json.errors)).toEqual([STORE_DOWN]);

    // Still down a few seconds later (timers, the change feed, leadership retries): still serving answers.
    await sleep(1_500);
    expect((await healthz(h)).status).toBe(503);

    await relay.restore();

    const up = await healthzUntil(h, 200, 15_000);
    expect(up).toMatchObject({ ok: true, slack: 'ok', store: 'ok' });
    const again = await h.ingest([contact('c-2', 'Minh')]);
    expect(again.status).toBe(200);
    expect(again.json.accepted).toBe(1);
    expect((await telegramUpdate(1)).status).toBe(200);
    const resultsId = await h.opening(() => h.command('minh'));
    await h.waitForView(resultsId, (v) => v.callback_id === CALLBACK.search && JSON.stringify(v).includes('Minh'));
    expect(unhandled).toEqual([]);
  });
});
