/**
 * `npm run bench queue [--quick]` (issue 10: "if a job queue serves better than your own claims, pg-boss 10.4.x
 * … measure and say why either way"). Both on the real PostgreSQL, in one run:
 * - ours: N outbox entries queued and due (N = 1,000 and 10,000; `--quick`: 1,000). The leader's pass as
 *   OutboxWorker runs it (list the queued, keep the due) and, per entry, retryQueued's claim: the contact's
 *   lock (`store.withLock`), the entry read again, marked in flight, a no-op send, marked sent. No provider call:
 *   what is measured is the claim's own cost. The cost of an idle tick (the N queued, none due yet; then the N
 *   sent, which stay in the outbox and are read by every tick too), and
 *   failover: a leader in another process killed (SIGKILL frees its connection, so its lock), until this
 *   process's follower leads, at the default leadership retry.
 * - pg-boss 10.4: the same N jobs sent, drained by 3 PgBoss instances (replicas) in this process:
 *   fetch/complete one job at a time with a no-op job (the queue's own cost); fetch/complete 20 at a time with
 *   each job doing our per-contact claim above (what Followup would run on it); and the library's `work()`
 *   loop. Exactly once: every job handed out once, and completed in the database. Its idle polling cost, the
 *   pickup of one new job by idle workers, and failover: a worker process killed holding a job, until another
 *   replica gets the job again (expireIn, then the maintenance that expires it).
 * PostgreSQL: FOLLOWUP_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test); every schema this
 * run makes is named `bench_queue_<random>…` and dropped at the end. Nothing here asserts a number.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import PgBoss from 'pg-boss';
import {
  DEFAULT_LEADER_RETRY_MS,
  type OutboxRepository,
  type Store,
  openStore,
  postgresProblem,
} from '../src/store/index.js';
import { loadAverage, percentile, printTable, sortedCopy } from './support.js';

const POSTGRES_URL = process.env.FOLLOWUP_BENCH_POSTGRES_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const REPLICAS = 3;
/** Sends in flight while queueing (the outbox entries and the pg-boss jobs alike). */
const IN_FLIGHT = 8;
/** Jobs per fetch for the pg-boss replicas that run our claim on each job. */
const BATCH = 20;
/** Jobs per fetch of pg-boss's own `work()` loop. */
const WORK_BATCH = 50;
/** pg-boss's default `pollingIntervalSeconds` (2). */
const BOSS_POLL_MS = 2_000;
/** src/server.ts's default `outboxIntervalMs`: how often the leader's OutboxWorker ticks. */
const OUTBOX_INTERVAL_MS = 15_000;
/** pg-boss 10's defaults: a job's expireIn, and how often a replica runs the maintenance that expires jobs. */
const BOSS_DEFAULT_EXPIRE_S = 15 * 60;
const BOSS_DEFAULT_MAINTENANCE_S = 120;
/** Shorter, so a failover is measured in seconds; the defaults' delay is computed from the same terms. */
const FAILOVER_EXPIRE_S = 5;
const FAILOVER_MAINTENANCE_S = 2;
const IDLE_TICKS = 10;
/** Follow-ups a day for the volume question (issue 10's README considerations). */
const PER_DAY = 10_000;
const CHILD_FLAG = '--queue-child=';

const load = loadAverage;
const sleep = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));

const pct = percentile;
const ms = (x: number) => (Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '—');
const seconds = (msValue: number) => (Number.isNaN(msValue) ? '—' : `${(msValue / 1000).toFixed(1)} s`);

function withSchema(schema: string): string {
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('schema', schema);
  return url.toString();
}

// ---------- queries per connection role ----------

interface Tally {
  queries: number;
  ms: number;
}

/** Per connection role (the application_name before its `:schema`): ours ('followup', …) and pg-boss's alike. */
const tallies = new Map<string, Tally>();

/** Counts every query on pg's Client (pg-boss and our store share the one `pg` module), with its round trip. */
function countQueries(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: { connectionParameters?: { application_name?: string } }, ...args: unknown[]) {
    const role = (this.connectionParameters?.application_name ?? '?').split(':')[0]!;
    const t0 = performance.now();
    const done = () => {
      const tally = tallies.get(role) ?? { queries: 0, ms: 0 };
      tally.queries++;
      tally.ms += performance.now() - t0;
      tallies.set(role, tally);
    };
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (...result: unknown[]) => {
        done();
        return (last as (...r: unknown[]) => unknown)(...result);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) result.then(done, done);
    return result;
  };
}

/** What the roles starting with `prefix` ran since `before` (a copy of `tallies`). */
function tallySince(before: Map<string, Tally>, prefix: string): Tally {
  const sum: Tally = { queries: 0, ms: 0 };
  for (const [role, now] of tallies) {
    if (!role.startsWith(prefix)) continue;
    const was = before.get(role) ?? { queries: 0, ms: 0 };
    sum.queries += now.queries - was.queries;
    sum.ms += now.ms - was.ms;
  }
  return sum;
}
const tallySnapshot = () => new Map([...tallies].map(([role, t]) => [role, { ...t }]));

