/**
 * Two (or three) in-process servers on one PostgreSQL schema: replicas of one fleet behind a load balancer.
 * Each has its own port; they share the fake Slack API and the clock. What the fleet promises: every replica
 * sees every write (visibility measured), a compose view sends at most once whichever replicas its submits
 * reach, the Viber quota and the WeChat cap hold across replicas, an outbox retry is taken once, notices
 * are posted once, and when the leader stops another takes over without losing or repeating a notice.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { ACTION, BLOCK } from '../../src/slack/shared/ids.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { type TestSchema, describeOnPostgres, freshSchema } from '../support/postgres.js';
import { plainTextValue } from '../support/signed-request.js';
import { type Harness, type HarnessOptions, type TestClock, findAction, startHarness, untilLeader } from './harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T = new Date('2026-11-21T12:00:00.000Z');
const iso = (ms: number) => new Date(T.getTime() + ms).toISOString();
const NOTIFY = 'C0NOTIFY01';

interface Fleet {
  replicas: Harness[];
  fake: FakeSlack;
  clock: TestClock;
  schema: TestSchema;
  leader(): Harness;
  followers(): Harness[];
  /** Starts one more replica on the same store (e.g. after one stopped). */
  add(opts?: Partial<HarnessOptions>): Promise<Harness>;
  stop(): Promise<void>;
}

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

async function startFleet(n: number, opts: Partial<HarnessOptions> = {}): Promise<Fleet> {
  const schema = await freshSchema('followup_fleet');
  const fake = await startFakeSlack();
  const clock: TestClock = { now: T };
  const replicas: Harness[] = [];
  const add = async (more: Partial<HarnessOptions> = {}) => {
    const h = await startHarness({
      storeUrl: schema.url,
      fake,
      clock,
      waitForLeader: false,
      leaderRetryMs: 200,
      notifyInDoubtMs: 0,
      ...opts,
      ...more,
      env: { ...opts.env, ...more.env },
    });
    replicas.push(h);
    return h;
  };
  for (let i = 0; i < n; i++) await add();
  const f: Fleet = {
    replicas,
    fake,
    clock,
    schema,
    leader: () => {
      const leaders = replicas.filter((r) => r.app.isLeader());
      expect(leaders).toHaveLength(1);
      return leaders[0]!;
    },
    followers: () => replicas.filter((r) => !r.app.isLeader()),
    add,
    async stop() {
      for (const r of replicas) await r.stop().catch(() => undefined);
      await fake.close();
      await schema.drop();
    },
  };
  await untilOneLeader(f);
  return f;
}

