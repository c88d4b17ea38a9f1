/**
 * What the benchmarks share: percentiles, tables, the machine's load at the time of a figure, and the compiled
 * app (or a baseline app) in its own process, as it runs in production.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { CallArgs, FakeSlack } from '../test/support/fake-slack.js';
import { signedSlackRequest, slashCommand } from '../test/support/signed-request.js';

/** The 1-, 5- and 15-minute load averages, printed beside figures (2 cores are shared by everything here). */
export const loadAverage = (): string =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

export const sortedCopy = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

/** The nearest-rank `p`-th percentile (0–100) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Prints a table: the first `left` columns left-aligned (labels), the others right-aligned (figures). */
export function printTable(header: string[], rows: string[][], left = 1): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c < left ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ');
  console.log('');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

/** A process's peak resident memory so far, MB (Linux). */
export function peakRssMb(pid: number): number {
  return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

/** CPU time a process (every thread of it) has used so far, ms (Linux: /proc/<pid>/stat utime + stime). */
export function cpuMs(pid: number): number {
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}
/** USER_HZ: 100 on every Linux the CI and development machines run. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface AppProcess {
  base: string;
  child: ChildProcess;
  /** From spawn to the "listening on port" line, seconds. */
  listeningS: number;
  /** Its output so far (the last `keepChars` characters). */
  output(): string;
  /** SIGTERM, resolved once it exited. */
  stop(): Promise<void>;
}

/**
 * Starts `script` with node in its own process (only PATH and `env` in its environment) and resolves once it
 * logs "listening on port N"; rejects with its output if it exits or is not listening by `deadlineMs`.
 */
export async function spawnApp(
  script: string,
  env: Record<string, string>,
  opts: { nodeArgs?: string[]; deadlineMs?: number; keepChars?: number } = {},
): Promise<AppProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keepChars = opts.keepChars ?? 20_000;
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-keepChars));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const deadline = t0 + (opts.deadlineMs ?? 30 * 60_000);
  let port: string | undefined;
  while (port === undefined) {
    port = /listening on port (\d+)/.exec(out)?.[1];
    if (port !== undefined) break;
    if (child.exitCode !== null || performance.now() > deadline) throw new Error(`${script} did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    listeningS: (performance.now() - t0) / 1000,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** When (performance.now()) the app's output first shows `line`; polled from the call on, until `deadline`. */
export async function whenLogged(app: AppProcess, line: RegExp, deadline: number): Promise<number> {
  while (!line.test(app.output())) {
    if (app.child.exitCode !== null || performance.now() > deadline) {
      throw new Error(`the app never logged ${line}: ${app.output()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now();
}

/**
 * The search view with results that Slack got for `trigger`, with its view id: opened with them when they were
 * fast enough, else a loading view opened first and then updated.
 */
export async function searchViewFor(fake: FakeSlack, trigger: string, timeoutMs = 60_000): Promise<CallArgs> {
  const opened = await fake.waitFor('views.open', (a) => a.trigger_id === trigger, timeoutMs);
  const call = fake.calls.find((c) => c.method === 'views.open' && c.args.trigger_id === trigger)!;
  // The fake records a call before it answers; the view id is known once it has.
  while (!call.result) await new Promise((r) => setImmediate(r));
  const id = call.result.view?.id as string;
  if (opened.view?.callback_id === 'followup_search') return { ...opened.view, id };
  const updated = await fake.waitFor('views.update', (a) => a.view_id === id, timeoutMs);
  return { ...updated.view, id };
}

let triggers = 0;

/** `/followup <text>` as `user`, signed with `secret`; resolves with the search view that has results. */
export async function followupView(
  fake: FakeSlack,
  base: string,
  secret: string,
  text: string,
  user: string,
): Promise<CallArgs> {
  const trigger = `bench-${process.pid}-${++triggers}`;
  const res = await signedSlackRequest(
    base,
    secret,
    'command',
    slashCommand({ text, user_id: user, trigger_id: trigger }),
  );
  await res.text();
  return searchViewFor(fake, trigger);
}

/**
 * A cold start of the app `start` spawns: to serving the first `/followup` with results with the index and the
 * notification schedule loaded (the leader logs "This replica leads" once it has restored its schedule, which
 * runs while the server already answers), and the peak RSS then, printed under `label`. The app is left running.
 */
export async function coldStart(
  fake: FakeSlack,
  start: () => Promise<AppProcess>,
  slack: { secret: string; user: string },
  label: string,
): Promise<{ app: AppProcess; seconds: number }> {
  const t0 = performance.now();
  const app = await start();
  const scheduled = whenLogged(app, /This replica leads/, t0 + 30 * 60_000);
  await followupView(fake, app.base, slack.secret, 'nguyen', slack.user);
  const served = performance.now();
  const loaded = await scheduled;
  const seconds = (Math.max(served, loaded) - t0) / 1000;
  console.log(
    `  ${label}: ${seconds.toFixed(1)} s to serving with index and schedule loaded (listening after ` +
      `${app.listeningS.toFixed(1)} s, first /followup with results after ${((served - t0) / 1000).toFixed(1)} s, ` +
      `schedule loaded after ${((loaded - t0) / 1000).toFixed(1)} s); ` +
      `peak RSS ${peakRssMb(app.child.pid!).toFixed(0)} MB (${loadAverage()})`,
  );
  return { app, seconds };
}