// ---------- the outbox ----------

type OutboxInput = Parameters<OutboxRepository['put']>[0];
const TEXT = 'Hello again, following up on your request from last week: reply here whenever suits you.';

/** A follow-up whose first attempt failed with a retryable error: queued, due at `dueAt`. */
function queuedEntry(run: string, i: number, at: Date, dueAt: Date): OutboxInput {
  return {
    id: `ob-${run}-${i}`,
    idempotencyKey: `bench:${run}:${i}`,
    contactId: `c-${i}`,
    channel: 'sms',
    channelKey: 'sms',
    status: 'queued',
    kind: 'text',
    text: TEXT,
    templateName: null,
    tag: null,
    plan: {
      ok: true,
      channel: 'sms',
      kind: 'text',
      messagingType: null,
      tag: null,
      text: TEXT,
      template: null,
      chatbotInitiated: false,
      billable: true,
      countsTowardCap: false,
      state: 'open',
    },
    contactName: `Contact ${i}`,
    sentBy: 'UAGENT000',
    sandbox: false,
    transport: 'bench',
    providerMessageId: null,
    error: 'provider_error: 503 Service Unavailable',
    reopened: false,
    attempts: 1,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    sentAt: null,
    nextAttemptAt: dueAt.toISOString(),
    inFlightSince: null,
  };
}

/** `fn(0…n-1)` with `inFlight` calls at once; the wall time in ms. */
async function inParallel(n: number, inFlight: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return performance.now() - t0;
}

async function seedOutbox(store: Store, run: string, n: number, dueAt: Date): Promise<number> {
  const at = new Date(dueAt.getTime() - 3_600_000);
  return inParallel(n, IN_FLIGHT, (i) => store.outbox.put(queuedEntry(run, i, at, dueAt)));
}

/**
 * retryQueued's claim of one entry, with a no-op send: the contact's lock, the entry read again (another
 * replica or the agent may have taken it), marked in flight, marked sent. False when it was not queued.
 */
async function claimAndSend(
  store: Store,
  id: string,
  contactId: string,
  now: Date,
  onLocked: () => void = () => {},
): Promise<boolean> {
  return store.withLock(`contact:${contactId}`, async () => {
    onLocked();
    const current = await store.outbox.get(id);
    if (current?.status !== 'queued' || current.inFlightSince) return false;
    await store.outbox.update(id, now, () => ({ inFlightSince: now.toISOString() }));
    // The provider call would be here.
    await store.outbox.markSent(id, now, null);
    return true;
  });
}

/** One run of a drain: wall time, per item "claimed → done" and "start → claimed", and whether it was once. */
interface Drain {
  label: string;
  n: number;
  /** Sending the N items first (ms), and how many at once. */
  enqueueMs: number;
  drainMs: number;
  /** Per item, from asking for it (lock or fetch) to its outcome recorded (ms). */
  perItem: number[];
  /** Per item, from the start of the drain to the moment it was claimed (ms). */
  wait: number[];
  once: boolean;
  onceDetail: string;
  note: string;
}

/** The leader's idle ticks: N queued, none due yet. */
interface IdleTicks {
  label: string;
  /** Records in the outbox, each read by every tick. */
  n: number;
  ms: number[];
  queries: number;
}

/** `IDLE_TICKS` of the leader's passes at `now` that find nothing due. */
async function idleTicks(store: Store, label: string, n: number, now: Date): Promise<IdleTicks> {
  const times: number[] = [];
  const before = tallySnapshot();
  for (let t = 0; t < IDLE_TICKS; t++) {
    const t0 = performance.now();
    const due = await dueEntries(store, now);
    times.push(performance.now() - t0);
    if (due.length) throw new Error(`an idle tick found ${due.length} entries due`);
  }
  return { label, n, ms: sortedCopy(times), queries: tallySince(before, 'followup').queries / IDLE_TICKS };
}

/** OutboxWorker's pass: list the queued, keep the due (the whole outbox is read). */
async function dueEntries(store: Store, now: Date) {
  return (await store.outbox.list({ status: 'queued' })).filter(
    (e) => !e.nextAttemptAt || new Date(e.nextAttemptAt).getTime() <= now.getTime(),
  );
}

