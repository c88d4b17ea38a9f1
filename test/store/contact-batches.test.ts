/**
 * The start-up load in a worker thread (store/contact-batches.ts), run from a build of the app as `npm start`
 * runs it (the worker is compiled JavaScript; from the TypeScript sources the load stays in this thread): on a
 * real SQLite file and on PostgreSQL it gives the same index and hands on the same contacts as the load in
 * this thread; a corrupt record is reported as a read in this thread reports it; a loading thread that dies
 * ends the load with an error that says so, never a hang.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedContact } from '../../src/contacts/contact-batch.js';
import type { Contact } from '../../src/contacts/model.js';
import type { SearchQuery } from '../../src/contacts/query.js';
import { mulberry32 } from '../../src/demo/demo-events.js';
import { AddressBook } from '../../src/contacts/address-book.js';
import { CHANNEL_TYPES, WINDOW_STATES } from '../../src/policy/index.js';
import type { Store } from '../../src/store/index.js';
import { buildApp, removeBuild } from '../process/helpers.js';
import { type TestSchema, describeOnPostgres, freshSchema } from '../support/postgres.js';
import { tempDir } from './helpers.js';

type Modules = {
  store: typeof import('../../src/store/index.js');
  load: typeof import('../../src/contacts/load-index.js');
  batches: typeof import('../../src/store/contact-batches.js');
};

let out: string;
let m: Modules;
beforeAll(async () => {
  out = buildApp('contact-batches');
  const from = (path: string) => import(pathToFileURL(join(out, path)).href);
  m = {
    store: await from('store/index.js'),
    load: await from('contacts/load-index.js'),
    batches: await from('store/contact-batches.js'),
  };
}, 180_000);
afterAll(() => removeBuild(out));

const NOW = new Date('2026-11-20T12:00:00.000Z');
const rand = mulberry32(23);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const iso = (ms: number) => new Date(ms).toISOString();

function contacts(n: number): Contact[] {
  return Array.from({ length: n }, (_, i) => {
    const at = iso(NOW.getTime() - Math.floor(rand() * 900) * 60_000);
    return {
      id: `c-${i}`,
      firstName: pick(['Linh', 'Jürgen', 'محمد', '']),
      lastName: pick(['Nguyễn', 'Müller', "O'Brien"]),
      email: pick(['', `linh${i}@example.vn`, `ops${i}@firma.de`]),
      phone: pick(['', `+84 912 ${String(100000 + i).slice(-6)}`]),
      language: '',
      assignee: rand() < 0.7 ? pick(['U1', 'U2']) : null,
      status: rand() < 0.6 ? 'closed' : 'open',
      statusChangedAt: at,
      lastActivityAt: at,
      createdAt: at,
      updatedAt: at,
      channels: Array.from({ length: Math.floor(rand() * 3) }, () => ({
        type: pick(CHANNEL_TYPES),
        // Shared addresses: the address book keeps the first contact to claim one, so order shows.
        ...(rand() < 0.5 ? { address: `a-${Math.floor(rand() * 300)}` } : {}),
        lastInboundAt: rand() < 0.2 ? null : iso(NOW.getTime() - Math.floor(rand() * 9 * 86_400_000)),
        lastOutboundAt: null,
        outboundSinceInbound: Math.floor(rand() * 3),
      })),
    };
  });
}

function randomQuery(): SearchQuery {
  return {
    text: pick(['', '', 'linh', 'nguyen', 'obrien', 'ops1', '@firma.de', '5678', 'mueller']),
    status: pick(['closed', 'open', 'any'] as const),
    limit: 30,
    ...(rand() < 0.3 ? { inbox: 'mine' as const, agentId: pick(['U1', 'U2', 'U9']) } : {}),
    ...(rand() < 0.4 ? { channel: pick(CHANNEL_TYPES) } : {}),
    ...(rand() < 0.5 ? { windowState: pick([...WINDOW_STATES, 'closing_soon'] as const) } : {}),
  };
}

const copy = (c: LoadedContact): LoadedContact => ({
  id: c.id,
  updatedAt: c.updatedAt,
  channels: c.channels.map((ch) =>
    ch.address === undefined ? { type: ch.type } : { type: ch.type, address: ch.address },
  ),
});

const sourceOf = (store: Store) =>
  (store.contacts as unknown as { records: { workerSource(): unknown } }).records.workerSource();

const byId = (a: LoadedContact, b: LoadedContact) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every address the contacts hold, resolved by a book filled with `fill`. */
function resolved(contacts: LoadedContact[], fill: (book: InstanceType<typeof AddressBook>) => void): string[] {
  const book = new AddressBook();
  fill(book);
  return contacts.flatMap((c) =>
    c.channels.flatMap((ch) => (ch.address ? [`${ch.type} ${ch.address} → ${book.resolve(ch.type, ch.address)}`] : [])),
  );
}

