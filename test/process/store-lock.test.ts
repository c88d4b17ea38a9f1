/**
 * One writer per SQLite store, as operators meet it (issue 8 item 2): a second `npm start` or a
 * `followup import` on the store a running server owns refuses with one line naming that server; `search` and
 * `status` keep working beside it; a server killed hard leaves a lock the next start takes over. And a store
 * setting that cannot work stops start-up with one line naming STORE_URL.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { type Proc, buildApp, cli, isRunning, lockPid, removeBuild, run, startServer } from './helpers.js';

const INGEST_TOKEN = 'lock-test-token-0123456789';
let build: string;
let fake: FakeSlack;
let dir: string;
let file: string;
let url: string;
const procs: Proc[] = [];

beforeAll(async () => {
  build = buildApp('store-lock');
  fake = await startFakeSlack();
}, 120_000);
afterAll(async () => {
  await fake?.close();
  removeBuild(build);
});
afterEach(async () => {
  for (const p of procs.splice(0)) {
    if (p.child.exitCode === null) {
      p.child.kill('SIGKILL');
      await p.exited;
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

function freshStore(): void {
  dir = mkdtempSync(join(tmpdir(), 'followup-lock-proc-'));
  file = join(dir, 'followup.sqlite');
  url = `sqlite://${file}`;
}

const serverEnv = () => ({
  SLACK_BOT_TOKEN: 'xoxb-lock',
  SLACK_SIGNING_SECRET: 's',
  SLACK_API_URL: fake.url,
  STORE_URL: url,
  INGEST_TOKEN,
});

async function server() {
  const s = await startServer(build, serverEnv());
  procs.push(s);
  return s;
}

function tracked(p: Proc): Proc {
  procs.push(p);
  return p;
}

async function ingest(base: string, lines: string[]): Promise<void> {
  const res = await fetch(`${base}/api/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/x-ndjson' },
    body: `${lines.join('\n')}\n`,
  });
  expect(res.status).toBe(200);
}

const upsert = (id: string, firstName: string) =>
  JSON.stringify({ id: `u-${id}`, type: 'contact.upserted', at: '2026-11-20T09:00:00Z', contact: { id, firstName } });

/** "sqlite:///…/followup.sqlite is in use by the Followup server (pid 1234, port 3000, since 10:02 UTC): …" */
const heldBy = (pid: number, port: number) =>
  new RegExp(
    `^followup: ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by the Followup server ` +
      `\\(pid ${pid}, port ${port}, since \\d\\d:\\d\\d UTC\\): ` +
      'stop it first, or send events to its POST /api/events\\n$',
  );

describe('a running server owns its SQLite store', () => {
  it('a second server on the same file refuses to start with one line naming the first', async () => {
    freshStore();
    const first = await server();
    const second = tracked(run(process.execPath, [join(build, 'main.js')], { ...serverEnv(), PORT: '0' }));
    expect(await second.exited).toBe(1);
    expect(second.out()).toMatch(heldBy(first.child.pid!, first.port));
    // The first one is unaffected.
    expect((await fetch(`${first.base}/healthz`)).status).toBe(200);
  }, 60_000);

  it('import and seed-demo refuse while it runs; search and status read beside it', async () => {
    freshStore();
    const s = await server();
    await ingest(s.base, [upsert('c-1', 'Linh')]);
    const events = join(dir, 'events.ndjson');
    writeFileSync(events, `${upsert('c-2', 'Đức')}\n`);

    for (const args of [
      ['import', events],
      ['seed-demo', '--count', '3'],
    ]) {
      const refused = tracked(cli(build, args, { STORE_URL: url }));
      expect(await refused.exited).toBe(1);
      expect(refused.out()).toMatch(heldBy(s.child.pid!, s.port));
    }

    const search = tracked(cli(build, ['search', 'linh', '--status', 'any', '--json'], { STORE_URL: url }));
    expect(await search.exited).toBe(0);
    expect(search.out()).toContain(`store: ${url} (1 contact)\n`);
    expect(search.out()).toContain('"id": "c-1"');
    const status = tracked(cli(build, ['status', 'c-1'], { STORE_URL: url }));
    expect(await status.exited).toBe(0);
    expect(status.out()).toContain('(c-1)');

    // Nothing the refused import carried got in; the server still takes events, and readers see them.
    await ingest(s.base, [upsert('c-3', 'Müller')]);
    const again = tracked(cli(build, ['search', 'muller', '--status', 'any'], { STORE_URL: url }));
    expect(await again.exited).toBe(0);
    expect(again.out()).toContain(`store: ${url} (2 contacts)\n`);

    // Once the server stopped, the import goes through.
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
    const imported = tracked(cli(build, ['import', events], { STORE_URL: url }));
    expect(await imported.exited).toBe(0);
    expect(imported.out()).toContain('accepted 1, duplicate 0, rejected 0');
  }, 60_000);

  it('a server killed hard leaves a stale lock: the next start takes it over and says so', async () => {
    freshStore();
    const first = await server();
    await ingest(first.base, [upsert('c-1', 'Linh')]);
    const pid = lockPid(file);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(`${file}.lock`)).toBe(true);
    expect(isRunning(pid)).toBe(false);

    const next = await server();
    expect(next.out()).toContain(`${url}: took over the lock of pid ${pid} (server, since `);
    expect(lockPid(file)).toBe(next.child.pid);
    const health = (await (await fetch(`${next.base}/healthz`)).json()) as { contacts: number };
    expect(health.contacts).toBe(1);
  }, 60_000);
});

