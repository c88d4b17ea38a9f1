/**
 * Socket Mode end to end: SLACK_APP_TOKEN set, the app asks the fake Web API for a socket URL
 * (`apps.connections.open`, with the app-level token), connects to the fake Socket Mode endpoint, gets `hello`,
 * and then serves the same flows as over HTTP: a slash command, interactions (a block action, a view submission
 * whose `response_action` rides on the ack), an event. Every envelope is acknowledged by its `envelope_id`.
 * Slack's `disconnect` makes the app reconnect through a fresh `apps.connections.open`. /api/events and
 * /healthz are still served over HTTP on PORT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, BLOCK } from '../../src/slack/shared/ids.js';
import { AGENT_ID, appHomeOpened, plainTextValue, slashCommand } from '../support/signed-request.js';
import { type Harness, findAction, startHarness } from './harness.js';

const HOUR = 3_600_000;
const T = new Date('2026-11-21T12:00:00.000Z');
const iso = (ms: number) => new Date(T.getTime() + ms).toISOString();
const APP_TOKEN = 'xapp-1-e2e-test';

let h: Harness;

beforeAll(async () => {
  // A short pong timeout keeps the reconnect pause (the same setting) under two seconds.
  const slackReceiver = { socketModePingTimeoutMillis: 1500 };
  h = await startHarness({ socketMode: true, start: T.toISOString(), slackReceiver });
  const channels = [{ type: 'whatsapp', address: '+84912345678' }];
  const linh = { id: 'c-1', firstName: 'Linh', lastName: 'Nguyễn', channels };
  const mai = { id: 'c-2', firstName: 'Mai', lastName: 'Trần', channels: [{ type: 'sms', address: '+84900000002' }] };
  const r = await h.ingest([
    { id: 'up-1', type: 'contact.upserted', at: iso(-48 * HOUR), contact: linh },
    { id: 'in-1', type: 'message.received', at: iso(-2 * HOUR), contactId: 'c-1', channel: 'whatsapp', text: 'hi' },
    { id: 'cl-1', type: 'conversation.closed', at: iso(-HOUR), contactId: 'c-1', by: 'UOTHER01' },
    // Stays closed (nothing is sent to her), so a search finds her after every reconnect.
    { id: 'up-2', type: 'contact.upserted', at: iso(-48 * HOUR), contact: mai },
    { id: 'cl-2', type: 'conversation.closed', at: iso(-HOUR), contactId: 'c-2', by: 'UOTHER01' },
  ]);
  expect(r.status).toBe(200);
  expect(r.json.accepted).toBe(5);
});

afterAll(async () => {
  await h?.stop();
});

const socket = () => h.socket!;

/** Runs /followup <text> and waits until the modal lists `expected`. */
async function openSearch(text: string, expected: string) {
  const id = await h.opening(async () => expect((await h.command(text)).status).toBe(200));
  const view = await h.waitForView(id, (v) => JSON.stringify(v).includes(expected));
  return { id, view };
}

describe('connecting', () => {
  it('asks apps.connections.open with the app-level token and connects to the URL it got', async () => {
    const opens = h.fake.calls.filter((c) => c.method === 'apps.connections.open');
    expect(opens.length).toBeGreaterThanOrEqual(1);
    expect(opens.every((c) => c.token === APP_TOKEN)).toBe(true);
    expect(socket().connections).toBeGreaterThanOrEqual(1);
    // The bot token still does the Web API work.
    expect(h.fake.calls.find((c) => c.method === 'auth.test')?.token).toBe('xoxb-e2e-test');
  });

  it('serves /healthz and /api/events over HTTP on PORT; /slack/events is not served', async () => {
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
    expect((await h.ingest([])).status).toBe(200);
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
    const slackEvents = await fetch(`${h.base}/slack/events`, init);
    expect(slackEvents.status).toBe(404);
  });
});

describe('the same flows as over HTTP', () => {
  it('a slash command: acknowledged by envelope id, the search modal opens and fills', async () => {
    const acks = socket().acks.length;
    await openSearch('linh', 'Nguyễn');
    const ack = socket().acks[acks];
    expect(ack?.envelope_id).toMatch(/slash_commands$/);
  });

  it('/followup help: the answer rides on the ack', async () => {
    const r = await h.command('help');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toMatchObject({ response_type: 'ephemeral' });
  });

  it('interactions: a block action pushes the contact, a submission gets response_action on the ack', async () => {
    const search = await openSearch('linh', 'Nguyễn');
    const open = { action_id: `${ACTION.openContact}:0`, value: 'c-1', type: 'button' };
    const contactId = await h.opening(() => h.click(search.id, open));
    const contact = await h.waitForView(contactId, (v) => v.callback_id === 'followup_contact');
    const button = findAction(contact, ACTION.composeOpen);
    expect(button).toBeDefined();
    const composeId = await h.opening(() => h.click(contactId, button!));
    await h.waitForView(composeId, (v) => v.callback_id === 'followup_compose');

    const text = plainTextValue('Chào Linh, đơn hàng đã được giao chưa?');
    const r = await h.submit(composeId, { [BLOCK.text]: { [ACTION.text]: text } });
    expect(r.json.response_action).toBe('update');
    await h.waitForView(composeId, (v) => JSON.stringify(v).includes('Sent'));
    expect(await h.app.store.contacts.get('c-1')).toMatchObject({ status: 'open', assignee: AGENT_ID });
  });

  it('an event: app_home_opened is acknowledged and publishes the Home tab', async () => {
    const before = h.fake.callsTo('views.publish').length;
    const r = await h.slack('event', appHomeOpened());
    expect(r.status).toBe(200);
    const calls = await h.fake.waitForCalls('views.publish', before + 1);
    expect(calls[before]!.user_id).toBe(AGENT_ID);
  });

  it('the team guard holds: another workspace is acknowledged and handled no further', async () => {
    const opened = h.fake.callsTo('views.open').length;
    expect((await h.slack('command', slashCommand({ team_id: 'T9999', text: 'linh' }))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.fake.callsTo('views.open').length).toBe(opened);
  });
});

describe('reconnecting', () => {
  it('a disconnect message: the app reconnects with a fresh URL and keeps serving', async () => {
    const opens = h.fake.callsTo('apps.connections.open').length;
    const connections = socket().connections;
    await socket().requestReconnect();
    await socket().waitForConnections(connections + 1, 10_000);
    expect(h.fake.callsTo('apps.connections.open').length).toBeGreaterThan(opens);
    await openSearch('tran', 'Trần');
  });

  it('a restart closes the socket and connects again', async () => {
    const connections = socket().connections;
    await h.restart();
    await socket().waitForConnections(connections + 1);
    await openSearch('mai', 'Trần');
  });
});
