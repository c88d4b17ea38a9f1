/**
 * Slack ingress end to end (issue 8): what reaches `POST /slack/events` with a correct signature never ends the
 * process and never gets a 5xx; Slack's 5-minute timestamp window holds both ways; Bolt's behaviours stay
 * (url_verification, ssl_check, acks, the unacknowledged-request timeout, custom routes). Ends with a fuzz of
 * 2,000 correctly signed random requests from a seeded PRNG.
 */
import { createHmac } from 'node:crypto';
import { LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../../src/demo/demo-events.js';
import { ACTION, BLOCK, SHORTCUT_CALLBACK } from '../../src/slack/shared/ids.js';
import {
  AGENT_ID,
  type Json,
  type SlackRequestKind,
  appHomeOpened,
  blockAction,
  encodeSlackBody,
  plainTextValue,
  slashCommand,
  triggerId,
  viewSubmission,
} from '../support/signed-request.js';
import { type Harness, SECRET, findAction, startHarness } from './harness.js';

const T = new Date('2026-11-21T12:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(T.getTime() + ms).toISOString();
const nowSeconds = () => Math.floor(Date.now() / 1000);

let h: Harness;

beforeAll(async () => {
  // WARN so the receiver's refusal lines reach console.warn, where the tests count them.
  h = await startHarness({
    start: T.toISOString(),
    logLevel: LogLevel.WARN,
    slackReceiver: { unhandledRequestTimeoutMillis: 300 },
  });
  const channels = [{ type: 'whatsapp', address: '+84912345678' }];
  const linh = { id: 'c-1', firstName: 'Linh', lastName: 'Nguyễn', channels };
  const r = await h.ingest([
    { id: 'up-1', type: 'contact.upserted', at: iso(-48 * HOUR), contact: linh },
    { id: 'in-1', type: 'message.received', at: iso(-2 * HOUR), contactId: 'c-1', channel: 'whatsapp', text: 'hi' },
    { id: 'cl-1', type: 'conversation.closed', at: iso(-HOUR), contactId: 'c-1', by: 'UOTHER01' },
  ]);
  expect(r.status).toBe(200);
});

afterAll(async () => {
  await h?.stop();
});

/** POST a raw body to /slack/events, correctly signed for it. */
async function signedRaw(body: string | Buffer, contentType: string | null, timestamp = nowSeconds()): Promise<number> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:`).update(bytes).digest('hex')}`;
  const headers: Record<string, string> = {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature,
  };
  if (contentType !== null) headers['content-type'] = contentType;
  const res = await fetch(`${h.base}/slack/events`, { method: 'POST', headers, body: new Uint8Array(bytes) });
  await res.arrayBuffer();
  return res.status;
}

/** Slack's encoding for the kind; a command field that is not a string is sent as its JSON text. */
function signedKind(kind: SlackRequestKind, payload: Json, timestamp?: number): Promise<number> {
  const fields = kind === 'command' ? stringFields(payload) : payload;
  const { rawBody, contentType } = encodeSlackBody(kind, fields);
  return signedRaw(rawBody, contentType, timestamp);
}

function stringFields(payload: Json): Json {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, typeof v === 'string' || v == null ? v : JSON.stringify(v)]),
  );
}

/** The console.warn/error lines the app writes while `run` runs (Bolt's ConsoleLogger writes there). */
async function logLines(run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const record = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  const warn = vi.spyOn(console, 'warn').mockImplementation(record);
  const error = vi.spyOn(console, 'error').mockImplementation(record);
  try {
    await run();
    return lines;
  } finally {
    warn.mockRestore();
    error.mockRestore();
  }
}

async function healthz(): Promise<number> {
  const res = await fetch(`${h.base}/healthz`);
  await res.arrayBuffer();
  return res.status;
}

const viewClosed = (team: unknown, user: Json = { id: AGENT_ID, team_id: 'T0001' }): Json => ({
  type: 'view_closed',
  team,
  user,
  api_app_id: 'A0001',
  token: 'x',
  view: { id: 'V0000TEST', callback_id: 'followup_search', private_metadata: '', hash: 'h1', state: { values: {} } },
  is_cleared: false,
});

function eventWithTeam(team: unknown): Json {
  const event = appHomeOpened();
  event.team_id = team;
  (event.authorizations as Json[])[0]!.team_id = team;
  return event;
}

