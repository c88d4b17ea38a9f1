/**
 * The store backends the shared store tests run on: SQLite in a temp folder, and PostgreSQL in a fresh
 * schema (skipped, or failed in CI, when no PostgreSQL answers: test/support/postgres.ts).
 *
 *   for (const backend of STORE_BACKENDS) backend.describe(`… on ${backend.name}`, () => {
 *     const place = backend.place();   // beforeEach/afterEach: a fresh store location per test
 *     it('…', async () => { const store = await place.open(); … });
 *   });
 */
import { afterEach, beforeEach, describe } from 'vitest';
import { KeyvSqlite } from '@keyv/sqlite';
import { type OpenStoreOptions, type Store, openStore } from '../../src/store/index.js';
import { type TestSchema, describeOnPostgres, freshSchema } from '../support/postgres.js';
import { tempDir } from './helpers.js';

export interface StorePlace {
  readonly url: string;
  /** Opens (another) store on this place; `pageSize` sets the listing page size of either backend. */
  open(opts?: OpenStoreOptions & { pageSize?: number }): Promise<Store>;
  /** Writes a raw row the way another program (or a bad migration) might. */
  writeRaw(key: string, value: string): Promise<void>;
}

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  describe(name: string, body: () => void): void;
  /** A fresh place per test (registers beforeEach/afterEach); stores it opened are closed after the test. */
  place(): StorePlace;
}

function withPageSize(name: StoreBackend['name'], opts: OpenStoreOptions & { pageSize?: number }): OpenStoreOptions {
  const { pageSize, ...rest } = opts;
  if (pageSize === undefined) return rest;
  return name === 'sqlite'
    ? { ...rest, sqlite: { ...rest.sqlite, iterationLimit: pageSize } }
    : { ...rest, postgres: { ...rest.postgres, pageSize } };
}

/** Registers the hooks that give each test its location and close what it opened. */
function placePerTest(
  name: StoreBackend['name'],
  create: () => Promise<{ url: string; writeRaw: StorePlace['writeRaw']; cleanup: () => Promise<void> }>,
): StorePlace {
  let current: Awaited<ReturnType<typeof create>> | undefined;
  const opened: Store[] = [];
  beforeEach(async () => {
    current = await create();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await current?.cleanup();
    current = undefined;
  });
  return {
    get url() {
      return current!.url;
    },
    async open(opts = {}) {
      // Small pools: test files run side by side on one server (max_connections is 100 by default).
      const options = withPageSize(name, opts);
      if (name === 'postgres') options.postgres = { poolSize: 5, ...options.postgres };
      const store = await openStore(current!.url, { log: () => {}, ...options });
      opened.push(store);
      return store;
    },
    writeRaw: (key, value) => current!.writeRaw(key, value),
  };
}

const sqlite: StoreBackend = {
  name: 'sqlite',
  describe: (name, body) => describe(name, body),
  place: () =>
    placePerTest('sqlite', async () => {
      const tmp = tempDir();
      return {
        url: tmp.url,
        async writeRaw(key, value) {
          const raw = new KeyvSqlite(`sqlite://${tmp.file}`);
          await raw.set(key, value);
          await raw.disconnect();
        },
        cleanup: async () => tmp.cleanup(),
      };
    }),
};

const postgres: StoreBackend = {
  name: 'postgres',
  describe: describeOnPostgres,
  place: () =>
    placePerTest('postgres', async () => {
      const schema: TestSchema = await freshSchema();
      return {
        url: schema.url,
        async writeRaw(key, value) {
          await schema.sql(
            `INSERT INTO "${schema.schema}".followup_keyv (key, value) VALUES ($1, $2)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
            [key, value],
          );
        },
        cleanup: () => schema.drop(),
      };
    }),
};

export const STORE_BACKENDS: readonly StoreBackend[] = [sqlite, postgres];
