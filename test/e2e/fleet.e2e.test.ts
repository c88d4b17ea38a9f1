/**
 * The fleet as an operator runs it: three processes of the compiled app on one PostgreSQL schema, each on
 * its own port, a fake Slack API, requests spread over them, and the leader killed with SIGKILL while a
 * notice it posted waits for Slack's answer (posted, not yet recorded). Another replica takes over within
 * 30 s, every notice due is posted, and none twice.
 *
 * The replicas run the compiled server through a few-line entry that shortens the worker intervals (notifier
 * tick 300 ms, leadership retry 500 ms, in-doubt wait 1 s; production: 30 s, 5 s, 15 s) so the test takes
 * seconds, not minutes; everything else is what `npm start` runs. The last test runs `node dist/main.js`
 * itself: a database that is down at start-up is waited for.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { type TestSchema, describeOnPostgres, freshSchema, startTcpRelay } from '../support/postgres.js';
import { signedSlackRequest, slashCommand } from '../support/signed-request.js';
import { type Proc, buildApp, removeBuild, run, sleep } from '../process/helpers.js';

const SECRET = 'fleet-signing-secret';
const INGEST_TOKEN = 'fleet-ingest-token-0123456789';
const NOTIFY = 'C0FLEET01';
const HOUR = 3_600_000;

let build = '';
let entry = '';

interface Replica extends Proc {
  name: string;
  base: string;
}

function envFor(fake: FakeSlack, storeUrl: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-fleet',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    STORE_URL: storeUrl,
    INGEST_TOKEN,
    NOTIFY_CHANNEL: NOTIFY,
    NOTIFY_LEAD_MINUTES: '1',
    PORT: '0',
    LOG_LEVEL: 'info',
  };
}

async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const proc = run(process.execPath, [entry], env);
  const port = Number((await proc.waitFor(/listening on port (\d+)/, 30_000))[1]);
  return { ...proc, name, base: `http://127.0.0.1:${port}` };
}

async function ingest(replica: Replica, events: unknown[]): Promise<number> {
  const res = await fetch(`${replica.base}/api/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accepted: number }).accepted;
}

/** A contact whose WhatsApp window closes `closesInMs` from now (negative: closed that long ago). */
function windowClosingIn(id: string, closesInMs: number): unknown[] {
  const inboundAt = new Date(Date.now() + closesInMs - 24 * HOUR).toISOString();
  return [
    {
      id: `up-${id}`,
      type: 'contact.upserted',
      at: new Date(Date.now() - 48 * HOUR).toISOString(),
      contact: { id, firstName: 'Fleet', lastName: id, channels: [{ type: 'whatsapp', address: `addr-${id}` }] },
    },
    { id: `in-${id}`, type: 'message.received', at: inboundAt, contactId: id, channel: 'whatsapp' },
  ];
}

const leads = (r: Replica) => /This replica leads/.test(r.out());

async function until<T>(probe: () => T | undefined | false, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await sleep(50);
  }
}

beforeAll(() => {
  build = buildApp(`fleet-${process.pid}`); // per run: another run of this file may be building its own
  entry = join(build, 'fleet-replica.js');
  writeFileSync(
    entry,
    [
      "import { startFollowup } from './server.js';",
      'const app = await startFollowup({',
      '  notifyIntervalMs: 300, outboxIntervalMs: 300, leaderRetryMs: 500, notifyInDoubtMs: 1000, notifyPaceMs: 0,',
      '});',
      "process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));",
    ].join('\n'),
  );
}, 120_000);
afterAll(() => removeBuild(build));

