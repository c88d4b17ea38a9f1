/**
 * `GET /api/search` on the real server (startFollowup on 127.0.0.1, a real SQLite file, demo contacts in every
 * window state): the bearer token of /api/events, a one-line 400 for a query it cannot search, and the page
 * its own index gives — what searchContacts answers at the same instant with the server's policy overrides.
 */
import { LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../src/contacts/query.js';
import { generateDemoEvents } from '../../src/demo/demo-events.js';
import { searchContacts } from '../../src/followup/index.js';
import { startFollowup } from '../../src/server.js';
import { type Harness, INGEST_TOKEN, startHarness } from '../e2e/harness.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { tempDir } from '../store/helpers.js';

const AGENT = 'UAGENT0001';
const START = '2026-11-21T12:00:00.000Z';

let h: Harness;
beforeAll(async () => {
  // A policy override the server must apply (the default WeChat cap is 20).
  h = await startHarness({ start: START, config: 'policy:\n  wechat: { maxOutbound: 5 }\n' });
  const seeded = await h.ingest(generateDemoEvents({ now: h.now(), count: 120, agents: [AGENT] }));
  expect(seeded.json).toMatchObject({ ok: true, rejected: 0 });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const ask = (params: Record<string, string> | string, token: string | null = INGEST_TOKEN) =>
  fetch(`${h.base}/api/search?${new URLSearchParams(params)}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });

/** What searchContacts gives on the server's own index and store at `at`, as the JSON the route sends. */
async function expected(query: SearchQuery, at: Date, rules = h.app.config.file.policy): Promise<unknown> {
  const page = await searchContacts(query, at, { index: h.app.index, store: h.app.store, rules });
  return JSON.parse(JSON.stringify(page));
}

describe('GET /api/search: the bearer token of /api/events', () => {
  it('answers 401 without the token or with a wrong one', async () => {
    for (const token of [null, 'wrong-token-0123456789', `${INGEST_TOKEN}x`]) {
      const res = await ask({ text: 'nguyen' }, token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await res.json()).toEqual({
        ok: false,
        error: 'Missing or wrong bearer token: send "Authorization: Bearer $INGEST_TOKEN".',
      });
    }
  });

  it('answers 503 when the server runs without INGEST_TOKEN', async () => {
    const fake = await startFakeSlack();
    const tmp = tempDir('followup-search-route-');
    const app = await startFollowup({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-search-route',
        SLACK_SIGNING_SECRET: 'search-route-secret',
        SLACK_API_URL: fake.url,
        STORE_URL: tmp.url,
        PORT: '0',
      },
      logLevel: LogLevel.ERROR,
    });
    try {
      const res = await fetch(`http://127.0.0.1:${app.port}/api/search?text=linh`, {
        headers: { authorization: `Bearer ${INGEST_TOKEN}` },
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        ok: false,
        error: 'Search is disabled: set INGEST_TOKEN to enable GET /api/search.',
      });
    } finally {
      await app.stop();
      await fake.close();
      tmp.cleanup();
    }
  }, 30_000);
});

describe('GET /api/search: a query it cannot search is a 400 with one line naming the parameter', () => {
  it.each([
    ['text=linh&colour=red', /^Unknown parameter "colour": use text, inbox, agent, status, channel, window, /],
    ['status=closed&status=open', /^Parameter "status" is given 2 times: give it once\.$/],
    ['window=soonish', /^window "soonish" is not one of: no_window, open, .*, closing_soon\.$/],
    ['channel=pigeon', /^channel "pigeon" is not one of: whatsapp, /],
    ['limit=ten', /^limit "ten" is not a whole number: give 1 to 100\.$/],
    ['limit=0', /^limit: Too small/],
    ['limit=101', /^limit: Too big/],
    ['inbox=mine', /^inbox=mine needs agent=USER_ID \(whose inbox\)\.$/],
    ['text=%F0%9F%A6%84', /^Nothing to search for in "🦄": /],
    ['text=%2B84', /^Too few digits in "\+84" to search phone numbers: /],
    ['at=yesterday', /^at "yesterday" is not an ISO 8601 instant: give e\.g\. 2026-11-20T12:00:00Z\.$/],
    [
      'cursor=bm90LWEtY3Vyc29y',
      /^Invalid search cursor "bm90LWEtY3Vyc29y": start the search again without a cursor\.$/,
    ],
  ])('%s', async (query, reason) => {
    const res = await ask(query);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ok: boolean; error: string };
    expect(body.ok).toBe(false);
    expect(body.error).toMatch(reason);
    expect(body.error).not.toContain('\n');
  });
});

