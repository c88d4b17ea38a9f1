/**
 * Slack under load: 20 agents issue `/followup <query>` at once over 100k stored contacts (`--contacts=N`
 * for another size: issue 12 measures 1M); latency from the signed slash command to the view with results
 * reaching the (fake) Slack API, next to a bare Bolt app that only opens an empty modal, measured in the
 * same run on the same machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildProcess, spawn } from 'node:child_process';
import { openStore } from '../src/store/index.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { signedSlackRequest, slashCommand } from '../test/support/signed-request.js';
import { person } from './search.bench.js';

const SECRET = 'bench-secret';
const AGENTS = Number(process.env.BENCH_AGENTS ?? 20);
/** Trigger ids are unique across every burst, so a waiter never matches another app's call. */
let n = 0;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** Fires `rounds` bursts of 20 concurrent commands; each latency ends when `done(trigger)` resolves. */
async function load(
  base: string,
  queries: string[],
  rounds: number,
  done: (trigger: string) => Promise<unknown>,
): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    await Promise.all(
      Array.from({ length: AGENTS }, async (_, a) => {
        const trigger = `bench-trigger-${++n}`;
        const body = slashCommand({
          text: queries[(r * AGENTS + a) % queries.length]!,
          user_id: `UAGENT${String(a).padStart(3, '0')}`,
          trigger_id: trigger,
        });
        const t0 = performance.now();
        const res = await signedSlackRequest(base, SECRET, 'command', body);
        await res.text();
        await done(trigger);
        out.push(performance.now() - t0);
      }),
    );
  }
  return out;
}

