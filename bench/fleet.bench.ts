/**
 * `npm run bench fleet [--quick] [--contacts=N] [--cold-start]` (issue 10): the fleet on PostgreSQL next to SQLite,
 * in one run, at 1M contacts (`--quick`: 100k). Every server is the compiled app in its own process, as in
 * production, against a fake Slack on 127.0.0.1; the agents, the ingest client and the fake run here.
 * `--cold-start`: only the cold start, twice per store, on a store written directly whose schedule a first
 * server armed (what a restart meets), with the process's peak RSS.
 * - ingest: every contact's events (contact.upserted, then message.received per channel with an inbound) as
 *   NDJSON batches to `POST /api/events` of one server per store: events/s (goal ≥ 10,000);
 * - cold start: process start to the first `/followup` answered with results, per store (goal ≤ 15 s);
 * - search p50/p95/p99 per query kind (search.bench's kinds) on the index a server loaded from each store
 *   (goal p95 ≤ 5 ms), and whether both indexes give the same answers;
 * - cross-replica visibility: a contact ingested through replica A, until `/followup <its name>` on replica B
 *   shows it (there is no lighter search probe), p50/p99 over ≥ 200 trials;
 * - `/followup` with 20 agents at once against one replica vs three (round-robin), p50/p95/p99.
 * PostgreSQL: FOLLOWUP_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), in a schema
 * `bench_<random>` dropped at the end. Nothing here asserts a number; the load average is printed beside each.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import pg from 'pg';
import type { Contact } from '../src/contacts/model.js';
import { mulberry32 } from '../src/demo/demo-events.js';
import { startFollowup } from '../src/server.js';
import { openStore, postgresProblem } from '../src/store/index.js';
import { type CallArgs, type FakeSlack, startFakeSlack } from '../test/support/fake-slack.js';
import { KINDS, type Kind, person, queryText } from './search.bench.js';
import {
  type AppProcess,
  coldStart,
  followupView,
  loadAverage,
  percentile,
  printTable,
  sortedCopy,
  spawnApp,
} from './support.js';

const SECRET = 'bench-secret';
const INGEST_TOKEN = 'bench-ingest-token-0123456789';
const AGENT = 'UAGENT000';
const AGENTS = 20;
const TARGET = { eventsPerS: 10_000, coldStartS: 15, searchP95Ms: 5 };
const POSTGRES_URL = process.env.FOLLOWUP_BENCH_POSTGRES_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
/** Contacts per ingest request (about 1.8 events each), and requests in flight at once. */
const INGEST_BATCH = 1_000;
const INGEST_IN_FLIGHT = 4;
const QUERIES_PER_KIND = 300;
const VISIBILITY_TRIALS = 200;
/** The synthetic population lives around search.bench's instant; shifted so its windows are live today. */
const POPULATION_NOW = Date.parse('2025-03-10T12:00:00.000Z');
const SERVER = join(new URL('.', import.meta.url).pathname, '..', 'src', 'main.js');

const load = loadAverage;
const pct = percentile;
const ms = (x: number) => (Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(1));

// ---------- servers ----------

type Replica = AppProcess;

/** The compiled app in its own process; resolves once it listens. */
const spawnServer = (env: Record<string, string>): Promise<Replica> =>
  spawnApp(SERVER, env, { nodeArgs: ['--max-old-space-size=4096'] });

/** `/followup <text>` as `user` on a replica; resolves with the search view that has results. */
const followup = (fake: FakeSlack, base: string, text: string, user = AGENT): Promise<CallArgs> =>
  followupView(fake, base, SECRET, text, user);