describe('GET /api/search: the page the server’s own index gives', () => {
  const at = new Date('2026-11-22T09:30:00.000Z');
  const queries: Array<[params: Record<string, string>, query: SearchQuery]> = [
    [{}, {}],
    [
      { text: 'nguyen', status: 'any' },
      { text: 'nguyen', status: 'any' },
    ],
    [
      { status: 'any', window: 'open', limit: '5' },
      { status: 'any', windowState: 'open', limit: 5 },
    ],
    [
      { window: 'closing_soon', status: 'any' },
      { windowState: 'closing_soon', status: 'any' },
    ],
    [
      { channel: 'wechat', status: 'any' },
      { channel: 'wechat', status: 'any' },
    ],
    [
      { inbox: 'mine', agent: AGENT, window: 'template_only', status: 'any' },
      { inbox: 'mine', agentId: AGENT, windowState: 'template_only', status: 'any' },
    ],
  ];

  it.each(queries)('%j equals searchContacts at `at`', async (params, query) => {
    const res = await ask({ ...params, at: at.toISOString() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as { total: number; results: unknown[] };
    expect(body).toEqual(await expected(query, at));
  });

  it('finds something for each query (the comparisons above are not of empty pages)', async () => {
    for (const [params] of queries) {
      const body = (await (await ask({ ...params, at: at.toISOString() })).json()) as { total: number };
      expect(body.total, JSON.stringify(params)).toBeGreaterThan(0);
    }
  });

  it('evaluates windows at the server clock without `at`, and at `at` when given', async () => {
    const params = { status: 'any', window: 'open' };
    const query: SearchQuery = { status: 'any', windowState: 'open' };
    const atClock = await (await ask(params)).json();
    expect(atClock).toEqual(await expected(query, h.now()));
    const later = new Date(h.now().getTime() + 3 * 86_400_000);
    const atLater = await (await ask({ ...params, at: later.toISOString() })).json();
    expect(atLater).toEqual(await expected(query, later));
    expect(atLater).not.toEqual(atClock);
  });

  it('applies the server’s policy overrides (WeChat capped at 5)', async () => {
    const body = await (await ask({ channel: 'wechat', status: 'any', at: at.toISOString() })).json();
    expect(body).not.toEqual(await expected({ channel: 'wechat', status: 'any' }, at, {}));
    type Status = { channel: { type: string }; status: { messagesLeft: number | null } };
    const left = (body as { results: Array<{ statuses: Status[] }> }).results
      .flatMap((r) => r.statuses.filter((s) => s.channel.type === 'wechat').map((s) => s.status.messagesLeft))
      .filter((n): n is number => n !== null);
    expect(left.length).toBeGreaterThan(0);
    expect(Math.max(...left)).toBeLessThanOrEqual(5);
  });

  it('pages with nextCursor like the index does, to the last page', async () => {
    let cursor: string | null = null;
    const seen: string[] = [];
    let total = 0;
    do {
      const params: Record<string, string> = { status: 'any', limit: '7', at: at.toISOString() };
      if (cursor) params.cursor = cursor;
      const body = (await (await ask(params)).json()) as {
        total: number;
        nextCursor: string | null;
        results: Array<{ contact: { id: string } }>;
      };
      expect(body).toEqual(await expected({ status: 'any', limit: 7, ...(cursor ? { cursor } : {}) }, at));
      total = body.total;
      seen.push(...body.results.map((r) => r.contact.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(total);
    expect(total).toBe(h.app.index.size);
  });
});