describeOnPostgres('three replicas as processes', () => {
  let fake: FakeSlack;
  let schema: TestSchema;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    schema = await freshSchema('followup_fleet');
  });
  afterAll(async () => {
    for (const r of replicas) r.child.kill('SIGKILL');
    await Promise.all(replicas.map((r) => r.exited));
    await fake.close();
    await schema.drop();
  });

  it('kill -9 the leader mid-post: another takes over within 30 s, every notice goes out once', async () => {
    const env = envFor(fake, schema.url);
    for (const name of ['r1', 'r2', 'r3']) replicas.push(await startReplica(name, env));
    const leader = await until(() => replicas.find(leads), 'a leader', 15_000);
    expect(replicas.filter(leads)).toHaveLength(1);
    const survivors = replicas.filter((r) => r !== leader);
    const posts = () => fake.callsTo('chat.postMessage').filter((p) => p.channel === NOTIFY);
    /** "Has closed" notices naming a contact (each line has a Follow up button valued `id|channel`). */
    const notices = (id: string) =>
      posts().filter((p) => String(p.text).startsWith('🔴') && JSON.stringify(p.blocks).includes(`"${id}|whatsapp"`))
        .length;

    // x*: windows closing in 5 s, ingested through every replica. Slack takes the leader's post of their
    // notice, but its answer never comes: the leader is killed between posting and recording.
    fake.respondWith('chat.postMessage', () => new Promise(() => {}), { times: 1 });
    const closeX = 5_000;
    const closeLater = 14_000; // y* and z*: after the kill, in one tick (so one message, not one per minute)
    const t0 = Date.now();
    const x = ['x1', 'x2', 'x3'];
    for (const [i, replica] of replicas.entries()) {
      expect(await ingest(replica, windowClosingIn(x[i]!, closeX - (Date.now() - t0)))).toBe(2);
    }
    expect(
      await ingest(
        survivors[0]!,
        ['y1', 'y2'].flatMap((id) => windowClosingIn(id, closeLater - (Date.now() - t0))),
      ),
    ).toBe(4);
    for (const replica of replicas) {
      const res = await signedSlackRequest(replica.base, SECRET, 'command', slashCommand({ text: 'fleet' }));
      expect(res.status).toBe(200);
    }
    await fake.waitForCalls('views.open', 3, 5_000);
    await until(() => posts().length > 0, 'the post that will hang', 15_000);
    expect(x.every((id) => notices(id) === 1)).toBe(true);
    leader.child.kill('SIGKILL');
    const killedAt = Date.now();
    await leader.exited;

    // Meanwhile (perhaps while nobody leads) another window starts, through a survivor.
    expect(await ingest(survivors[1]!, windowClosingIn('z1', closeLater - (Date.now() - t0)))).toBe(2);
    const next = await until(() => survivors.find(leads), 'a new leader', 30_000);
    const takeoverMs = Date.now() - killedAt;
    console.log(`fleet: ${leader.name} killed with SIGKILL; ${next.name} leads ${takeoverMs} ms later`);
    expect(takeoverMs).toBeLessThan(30_000);

    // The survivors keep serving; the new leader finds the x* post in the channel and posts y* and z* once.
    const opened = fake.callsTo('views.open').length;
    for (const replica of survivors) {
      const res = await signedSlackRequest(replica.base, SECRET, 'command', slashCommand({ text: 'fleet' }));
      expect(res.status).toBe(200);
    }
    await fake.waitForCalls('views.open', opened + survivors.length, 5_000);
    await until(() => fake.callsTo('conversations.history').length > 0, 'the in-doubt look-up', 15_000);
    await until(() => ['y1', 'y2', 'z1'].every((id) => notices(id) === 1), 'the notices due after the kill', 20_000);
    await sleep(1_500); // a few more ticks: anything posted twice would show now

    for (const id of [...x, 'y1', 'y2', 'z1']) expect(notices(id), id).toBe(1);
    expect(posts()).toHaveLength(2);
    expect(survivors.filter(leads)).toHaveLength(1);
  }, 90_000);
});

describeOnPostgres('a database that is down at start-up', () => {
  it('is waited for, one line per attempt, and served once it answers', async () => {
    const fake = await startFakeSlack();
    const schema = await freshSchema('followup_fleet');
    const relay = await startTcpRelay();
    await relay.cut();
    const { NOTIFY_CHANNEL: _, ...env } = envFor(fake, relay.urlThrough(schema.url));
    const proc = run(process.execPath, [join(build, 'main.js')], env);
    try {
      await proc.waitFor(/cannot reach its store[^\n]*attempt 2\)/, 20_000);
      const lines = proc
        .out()
        .split('\n')
        .filter((l) => /cannot reach its store/.test(l));
      expect(lines[0]).toMatch(/STORE_URL points at it; trying again in 3 s \(attempt 1\)/);
      expect(proc.out()).not.toMatch(/^\s+at /m); // no stack trace
      expect(proc.child.exitCode).toBeNull();
      await relay.restore();
      await proc.waitFor(/listening on port (\d+)/, 20_000);
    } finally {
      proc.child.kill('SIGKILL');
      await proc.exited;
      await relay.close();
      await fake.close();
      await schema.drop();
    }
  }, 60_000);
});