/** A server's first start (it arms the notification schedule once it leads), until its leader's work runs. */
async function armSchedule(env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const server = await spawnServer(env);
  try {
    while (!/This replica leads/.test(server.output())) {
      if (server.child.exitCode !== null || performance.now() - t0 > 30 * 60_000) {
        throw new Error(`the first server never led: ${server.output()}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await server.stop();
  }
  return (performance.now() - t0) / 1000;
}

/** `--cold-start`: one cold start (coldStart), the server stopped after. */
async function coldStartOnly(fake: FakeSlack, env: Record<string, string>, label: string): Promise<number> {
  const { app, seconds } = await coldStart(fake, () => spawnServer(env), { secret: SECRET, user: AGENT }, label);
  await app.stop();
  fake.reset();
  return seconds;
}

// ---------- ingest ----------

const shiftIso = (iso: string, shiftMs: number) => new Date(Date.parse(iso) + shiftMs).toISOString();

/** Contacts [0, n) written straight into the store (as an import would), times shifted by `shiftMs`. */
async function bulkFill(url: string, n: number, shiftMs: number): Promise<number> {
  const t0 = performance.now();
  const store = await openStore(url);
  try {
    for (let i = 0; i < n; i += 5_000) {
      const batch: Contact[] = [];
      for (let k = i; k < Math.min(n, i + 5_000); k++) {
        const c = person(k).contact;
        batch.push({
          ...c,
          statusChangedAt: shiftIso(c.statusChangedAt, shiftMs),
          lastActivityAt: shiftIso(c.lastActivityAt, shiftMs),
          createdAt: shiftIso(c.createdAt, shiftMs),
          updatedAt: shiftIso(c.updatedAt, shiftMs),
          channels: c.channels.map((ch) => ({
            ...ch,
            lastInboundAt: ch.lastInboundAt === null ? null : shiftIso(ch.lastInboundAt, shiftMs),
          })),
        });
      }
      await store.contacts.putMany(batch);
    }
  } finally {
    await store.close();
  }
  return (performance.now() - t0) / 1000;
}

/** Contact i's events, its times shifted by `shiftMs`. */
function eventsOf(i: number, shiftMs: number): object[] {
  const c = person(i).contact;
  const at = (iso: string) => shiftIso(iso, shiftMs);
  const events: object[] = [
    {
      id: `up-${c.id}`,
      type: 'contact.upserted',
      at: at(c.createdAt),
      contact: {
        id: c.id,
        firstName: c.firstName,
        lastName: c.lastName,
        email: c.email,
        phone: c.phone,
        language: c.language,
        status: c.status,
        assignee: c.assignee,
        channels: c.channels.map((ch) => ({ type: ch.type })),
      },
    },
  ];
  c.channels.forEach((ch, k) => {
    if (ch.lastInboundAt)
      events.push({
        id: `in-${c.id}-${k}`,
        type: 'message.received',
        at: at(ch.lastInboundAt),
        contactId: c.id,
        channel: ch.type,
      });
  });
  return events;
}

async function postEvents(base: string, lines: string): Promise<{ accepted: number; rejected: string[] }> {
  const res = await fetch(`${base}/api/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/x-ndjson' },
    body: lines,
  });
  const body = (await res.json()) as { accepted?: number; results?: Array<{ status: string; reason?: string }> };
  if (res.status !== 200)
    throw new Error(`POST /api/events answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  const rejected = (body.results ?? []).filter((r) => r.status === 'rejected').map((r) => r.reason ?? '?');
  return { accepted: body.accepted ?? 0, rejected };
}

/** Contacts [from, n)'s events through one server's ingest endpoint; events per second of wall time. */
async function ingestAll(
  base: string,
  from: number,
  n: number,
  shiftMs: number,
): Promise<{ events: number; seconds: number }> {
  let next = from;
  let events = 0;
  const t0 = performance.now();
  const sender = async () => {
    while (next < n) {
      const first = next;
      next = Math.min(n, next + INGEST_BATCH);
      const batch: string[] = [];
      for (let i = first; i < next; i++) for (const e of eventsOf(i, shiftMs)) batch.push(JSON.stringify(e));
      const { accepted, rejected } = await postEvents(base, batch.join('\n'));
      if (rejected.length) throw new Error(`${rejected.length} events rejected, e.g. ${rejected[0]}`);
      events += accepted;
    }
  };
  await Promise.all(Array.from({ length: INGEST_IN_FLIGHT }, sender));
  return { events, seconds: (performance.now() - t0) / 1000 };
}

// ---------- search on a server's index ----------

interface KindFigures {
  sorted: number[];
  hits: number;
  /** Per query: total and ids, to compare the two stores' answers. */
  answers: string[];
}

/** A server in this process over `storeUrl`, so its own index can be timed; query kinds as search.bench's. */
async function indexSearch(
  env: Record<string, string>,
  n: number,
): Promise<{ loadS: number; kinds: Map<Kind, KindFigures> }> {
  const t0 = performance.now();
  const app = await startFollowup({ env, logLevel: LogLevel.ERROR });
  const loadS = (performance.now() - t0) / 1000;
  // Let the leader's start (notification schedule) finish first: stopping in the middle of it would leave
  // the notifier ticking on a closed store.
  await app.workersSettled();
  const kinds = new Map<Kind, KindFigures>();
  try {
    const r = mulberry32(0x5eed ^ n);
    const now = new Date();
    for (const kind of KINDS) {
      const queries = Array.from({ length: QUERIES_PER_KIND }, (_, k) => ({
        text: queryText(kind, Math.floor(r() * n), r),
        inbox: 'all' as const,
        status: k % 2 === 0 ? ('any' as const) : ('closed' as const),
        limit: 20,
      }));
      for (const q of queries.slice(0, 10)) app.index.search(q, now); // warm-up
      const times: number[] = [];
      const answers: string[] = [];
      let hits = 0;
      for (const q of queries) {
        const t = performance.now();
        const res = app.index.search(q, now);
        times.push(performance.now() - t);
        hits += res.total;
        answers.push(`${res.total}:${res.ids.join(',')}`);
      }
      kinds.set(kind, { sorted: sortedCopy(times), hits: hits / queries.length, answers });
    }
  } finally {
    await app.stop();
  }
  return { loadS, kinds };
}

// ---------- /followup under load ----------

/** `rounds` bursts of 20 agents at once; request k of a burst goes to replica k mod replicas. */
async function burst(fake: FakeSlack, replicas: Replica[], queries: string[], round: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: AGENTS }, async (_, a) => {
      const k = round * AGENTS + a;
      const t0 = performance.now();
      await followup(
        fake,
        replicas[k % replicas.length]!.base,
        queries[k % queries.length]!,
        `UAGENT${String(a).padStart(3, '0')}`,
      );
      return performance.now() - t0;
    }),
  );
}

// ---------- the run ----------

interface StoreFigures {
  label: string;
  ingest: { events: number; seconds: number };
  bulkS: number;
  coldStartS: number;
  listeningS: number;
  search: { loadS: number; kinds: Map<Kind, KindFigures> };
  oneReplica: number[];
}

/** a, b, …, z, ba, …: name tokens without digits, padded so that none is a prefix of another. */
function letters(i: number): string {
  let out = '';
  do {
    out = String.fromCharCode(97 + (i % 26)) + out;
    i = Math.floor(i / 26);
  } while (i > 0);
  return out.padStart(4, 'a');
}

export async function main(flags: string[]): Promise<void> {
  const quick = flags.includes('--quick');
  const sizeFlag = flags.find((f) => f.startsWith('--contacts='));
  const n = sizeFlag ? Number(sizeFlag.slice('--contacts='.length)) : quick ? 100_000 : 1_000_000;
  const rounds = quick ? 5 : 15;
  const ingestFlag = flags.find((f) => f.startsWith('--ingest='));
  // Through the API: the last contacts, into a store that already holds the others (an HTTP ingest of 1M
  // contacts' 2.2M events would take most of the run); `--ingest=N` for another share.
  const ingested = Math.min(n, ingestFlag ? Number(ingestFlag.slice('--ingest='.length)) : 100_000);
  const shiftMs = Date.now() - POPULATION_NOW;
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const pgUrl = new URL(POSTGRES_URL);
  pgUrl.searchParams.set('schema', schema);
  const problem = await postgresProblem(POSTGRES_URL);
  if (problem) {
    console.log(
      `Skipped: PostgreSQL at ${POSTGRES_URL} cannot be reached (${problem}); start it, or set ` +
        'FOLLOWUP_BENCH_POSTGRES_URL=postgres://USER@HOST:PORT/DB.',
    );
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'followup-fleet-bench-'));
  const fake = await startFakeSlack();
  const running: Replica[] = [];
  const started = async (env: Record<string, string>) => {
    const replica = await spawnServer(env);
    running.push(replica);
    return replica;
  };
  const stopAll = async () => {
    for (const r of running.splice(0)) await r.stop();
  };
  const r = mulberry32(0xf1ee7);
  const loadQueries = Array.from({ length: 400 }, (_, k) => queryText(KINDS[k % 7]!, Math.floor(r() * n), r));
  console.log(
    `fleet benchmark at ${n.toLocaleString('en')} contacts ` +
      `(node ${process.version}, ${cpus().length} CPUs, ${load()}); ` +
      `PostgreSQL schema ${schema}`,
  );
  const figures: StoreFigures[] = [];
  const coldOnly = flags.includes('--cold-start');
  const coldStarts: string[] = [];
  try {
    const stores = [
      { label: 'SQLite', url: `sqlite://${join(dir, 'fleet.sqlite')}` },
      { label: 'PostgreSQL', url: pgUrl.toString() },
    ];
    let visibility: { fromSend: number[]; fromAck: number[]; probe: number[] } | null = null;
    const threeReplicas: number[] = [];
    let oneOfThree: number[] = [];
    for (const store of stores) {
      const env = {
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.url,
        STORE_URL: store.url,
        PORT: '0',
        INGEST_TOKEN,
        NOTIFY_CHANNEL: 'CBENCH',
        LOG_LEVEL: 'info',
      };
      console.log(`\n--- ${store.label} (${load()}) ---`);
      if (coldOnly) {
        const written = await bulkFill(store.url, n, shiftMs);
        console.log(`store: ${n.toLocaleString('en')} contacts written directly in ${written.toFixed(1)} s`);
        console.log(
          `first start (arms the schedule) until its leader's work runs: ${(await armSchedule(env)).toFixed(1)} s`,
        );
        const times: number[] = [];
        for (let k = 1; k <= 2; k++) times.push(await coldStartOnly(fake, env, `cold start ${k}`));
        coldStarts.push(`${store.label} ${times.map((t) => t.toFixed(1)).join(' / ')} s`);
        continue;
      }
      const bulkS = await bulkFill(store.url, n - ingested, shiftMs);
      console.log(`store: ${(n - ingested).toLocaleString('en')} contacts written directly in ${bulkS.toFixed(1)} s`);
      const writer = await started(env);
      const ingest = await ingestAll(writer.base, n - ingested, n, shiftMs);
      console.log(
        `ingest: ${ingested.toLocaleString('en')} contacts' ${ingest.events.toLocaleString('en')} events ` +
          `in ${ingest.seconds.toFixed(1)} s = ` +
          `${Math.round(ingest.events / ingest.seconds).toLocaleString('en')} events/s (${load()})`,
      );
      await stopAll();

      const search = await indexSearch(env, n);
      console.log(`search: a server in this process loaded its index in ${search.loadS.toFixed(1)} s (${load()})`);
      fake.reset();

      const slack = { secret: SECRET, user: AGENT };
      const { app: a, seconds: coldStartS } = await coldStart(fake, () => started(env), slack, 'cold start');
      fake.reset();

      // JIT warm-up: a few bursts, not measured.
      for (let w = 0; w < 3; w++) await burst(fake, [a], loadQueries, 100 + w);
      fake.reset();

      if (store.label === 'PostgreSQL') {
        const b = await started(env);
        console.log(`replica B listening after ${b.listeningS.toFixed(1)} s`);
        visibility = await crossReplica(fake, a, b, VISIBILITY_TRIALS);
        const c = await started(env);
        for (let w = 0; w < 3; w++) await burst(fake, [a, b, c], loadQueries, 200 + w);
        fake.reset();
        // Alternate one and three replicas round by round so both see the same machine load.
        const one: number[] = [];
        for (let round = 0; round < rounds; round++) {
          one.push(...(await burst(fake, [a], loadQueries, round)));
          fake.reset();
          threeReplicas.push(...(await burst(fake, [a, b, c], loadQueries, round)));
          fake.reset();
        }
        oneOfThree = one;
      } else {
        const one: number[] = [];
        for (let round = 0; round < rounds; round++) {
          one.push(...(await burst(fake, [a], loadQueries, round)));
          fake.reset();
        }
        oneOfThree = one;
      }
      figures.push({
        label: store.label,
        ingest,
        bulkS,
        coldStartS,
        listeningS: a.listeningS,
        search,
        oneReplica: oneOfThree,
      });
      await stopAll();
    }
    if (coldOnly) {
      console.log(
        `\n=== cold start at ${n.toLocaleString('en')} contacts, goal ≤ ${TARGET.coldStartS} s: ` +
          `${coldStarts.join('; ')} (${load()}) ===`,
      );
      return;
    }
    report(n, ingested, rounds, figures, visibility!, threeReplicas);
  } finally {
    await stopAll();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

/** A contact ingested through A, until `/followup <its name>` on B lists it; from the send and from A's answer. */
async function crossReplica(
  fake: FakeSlack,
  a: Replica,
  b: Replica,
  trials: number,
): Promise<{ fromSend: number[]; fromAck: number[]; probe: number[] }> {
  const fromSend: number[] = [];
  const fromAck: number[] = [];
  const probe: number[] = [];
  const run = randomBytes(3).toString('hex');
  for (let i = 0; i < trials; i++) {
    const id = `vis-${run}-${String(i).padStart(5, '0')}`;
    const name = `Probe${letters(i)}`;
    const event = {
      id: `up-${id}`,
      type: 'contact.upserted',
      at: new Date().toISOString(),
      contact: {
        id,
        firstName: 'Fleet',
        lastName: name,
        status: 'closed',
        assignee: AGENT,
        channels: [{ type: 'sms' }],
      },
    };
    const sent = performance.now();
    const { accepted } = await postEvents(a.base, JSON.stringify(event));
    if (accepted !== 1) throw new Error(`replica A did not accept ${id}`);
    const acked = performance.now();
    for (;;) {
      const p0 = performance.now();
      const view = await followup(fake, b.base, name);
      probe.push(performance.now() - p0);
      if (JSON.stringify(view).includes(id)) break;
      if (performance.now() - acked > 30_000) throw new Error(`${id} never showed on replica B`);
    }
    fromSend.push(performance.now() - sent);
    fromAck.push(performance.now() - acked);
    if (i % 20 === 19) fake.reset();
  }
  fake.reset();
  return { fromSend: sortedCopy(fromSend), fromAck: sortedCopy(fromAck), probe: sortedCopy(probe) };
}

function report(
  n: number,
  ingested: number,
  rounds: number,
  figures: StoreFigures[],
  visibility: { fromSend: number[]; fromAck: number[]; probe: number[] },
  three: number[],
): void {
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const [sqlite, postgres] = figures as [StoreFigures, StoreFigures];
  console.log(`\n=== fleet at ${n.toLocaleString('en')} contacts (${load()}) ===`);
  printTable(
    ['', 'SQLite', 'PostgreSQL', 'goal'],
    [
      [
        'ingest, events/s',
        ...figures.map((f) => Math.round(f.ingest.events / f.ingest.seconds).toLocaleString('en')),
        `≥ ${TARGET.eventsPerS.toLocaleString('en')}: ` +
          met(postgres.ingest.events / postgres.ingest.seconds >= TARGET.eventsPerS),
      ],
      [
        'cold start to serving (index + schedule), s',
        ...figures.map((f) => `${f.coldStartS.toFixed(1)} (listening ${f.listeningS.toFixed(1)})`),
        `≤ ${TARGET.coldStartS}: ${met(postgres.coldStartS <= TARGET.coldStartS)}`,
      ],
    ],
  );
  console.log(
    `ingest: the events of the last ${ingested.toLocaleString('en')} contacts ` +
      `(${sqlite.ingest.events.toLocaleString('en')}) ` +
      `into a store holding the first ${(n - ingested).toLocaleString('en')} (written directly in ` +
      `${figures.map((f) => `${f.bulkS.toFixed(0)} s`).join(' / ')}); ` +
      `${INGEST_BATCH.toLocaleString('en')} contacts' events per NDJSON request, ` +
      `${INGEST_IN_FLIGHT} requests in flight, ` +
      'one server; notifications on.',
  );

  const rows = KINDS.map((kind) => {
    const s = sqlite.search.kinds.get(kind)!;
    const p = postgres.search.kinds.get(kind)!;
    const same = s.answers.every((answer, k) => answer === p.answers[k]);
    return [
      kind,
      ...[s, p].flatMap((f) => [50, 95, 99].map((q) => ms(pct(f.sorted, q)))),
      s.hits.toFixed(0),
      same ? 'yes' : 'NO',
      met(Math.max(pct(s.sorted, 95), pct(p.sorted, 95)) <= TARGET.searchP95Ms),
    ];
  });
  printTable(
    [
      'query kind',
      'SQLite p50',
      'p95',
      'p99',
      'PostgreSQL p50',
      'p95',
      'p99',
      'hits',
      'same answers',
      `p95 ≤ ${TARGET.searchP95Ms} ms`,
    ],
    rows,
  );
  console.log(
    `search: ${QUERIES_PER_KIND} queries per kind on the index a server loaded from each store (ms); ` +
      `index loaded in ${sqlite.search.loadS.toFixed(1)} s (SQLite), ` +
      `${postgres.search.loadS.toFixed(1)} s (PostgreSQL).`,
  );

  const v = visibility;
  printTable(
    ['cross-replica visibility (ms)', 'p50', 'p99', 'max', 'trials'],
    [
      [
        'ingest request on A → found on B',
        ms(pct(v.fromSend, 50)),
        ms(pct(v.fromSend, 99)),
        ms(v.fromSend.at(-1)!),
        String(v.fromSend.length),
      ],
      [
        'A answered → found on B',
        ms(pct(v.fromAck, 50)),
        ms(pct(v.fromAck, 99)),
        ms(v.fromAck.at(-1)!),
        String(v.fromAck.length),
      ],
      [
        'one /followup probe on B',
        ms(pct(v.probe, 50)),
        ms(pct(v.probe, 99)),
        ms(v.probe.at(-1)!),
        String(v.probe.length),
      ],
    ],
  );
  console.log('found on B = a `/followup <name>` on B whose view lists the contact (probes back to back).');

  const latency = (label: string, xs: number[]) => {
    const s = sortedCopy(xs);
    return [label, ms(pct(s, 50)), ms(pct(s, 95)), ms(pct(s, 99)), String(s.length)];
  };
  printTable(
    [`/followup, ${AGENTS} agents at once (ms)`, 'p50', 'p95', 'p99', 'n'],
    [
      latency('SQLite, one server', sqlite.oneReplica),
      latency('PostgreSQL, one replica', postgres.oneReplica),
      latency('PostgreSQL, three replicas (round-robin)', three),
    ],
  );
  console.log(
    `${rounds} bursts each after 3 warm-up bursts; one and three replicas alternate burst by burst; ` +
      `command → view with results at the fake Slack. ${cpus().length} CPUs are shared by every replica, ` +
      'the agents and the fake Slack.',
  );
}
