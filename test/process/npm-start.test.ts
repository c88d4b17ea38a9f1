/**
 * The process contract as an operator meets it: `node dist/main.js` (what `npm start` runs) with a bad
 * setting stops with one line; with good ones it serves, and SIGTERM shuts down cleanly keeping the data.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';

const ROOT = join(import.meta.dirname, '..', '..');
let fake: FakeSlack;
let dir: string;

beforeAll(async () => {
  // Compile what npm start runs (the native compiler takes a few seconds).
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')],
    { stdio: 'pipe' },
  );
  fake = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'followup-proc-'));
}, 120_000);
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>): {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  return { child, out: () => text, exited: new Promise((r) => child.on('exit', (code) => r(code))) };
}

describe('npm start', () => {
  it('a missing setting stops start-up with one line naming it', async () => {
    const p = start({ SLACK_BOT_TOKEN: 'xoxb-x' });
    expect(await p.exited).toBe(1);
    const lines = p.out().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^followup: SLACK_SIGNING_SECRET is missing .*manifest\.yml.*README/);
  });

  it('serves ingest and health, and SIGTERM shuts down cleanly keeping what was ingested', async () => {
    const storeUrl = `sqlite://${join(dir, 'f.sqlite')}`;
    const p = start({
      SLACK_BOT_TOKEN: 'xoxb-x',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: fake.url,
      STORE_URL: storeUrl,
      INGEST_TOKEN: 'proc-test-token-0123456789',
      PORT: '0',
    });
    const deadline = Date.now() + 20_000;
    while (!/listening on port \d+/.test(p.out())) {
      if (Date.now() > deadline) throw new Error(`did not start: ${p.out()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const base = `http://127.0.0.1:${/listening on port (\d+)/.exec(p.out())![1]}`;
    expect(p.out()).toMatch(/Window notifications are off: set NOTIFY_CHANNEL/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const res = await fetch(`${base}/api/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer proc-test-token-0123456789', 'content-type': 'application/x-ndjson' },
      body:
        '{"id":"p1","type":"contact.upserted","at":"2026-11-20T09:00:00Z",' +
        '"contact":{"id":"p-1","firstName":"Đức"}}\n',
    });
    expect(res.status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const store = await openStore(storeUrl);
    expect(await store.contacts.get('p-1')).toMatchObject({ firstName: 'Đức' });
    await store.close();
  }, 60_000);
});
