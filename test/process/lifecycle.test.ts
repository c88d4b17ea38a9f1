/**
 * Start and stop as supervisors do them (issue 8 item 3 and its should-fixes): SIGTERM to the `npm start`
 * process stops node gracefully; a request that never finishes does not hold the stop past
 * SHUTDOWN_DEADLINE_MS; a Slack that is not reachable yet is retried while the port serves /healthz and
 * answers Slack requests plainly; `npm start -- --help` answers.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { type Server, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config.js';
import { openStore } from '../../src/store/index.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { signedSlackRequest, slashCommand } from '../support/signed-request.js';
import {
  type Proc,
  ROOT,
  buildApp,
  closedPort,
  isRunning,
  lockPid,
  removeBuild,
  run,
  sleep,
  startServer,
} from './helpers.js';

const INGEST_TOKEN = 'life-test-token-0123456789';
const SECRET = 'life-signing-secret';
let build: string;
/** A project folder whose package.json is the real one and whose dist/ is this file's build: `npm start` runs there. */
let project: string;
let fake: FakeSlack;
let dir: string;
const procs: Proc[] = [];
/** Node processes a failed test could leave behind (npm does not own them). */
const strays: number[] = [];

beforeAll(async () => {
  build = buildApp('lifecycle');
  project = mkdtempSync(join(tmpdir(), 'followup-project-'));
  writeFileSync(join(project, 'package.json'), readFileSync(join(ROOT, 'package.json')));
  symlinkSync(build, join(project, 'dist'));
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  fake = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'followup-life-'));
}, 120_000);
afterAll(async () => {
  await fake?.close();
  removeBuild(build);
  rmSync(project, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const pid of strays.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  for (const p of procs.splice(0)) {
    if (p.child.exitCode === null) {
      p.child.kill('SIGKILL');
      await p.exited;
    }
  }
});

let stores = 0;
function env(extra: Record<string, string> = {}): Record<string, string> & { STORE_URL: string } {
  return {
    SLACK_BOT_TOKEN: 'xoxb-life',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    STORE_URL: `sqlite://${join(dir, `s${++stores}.sqlite`)}`,
    INGEST_TOKEN,
    PORT: '0',
    ...extra,
  };
}

const fileOf = (storeUrl: string) => storeUrl.slice('sqlite://'.length);

async function ingest(base: string, id: string): Promise<Response> {
  return fetch(`${base}/api/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: `u-${id}`,
      type: 'contact.upserted',
      at: '2026-11-20T09:00:00Z',
      contact: { id, firstName: 'Linh' },
    }),
  });
}

async function storedIds(storeUrl: string): Promise<string[]> {
  const store = await openStore(storeUrl, { access: 'read' });
  try {
    const ids: string[] = [];
    for await (const c of store.contacts.loadAll()) ids.push(c.id);
    return ids;
  } finally {
    await store.close();
  }
}

describe('npm start', () => {
  it('-- --help prints every setting on one short screen and exits 0', async () => {
    const p = run('npm', ['start', '--', '--help'], {}, { cwd: project });
    procs.push(p);
    expect(await p.exited).toBe(0);
    const usage = p.out().slice(p.out().indexOf('Usage:'));
    expect(usage).toMatch(/^Usage: npm start/);
    for (const name of Object.keys(envSchema.shape)) expect(usage).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(usage.trimEnd().split('\n').length).toBeLessThanOrEqual(24);
  }, 30_000);

  it('SIGTERM to the npm process (not node) stops node gracefully: exit 0, store kept, lock released', async () => {
    const e = env();
    const npm = run('npm', ['start'], e, { cwd: project });
    procs.push(npm);
    const base = `http://127.0.0.1:${(await npm.waitFor(/listening on port (\d+)/))[1]}`;
    expect((await ingest(base, 'c-npm')).status).toBe(200);
    const nodePid = lockPid(fileOf(e.STORE_URL));
    expect(nodePid).not.toBe(npm.child.pid);
    strays.push(nodePid);

    npm.child.kill('SIGTERM');
    expect(await npm.exited).toBe(0);
    expect(npm.out()).toContain('SIGTERM: finishing in-flight requests');
    const deadline = Date.now() + 5_000;
    while (isRunning(nodePid) && Date.now() < deadline) await sleep(50);
    expect(isRunning(nodePid)).toBe(false);
    expect(await storedIds(e.STORE_URL)).toEqual(['c-npm']);
  }, 60_000);
});