describe('bodies that are not Slack payloads', () => {
  it.each([
    ['JSON null', 'null', 'application/json'],
    ['form payload=null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['JSON array', '[]', 'application/json'],
    ['JSON number', '42', 'application/json'],
    ['JSON string', '"hello"', 'application/json'],
    ['form payload=[1]', 'payload=%5B1%5D', 'application/x-www-form-urlencoded'],
    ['form payload that is not JSON', 'payload=%7Bnope', 'application/x-www-form-urlencoded'],
    ['not JSON at all', '{"type":', 'application/json'],
    ['an empty body', '', 'application/json'],
    ['a form field given twice', 'command=%2Ffollowup&command=%2Fother', 'application/x-www-form-urlencoded'],
  ])('%s: 400, one log line, and the server keeps serving', async (_name, body, contentType) => {
    let status = 0;
    const lines = await logLines(async () => {
      status = await signedRaw(body, contentType);
    });
    expect(status).toBe(400);
    expect(lines.filter((l) => l.includes('Refused a Slack request (400)'))).toHaveLength(1);
    expect(await healthz()).toBe(200);
  });
});

describe('team ids that name no workspace', () => {
  const BAD_TEAMS: Array<[string, unknown]> = [
    ['null', null],
    ['an object', { id: 'T0001' }],
    ['constructor', 'constructor'],
    ['__proto__', '__proto__'],
  ];
  const cases = BAD_TEAMS.flatMap(([name, team]) => [
    // A slash command is a form: null is a missing field, an object arrives as its JSON text.
    { what: `command, team_id ${name}`, send: () => signedKind('command', slashCommand({ team_id: team as string })) },
    {
      what: `command as JSON, team_id ${name}`,
      send: () => signedRaw(JSON.stringify(slashCommand({ team_id: team as string })), 'application/json'),
    },
    { what: `event, team_id ${name}`, send: () => signedKind('event', eventWithTeam(team)) },
    {
      what: `view_closed, team ${name}`,
      send: () =>
        signedKind('interactive', team === null ? viewClosed(null, { id: AGENT_ID }) : viewClosed({ id: team })),
    },
  ]);

  it.each(cases)('$what: 4xx, one log line, nothing sent to Slack', async ({ send }) => {
    const calls = h.fake.calls.length;
    let status = 0;
    const lines = await logLines(async () => {
      status = await send();
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(lines.filter((l) => /Refused a Slack/.test(l))).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/workspace|team/);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.fake.calls.length).toBe(calls);
  });

  it('a well-formed workspace id still passes (the guard is not what refuses)', async () => {
    const id = await h.opening(async () => {
      expect(await signedKind('command', slashCommand({ text: 'linh' }))).toBe(200);
    });
    await h.waitForView(id, (v) => v.callback_id === 'followup_search');
  });
});

describe("Slack's timestamp window (5 minutes either way)", () => {
  it.each([
    ['10 minutes in the future', +10 * 60],
    ['10 minutes old', -10 * 60],
    ['6 minutes in the future', +6 * 60],
  ])('%s: 401, logged, nothing handled', async (_name, offset) => {
    const opened = h.fake.callsTo('views.open').length;
    let status = 0;
    const lines = await logLines(async () => {
      status = await signedKind('command', slashCommand({ text: 'linh' }), nowSeconds() + offset);
    });
    expect(status).toBe(401);
    expect(lines.filter((l) => l.includes('x-slack-request-timestamp'))).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.callsTo('views.open').length).toBe(opened);
  });

  it.each([
    ['4 minutes in the future', +4 * 60],
    ['4 minutes old', -4 * 60],
  ])('%s: accepted and handled', async (_name, offset) => {
    const id = await h.opening(async () => {
      expect(await signedKind('command', slashCommand({ text: 'linh' }), nowSeconds() + offset)).toBe(200);
    });
    await h.waitForView(id, (v) => v.callback_id === 'followup_search');
  });

  it('a timestamp that is not a number, a wrong signature, no headers: 401 each, one line each', async () => {
    const { rawBody, contentType } = encodeSlackBody('command', slashCommand());
    const zeros = `v0=${'0'.repeat(64)}`;
    const statuses: number[] = [];
    const attempts: Array<Record<string, string>> = [
      { 'x-slack-request-timestamp': 'soon', 'x-slack-signature': zeros },
      { 'x-slack-request-timestamp': String(nowSeconds()), 'x-slack-signature': zeros },
      {},
    ];
    const lines = await logLines(async () => {
      for (const headers of attempts) {
        const init = { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: rawBody };
        statuses.push((await fetch(`${h.base}/slack/events`, init)).status);
      }
    });
    expect(statuses).toEqual([401, 401, 401]);
    expect(lines.filter((l) => l.includes('Refused a Slack request (401)'))).toHaveLength(3);
    expect(lines.join('\n')).toMatch(/SLACK_SIGNING_SECRET/);
  });
});