async function oursAt(
  schema: string,
  n: number,
  run: string,
): Promise<{ drain: Drain; idle: IdleTicks[]; findMs: number; store: Store }> {
  const store = await openStore(withSchema(schema), { log: () => {} });
  const dueAt = new Date(Date.now() + 3_600_000);
  const enqueueMs = await seedOutbox(store, run, n, dueAt);

  // Idle ticks first: every entry waits for its next attempt in an hour.
  const idle = [await idleTicks(store, `${n.toLocaleString('en')} queued, not due`, n, new Date())];

  // Then the tick at which all N are due.
  const now = new Date(dueAt.getTime() + 60_000);
  const perItem: number[] = [];
  const wait: number[] = [];
  let sent = 0;
  const t0 = performance.now();
  const due = await dueEntries(store, now);
  const findMs = performance.now() - t0;
  for (const entry of due) {
    const c0 = performance.now();
    if (await claimAndSend(store, entry.id, entry.contactId, now, () => wait.push(performance.now() - t0))) sent++;
    perItem.push(performance.now() - c0);
  }
  const drainMs = performance.now() - t0;
  const all = await store.outbox.list();
  const sentOnce = all.filter((e) => e.status === 'sent' && e.attempts === 2).length;
  // Sent entries stay in the outbox (nothing prunes them), and every tick reads them too.
  idle.push(await idleTicks(store, `0 queued, ${n.toLocaleString('en')} sent`, n, now));
  return {
    store,
    findMs,
    idle,
    drain: {
      label: 'ours: leader pass, lock + claim per entry',
      n,
      enqueueMs,
      drainMs,
      perItem: sortedCopy(perItem),
      wait: sortedCopy(wait),
      once: due.length === n && sent === n && sentOnce === n && all.length === n,
      onceDetail: `${due.length} due, ${sent} claimed, ${sentOnce} sent with one attempt more, of ${all.length}`,
      note: `find ${ms(findMs)} ms`,
    },
  };
}

// ---------- pg-boss ----------

interface JobData {
  outboxId: string;
  contactId: string;
}

const bossErrors: string[] = [];

async function startBoss(schema: string, name: string, options: PgBoss.ConstructorOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: POSTGRES_URL, schema, application_name: name, ...options });
  boss.on('error', (error) => bossErrors.push(`${name}: ${error.message}`));
  await boss.start();
  return boss;
}

async function jobStates(admin: pg.Client, schema: string, queue: string): Promise<Map<string, number>> {
  const rows = await admin.query<{ state: string; n: number }>(
    `SELECT state::text AS state, count(*)::int AS n FROM "${schema}".job WHERE name = $1 GROUP BY state`,
    [queue],
  );
  return new Map(rows.rows.map((r) => [r.state, r.n]));
}

async function sendJobs(boss: PgBoss, queue: string, run: string, n: number, options: PgBoss.Queue): Promise<number> {
  await boss.createQueue(queue, options);
  return inParallel(n, IN_FLIGHT, (i) => boss.send(queue, { outboxId: `ob-${run}-${i}`, contactId: `c-${i}` }));
}

/** Resolves once `done()` or after `msToWait`, whichever is first. */
async function sleepUnless(msToWait: number, done: () => boolean): Promise<void> {
  const until = performance.now() + msToWait;
  while (!done() && performance.now() < until) await sleep(Math.min(50, until - performance.now()));
}

/** Exactly once: every job handed out once, and each completed in the database. */
async function checkOnce(
  admin: pg.Client,
  schema: string,
  queue: string,
  n: number,
  seen: Map<string, number>,
): Promise<{ once: boolean; detail: string }> {
  let states = await jobStates(admin, schema, queue);
  // work() completes a batch without waiting for it: give the last completions a moment to land.
  for (let k = 0; k < 100 && (states.get('completed') ?? 0) < n; k++) {
    await sleep(100);
    states = await jobStates(admin, schema, queue);
  }
  const twice = [...seen.values()].filter((c) => c > 1).length;
  const completed = states.get('completed') ?? 0;
  const other = [...states].filter(([s]) => s !== 'completed').map(([s, c]) => `${c} ${s}`);
  return {
    once: seen.size === n && twice === 0 && completed === n && other.length === 0,
    detail:
      `${seen.size} handed out, ${twice} more than once, ${completed} completed` +
      (other.length ? `, ${other.join(', ')}` : ''),
  };
}

/**
 * The replicas drain the queue with fetch/complete, `batch` jobs a fetch; an empty fetch waits pg-boss's
 * polling interval, as its worker does. `handle` runs the batch (null: a no-op job).
 */