/**
 * Loads `store` in worker threads (one, two and three key ranges) and in this thread: the indexes answer
 * alike, the same contacts are handed on (in any order), and an address book filled from the threads' load
 * gives each shared address to the contact a load in key order gives it to.
 */
async function expectSameLoads(store: Store, n: number): Promise<void> {
  // The worker's path: the build has it, and the store can be read from another thread.
  expect(m.batches.workerLoadAvailable()).toBe(true);
  expect(sourceOf(store)).toBeDefined();
  const here: LoadedContact[] = [];
  const plain = { contacts: { loadAll: () => store.contacts.loadAll(), count: () => store.contacts.count() } };
  const inThread = await m.load.loadSearchIndex(plain, { now: NOW, each: (c) => here.push(copy(c)) });
  const inKeyOrder = resolved(here, (book) => {
    for (const c of here) book.upsert(c);
  });
  for (const loadThreads of [1, 2, 3]) {
    const inWorkers: LoadedContact[] = [];
    const viaWorkers = await m.load.loadSearchIndex(store, {
      now: NOW,
      loadThreads,
      each: (c) => inWorkers.push(copy(c)),
    });
    expect(viaWorkers.size).toBe(n);
    expect(inWorkers).toHaveLength(n);
    expect([...inWorkers].sort(byId)).toEqual([...here].sort(byId));
    expect(
      resolved(here, (book) => {
        for (const c of inWorkers) book.load(c);
      }),
    ).toEqual(inKeyOrder);
    for (let q = 0; q < 60; q++) {
      const query = randomQuery();
      const now = new Date(NOW.getTime() + Math.floor(rand() * 48) * 3_600_000);
      expect(viaWorkers.search(query, now), JSON.stringify(query)).toEqual(inThread.search(query, now));
    }
  }
}

