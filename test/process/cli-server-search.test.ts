/**
 * `followup search` beside a running server, as operators run it (issue 8): with INGEST_TOKEN it is answered
 * by the server that holds the store (its lock file names pid and port), and prints exactly what searching
 * the store itself prints; without the token it searches the store itself and says why in one line. Both read
 * the same config file, whose policy override (WhatsApp's window at 48 h) both must apply.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { type Proc, buildApp, cli, removeBuild, startServer } from './helpers.js';

const INGEST_TOKEN = 'server-search-token-0123456789';
const AGENT = 'UAGENT0001';
/** The demo windows are in every state as of SEEDED; the searches look a few hours later. */
const SEEDED = '2026-11-20T12:00:00.000Z';
const SEARCHED = '2026-11-20T15:30:00.000Z';

let build: string;
let fake: FakeSlack;
let dir: string;
let url: string;
let config: string;
let server: Proc & { port: number };

beforeAll(async () => {
  build = buildApp('cli-server-search');
  fake = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'followup-server-search-'));
  url = `sqlite://${join(dir, 'followup.sqlite')}`;
  config = join(dir, 'followup.yml');
  writeFileSync(config, 'policy:\n  whatsapp: { windowHours: 48 }\n');
  const seed = cli(build, ['seed-demo', '--count', '200', '--agent', AGENT], { STORE_URL: url, FOLLOWUP_NOW: SEEDED });
  expect(await seed.exited, seed.out()).toBe(0);
  server = await startServer(build, {
    SLACK_BOT_TOKEN: 'xoxb-server-search',
    SLACK_SIGNING_SECRET: 'server-search-secret',
    SLACK_API_URL: fake.url,
    STORE_URL: url,
    INGEST_TOKEN,
    FOLLOWUP_CONFIG: config,
  });
}, 120_000);
afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await fake?.close();
  if (build) removeBuild(build);
  rmSync(dir, { recursive: true, force: true });
});

/** `followup search ARGS` in its own process: stdout and stderr apart. */
async function search(args: string[], env: Record<string, string>) {
  const p = cli(build, ['search', ...args], {
    STORE_URL: url,
    FOLLOWUP_NOW: SEARCHED,
    FOLLOWUP_CONFIG: config,
    ...env,
  });
  let stdout = '';
  let stderr = '';
  p.child.stdout!.on('data', (d) => (stdout += d));
  p.child.stderr!.on('data', (d) => (stderr += d));
  const code = await p.exited;
  return { code, stdout, stderr };
}

describe('followup search beside the running server that holds the store', () => {
  const answered = () =>
    new RegExp(
      `^store: ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ` +
        `\\(answered by the running server: pid ${server.child.pid}, port ${server.port}\\)\\n$`,
    );
  const fellBack = () =>
    `followup: searched locally: INGEST_TOKEN is not set, so the running server on port ${server.port} ` +
    'could not be asked\n';

  it.each([
    ['a name', ['nguyen', '--status', 'any']],
    ['a name, as JSON', ['nguyen', '--status', 'any', '--json']],
    ['every closed one', []],
    ['closing soon, as JSON', ['--window', 'closing_soon', '--status', 'any', '--json']],
    ['mine, template only', ['--inbox', 'mine', '--agent', AGENT, '--window', 'template_only', '--status', 'any']],
    ['an email domain', ['@exemple.fr', '--status', 'any', '--limit', '5']],
  ])(
    '%s: the server answers, and prints what searching the store prints',
    async (_name, args) => {
      const viaServer = await search(args, { INGEST_TOKEN });
      expect(viaServer.code, viaServer.stderr).toBe(0);
      expect(viaServer.stderr).toMatch(answered());

      const local = await search(args, {});
      expect(local.code, local.stderr).toBe(0);
      expect(local.stderr.startsWith(fellBack())).toBe(true);
      expect(local.stderr.slice(fellBack().length)).toMatch(/^store: sqlite:\/\/.* \(200 contacts\)\n$/);

      expect(viaServer.stdout).toBe(local.stdout);
      expect(viaServer.stdout).not.toMatch(/^No contacts match/);
    },
    60_000,
  );

  it('the last digits of a phone: the server answers, and prints what searching the store prints', async () => {
    const listed = JSON.parse((await search(['--status', 'any', '--limit', '1', '--json'], {})).stdout) as {
      contacts: Array<{ phone: string }>;
    };
    const lastDigits = listed.contacts[0]!.phone.replace(/\D/g, '').slice(-6);
    const viaServer = await search([lastDigits, '--status', 'any'], { INGEST_TOKEN });
    expect(viaServer.stderr).toMatch(answered());
    expect(viaServer.stdout).toBe((await search([lastDigits, '--status', 'any'], {})).stdout);
    expect(viaServer.stdout).not.toMatch(/^No contacts match/);
  }, 60_000);

  it('pages the same way: the cursor the server gave is the one the store search gives', async () => {
    const first = await search(['--status', 'any', '--limit', '7', '--json'], { INGEST_TOKEN });
    const cursor = (JSON.parse(first.stdout) as { nextCursor: string }).nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const local = await search(['--status', 'any', '--limit', '7', '--json'], {});
    expect(first.stdout).toBe(local.stdout);
    const second = await search(['--status', 'any', '--limit', '7', '--cursor', cursor, '--json'], { INGEST_TOKEN });
    expect(second.stderr).toMatch(answered());
    expect(second.stdout).toBe(
      (await search(['--status', 'any', '--limit', '7', '--cursor', cursor, '--json'], {})).stdout,
    );
  }, 60_000);

  it('the policy override decides the answer: without the config file the store search differs', async () => {
    const args = ['--window', 'template_only', '--status', 'any', '--json'];
    const viaServer = await search(args, { INGEST_TOKEN });
    expect(viaServer.stderr).toMatch(answered());
    const tableOnly = await search(args, { FOLLOWUP_CONFIG: '' }); // as if unset
    expect(tableOnly.code).toBe(0);
    const total = (out: string) => (JSON.parse(out) as { total: number }).total;
    // WhatsApp windows 24–48 h old are template-only by the table, still open by the file's policy.
    expect(total(tableOnly.stdout)).toBeGreaterThan(total(viaServer.stdout));
    expect(viaServer.stdout).toBe((await search(args, {})).stdout);
  }, 60_000);

  it('with a wrong INGEST_TOKEN: searched locally, saying the server refused it', async () => {
    const wrong = await search(['nguyen'], { INGEST_TOKEN: 'not-the-servers-token-0123' });
    expect(wrong.code).toBe(0);
    expect(wrong.stderr.split('\n')[0]).toBe(
      `followup: searched locally: the running server on port ${server.port} refused INGEST_TOKEN (401): ` +
        'set the token the server was started with',
    );
  }, 60_000);
});
