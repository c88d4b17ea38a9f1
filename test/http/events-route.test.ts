/**
 * `POST /api/events` on the real server (startFollowup on 127.0.0.1, a real SQLite file): status codes for
 * bodies that are not JSON and for other methods, event times judged by the server's clock, a BOM-led body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_NDJSON } from '../ingest/fixtures.js';
import { type Harness, INGEST_TOKEN, startHarness } from '../e2e/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: '2026-11-21T12:00:00.000Z' });
});
afterAll(async () => {
  await h?.stop();
});

interface Reply {
  ok: boolean;
  error?: string;
  accepted: number;
  rejected: number;
  results: Array<{ line?: number; status: string; reason?: string }>;
}
const reply = async (res: Response) => (await res.json()) as Reply;

const post = (body: string, contentType = 'application/json') =>
  fetch(`${h.base}/api/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': contentType },
    body,
  });

describe('POST /api/events', () => {
  it('answers 400 with the per-line results when nothing in the body is JSON', async () => {
    for (const [body, type] of [
      ['this is not json', 'application/json'],
      ['{oops\nnope', 'application/x-ndjson'],
    ] as const) {
      const res = await post(body, type);
      expect(res.status).toBe(400);
      const json = await reply(res);
      expect(json.results.length).toBeGreaterThan(0);
      expect(json).toMatchObject({ ok: false, accepted: 0, rejected: json.results.length });
      expect(json.error).toBe(
        'The body is not JSON: send a JSON event, a JSON array of events, or NDJSON (one event per line).',
      );
      for (const r of json.results) expect(r.reason).toMatch(/not valid JSON/);
    }
  });

  it('answers 200 with per-event results when some lines are JSON, and for an empty array', async () => {
    const res = await post(`not json\n${EXAMPLE_NDJSON.split('\n')[0]}`, 'application/x-ndjson');
    expect(res.status).toBe(200);
    const json = await reply(res);
    expect(json).toMatchObject({ ok: false, accepted: 1, rejected: 1 });
    expect(json.results.map((r) => [r.line, r.status])).toEqual([
      [1, 'rejected'],
      [2, 'accepted'],
    ]);
    const empty = await post('[]');
    const nothing = { ok: true, accepted: 0, duplicate: 0, rejected: 0, results: [] };
    expect([empty.status, await reply(empty)]).toEqual([200, nothing]);
  });

  it('answers 405 with Allow: POST to other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${h.base}/api/events`, { method, headers: { authorization: `Bearer ${INGEST_TOKEN}` } });
      expect([method, res.status, res.headers.get('allow')]).toEqual([method, 405, 'POST']);
      expect((await reply(res)).error).toBe(`${method} is not supported here: send events with POST /api/events.`);
    }
  });

  it("judges event times by the server's clock, not the machine's", async () => {
    const event = (id: string, at: string) => ({
      id,
      type: 'message.received',
      at,
      contactId: 'c-clock',
      channel: 'telegram',
    });
    // Two minutes ahead of the server's clock is within the tolerance; an hour ahead is not.
    const first = await h.ingest([event('ok', '2026-11-21T12:02:00Z'), event('ahead', '2026-11-21T13:00:00Z')]);
    expect(first.json.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected']);
    expect(first.json.results[1].reason).toBe(
      'events[1].at: 2026-11-21T13:00:00Z is more than 5 minutes ahead of ' +
        "this server's clock (2026-11-21T12:00:00.000Z); send the provider's timestamp",
    );
    h.setNow('2026-11-21T13:00:00Z');
    const again = await h.ingest([event('ahead', '2026-11-21T13:00:00Z')]);
    expect(again.json.results[0].status).toBe('accepted'); // the rejected id was not recorded
  });

  it('takes a body that starts with a UTF-8 byte-order mark', async () => {
    const fresh = EXAMPLE_NDJSON.replace(/"id":"e(\d)"/g, '"id":"bom-e$1"');
    const res = await post(`\uFEFF${fresh}`, 'application/x-ndjson');
    expect(res.status).toBe(200);
    expect((await reply(res)).accepted).toBe(5);
  });
});