/** The key ranges the threads read: in order, back to back, about as large as each other, every key once. */
async function expectEvenRanges(store: Store, n: number): Promise<void> {
  const records = (store.contacts as unknown as { records: RecordsWithRanges }).records;
  for (const parts of [1, 2, 3, 7]) {
    const ranges = await records.keyRanges(parts, n);
    expect(ranges).toHaveLength(parts);
    expect(ranges[0]!.from).toBe('contacts:');
    expect(ranges.at(-1)!.to).toBe('contacts;');
    for (let k = 1; k < ranges.length; k++) expect(ranges[k]!.from).toBe(ranges[k - 1]!.to);
    const ids: string[] = [];
    for await (const c of store.contacts.loadAll()) ids.push(`contacts:${c.id}`);
    const sizes = ranges.map((r) => ids.filter((key) => key >= r.from && key < r.to).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
    for (const size of sizes) expect(Math.abs(size - n / parts)).toBeLessThanOrEqual(1);
  }
  // More parts than records: as many ranges as there are keys to cut at, still covering every key.
  const few = await records.keyRanges(n + 5, n);
  expect(few.length).toBeLessThanOrEqual(n);
}

type RecordsWithRanges = { keyRanges(parts: number, count: number): Promise<Array<{ from: string; to: string }>> };

/** A corrupt record ends the worker's load as it ends a load in this thread, naming the record. */
async function expectCorruptReported(store: Store): Promise<void> {
  await store.rawRecords().write([
    { namespace: 'contacts', key: 'c-10', value: '{not json' },
    { namespace: 'contacts', key: 'c-9', value: JSON.stringify({ value: { id: 'c-9', firstName: 42 } }) },
  ]);
  const loading = m.load.loadSearchIndex(store, { now: NOW, each: () => {} });
  await expect(loading).rejects.toThrow(/^Corrupt record contacts:"c-10": not JSON/);
  await expect(loading).rejects.toBeInstanceOf(m.store.StoreRecordError);
  await store.rawRecords().write([{ namespace: 'contacts', key: 'c-10', value: JSON.stringify({ value: {} }) }]);
  await expect(m.load.loadSearchIndex(store, { now: NOW })).rejects.toThrow(/^Corrupt record contacts:"c-10": id: /);
  await store
    .rawRecords()
    .write([{ namespace: 'contacts', key: 'c-10', value: JSON.stringify({ value: contacts(1)[0] }) }]);
  await expect(m.load.loadSearchIndex(store, { now: NOW })).rejects.toThrow(
    /^Corrupt record contacts:"c-9": firstName: /,
  );
}

describe('the contact load in a worker thread, on SQLite', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  beforeAll(async () => {
    tmp = tempDir('followup-contact-batches-');
    store = await m.store.openStore(tmp.url, { log: () => {}, sqlite: { iterationLimit: 700 } });
    await store.contacts.putMany(contacts(3000));
  });
  afterAll(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('gives the index and the contacts the load in this thread gives', async () => {
    await expectSameLoads(store, 3000);
  });

  it('cuts the keys into ranges of even size that cover each key once', async () => {
    await expectEvenRanges(store, 3000);
  });

  it('stops the workers when the reader stops early, and when one dies says so rather than waiting', async () => {
    const records = (store.contacts as unknown as { records: RecordsWithRanges }).records;
    const opts = {
      source: sourceOf(store) as never,
      namespace: 'contacts',
      ranges: await records.keyRanges(2, 3000),
      rules: undefined,
      forEach: false,
      batchSize: 100,
    };
    let batches = 0;
    for await (const batch of m.batches.contactBatchesInWorkers(opts)) {
      batches++;
      expect(batch.count).toBe(100);
      break;
    }
    expect(batches).toBe(1);

    const dir = mkdtempSync(join(tmpdir(), 'followup-dying-loader-'));
    try {
      const script = (name: string, code: string) => {
        writeFileSync(join(dir, name), code);
        return pathToFileURL(join(dir, name));
      };
      const drain = async (worker: URL) => {
        for await (const _ of m.batches.contactBatchesInWorkers({ ...opts, worker }));
      };
      await expect(drain(script('exits.mjs', 'process.exit(3);'))).rejects.toThrow(
        /the loading thread exited \(code 3\) before it had read them all/,
      );
      await expect(drain(script('throws.mjs', "throw new Error('out of luck');"))).rejects.toThrow(
        /the loading thread crashed: out of luck/,
      );
      const quiet = script('quiet.mjs', "import { parentPort } from 'node:worker_threads'; parentPort.close();");
      await expect(drain(quiet)).rejects.toBeInstanceOf(m.batches.ContactLoaderError);
      // One of two threads dies at once; the other, a real one, is stopped: the load ends with the error.
      const real = new URL('store/contact-batch-worker.js', pathToFileURL(`${out}/`));
      const oneDies = script(
        'one-dies.mjs',
        `import { workerData } from 'node:worker_threads';
         if (workerData.range.from !== 'contacts:') process.exit(4);
         else await import(${JSON.stringify(real.href)});`,
      );
      await expect(drain(oneDies)).rejects.toThrow(/exited \(code 4\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a corrupt record as a read in this thread does', async () => {
    await expectCorruptReported(store);
  });
});

describeOnPostgres('the contact load in a worker thread, on PostgreSQL', () => {
  let schema: TestSchema;
  let store: Store;
  beforeAll(async () => {
    schema = await freshSchema();
    store = await m.store.openStore(schema.url, { log: () => {}, postgres: { poolSize: 3, pageSize: 700 } });
    await store.contacts.putMany(contacts(3000));
  });
  afterAll(async () => {
    await store.close();
    await schema.drop();
  });

  it('gives the index and the contacts the load in this thread gives', async () => {
    await expectSameLoads(store, 3000);
  });

  it('cuts the keys into ranges of even size that cover each key once', async () => {
    await expectEvenRanges(store, 3000);
  });

  it('reports a corrupt record as a read in this thread does', async () => {
    await expectCorruptReported(store);
  });
});
