/**
 * PostgreSQL for tests: the URL (`FOLLOWUP_TEST_POSTGRES_URL`, default postgres://postgres@127.0.0.1:5432/test),
 * whether it answers, and a fresh schema per test so runs never see each other's data.
 *
 *   describeOnPostgres('store on postgres', () => { … });     // skips on a laptop without PostgreSQL
 *   const pgSchema = await freshSchema();  …  await pgSchema.drop();
 *
 * With `CI` set, an unreachable database is a failing test, not a skip.
 */
import { randomBytes } from 'node:crypto';
import { type AddressInfo, type Socket, connect, createServer } from 'node:net';
import pg from 'pg';
import { postgresProblem as probePostgres } from '../../src/store/index.js';
import { describe, it } from 'vitest';

export const POSTGRES_TEST_URL =
  process.env.FOLLOWUP_TEST_POSTGRES_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL cannot be used, or null when it can (probed once per test file). */
export const postgresProblem: string | null = await probePostgres(POSTGRES_TEST_URL);
export const postgresAvailable = postgresProblem === null;

let skipSaid = false;

/**
 * `describe` for suites that need PostgreSQL. Without it: CI fails one test naming the URL and the cause;
 * elsewhere the suite is skipped with one line saying how to run it.
 */
export function describeOnPostgres(name: string, body: () => void): void {
  if (postgresAvailable) {
    describe(name, body);
    return;
  }
  const how =
    `PostgreSQL at ${POSTGRES_TEST_URL} cannot be reached (${postgresProblem}): ` +
    'start it, or set FOLLOWUP_TEST_POSTGRES_URL=postgres://USER@HOST:PORT/DB';
  if (process.env.CI) {
    describe(name, () => {
      it('reaches PostgreSQL (required in CI)', () => {
        throw new Error(how);
      });
    });
    return;
  }
  if (!skipSaid) {
    skipSaid = true;
    console.warn(`Skipping the PostgreSQL suites: ${how}.`);
  }
  describe.skip(name, body);
}

/** The test URL with `?schema=NAME` set. */
export function urlWithSchema(schema: string, base = POSTGRES_TEST_URL): string {
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return url.toString();
}

export interface TestSchema {
  schema: string;
  /** STORE_URL for this schema. */
  url: string;
  /** Runs SQL on the test database (an admin connection of its own). */
  sql<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  /** Drops the schema and everything in it, and closes the admin connection. */
  drop(): Promise<void>;
}

/** A random schema name (created by the store on first open) and its cleanup. */
export async function freshSchema(prefix = 'followup_test'): Promise<TestSchema> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  admin.on('error', () => {});
  await admin.connect();
  return {
    schema,
    url: urlWithSchema(schema),
    sql: async (text, values = []) => (await admin.query(text, values)).rows,
    async drop() {
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end().catch(() => undefined);
      }
    },
  };
}

/**
 * A TCP relay on 127.0.0.1 in front of the test database, to cut and restore "the network" without touching
 * the real server: `cut()` drops every connection and refuses new ones, `restore()` listens again on the
 * same port.
 */
export interface TcpRelay {
  readonly port: number;
  /** `url` (default: the test URL) with the relay's host and port. */
  urlThrough(url?: string): string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpRelay(target = POSTGRES_TEST_URL): Promise<TcpRelay> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect(Number(port || 5432), hostname);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        inbound.destroy();
        outbound.destroy();
      });
    }
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  const listen = (at: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(at, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const relayPort = await listen(0);
  const cut = async () => {
    const closed = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    port: relayPort,
    urlThrough(url = target) {
      const through = new URL(url);
      through.hostname = '127.0.0.1';
      through.port = String(relayPort);
      return through.toString();
    },
    cut,
    async restore() {
      if (!server.listening) await listen(relayPort);
    },
    close: cut,
  };
}