async function bossDrain(
  admin: pg.Client,
  bossSchema: string,
  replicas: PgBoss[],
  queue: string,
  n: number,
  batch: number,
  handle: ((jobs: PgBoss.Job<JobData>[]) => Promise<void>) | null,
): Promise<Omit<Drain, 'label' | 'enqueueMs' | 'note'>> {
  const seen = new Map<string, number>();
  const perItem: number[] = [];
  const wait: number[] = [];
  let done = 0;
  let last = 0;
  const t0 = performance.now();
  const deadline = t0 + 15 * 60_000;
  await Promise.all(
    replicas.map(async (boss) => {
      while (done < n) {
        if (performance.now() > deadline) throw new Error(`${queue}: ${done} of ${n} jobs done after 15 min`);
        const f0 = performance.now();
        const jobs = await boss.fetch<JobData>(queue, { batchSize: batch });
        if (jobs.length === 0) {
          await sleepUnless(BOSS_POLL_MS, () => done >= n);
          continue;
        }
        const claimed = performance.now();
        for (const job of jobs) {
          wait.push(claimed - t0);
          seen.set(job.id, (seen.get(job.id) ?? 0) + 1);
        }
        if (handle) await handle(jobs);
        await boss.complete(
          queue,
          jobs.map((j) => j.id),
        );
        last = performance.now();
        for (let j = 0; j < jobs.length; j++) perItem.push(last - f0);
        done += jobs.length;
      }
    }),
  );
  const { once, detail } = await checkOnce(admin, bossSchema, queue, n, seen);
  return {
    n,
    drainMs: last - t0,
    perItem: sortedCopy(perItem),
    wait: sortedCopy(wait),
    once,
    onceDetail: detail,
  };
}

/** pg-boss's own worker loop (`work()` with a batch) on every replica. */
async function bossWork(
  admin: pg.Client,
  bossSchema: string,
  replicas: PgBoss[],
  queue: string,
  n: number,
): Promise<Omit<Drain, 'label' | 'enqueueMs' | 'note'>> {
  const seen = new Map<string, number>();
  const wait: number[] = [];
  let done = 0;
  let last = 0;
  const t0 = performance.now();
  for (const boss of replicas) {
    await boss.work<JobData>(queue, { batchSize: WORK_BATCH }, async (jobs) => {
      const claimed = performance.now();
      for (const job of jobs) {
        wait.push(claimed - t0);
        seen.set(job.id, (seen.get(job.id) ?? 0) + 1);
      }
      done += jobs.length;
      last = performance.now();
    });
  }
  await sleepUnless(15 * 60_000, () => done >= n);
  for (const boss of replicas) await boss.offWork(queue);
  const { once, detail } = await checkOnce(admin, bossSchema, queue, n, seen);
  return { n, drainMs: last - t0, perItem: [], wait: sortedCopy(wait), once, onceDetail: detail };
}

interface BossIdle {
  windowMs: number;
  queries: number;
  queryMs: number;
  pickup: number[];
}

/** Idle replicas with a worker each (pg-boss's defaults): the queries they make, and one new job's pickup. */
async function bossIdle(replicas: PgBoss[], queue: string, windowMs: number, trials: number): Promise<BossIdle> {
  await replicas[0]!.createQueue(queue, { name: queue });
  const got = new Map<string, number>();
  for (const boss of replicas) {
    await boss.work<JobData>(queue, async (jobs) => {
      for (const job of jobs) got.set(job.id, performance.now());
    });
  }
  await sleep(BOSS_POLL_MS); // every worker has polled once
  const before = tallySnapshot();
  const w0 = performance.now();
  await sleep(windowMs);
  const spent = tallySince(before, 'pgboss');
  const measuredMs = performance.now() - w0;
  const pickup: number[] = [];
  for (let t = 0; t < trials; t++) {
    await sleep(Math.random() * BOSS_POLL_MS); // a random phase of the workers' polling
    const id = await replicas[t % replicas.length]!.send(queue, { outboxId: `idle-${t}`, contactId: 'c-idle' });
    const sent = performance.now();
    await sleepUnless(60_000, () => got.has(id!));
    pickup.push((got.get(id!) ?? NaN) - sent);
  }
  for (const boss of replicas) await boss.offWork(queue);
  return { windowMs: measuredMs, queries: spent.queries, queryMs: spent.ms, pickup: sortedCopy(pickup) };
}

// ---------- failover: a process killed ----------

interface Child {
  process: ChildProcess;
  /** Resolves with the first line matching `pattern`. */
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

/** Exited, or killed by a signal (then `exitCode` stays null). */
const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** This file again in its own process, in one of the roles of `child()`. */
function spawnChild(args: string[]): Child {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], {
    env: { PATH: process.env.PATH ?? '', FOLLOWUP_BENCH_POSTGRES_URL: POSTGRES_URL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4_000)));
  return {
    process: child,
    async line(pattern, timeoutMs = 60_000) {
      const until = performance.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(out);
        if (match) return match;
        if (ended(child) || performance.now() > until)
          throw new Error(`the child process did not say ${pattern}: ${err || out}`);
        await sleep(5);
      }
    },
  };
}

async function killed(child: Child): Promise<void> {
  if (ended(child.process)) return;
  const exited = new Promise((r) => child.process.once('exit', r));
  child.process.kill('SIGKILL');
  await exited;
}