describe('a store setting that cannot work stops start-up with one line naming STORE_URL', () => {
  async function startFails(storeUrl: string, opts: { uid?: number; gid?: number } = {}): Promise<string> {
    const env = { ...serverEnv(), STORE_URL: storeUrl, PORT: '0' };
    const p = tracked(run(process.execPath, [join(build, 'main.js')], env, opts));
    expect(await p.exited).toBe(1);
    const lines = p.out().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    return lines[0]!;
  }

  it('an unknown scheme', async () => {
    freshStore();
    expect(await startFails('mysql://db/followup')).toMatch(
      /^followup: Unsupported STORE_URL "mysql:\/\/db\/followup": use sqlite:\/\//,
    );
  });

  it('a file that is not a database', async () => {
    freshStore();
    writeFileSync(file, 'id,name\n1,Linh\n'.repeat(100));
    expect(await startFails(url)).toBe(
      `followup: STORE_URL ${url}: ${file} is not a SQLite database: ` +
        'point STORE_URL at the store file, or move that file away',
    );
  });

  it('a folder this user may not write in', async () => {
    freshStore();
    const locked = join(dir, 'read-only');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    chmodSync(dir, 0o755);
    // root writes anywhere: run the app as nobody then, as an operator's service user would be.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const storeUrl = `sqlite://${join(locked, 'followup.sqlite')}`;
    expect(await startFails(storeUrl, asUser)).toBe(
      `followup: STORE_URL ${storeUrl}: no permission to write in ${locked}: ` +
        'make that folder writable by this user, or point STORE_URL elsewhere',
    );
  });

  it('a start-up whose contacts load fails while the leader takes over says why and releases its lock', async () => {
    freshStore();
    const store = await openStore(url);
    await store.rawRecords().write([{ namespace: 'contacts', key: 'broken', value: '{not json' }]);
    await store.close();
    // Notifications on: the leader reads the schedule while the contacts load, and waits for them.
    const p = tracked(run(process.execPath, [join(build, 'main.js')], { ...serverEnv(), NOTIFY_CHANNEL: 'C0NOTIFY' }));
    expect(await p.exited).toBe(1);
    expect(p.out().trimEnd().split('\n').at(-1)).toMatch(
      /^followup: could not start: Corrupt record contacts:"broken": not JSON .* \(LOG_LEVEL=debug prints/,
    );
    expect(p.out()).not.toMatch(/This replica leads|trying again|Unhandled/);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('a start-up that fails after opening the store releases its lock', async () => {
    freshStore();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const p = tracked(run(process.execPath, [join(build, 'main.js')], { ...serverEnv(), PORT: String(port) }));
      expect(await p.exited).toBe(1);
      expect(p.out().trimEnd().split('\n').at(-1)).toBe(
        `followup: PORT ${port} is already in use: stop the other process or set PORT to a free port`,
      );
    } finally {
      taken.close();
    }
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.lock`)).toBe(false);
    const store = await openStore(url);
    await store.close();
  });
});