/** Starts a compiled app in its own process (as it runs in production) and waits for its port. */
async function startProcess(
  script: string,
  env: Record<string, string>,
): Promise<{ base: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_CHILD_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CHILD_PROF}`] : []), script],
    { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 120_000;
  while (!/listening on port (\d+)/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${script} did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = /listening on port (\d+)/.exec(out)![1];
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function main(flags: string[]): Promise<void> {
  const quick = flags.includes('--quick');
  const sizeFlag = flags.find((f) => f.startsWith('--contacts='));
  const contacts = sizeFlag ? Number(sizeFlag.slice('--contacts='.length)) : quick ? 20_000 : 100_000;
  const rounds = quick ? 5 : 15;
  const dir = mkdtempSync(join(tmpdir(), 'followup-slack-bench-'));
  const fake = await startFakeSlack();
  try {
    const storeUrl = `sqlite://${join(dir, 'bench.sqlite')}`;
    const t0 = performance.now();
    const store = await openStore(storeUrl);
    // Generated batch by batch: a million people at once would not fit beside the store's writes.
    for (let i = 0; i < contacts; i += 5000) {
      const batch = Array.from({ length: Math.min(5000, contacts - i) }, (_, k) => person(i + k).contact);
      await store.contacts.putMany(
        batch.map((c) => ({ ...c, assignee: `UAGENT${String(i % AGENTS).padStart(3, '0')}` })),
      );
    }
    const people = Array.from({ length: 400 }, (_, i) => person(i));
    await store.close();
    console.log(
      `store: ${contacts.toLocaleString('en')} contacts written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Queries an agent would type: names without accents, email prefixes, @domains, last phone digits.
    const queries = people.slice(0, 400).map((p, i) => {
      switch (i % 4) {
        case 0:
          return p.plainName.split(' ').slice(-1)[0]!;
        case 1:
          return p.contact.email.split('@')[0]!.slice(0, 5);
        case 2:
          return `@${p.contact.email.split('@')[1]}`;
        default:
          return p.phone[1].slice(-6);
      }
    });

    // Both apps run in their own process, as in production; the fake Slack and the agents run here.
    const here = new URL('.', import.meta.url).pathname;
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.url,
      STORE_URL: storeUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
    };
    const t1 = performance.now();
    const followup = await startProcess(join(here, '..', 'src', 'main.js'), env);
    console.log(`followup: started (store loaded and indexed) in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    const bare = await startProcess(join(here, 'bare-bolt-app.js'), env);
    // The same bare app carrying a static view as large as a page of results (measured below).
    const sized = await startProcess(join(here, 'bare-bolt-app.js'), { ...env, BARE_VIEW_BYTES: '9500' });
    const followupBase = followup.base;
    const bareBase = bare.base;
    const viewWithResults = async (trigger: string) => {
      const opened = await fake.waitFor('views.open', (a) => a.trigger_id === trigger, 30_000);
      // Results fast enough open in one call; otherwise a loading view comes first and views.update follows.
      if (opened.view?.callback_id === 'followup_search') return;
      const call = fake.calls.find((c) => c.method === 'views.open' && c.args.trigger_id === trigger)!;
      // The fake records a call before it answers; the view id is known once it has.
      while (!call.result) await new Promise((r) => setImmediate(r));
      const viewId = call.result.view?.id;
      await fake.waitFor('views.update', (a) => a.view_id === viewId, 30_000);
    };
    const emptyModal = (trigger: string) => fake.waitFor('views.open', (a) => a.trigger_id === trigger, 30_000);

    // Warm both up, then alternate rounds so both see the same machine load.
    // JIT warm-up: a few bursts each, not measured.
    for (let w = 0; w < 3; w++) {
      await load(bareBase, queries.slice(w * AGENTS), 1, emptyModal);
      await load(sized.base, queries.slice(w * AGENTS), 1, emptyModal);
      await load(followupBase, queries.slice(w * AGENTS), 1, viewWithResults);
    }
    fake.reset();
    const bareMs: number[] = [];
    const sizedMs: number[] = [];
    const ourMs: number[] = [];
    let viewBytes = 0;
    for (let r = 0; r < rounds; r++) {
      bareMs.push(...(await load(bareBase, queries.slice(r * AGENTS), 1, emptyModal)));
      sizedMs.push(...(await load(sized.base, queries.slice(r * AGENTS), 1, emptyModal)));
      ourMs.push(...(await load(followupBase, queries.slice(r * AGENTS), 1, viewWithResults)));
      const views = fake.calls
        .filter((c) => c.args.view?.callback_id === 'followup_search')
        .map((c) => JSON.stringify(c.args.view).length);
      viewBytes = Math.max(viewBytes, views.length ? Math.round(views.reduce((a, b) => a + b, 0) / views.length) : 0);
      fake.reset();
    }
    await bare.stop();
    await sized.stop();
    await followup.stop();

    const row = (name: string, xs: number[]) =>
      [
        name.padEnd(44),
        ...[50, 95, 99].map((p) => pct(xs, p).toFixed(1).padStart(8)),
        String(xs.length).padStart(6),
      ].join(' ');
    console.log(`\n${AGENTS} agents at once, ${rounds} rounds, ${contacts.toLocaleString('en')} contacts (ms)`);
    console.log(`${''.padEnd(44)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'n'.padStart(6)}`);
    console.log(row('bare Bolt app: command → empty modal', bareMs));
    console.log(row('bare Bolt app: command → ~9.5 kB static view', sizedMs));
    console.log(row('Followup: command → view with results', ourMs));
    console.log(`Followup's result views averaged ${viewBytes.toLocaleString('en')} characters of JSON.`);
    console.log(
      `p95 ratio Followup / bare empty modal: ${(pct(ourMs, 95) / pct(bareMs, 95)).toFixed(2)}× (target ≤ 1.25×)`,
    );
    console.log(
      `p95 ratio Followup / bare same-size view: ${(pct(ourMs, 95) / pct(sizedMs, 95)).toFixed(2)}× ` +
        "(Followup's own work: search, render, wiring)",
    );
    console.log(`p99 ${pct(ourMs, 99).toFixed(0)} ms (target far below 3000)`);
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
