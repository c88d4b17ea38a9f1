/**
 * `followup search` beside a server that holds the store (its lock file names pid and port): asked over
 * GET /api/search when INGEST_TOKEN is set, and searched locally with one line saying why on every failure —
 * no token, a refused connection, 401, a timeout, an answer it cannot read. The server here is a stand-in on
 * 127.0.0.1 named by a lock file for this (live) process; test/process/cli-server-search.test.ts runs the
 * real one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../src/cli/main.js';
import { searchOnRunningServer } from '../../src/cli/server-search.js';
import { generateDemoEvents } from '../../src/demo/demo-events.js';
import { INGEST_TOKEN, startHarness } from '../e2e/harness.js';
import { EXAMPLE_NDJSON } from '../ingest/fixtures.js';
import { closedPort } from '../process/helpers.js';
import { tempDir } from '../store/helpers.js';
import { runCli } from './run-cli.js';

const NOW = '2026-11-20T11:00:00Z';
const TOKEN = 'server-search-token-0123456789';
let tmp: ReturnType<typeof tempDir>;
let stub: Server | undefined;
let requests: IncomingMessage[];

beforeEach(async () => {
  tmp = tempDir('followup-server-search-');
  requests = [];
  const events = `${tmp.dir}/events.ndjson`;
  writeFileSync(events, `${EXAMPLE_NDJSON}\n`);
  expect((await runCli(['import', events], { storeUrl: tmp.url, now: NOW })).code).toBe(0);
});
afterEach(async () => {
  const server = stub;
  stub = undefined;
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  tmp.cleanup();
});

/** A lock file beside the store as a running server writes it (this process stands in for its pid). */
function holdStore(fields: { port?: number; pid?: number; host?: string }): void {
  const holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), kind: 'server', ...fields };
  writeFileSync(`${tmp.file}.lock`, `${JSON.stringify(holder)}\n`);
}

/** A stand-in server on 127.0.0.1 answering every request with `answer`; returns its port. */
async function standIn(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  stub = createServer((req, res) => {
    requests.push(req);
    answer(req, res);
  });
  await new Promise<void>((resolve) => stub!.listen(0, '127.0.0.1', resolve));
  return (stub.address() as AddressInfo).port;
}

const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** `followup search ARGS` in-process with this environment (the clock pinned at NOW). */
async function searchBesideServer(args: string[], env: Record<string, string> = { INGEST_TOKEN: TOKEN }) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    env: { STORE_URL: tmp.url, FOLLOWUP_NOW: NOW, ...env },
    now: () => {
      throw new Error('tests pin the clock with FOLLOWUP_NOW');
    },
  };
  const code = await main(['search', ...args], io);
  return { code, stdout, stderr };
}

/** The same search with no server holding the store. */
async function searchAlone(args: string[]) {
  return runCli(['search', ...args], { storeUrl: tmp.url, now: NOW });
}