/** Ours: a leader in another process, SIGKILLed; until this process's follower (default retry) leads. */
async function oursFailover(store: Store, url: string, trials: number): Promise<number[]> {
  const delays: number[] = [];
  for (let t = 0; t < trials; t++) {
    const child = spawnChild([`${CHILD_FLAG}leader`, url]);
    try {
      await child.line(/^leader$/m);
      const follower = store.leadership('workers');
      try {
        // A random phase of the follower's tries.
        await sleep(500 + Math.random() * DEFAULT_LEADER_RETRY_MS);
        if (follower.isLeader()) throw new Error('the follower leads while the other process lives');
        const leads = new Promise<number>((resolve) =>
          follower.onChange((leader) => leader && resolve(performance.now())),
        );
        const killedAt = performance.now();
        await killed(child);
        const at = await Promise.race([leads, sleep(60_000).then(() => NaN)]);
        delays.push(at - killedAt);
      } finally {
        await follower.stop();
      }
    } finally {
      await killed(child);
    }
  }
  return sortedCopy(delays);
}

/**
 * pg-boss: a worker in another process fetches the job and is SIGKILLed holding it; the replicas here (workers
 * polling at the default, maintenance every FAILOVER_MAINTENANCE_S) get it again once it expires.
 */
async function bossFailover(bossSchema: string, trials: number): Promise<number[]> {
  const replicas: PgBoss[] = [];
  for (let k = 0; k < REPLICAS; k++)
    replicas.push(
      await startBoss(bossSchema, `pgboss failover ${k + 1}`, { maintenanceIntervalSeconds: FAILOVER_MAINTENANCE_S }),
    );
  const queue = 'failover';
  await replicas[0]!.createQueue(queue, { name: queue, expireInSeconds: FAILOVER_EXPIRE_S, retryLimit: 2 });
  const fromKill: number[] = [];
  try {
    for (let t = 0; t < trials; t++) {
      const id = await replicas[0]!.send(queue, { outboxId: `failover-${t}`, contactId: 'c-failover' });
      const child = spawnChild([`${CHILD_FLAG}boss`, bossSchema, queue]);
      try {
        const [, claimedId] = await child.line(/^job (\S+)$/m);
        if (claimedId !== id) throw new Error(`the worker process took ${claimedId}, not ${id}`);
        let retriedAt = NaN;
        for (const boss of replicas) {
          await boss.work<JobData>(queue, async (jobs) => {
            for (const job of jobs) if (job.id === id) retriedAt = performance.now();
          });
        }
        const killedAt = performance.now();
        await killed(child);
        await sleepUnless(BOSS_DEFAULT_MAINTENANCE_S * 1000, () => !Number.isNaN(retriedAt));
        for (const boss of replicas) await boss.offWork(queue);
        fromKill.push(retriedAt - killedAt);
      } finally {
        await killed(child);
      }
    }
  } finally {
    for (const boss of replicas) await boss.stop({ graceful: false });
  }
  return sortedCopy(fromKill);
}

/** The roles of a child process: the leader of a store, or a pg-boss worker that takes one job and hangs. */
async function child(args: string[]): Promise<void> {
  const role = args[0]!.slice(CHILD_FLAG.length);
  if (role === 'leader') {
    const store = await openStore(args[1]!, { log: () => {} });
    const leadership = store.leadership('workers');
    await new Promise<void>((resolve) => {
      if (leadership.isLeader()) resolve();
      leadership.onChange((leader) => leader && resolve());
    });
    console.log('leader');
  } else if (role === 'boss') {
    const [, schema, queue] = args;
    const boss = new PgBoss({ connectionString: POSTGRES_URL, schema: schema!, supervise: false, schedule: false });
    boss.on('error', () => {});
    await boss.start();
    for (;;) {
      const [job] = await boss.fetch<JobData>(queue!);
      if (job) {
        console.log(`job ${job.id}`);
        break;
      }
      await sleep(50);
    }
  } else {
    throw new Error(`unknown child role ${role}`);
  }
  // Hold on (the leadership, the job) until killed.
  setInterval(() => {}, 60_000);
}

// ---------- the run ----------