describe("Bolt's behaviours are kept", () => {
  it('url_verification answers the challenge; ssl_check answers 200 and handles nothing', async () => {
    const res = await fetch(`${h.base}/slack/events`, {
      method: 'POST',
      headers: (() => {
        const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-123' });
        const ts = nowSeconds();
        return {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
        };
      })(),
      body: JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-123' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });

    const calls = h.fake.calls.length;
    const ssl = await fetch(`${h.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=x&command=%2Ffollowup',
    });
    expect(ssl.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.fake.calls.length).toBe(calls);
  });

  it('a payload no listener acknowledges gets the 404 of the unacknowledged-request timeout', async () => {
    const t0 = performance.now();
    let status = 0;
    const lines = await logLines(async () => {
      status = await signedKind('interactive', viewClosed({ id: 'T0001' }));
    });
    expect(status).toBe(404);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(250);
    expect(lines.join('\n')).toMatch(/not acknowledged/);
  });

  it('a key of 250,000 characters: 400 at once (the Web API client matches keys with a quadratic regex)', async () => {
    const payload = blockAction({ actions: [{ action_id: ACTION.inbox, value: 'all' }] });
    payload.view = { id: [{ ['x'.repeat(250_000)]: [] }], type: 'modal', callback_id: 'followup_search' };
    const t0 = performance.now();
    let status = 0;
    const lines = await logLines(async () => {
      status = await signedKind('interactive', payload);
    });
    expect(status).toBe(400);
    expect(lines.join('\n')).toMatch(/key of 250000 characters/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a body over 4 MB: 413', async () => {
    const huge = `{"type":"event_callback","x":"${'a'.repeat(4 * 1024 * 1024)}"}`;
    let status = 0;
    const lines = await logLines(async () => {
      status = await signedRaw(huge, 'application/json');
    });
    expect(status).toBe(413);
    expect(lines.filter((l) => l.includes('Refused a Slack request (413)'))).toHaveLength(1);
    expect(await healthz()).toBe(200);
  });

  it('custom routes: /healthz and /api/events answer; other paths and methods 404', async () => {
    expect(await healthz()).toBe(200);
    expect((await h.ingest([])).status).toBe(200);
    expect((await fetch(`${h.base}/nope`)).status).toBe(404);
    expect((await fetch(`${h.base}/slack/events`)).status).toBe(404);
    expect((await fetch(`${h.base}/healthz`, { method: 'DELETE' })).status).toBe(404);
  });
});

// -------------------------------------------------------------------------------------------------------------
// Fuzz: 2,000 correctly signed requests. Half are real payloads (captured from the app's own views) with a few
// fields replaced by hostile values or removed; half are random bodies under random content types.

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

const HOSTILE_STRINGS = [
  ...['', 'constructor', '__proto__', 'toString', 'hasOwnProperty'],
  ...['T0001', 'U0001', 'null', '<!channel>', '\u0000', '\ud800', 'ok|x'],
];
const KEYS = ['id', 'type', 'team_id', 'value', 'user', 'view'];
const FORM_FIELDS = ['command', 'team_id', 'user_id', 'payload', 'ssl_check', 'text', 'trigger_id'];
const PAYLOAD_TYPES = [
  ...['event', 'command', 'block_actions', 'view_submission', 'view_closed'],
  ...['shortcut', 'message_action', 'block_suggestion'],
];

function randomString(rng: Rng): string {
  if (rng() < 0.03) return 'x'.repeat(50_000 + Math.floor(rng() * 200_000));
  if (rng() < 0.5) return pick(rng, HOSTILE_STRINGS);
  const length = Math.floor(rng() * 40);
  let s = '';
  for (let i = 0; i < length; i++) {
    s += String.fromCharCode(rng() < 0.8 ? 32 + Math.floor(rng() * 95) : Math.floor(rng() * 0xffff));
  }
  return s;
}

function randomValue(rng: Rng, depth = 0): unknown {
  const roll = rng();
  if (roll < 0.18) return null;
  if (roll < 0.26) return rng() < 0.5;
  if (roll < 0.36) return pick(rng, [0, -1, 1.5, 1e308, 2 ** 53 + 1]);
  if (roll < 0.66 || depth > 2) return randomString(rng);
  if (roll < 0.8) return Array.from({ length: Math.floor(rng() * 4) }, () => randomValue(rng, depth + 1));
  const object: Json = {};
  for (let i = Math.floor(rng() * 4); i > 0; i--) {
    object[rng() < 0.7 ? pick(rng, KEYS) : randomString(rng)] = randomValue(rng, depth + 1);
  }
  return object;
}

/** Every path to a value inside `value` (objects and arrays), up to a depth. */
function paths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (prefix.length > 6 || value === null || typeof value !== 'object') return out;
  for (const [key, child] of Object.entries(value)) {
    out.push([...prefix, key]);
    paths(child, [...prefix, key], out);
  }
  return out;
}

function mutate(rng: Rng, payload: Json): Json {
  const copy = structuredClone(payload);
  for (let n = 1 + Math.floor(rng() * 3); n > 0; n--) {
    const all = paths(copy);
    if (all.length === 0) break;
    const path = pick(rng, all);
    let parent: any = copy;
    for (const key of path.slice(0, -1)) parent = parent[key];
    const last = path[path.length - 1]!;
    if (rng() < 0.2) delete parent[last];
    else parent[last] = randomValue(rng);
  }
  return copy;
}

const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'text/plain',
  'multipart/form-data; boundary=x',
  'APPLICATION/JSON',
  '',
  null,
] as const;

function randomRawBody(rng: Rng): { body: string | Buffer; contentType: string | null } {
  const contentType = pick(rng, CONTENT_TYPES);
  const roll = rng();
  if (roll < 0.3) return { body: JSON.stringify(randomValue(rng)) ?? 'null', contentType };
  if (roll < 0.5) return { body: `payload=${encodeURIComponent(JSON.stringify(randomValue(rng)) ?? '')}`, contentType };
  if (roll < 0.65) {
    const form = new URLSearchParams();
    for (let i = Math.floor(rng() * 6); i > 0; i--) {
      form.append(rng() < 0.8 ? pick(rng, FORM_FIELDS) : randomString(rng), randomString(rng));
    }
    return { body: form.toString(), contentType };
  }
  if (roll < 0.75) {
    const bytes = Array.from({ length: Math.floor(rng() * 300) }, () => Math.floor(rng() * 256));
    return { body: Buffer.from(bytes), contentType };
  }
  if (roll < 0.85) {
    const depth = 1 + Math.floor(rng() * 50_000);
    return { body: `{"event":${'['.repeat(depth)}${']'.repeat(depth)}}`, contentType };
  }
  const field = pick(rng, ['event', 'actions', 'view', 'command', 'name']);
  return { body: JSON.stringify({ type: pick(rng, PAYLOAD_TYPES), [field]: randomValue(rng) }), contentType };
}

const FUZZ = { timeout: 120_000 };

describe('fuzz', () => {
  it('2,000 correctly signed random requests: no 5xx, the process stays up, /healthz answers', FUZZ, async () => {
    // Real payloads to start from: a command, and actions and submissions on the views the app itself built.
    const searchId = await h.opening(() => h.command('linh'));
    const search = await h.waitForView(searchId, (v) => JSON.stringify(v).includes('Nguy'));
    const open = { action_id: `${ACTION.openContact}:0`, value: 'c-1', type: 'button' };
    const contactId = await h.opening(() => h.click(searchId, open));
    const contact = await h.waitForView(contactId, (v) => v.callback_id === 'followup_contact');
    const composeButton = findAction(contact, ACTION.composeOpen);
    expect(composeButton).toBeDefined();
    const composeId = await h.opening(() => h.click(contactId, composeButton!));
    const compose = await h.waitForView(composeId, (v) => v.callback_id === 'followup_compose');

    // respond() goes to the fake, never to a real host.
    const response_url = h.fake.responseUrl('fuzz');
    const button = (action_id: string, value: string) => ({ action_id, value, type: 'button' });
    const team = { id: 'T0001' };
    const bases: Array<{ kind: SlackRequestKind; payload: () => Json }> = [
      { kind: 'command', payload: () => slashCommand({ text: 'linh', response_url }) },
      { kind: 'command', payload: () => slashCommand({ text: 'help', response_url }) },
      { kind: 'event', payload: () => appHomeOpened() },
      {
        kind: 'interactive',
        payload: () => {
          const inbox = { action_id: ACTION.inbox, type: 'static_select', selected_option: { value: 'all' } };
          return blockAction({ view: search, actions: [inbox] });
        },
      },
      { kind: 'interactive', payload: () => blockAction({ view: search, actions: [open] }) },
      { kind: 'interactive', payload: () => blockAction({ view: search, actions: [button(ACTION.pageNext, '1')] }) },
      { kind: 'interactive', payload: () => blockAction({ view: contact, actions: [composeButton as never] }) },
      { kind: 'interactive', payload: () => blockAction({ view: contact, actions: [button(ACTION.assignMe, 'c-1')] }) },
      {
        kind: 'interactive',
        payload: () => blockAction({ actions: [button(`${ACTION.notifyFollowUp}:0`, 'c-1|whatsapp')], response_url }),
      },
      {
        kind: 'interactive',
        payload: () => {
          const values = { [BLOCK.text]: { [ACTION.text]: plainTextValue('Hi') } };
          return viewSubmission({ view: compose, values });
        },
      },
      { kind: 'interactive', payload: () => viewClosed(team) },
      {
        kind: 'interactive',
        payload: () => ({
          type: 'shortcut',
          callback_id: SHORTCUT_CALLBACK,
          trigger_id: triggerId(),
          user: { id: AGENT_ID, team_id: 'T0001' },
          team,
          api_app_id: 'A0001',
          token: 'x',
          action_ts: '1',
        }),
      },
      {
        kind: 'interactive',
        payload: () => {
          const user = { id: AGENT_ID };
          return { type: 'block_suggestion', action_id: ACTION.template, value: 'x', user, team, view: compose };
        },
      },
    ];

    const rng = mulberry32(20261121);
    const requests = Array.from({ length: 2000 }, (): (() => Promise<number>) => {
      if (rng() < 0.5) {
        const base = pick(rng, bases);
        const payload = mutate(rng, base.payload());
        const skew = Math.floor((rng() - 0.5) * 480); // within Slack's window: every request is correctly signed
        // Commands sometimes arrive as JSON (Bolt parses anything that is not a form as JSON).
        if (base.kind === 'command' && rng() < 0.3) {
          return () => signedRaw(JSON.stringify(payload), 'application/json', nowSeconds() + skew);
        }
        return () => signedKind(base.kind, payload, nowSeconds() + skew);
      }
      const { body, contentType } = randomRawBody(rng);
      return () => signedRaw(body, contentType);
    });

    const failures: unknown[] = [];
    const onFailure = (err: unknown) => void failures.push(err);
    process.on('uncaughtException', onFailure);
    process.on('unhandledRejection', onFailure);
    const statuses = new Map<number, number>();
    let slowestMs = 0;
    const t0 = performance.now();
    try {
      await logLines(async () => {
        let next = 0;
        const worker = async () => {
          while (next < requests.length) {
            const request = requests[next++]!;
            const started = performance.now();
            // A request that gets no answer at all (a reset connection) counts as a failure, not as a 5xx.
            const status = await request().catch((err: unknown) => {
              failures.push(err);
              return -1;
            });
            slowestMs = Math.max(slowestMs, performance.now() - started);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          }
        };
        await Promise.all(Array.from({ length: 16 }, worker));
        // Listeners that were still working when their request was answered finish before we look.
        await new Promise((r) => setTimeout(r, 500));
      });
    } finally {
      process.off('uncaughtException', onFailure);
      process.off('unhandledRejection', onFailure);
    }
    const seconds = (performance.now() - t0) / 1000;

    const summary = JSON.stringify(Object.fromEntries(statuses));
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(2000);
    expect(
      [...statuses.keys()].filter((s) => s >= 500),
      summary,
    ).toEqual([]);
    expect(failures.map(String)).toEqual([]);
    // The fuzz reached the listeners (200s) and was refused at the door (400s): it tested both sides.
    expect(statuses.get(200) ?? 0, summary).toBeGreaterThan(100);
    expect(statuses.get(400) ?? 0, summary).toBeGreaterThan(100);
    expect(seconds).toBeLessThan(100);
    // No request may stall the event loop (answers take milliseconds; the unacknowledged timeout is 300 ms).
    expect(slowestMs).toBeLessThan(10_000);

    expect(await healthz()).toBe(200);
    const id = await h.opening(() => h.command('linh'));
    await h.waitForView(id, (v) => v.callback_id === 'followup_search');
  });
});