describe('followup search beside a server that cannot give an answer: searched locally, with one line why', () => {
  it('INGEST_TOKEN is not set', async () => {
    const port = await standIn(json(200, {}));
    holdStore({ port });
    const beside = await searchBesideServer(['linh', '--status', 'any'], {});
    const alone = await searchAlone(['linh', '--status', 'any']);
    expect(beside.stderr.split('\n')[0]).toBe(
      `followup: searched locally: INGEST_TOKEN is not set, so the running server on port ${port} could not be asked`,
    );
    expect(beside.stdout).toBe(alone.stdout);
    expect(beside.stdout).toContain('Linh Nguyễn');
    expect(requests).toHaveLength(0);
  });

  it.each([
    [
      '401',
      json(401, { ok: false, error: 'Missing or wrong bearer token' }),
      'refused INGEST_TOKEN (401): set the token the server was started with',
    ],
    [
      '503 with its reason',
      json(503, { ok: false, error: 'Search is disabled: set INGEST_TOKEN.' }),
      'answered 503: Search is disabled: set INGEST_TOKEN.',
    ],
    [
      'not JSON',
      (_req: IncomingMessage, res: ServerResponse) => res.end('<html>proxy</html>'),
      'answered with something that is not JSON',
    ],
    [
      'an answer it cannot read',
      json(200, { total: 1, nextCursor: null, results: [{ contact: { id: 'c-42' }, statuses: [] }] }),
      'gave an answer this followup cannot read (results[0].contact.statusChangedAt: ',
    ],
  ])('the server answers %s', async (_name, answer, reason) => {
    const port = await standIn(answer);
    holdStore({ port });
    const beside = await searchBesideServer(['linh', '--status', 'any', '--json']);
    const alone = await searchAlone(['linh', '--status', 'any', '--json']);
    const [line, store] = beside.stderr.split('\n');
    expect(line).toContain(`followup: searched locally: the running server on port ${port} ${reason}`);
    expect(store).toMatch(/^store: sqlite:\/\/.* \(1 contact\)$/);
    expect(beside.stdout).toBe(alone.stdout);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('nothing listens on its port', async () => {
    const port = await closedPort();
    holdStore({ port });
    const beside = await searchBesideServer(['linh', '--status', 'any']);
    expect(beside.stderr.split('\n')[0]).toBe(
      `followup: searched locally: the running server on port ${port} could not be reached (ECONNREFUSED)`,
    );
    expect(beside.stdout).toBe((await searchAlone(['linh', '--status', 'any'])).stdout);
  });

  it('it has not opened its port yet', async () => {
    holdStore({});
    const beside = await searchBesideServer(['linh']);
    expect(beside.stderr.split('\n')[0]).toBe(
      `followup: searched locally: the running server (pid ${process.pid}) has not opened its port yet`,
    );
  });

  it('it does not answer in time', async () => {
    const port = await standIn(() => undefined);
    holdStore({ port });
    const started = performance.now();
    const asked = await searchOnRunningServer(tmp.url, { text: 'linh' }, new Date(NOW), { INGEST_TOKEN: TOKEN }, 300);
    expect(asked).toEqual({ kind: 'local', reason: `the running server on port ${port} did not answer within 0.3 s` });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('followup search with no server to ask: searched locally without a word about it', () => {
  it.each([
    ['no lock file', () => undefined],
    ['a lock of a process that is gone', (port: number) => holdStore({ port, pid: 2 ** 22 + 1 })],
    ['a lock from another host', (port: number) => holdStore({ port, host: `not-${hostname()}` })],
  ])('%s', async (_name, setUp) => {
    const port = await standIn(json(500, {}));
    setUp(port);
    const beside = await searchBesideServer(['linh', '--status', 'any']);
    expect(beside.stderr).toMatch(/^store: sqlite:\/\/.* \(1 contact\)\n$/);
    expect(beside.stdout).toBe((await searchAlone(['linh', '--status', 'any'])).stdout);
    expect(requests).toHaveLength(0);
  });
});

describe('followup search beside a real server in this process (startFollowup on 127.0.0.1)', () => {
  it('is answered by the server and prints what searching the store prints', async () => {
    const h = await startHarness({ start: NOW });
    try {
      expect((await h.ingest(generateDemoEvents({ now: h.now(), count: 60 }))).json).toMatchObject({ rejected: 0 });
      const env = { STORE_URL: h.app.store.url };
      for (const args of [['--status', 'any', '--json'], ['--window', 'template_only', '--status', 'any'], []]) {
        const viaServer = await searchBesideServer(args, { ...env, INGEST_TOKEN });
        expect(viaServer.stderr).toBe(
          `store: ${h.app.store.url} (answered by the running server: pid ${process.pid}, port ${h.app.port})\n`,
        );
        const local = await searchBesideServer(args, env);
        expect(local.stderr).toContain(`searched locally: INGEST_TOKEN is not set, so the running server on port`);
        expect(viaServer.stdout).toBe(local.stdout);
        expect(viaServer.stdout).not.toMatch(/^No contacts match/);
      }
    } finally {
      await h.stop();
    }
  }, 30_000);
});