export async function main(flags: string[]): Promise<void> {
  const quick = flags.includes('--quick');
  const sizes = quick ? [1_000] : [1_000, 10_000];
  const failoverTrials = quick ? 2 : 4;
  const pickupTrials = quick ? 5 : 10;
  const idleWindowMs = quick ? 10_000 : 20_000;
  const problem = await postgresProblem(POSTGRES_URL);
  if (problem) {
    console.log(
      `Skipped: PostgreSQL at ${POSTGRES_URL} cannot be reached (${problem}); start it, or set ` +
        'FOLLOWUP_BENCH_POSTGRES_URL=postgres://USER@HOST:PORT/DB.',
    );
    return;
  }
  countQueries();
  const run = randomBytes(5).toString('hex');
  const prefix = `bench_queue_${run}`;
  const bossSchema = `${prefix}_boss`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL, application_name: 'bench admin' });
  admin.on('error', () => {});
  await admin.connect();
  console.log(
    `queue benchmark: ours vs pg-boss ${bossVersion()} (node ${process.version}, ${load()}); schemas ${prefix}_*`,
  );

  const stores: Store[] = [];
  const replicas: PgBoss[] = [];
  const drains: Drain[] = [];
  const idles: IdleTicks[] = [];
  const finds = new Map<number, number>();
  const enqueues: Array<{ n: number; ours: number; boss: number }> = [];
  try {
    for (let k = 0; k < REPLICAS; k++) replicas.push(await startBoss(bossSchema, `pgboss replica ${k + 1}`));
    let failoverStore: Store | null = null;
    for (const n of sizes) {
      console.log(`\n--- N = ${n.toLocaleString('en')} (${load()}) ---`);
      const ours = await oursAt(`${prefix}_ours_${n}`, n, run);
      stores.push(ours.store);
      failoverStore ??= ours.store;
      drains.push(ours.drain);
      idles.push(...ours.idle);
      finds.set(n, ours.findMs);
      console.log(`ours: ${int(n / (ours.drain.drainMs / 1000))} entries/s, ${ours.drain.onceDetail}`);

      const rawQueue = `raw-${n}`;
      const rawEnqueueMs = await sendJobs(replicas[0]!, rawQueue, run, n, { name: rawQueue });
      enqueues.push({ n, ours: ours.drain.enqueueMs, boss: rawEnqueueMs });
      const raw = await bossDrain(admin, bossSchema, replicas, rawQueue, n, 1, null);
      drains.push({
        ...raw,
        label: `pg-boss: ${REPLICAS} replicas, fetch/complete 1, no-op job`,
        enqueueMs: rawEnqueueMs,
        note: '',
      });
      console.log(`pg-boss, no-op jobs: ${int(n / (raw.drainMs / 1000))} jobs/s, ${raw.onceDetail}`);

      // The jobs point at queued outbox entries; the replicas in this process share its store (three stores
      // here would add two change feeds reading every write on the same two cores, which replicas on their
      // own machines do not).
      const appStore = await openStore(withSchema(`${prefix}_app_${n}`), { log: () => {} });
      stores.push(appStore);
      const now = new Date();
      await seedOutbox(appStore, run, n, new Date(now.getTime() - 60_000));
      const lockedQueue = `locked-${n}`;
      const lockedEnqueueMs = await sendJobs(replicas[0]!, lockedQueue, run, n, { name: lockedQueue });
      let claimed = 0;
      const locked = await bossDrain(admin, bossSchema, replicas, lockedQueue, n, BATCH, async (jobs) => {
        for (const job of jobs) {
          if (await claimAndSend(appStore, job.data.outboxId, job.data.contactId, now)) claimed++;
        }
      });
      const sentOnce = (await appStore.outbox.list({ status: 'sent' })).filter((e) => e.attempts === 2).length;
      drains.push({
        ...locked,
        once: locked.once && claimed === n && sentOnce === n,
        onceDetail: `${locked.onceDetail}; outbox: ${claimed} claimed, ${sentOnce} sent once`,
        label: `pg-boss: ${REPLICAS} replicas, fetch/complete ${BATCH}, our lock + claim per job`,
        enqueueMs: lockedEnqueueMs,
        note: '',
      });
      console.log(
        `pg-boss, our claim per job: ${int(n / (locked.drainMs / 1000))} jobs/s, ${drains.at(-1)!.onceDetail}`,
      );

      if (n === sizes[0]) {
        const workQueue = `work-${n}`;
        const workEnqueueMs = await sendJobs(replicas[0]!, workQueue, run, n, { name: workQueue });
        const work = await bossWork(admin, bossSchema, replicas, workQueue, n);
        drains.push({
          ...work,
          label: `pg-boss: ${REPLICAS} replicas, work() batch ${WORK_BATCH}, polling 2 s, no-op job`,
          enqueueMs: workEnqueueMs,
          note: `capped at ${REPLICAS} × ${WORK_BATCH} jobs per ${BOSS_POLL_MS / 1000} s poll`,
        });
        console.log(`pg-boss work(): ${int(n / (work.drainMs / 1000))} jobs/s, ${work.onceDetail}`);
      }
    }

    console.log(`\n--- idle and failover (${load()}) ---`);
    const idle = await bossIdle(replicas, 'idle', idleWindowMs, pickupTrials);
    console.log(
      `pg-boss idle: ${idle.queries} queries in ${(idle.windowMs / 1000).toFixed(1)} s on ${REPLICAS} replicas`,
    );
    const oursFail = await oursFailover(failoverStore!, withSchema(`${prefix}_ours_${sizes[0]}`), failoverTrials);
    console.log(`ours failover: ${oursFail.map((d) => seconds(d)).join(', ')}`);
    const bossFail = await bossFailover(bossSchema, failoverTrials);
    console.log(`pg-boss failover: ${bossFail.map((d) => seconds(d)).join(', ')}`);
    const relations = await admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1',
      [bossSchema],
    );
    const queues = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${bossSchema}".queue`);
    report({
      sizes,
      drains,
      idles,
      finds,
      enqueues,
      idle,
      oursFail,
      bossFail,
      relations: relations.rows[0]!.n,
      queues: queues.rows[0]!.n,
    });
    if (bossErrors.length) console.log(`pg-boss reported ${bossErrors.length} errors, e.g. ${bossErrors[0]}`);
  } finally {
    for (const boss of replicas) await boss.stop({ graceful: false }).catch(() => undefined);
    for (const store of stores) await store.close().catch(() => undefined);
    const schemas = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [
      `${prefix}%`,
    ]);
    for (const { nspname } of schemas.rows) await admin.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
    await admin.end();
  }
}