/** Waits until exactly one running replica leads (and its workers run). */
async function untilOneLeader(f: Fleet, among = f.replicas, timeoutMs = 10_000): Promise<Harness> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const leaders = among.filter((r) => r.app.isLeader());
    if (leaders.length === 1) {
      await untilLeader(leaders[0]!.app);
      return leaders[0]!;
    }
    if (Date.now() > deadline) throw new Error(`${leaders.length} leaders after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const contactEvent = (id: string, channels: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) => ({
  id: `up-${id}`,
  type: 'contact.upserted',
  at: iso(-30 * DAY),
  contact: { id, firstName: `First ${id}`, lastName: 'Replica', channels, ...extra },
});
const inbound = (contactId: string, channel: string, atMs: number, n = 0) => ({
  id: `in-${contactId}-${n}`,
  type: 'message.received',
  at: iso(atMs),
  contactId,
  channel,
});

/** The compose view for a contact's first channel, opened through replica `h` (views are Slack's: any replica). */
async function composeOn(h: Harness, contactId: string): Promise<string> {
  const searchId = await h.opening(() => h.command(''));
  await h.waitForView(searchId, (v) => v.callback_id === 'followup_search');
  const contactViewId = await h.opening(() =>
    h.click(searchId, { action_id: `${ACTION.openContact}:0`, value: contactId, type: 'button' }),
  );
  const contactView = await h.waitForView(contactViewId, (v) => v.callback_id === 'followup_contact');
  const button = findAction(contactView, ACTION.composeOpen);
  if (!button) throw new Error(`no Follow up button for ${contactId}: ${JSON.stringify(contactView).slice(0, 500)}`);
  const composeId = await h.opening(() => h.click(contactViewId, button));
  await h.waitForView(composeId, (v) => v.callback_id === 'followup_compose');
  return composeId;
}

const textValues = (text: string) => ({ [BLOCK.text]: { [ACTION.text]: plainTextValue(text) } });

/** Every replica's store sees the same outbox: read it through the first. */
const outboxOf = (f: Fleet, contactId: string) => f.replicas[0]!.app.store.outbox.list({ contactId });

/** Waits until `probe` holds (the sends finish after Slack's answer). */
async function until(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** a, b, …, z, ba, bb, …: search tokens without digits. */
function letters(n: number): string {
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

describeOnPostgres('replicas on one PostgreSQL store', () => {
  it('a contact ingested on one replica is found by a search on the other within 1 s (p99, 200 trials)', async () => {
    fleet = await startFleet(2);
    const [a, b] = fleet.replicas as [Harness, Harness];
    const latencies: number[] = []; // from the ingest request to found on the other replica
    const afterAck: number[] = []; // from the ingest's answer
    for (let i = 0; i < 200; i++) {
      const [writer, reader] = i % 2 === 0 ? [a, b] : [b, a];
      const id = `vis-${i}`;
      const lastName = `Probe${letters(i)}`;
      const sent = performance.now();
      const r = await writer.ingest([contactEvent(id, [{ type: 'sms', address: `+1555010${i}` }], { lastName })]);
      expect(r.json.accepted).toBe(1);
      const acked = performance.now();
      const query = { text: lastName, inbox: 'all' as const, status: 'any' as const, limit: 5 };
      while (!reader.app.index.search(query, fleet.clock.now).ids.includes(id)) {
        if (performance.now() - acked > 5_000) throw new Error(`${id} never reached the other replica`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      latencies.push(performance.now() - sent);
      afterAck.push(performance.now() - acked);
    }
    for (const list of [latencies, afterAck]) list.sort((x, y) => x - y);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(
      `cross-replica visibility over ${latencies.length} trials, ingest request on one replica to found by ` +
        `a search on the other: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ` +
        `max ${latencies[latencies.length - 1]!.toFixed(1)} ms (after the ingest's answer: ` +
        `p50 ${percentile(afterAck, 50).toFixed(1)} ms, p99 ${percentile(afterAck, 99).toFixed(1)} ms)`,
    );
    expect(p99).toBeLessThan(1_000);
  }, 60_000);

  it('a replica that starts while another one writes misses no contact (it subscribes before it loads)', async () => {
    fleet = await startFleet(1);
    const a = fleet.replicas[0]!;
    // Enough contacts that the new replica's load takes a while; the writes sort before them, so a load
    // that already read its first page cannot see them: only the change feed can.
    const bulk = Array.from({ length: 10_000 }, (_, i) =>
      contactEvent(`bulk-${i}`, [{ type: 'sms', address: `+1${i}` }]),
    );
    expect((await a.ingest(bulk.map((e) => JSON.stringify(e)).join('\n'))).json.accepted).toBe(10_000);
    const written: string[] = [];
    let writing = true;
    const writer = async (n: number) => {
      for (let i = 0; writing; i++) {
        const id = `a-live-${n}-${i}`;
        await a.ingest([contactEvent(id, [{ type: 'sms', address: `+1555${n}0${i}` }])]);
        written.push(id);
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer)); // a write every few ms
    await until(() => written.length > 5, 'some writes');
    const b = await fleet.add();
    const atStart = written.length;
    await until(() => written.length > atStart + 5, 'more writes');
    writing = false;
    await writers;
    await until(() => written.every((id) => b.app.index.has(id)), 'every contact on the new replica', 3_000);
    expect(b.app.index.size).toBe(10_000 + written.length);
  }, 30_000);

  it('a compose view sends once when double-clicked submits and a Slack retry reach different replicas', async () => {
    fleet = await startFleet(2);
    const [a, b] = fleet.replicas as [Harness, Harness];
    await a.ingest([
      contactEvent('c-once', [{ type: 'whatsapp', address: '+84900000001' }]),
      inbound('c-once', 'whatsapp', -HOUR),
    ]);
    const composeId = await composeOn(a, 'c-once');
    const view = a.view(composeId);
    const { viewSubmission } = await import('../support/signed-request.js');
    const body = viewSubmission({ view, values: textValues('Exactly once') } as never);
    const retry = { headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } };
    const answers = await Promise.all([
      a.slack('interactive', body),
      b.slack('interactive', body),
      b.slack('interactive', body, retry),
    ]);
    for (const answer of answers) expect(answer.status).toBe(200);
    await until(async () => (await outboxOf(fleet!, 'c-once')).some((e) => e.status === 'sent'), 'the send');
    await new Promise((r) => setTimeout(r, 200)); // any second attempt would be under way by now
    const entries = (await outboxOf(fleet, 'c-once')).filter((e) => e.text === 'Exactly once');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await a.app.store.contacts.get('c-once'))!.channels[0]!.outboundSinceInbound).toBe(1);
  });

  it('the Viber monthly quota and the WeChat cap hold when sends reach different replicas at once', async () => {
    fleet = await startFleet(2, { config: 'policy:\n  viber: { freeMonthly: 1 }\n  wechat: { maxOutbound: 2 }\n' });
    const [a, b] = fleet.replicas as [Harness, Harness];
    await a.ingest([
      contactEvent('v-1', [{ type: 'viber', address: 'viber-1', subscribed: true }]),
      inbound('v-1', 'viber', -3 * DAY),
      contactEvent('v-2', [{ type: 'viber', address: 'viber-2', subscribed: true }]),
      inbound('v-2', 'viber', -3 * DAY),
      contactEvent('w-1', [{ type: 'wechat', address: 'openid-1' }]),
      inbound('w-1', 'wechat', -HOUR),
    ]);
    const viber = [await composeOn(a, 'v-1'), await composeOn(b, 'v-2')];
    const wechat = [await composeOn(a, 'w-1'), await composeOn(b, 'w-1'), await composeOn(a, 'w-1')];
    await Promise.all([
      a.submit(viber[0]!, textValues('viber one')),
      b.submit(viber[1]!, textValues('viber two')),
      a.submit(wechat[0]!, textValues('wechat one')),
      b.submit(wechat[1]!, textValues('wechat two')),
      b.submit(wechat[2]!, textValues('wechat three')),
    ]);
    const settled = async (ids: string[]) =>
      (await Promise.all(ids.map((id) => outboxOf(fleet!, id)))).flat().every((e) => e.status !== 'queued');
    await until(() => settled(['v-1', 'v-2', 'w-1']), 'every send decided');
    const sent = async (ids: string[]) =>
      (await Promise.all(ids.map((id) => outboxOf(fleet!, id)))).flat().filter((e) => e.status === 'sent');
    expect(await sent(['v-1', 'v-2'])).toHaveLength(1);
    expect(await sent(['w-1'])).toHaveLength(2);
    expect((await a.app.store.contacts.get('w-1'))!.channels[0]!.outboundSinceInbound).toBe(2);
  });

  it('an outbox retry due on every replica is taken by one', async () => {
    const site = await startSite([503]);
    try {
      const config = [
        'channels:',
        '  - type: webchat',
        '    id: shop',
        '    transport: webchat',
        `    options: { webhookUrl: "${site.url}", secret: "${'s'.repeat(32)}", timeoutMs: 2000 }`,
      ].join('\n');
      fleet = await startFleet(2, { config });
      const [a, b] = fleet.replicas as [Harness, Harness];
      await a.ingest([contactEvent('web-1', [{ type: 'webchat', channelId: 'shop', address: 'visitor-1' }])]);
      await a.submit(await composeOn(a, 'web-1'), textValues('Retried once'));
      await until(async () => (await outboxOf(fleet!, 'web-1')).some((e) => e.attempts === 1), 'the first attempt');
      expect(site.received).toHaveLength(1);

      fleet.clock.now = new Date(T.getTime() + 31_000); // past the first backoff (30 s)
      // Both workers run at once, as they would for a moment if two replicas both believed they led.
      await Promise.all([a.app.outbox.tick(), b.app.outbox.tick(), a.app.outbox.tick()]);
      expect(site.received).toHaveLength(2);
      expect((await outboxOf(fleet, 'web-1'))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      await site.close();
    }
  });

  it('notices are posted once though NOTIFY_CHANNEL is set on every replica', async () => {
    fleet = await startFleet(3, { env: { NOTIFY_CHANNEL: NOTIFY } });
    const [a, b, c] = fleet.replicas as [Harness, Harness, Harness];
    await b.ingest([
      contactEvent('n-1', [{ type: 'whatsapp', address: '+84900000002' }]),
      inbound('n-1', 'whatsapp', 0),
    ]);
    await until(
      () =>
        fleet!
          .leader()
          .app.notifier!.tick()
          .then(() => true),
      'a tick',
    );
    const posts = () => fleet!.fake.callsTo('chat.postMessage').filter((p) => p.channel === NOTIFY);
    for (const at of [23 * HOUR, 24 * HOUR]) {
      fleet.clock.now = new Date(T.getTime() + at);
      await Promise.all([a, b, c].map((r) => r.app.notifier!.tick()));
    }
    expect(posts()).toHaveLength(2);
    expect(posts().map((p) => p.metadata?.event_type)).toEqual(['followup_notice', 'followup_notice']);
  });

  it('the leader stops: another takes over, re-arms what changed meanwhile, and repeats nothing', async () => {
    fleet = await startFleet(2, { env: { NOTIFY_CHANNEL: NOTIFY }, leaderRetryMs: 1_000 });
    const first = fleet.leader();
    const other = fleet.followers()[0]!;
    await other.ingest([
      contactEvent('t-1', [{ type: 'whatsapp', address: '+84900000003' }]),
      inbound('t-1', 'whatsapp', 0),
    ]);
    fleet.clock.now = new Date(T.getTime() + 23 * HOUR);
    await first.app.notifier!.tick();
    const posts = () => fleet!.fake.callsTo('chat.postMessage').filter((p) => p.channel === NOTIFY);
    expect(posts()).toHaveLength(1);

    await first.stop();
    fleet.replicas.splice(fleet.replicas.indexOf(first), 1);
    // While nobody leads (the other tries again within 1 s), a second contact's window starts.
    expect(other.app.isLeader()).toBe(false);
    await other.ingest([
      contactEvent('t-2', [{ type: 'whatsapp', address: '+84900000004' }]),
      inbound('t-2', 'whatsapp', 23 * HOUR),
    ]);
    expect(other.app.isLeader()).toBe(false);
    await untilOneLeader(fleet, [other]);

    fleet.clock.now = new Date(T.getTime() + 24 * HOUR);
    await other.app.notifier!.tick(); // t-1's notice; its reminder was posted before
    fleet.clock.now = new Date(T.getTime() + 46 * HOUR);
    await other.app.notifier!.tick(); // t-2's reminder: armed by the takeover
    expect(posts().map((p) => String(p.text))).toHaveLength(3);
    expect(JSON.stringify(posts()[1])).toContain('First t-1');
    expect(JSON.stringify(posts()[2])).toContain('First t-2');
  });

  it('the leader dies between posting a notice and recording it: the next one finds the post, no repeat', async () => {
    fleet = await startFleet(2, { env: { NOTIFY_CHANNEL: NOTIFY, SHUTDOWN_DEADLINE_MS: '300' } });
    const first = fleet.leader();
    const other = fleet.followers()[0]!;
    await first.ingest([
      contactEvent('d-1', [{ type: 'whatsapp', address: '+84900000005' }]),
      inbound('d-1', 'whatsapp', 0),
    ]);
    // Slack takes the post, but its answer never reaches the leader (it dies there).
    let answer: (body: Record<string, unknown>) => void = () => {};
    fleet.fake.respondWith('chat.postMessage', () => new Promise((resolve) => (answer = resolve)), { times: 1 });
    fleet.clock.now = new Date(T.getTime() + 24 * HOUR);
    void first.app.notifier!.tick();
    await fleet.fake.waitFor('chat.postMessage', (p) => p.channel === NOTIFY);
    await first.stop(); // cut off after 300 ms: the post is never recorded as delivered
    fleet.replicas.splice(fleet.replicas.indexOf(first), 1);

    // The new leader ticks as it takes over: it looks the claim up in the channel's history and finds the post.
    await untilOneLeader(fleet, [other]);
    await until(() => fleet!.fake.callsTo('conversations.history').length > 0, 'a look-up');
    expect(fleet.fake.callsTo('conversations.history')[0]).toMatchObject({ channel: NOTIFY });
    expect(await other.app.notifier!.tick()).toMatchObject({ posted: 0 });
    expect(fleet.fake.callsTo('chat.postMessage').filter((p) => p.channel === NOTIFY)).toHaveLength(1);
    answer({ ok: false, error: 'fatal_error' });
  });
});

/** A website backend that answers each message with the next scripted status (then 200), recording them. */
async function startSite(statuses: number[]): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push(body);
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