describe('stopping has a deadline', () => {
  it('an upload that never finishes does not keep the process past SHUTDOWN_DEADLINE_MS', async () => {
    const e = env({ SHUTDOWN_DEADLINE_MS: '400' });
    const s = await startServer(build, e);
    procs.push(s);
    expect((await ingest(s.base, 'c-kept')).status).toBe(200);

    // A client that announces a large body and sends only its first bytes, then nothing.
    const slow = connect(s.port, '127.0.0.1');
    slow.on('error', () => undefined);
    await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
    slow.write(
      `POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${INGEST_TOKEN}\r\n` +
        'Content-Type: application/x-ndjson\r\nContent-Length: 1000000\r\n\r\n{"id":"slow","type":"contact.upserted",',
    );
    await sleep(200);

    const t0 = Date.now();
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(4_000);
    expect(s.out()).toContain('Shutdown: cut off the requests still open after SHUTDOWN_DEADLINE_MS=400');
    slow.destroy();
    expect(await storedIds(e.STORE_URL)).toEqual(['c-kept']);
  }, 60_000);

  it('a bad SHUTDOWN_DEADLINE_MS is one line naming it', async () => {
    const p = run(process.execPath, [join(build, 'main.js')], env({ SHUTDOWN_DEADLINE_MS: 'soon' }));
    procs.push(p);
    expect(await p.exited).toBe(1);
    expect(p.out().trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^followup: SHUTDOWN_DEADLINE_MS must be a number of milliseconds/),
    ]);
  }, 30_000);
});

describe('start-up while Slack is not reachable', () => {
  let proxy: Server | null = null;
  afterEach(async () => {
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    proxy = null;
  });

  it('opens the port, says which URL failed, answers plainly, and serves once Slack answers', async () => {
    const port = await closedPort();
    const apiUrl = `http://127.0.0.1:${port}/api/`;
    const s = await startServer(build, env({ SLACK_API_URL: apiUrl }));
    procs.push(s);
    const complaint = new RegExp(
      `Slack's Web API at ${apiUrl.replace(/\./g, '\\.')}auth\\.test is not reachable \\(ECONNREFUSED\\): ` +
        'check SLACK_API_URL .*retrying',
      'g',
    );
    expect(s.out().match(complaint)).toHaveLength(1);

    const health = await fetch(`${s.base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, slack: 'unreachable' });

    // A person who runs /followup now is told why nothing opens.
    const early = await signedSlackRequest(s.base, SECRET, 'command', slashCommand({ text: 'linh' }));
    expect(early.status).toBe(200);
    expect(await early.json()).toEqual({
      response_type: 'ephemeral',
      text: expect.stringMatching(/cannot reach Slack’s Web API yet/),
    });

    // Slack becomes reachable on that address: a plain TCP relay to the fake Slack.
    proxy = createServer((socket) => {
      const upstream = connect(Number(new URL(fake.url).port), '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => proxy!.listen(port, '127.0.0.1', resolve));

    const deadline = Date.now() + 15_000;
    let answer = await fetch(`${s.base}/healthz`);
    while (answer.status !== 200 && Date.now() < deadline) {
      await sleep(200);
      answer = await fetch(`${s.base}/healthz`);
    }
    expect(await answer.json()).toMatchObject({ ok: true, slack: 'ok' });
    expect(s.out()).toMatch(/Slack's Web API answers again at .* \(team T0001\): serving Slack requests/);
    expect(s.out().match(complaint)).toHaveLength(1);

    const before = fake.callsTo('views.open').length;
    const served = await signedSlackRequest(s.base, SECRET, 'command', slashCommand({ text: 'linh' }));
    expect(served.status).toBe(200);
    await fake.waitForCalls('views.open', before + 1, 5_000);
  }, 60_000);
});