/** The installed pg-boss (it has no "exports" map, so its package.json can be required). */
function bossVersion(): string {
  return (createRequire(import.meta.url)('pg-boss/package.json') as { version: string }).version;
}

interface Figures {
  sizes: number[];
  drains: Drain[];
  idles: IdleTicks[];
  finds: Map<number, number>;
  enqueues: Array<{ n: number; ours: number; boss: number }>;
  idle: BossIdle;
  oursFail: number[];
  bossFail: number[];
  relations: number;
  queues: number;
}

function report(f: Figures): void {
  const rate = (d: Drain) => d.n / (d.drainMs / 1000);
  console.log(`\n=== outbox claims vs pg-boss 10.4 (${load()}) ===`);
  printTable(
    ['drain of N due items', 'N', 'drain s', 'items/s', 'claim→done p50', 'p99', 'wait p50', 'wait p99', 'once'],
    f.drains.map((d) => [
      d.label,
      d.n.toLocaleString('en'),
      (d.drainMs / 1000).toFixed(2),
      int(rate(d)),
      ms(pct(d.perItem, 50)),
      ms(pct(d.perItem, 99)),
      seconds(pct(d.wait, 50)),
      seconds(pct(d.wait, 99)),
      d.once ? 'yes' : 'NO',
    ]),
  );
  console.log(
    'claim→done (ms): ours from asking for the contact lock to the entry marked sent; pg-boss from the fetch to ' +
      'the complete of the batch holding the job. wait: from the start of the drain (N already due) to the ' +
      `item's claim. Ours finds the due entries first (list + filter: ` +
      `${[...f.finds].map(([n, t]) => `${ms(t)} ms at ${n.toLocaleString('en')}`).join(', ')}). ` +
      f.drains
        .filter((d) => d.note && !d.label.startsWith('ours'))
        .map((d) => `work(): ${d.note}.`)
        .join(' '),
  );
  for (const d of f.drains.filter((x) => !x.once)) console.log(`NOT exactly once: ${d.label}: ${d.onceDetail}`);

  const perMin = 60_000 / OUTBOX_INTERVAL_MS;
  const windowMin = f.idle.windowMs / 60_000;
  const bossPerMin = f.idle.queries / windowMin;
  const bossMsPerMin = f.idle.queryMs / windowMin;
  const idleRows = f.idles.map((i) => [
    `ours: idle tick, ${i.label}`,
    `${ms(pct(i.ms, 50))} ms (p99 ${ms(pct(i.ms, 99))}), ${i.queries.toFixed(1)} queries, ` +
      `${i.n.toLocaleString('en')} rows read`,
    `${int(perMin * pct(i.ms, 50))} ms/min, ${int(perMin * i.queries)} queries/min (one tick per ` +
      `${OUTBOX_INTERVAL_MS / 1000} s)`,
  ]);
  printTable(
    ['idle, pickup, failover', 'measured', 'at the defaults'],
    [
      ...idleRows,
      [
        `pg-boss: ${REPLICAS} idle replicas, one worker each`,
        `${f.idle.queries} queries in ${(f.idle.windowMs / 1000).toFixed(0)} s, ` +
          `${ms(f.idle.queryMs / Math.max(1, f.idle.queries))} ms each`,
        `${int(bossMsPerMin)} ms/min, ${int(bossPerMin)} queries/min, 0 rows read`,
      ],
      [
        'ours: a new due entry picked up',
        'not measured (the tick interval)',
        `at the next tick: ≤ ${OUTBOX_INTERVAL_MS / 1000} s`,
      ],
      [
        'pg-boss: a new job picked up by idle workers',
        `p50 ${seconds(pct(f.idle.pickup, 50))}, max ${seconds(f.idle.pickup.at(-1) ?? NaN)} ` +
          `(${f.idle.pickup.length} jobs)`,
        `≤ ${BOSS_POLL_MS / 1000} s (polling)`,
      ],
      [
        'ours: leader SIGKILLed → another replica leads',
        `p50 ${seconds(pct(f.oursFail, 50))}, max ${seconds(f.oursFail.at(-1) ?? NaN)} (${f.oursFail.length} kills)`,
        `≤ ${DEFAULT_LEADER_RETRY_MS / 1000} s (leadership retry)`,
      ],
      [
        `pg-boss: worker SIGKILLed holding a job → retried (expireIn ${FAILOVER_EXPIRE_S} s, ` +
          `maintenance ${FAILOVER_MAINTENANCE_S} s)`,
        `p50 ${seconds(pct(f.bossFail, 50))}, max ${seconds(f.bossFail.at(-1) ?? NaN)} ` +
          `(${f.bossFail.length} kills)`,
        `${BOSS_DEFAULT_EXPIRE_S / 60} min + ≤ ${BOSS_DEFAULT_MAINTENANCE_S / 60} min + ≤ ${BOSS_POLL_MS / 1000} s ` +
          '(expireIn + maintenance + polling)',
      ],
      ...f.enqueues.map((e) => [
        `enqueue ${e.n.toLocaleString('en')} (${IN_FLIGHT} in flight)`,
        `ours ${int(e.n / (e.ours / 1000))}/s (outbox.put); pg-boss ${int(e.n / (e.boss / 1000))}/s (send)`,
        '',
      ]),
      [
        'schema added',
        `ours: none (the outbox is a keyv namespace); pg-boss: ${f.relations} relations for ${f.queues} queues`,
        '',
      ],
    ],
  );

  // The comparison, from the figures above.
  const largest = Math.max(...f.sizes);
  const at = (prefix: string) => f.drains.find((d) => d.n === largest && d.label.startsWith(prefix));
  const ours = at('ours')!;
  const raw = at(`pg-boss: ${REPLICAS} replicas, fetch/complete 1`)!;
  const locked = at(`pg-boss: ${REPLICAS} replicas, fetch/complete ${BATCH}`)!;
  const idleLargest = f.idles.find((i) => i.n === largest && i.label.includes('not due'))!;
  const needed = PER_DAY / 86_400;
  const dayOurs = PER_DAY / rate(ours);
  const dayLocked = PER_DAY / rate(locked);
  const oursIdleMsPerMin = perMin * pct(idleLargest.ms, 50);
  const failOurs = pct(f.oursFail, 50);
  const failBoss = pct(f.bossFail, 50);
  const ratio = (a: number, b: number) => (a >= b ? `${(a / b).toFixed(1)}×` : `${(b / a).toFixed(1)}× less than`);
  console.log(`\n=== at N = ${largest.toLocaleString('en')} ===`);
  console.log(
    `drain: ours ${int(rate(ours))}/s on one leader; pg-boss ${int(rate(raw))}/s ` +
      `(no-op jobs, ${ratio(rate(raw), rate(ours))} ours), ` +
      `${int(rate(locked))}/s with our lock + claim per job (${ratio(rate(locked), rate(ours))} ours).`,
  );
  console.log(
    `volume: ${PER_DAY.toLocaleString('en')} follow-ups/day is ${needed.toFixed(2)}/s; all of them retried at once ` +
      `take ${dayOurs.toFixed(0)} s of the leader's time (ours) vs ${dayLocked.toFixed(0)} s (pg-boss, ${REPLICAS} ` +
      `replicas): ours has ${int(rate(ours) / needed)}× the need.`,
  );
  console.log(
    `idle: ours ${int(oursIdleMsPerMin)} ms/min reading ${largest.toLocaleString('en')} rows ` +
      `(grows with the outbox) vs pg-boss ${int(bossMsPerMin)} ms/min in ${int(bossPerMin)} queries (flat).`,
  );
  console.log(
    `failover: ours ${seconds(failOurs)} (p50) vs pg-boss ${seconds(failBoss)} at expireIn ${FAILOVER_EXPIRE_S} s, ` +
      `${BOSS_DEFAULT_EXPIRE_S / 60}–${(BOSS_DEFAULT_EXPIRE_S + BOSS_DEFAULT_MAINTENANCE_S) / 60} min at its ` +
      `defaults; ours ${DEFAULT_LEADER_RETRY_MS / 1000} s at most.`,
  );
  const wins = [
    `drain: ${rate(locked) > rate(ours) ? 'pg-boss' : 'ours'}`,
    `idle cost: ${bossMsPerMin < oursIdleMsPerMin ? 'pg-boss' : 'ours'}`,
    `failover: ${failOurs < failBoss ? 'ours' : 'pg-boss'}`,
  ];
  console.log(`comparison (better): ${wins.join('; ')}.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]?.startsWith(CHILD_FLAG)) {
  await child(process.argv.slice(2));
}
