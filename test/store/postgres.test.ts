/**
 * The PostgreSQL store as several replicas see it: two (or more) stores on one schema are two processes
 * (each has its own pool, locks, change feed and leadership connection). Runs against a real PostgreSQL
 * (test/support/postgres.ts); each test has its own schema, dropped after.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Contact } from '../../src/contacts/model.js';
import {
  type OpenStoreOptions,
  type Store,
  StoreOpenError,
  StoreUnavailableError,
  openStore,
} from '../../src/store/index.js';
import { MIGRATIONS, SCHEMA_VERSION, parsePostgresUrl } from '../../src/store/postgres/index.js';
import {
  POSTGRES_TEST_URL,
  type TcpRelay,
  type TestSchema,
  describeOnPostgres,
  freshSchema,
  startTcpRelay,
  urlWithSchema,
} from '../support/postgres.js';
import { contact } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `check` until it passes or `withinMs` is over (then its last failure is the test's). */
async function eventually(check: () => void | Promise<void>, withinMs = 3_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}

describe('postgres STORE_URL parsing (no database needed)', () => {
  it('takes postgres:// and postgresql://, a schema parameter, and hides the password', () => {
    const parsed = parsePostgresUrl(
      'postgresql://app:s3cret@db.internal:6543/followup?schema=tenant_a&sslmode=disable',
    );
    expect(parsed.schema).toBe('tenant_a');
    expect(parsed.shownUrl).toBe('postgresql://app:***@db.internal:6543/followup?schema=tenant_a&sslmode=disable');
    expect(parsed.connectionString).toBe('postgresql://app:s3cret@db.internal:6543/followup?sslmode=disable');
    expect(parsePostgresUrl('postgres://postgres@127.0.0.1:5432/test').schema).toBe('public');
  });

  it('refuses a URL without a database, or a schema that is not a plain name, in one line without the password', () => {
    expect(() => parsePostgresUrl('postgres://app:s3cret@db.internal:5432')).toThrow(
      /^STORE_URL "postgres:\/\/app:\*\*\*@db\.internal:5432" names no database: use postgres:\/\/USER/,
    );
    const bad = (() => {
      try {
        parsePostgresUrl('postgres://app:s3cret@db/x?schema=Robert%27);DROP');
      } catch (error) {
        return error as Error;
      }
    })();
    expect(bad).toBeInstanceOf(StoreOpenError);
    expect(bad?.message).toMatch(/schema "Robert'\);DROP" is not a plain name/);
    expect(bad?.message).not.toMatch(/s3cret/);
  });
});

describeOnPostgres('PostgreSQL store', () => {
  let schema: TestSchema;
  const opened: Store[] = [];
  /** What the replicas logged (shown when a test fails). */
  const logged: string[] = [];

  /** A "replica": its own store (pool, locks, feed) on the test schema. */
  async function replica(opts: OpenStoreOptions = {}, url = schema.url): Promise<Store> {
    // Small pools: test files run side by side on one server (max_connections is 100 by default).
    const store = await openStore(url, {
      log: (line) => logged.push(line),
      ...opts,
      postgres: { poolSize: 5, ...opts.postgres },
    });
    opened.push(store);
    return store;
  }

  beforeEach(async () => {
    schema = await freshSchema();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(logged.join('\n'));
    logged.length = 0;
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await schema.drop();
  });

  describe('opening and migrations', () => {
    it('migrates a fresh schema once when five replicas open it at the same time', async () => {
      const stores = await Promise.all(Array.from({ length: 5 }, () => replica()));
      const rows = await schema.sql<{ version: number }>(
        `SELECT version FROM "${schema.schema}".followup_schema_migrations ORDER BY version`,
      );
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      // Every replica works on the one layout.
      await Promise.all(stores.map((s, i) => s.contacts.put(contact(`c-${i}`))));
      expect(await stores[0]!.contacts.count()).toBe(5);
      expect(stores[0]!.kind).toBe('postgres');
    });

    it('names the store without its password, and refuses a schema migrated by a newer Followup', async () => {
      const withPassword = urlWithSchema(schema.schema, POSTGRES_TEST_URL.replace('postgres@', 'postgres:hunter2@'));
      const store = await replica({}, withPassword);
      expect(store.url).toContain(':***@');
      expect(store.url).not.toContain('hunter2');
      await store.close();

      await schema.sql(
        `INSERT INTO "${schema.schema}".followup_schema_migrations (version, name) VALUES ($1, 'future')`,
        [SCHEMA_VERSION + 1],
      );
      await expect(replica()).rejects.toThrow(
        new RegExp(`is at version ${SCHEMA_VERSION + 1}, newer than this Followup knows \\(${SCHEMA_VERSION}\\)`),
      );
    });

    it('opens read-only beside a writer, refusing writes, and says so when there is no store yet', async () => {
      await expect(replica({ access: 'read' })).rejects.toThrow(/^No Followup store at .* \(schema "followup_test_/);
      const writer = await replica();
      await writer.contacts.put(contact('c-1'));
      const reader = await replica({ access: 'read' });
      expect((await reader.contacts.get('c-1'))?.id).toBe('c-1');
      await expect(reader.contacts.put(contact('c-2'))).rejects.toThrow(/read-only transaction/);
    });
  });

  describe('locks across processes', () => {
    it('200 concurrent increments of one counter from two replicas end at exactly 200', async () => {
      const [a, b] = [await replica(), await replica()];
      await Promise.all(
        Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).counters.increment('viber:default:2026-11')),
      );
      expect(await a.counters.get('viber:default:2026-11')).toBe(200);
    });

    it('batch updates (one namespace-wide lock) and single updates from two replicas lose nothing', async () => {
      const [a, b] = [await replica(), await replica()];
      const ids = Array.from({ length: 60 }, (_, i) => `c-${i}`); // above the per-key limit of a batch (32)
      await a.contacts.putMany(ids.map((id) => contact(id)));
      const bump = (c: Contact): Contact => ({
        ...c,
        channels: c.channels.map((ch) => ({ ...ch, outboundSinceInbound: ch.outboundSinceInbound + 1 })),
      });
      await Promise.all([
        ...Array.from({ length: 5 }, () => a.contacts.updateMany(ids, (m) => [...m.values()].map(bump))),
        ...Array.from({ length: 5 }, () => b.contacts.updateMany(ids.slice(0, 10), (m) => [...m.values()].map(bump))),
        ...ids.flatMap((id) => [b.contacts.update(id, bump), a.contacts.update(id, bump)]),
      ]);
      const counts = (await a.contacts.getMany(ids)).map((c) => c!.channels[0]!.outboundSinceInbound);
      expect(counts).toEqual(ids.map((_, i) => (i < 10 ? 12 : 7)));
    });

    it('withLock excludes holders of the same key in other replicas, not of other keys', async () => {
      const [a, b] = [await replica(), await replica()];
      let inside = 0;
      let most = 0;
      const hold = (store: Store, key: string) =>
        store.withLock(key, async () => {
          inside++;
          most = Math.max(most, inside);
          await sleep(15);
          inside--;
        });
      await Promise.all(Array.from({ length: 10 }, (_, i) => hold(i % 2 ? a : b, 'contact:c-42')));
      expect(most).toBe(1);

      most = 0;
      await Promise.all([hold(a, 'contact:c-1'), hold(b, 'contact:c-2')]);
      expect(most).toBe(2);
    });

    it('frees a lock when its holder dies: the other replica gets it', async () => {
      const [a, b] = [await replica(), await replica()];
      let release!: () => void;
      const held = a.withLock('outbox:drain', () => new Promise<void>((resolve) => (release = resolve)));
      await sleep(100);
      let bGotIt = false;
      const waiting = b.withLock('outbox:drain', async () => {
        bGotIt = true;
      });
      await sleep(200);
      expect(bGotIt).toBe(false);
      // "Kill" a: its session ends, PostgreSQL frees the lock.
      await schema.sql(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid IN (
           SELECT pid FROM pg_stat_activity WHERE application_name = $1)`,
        [`followup:${schema.schema}`],
      );
      await waiting;
      expect(bGotIt).toBe(true);
      release();
      await held.catch(() => undefined); // a's unlock fails on the dead session; the connection is discarded
      expect(await a.contacts.has('anything')).toBe(false); // and a's pool still works
    });
  });

  describe('change feed: every replica sees every write', () => {
    it("B hears A's upserts and deletes; A hears its own writes once", async () => {
      const [a, b] = [await replica(), await replica()];
      const seenByB: string[] = [];
      const seenByA: string[] = [];
      b.contacts.onChange((c) => seenByB.push(`${c.id}:${c.status}`));
      b.contacts.onDelete((id) => seenByB.push(`${id}:deleted`));
      a.contacts.onChange((c) => seenByA.push(`${c.id}:${c.status}`));
      a.contacts.onDelete((id) => seenByA.push(`${id}:deleted`));
      await sleep(100); // both feeds have read once

      await a.contacts.put(contact('c-1'));
      await eventually(() => expect(seenByB).toEqual(['c-1:open']), 1_000);
      await a.contacts.update('c-1', (c) => ({ ...c, status: 'closed' }));
      // The feed reads each key's newest state: an update and a delete both written before B's next read
      // reach B as the delete alone (its index ends the same). Wait for the update so both are observed.
      await eventually(() => expect(seenByB).toEqual(['c-1:open', 'c-1:closed']), 1_000);
      await a.contacts.delete('c-1');
      await eventually(() => expect(seenByB).toEqual(['c-1:open', 'c-1:closed', 'c-1:deleted']), 1_000);

      await b.contacts.putMany([contact('c-2'), contact('c-3')]);
      await eventually(() => expect(seenByA.slice(3)).toEqual(['c-2:open', 'c-3:open']), 1_000);
      await sleep(300); // time for any duplicate to arrive
      expect(seenByA).toEqual(['c-1:open', 'c-1:closed', 'c-1:deleted', 'c-2:open', 'c-3:open']);
      expect(seenByB).toEqual(['c-1:open', 'c-1:closed', 'c-1:deleted', 'c-2:open', 'c-3:open']);
    });

    it('delivers within 1 s (p99) while two replicas write concurrently, ending as the database', async () => {
      const [a, b, watcher] = [await replica(), await replica(), await replica()];
      const latest = new Map<string, Contact>();
      const arrivedAt = new Map<string, number>();
      watcher.contacts.onChange((c) => {
        latest.set(c.id, c);
        if (!arrivedAt.has(`${c.id}:${c.lastName}`)) arrivedAt.set(`${c.id}:${c.lastName}`, performance.now());
      });
      watcher.contacts.onDelete((id) => latest.delete(id));
      await sleep(100);

      const writtenAt = new Map<string, number>();
      const write = async (store: Store, id: string, version: number) => {
        const lastName = `v${version}`;
        await store.contacts.put(contact(id, { lastName }));
        writtenAt.set(`${id}:${lastName}`, performance.now());
      };
      await Promise.all([
        (async () => {
          for (let i = 0; i < 150; i++) await write(a, `c-${i % 40}`, i);
        })(),
        (async () => {
          for (let i = 0; i < 150; i++) await write(b, `c-${(i * 7) % 40}`, 1000 + i);
        })(),
        (async () => {
          for (let i = 0; i < 10; i++) {
            await sleep(20);
            await b.contacts.delete(`c-${i * 3}`);
          }
        })(),
      ]);

      const stored = new Map<string, Contact>();
      for await (const c of a.contacts.loadAll()) stored.set(c.id, c);
      await eventually(() => expect(new Map([...latest].sort())).toEqual(new Map([...stored].sort())), 2_000);

      const delays = [...writtenAt]
        .filter(([version]) => arrivedAt.has(version))
        .map(([version, at]) => Math.max(0, arrivedAt.get(version)! - at))
        .sort((x, y) => x - y);
      // Versions overwritten before the watcher read them are not delivered (it gets the newest state).
      expect(delays.length).toBeGreaterThan(100);
      const p99 = delays[Math.floor(delays.length * 0.99)]!;
      expect(p99).toBeLessThan(1_000);
    });

    it("holds another replica's newer change of a key until this process has announced its own write", async () => {
      const [a, b] = [await replica(), await replica()];
      const notesOfA = a.collection('notes', z.object({ v: z.number() }));
      const notesOfB = b.collection('notes', z.object({ v: z.number() }));
      const heard: string[] = [];
      notesOfA.watch({ change: (id, note) => heard.push(`${id}=${note.v} from b`), delete: () => {} });
      await sleep(100);
      await notesOfA.announcing(
        ['n1'],
        async () => {
          await notesOfA.put('n1', { v: 1 });
          await notesOfB.put('n1', { v: 2 }); // newer, while a has not announced v1 yet
          await sleep(300); // a's feed reads both meanwhile
          expect(heard).toEqual([]);
        },
        () => heard.push('n1=1 announced by a'),
      );
      await eventually(() => expect(heard).toEqual(['n1=1 announced by a', 'n1=2 from b']), 1_000);
    });

    it('sees a write whose transaction took its number before a later one but committed after it', async () => {
      const [a, b] = [await replica(), await replica()];
      const seen: string[] = [];
      b.contacts.onChange((c) => seen.push(c.id));
      await sleep(100);

      // Another program's slow transaction takes change number n and holds it uncommitted…
      const slow = new pg.Client({ connectionString: POSTGRES_TEST_URL });
      await slow.connect();
      try {
        await slow.query('BEGIN');
        const value = JSON.stringify({ value: { ...contact('slow'), status: 'open', assignee: null } });
        await slow.query(`INSERT INTO "${schema.schema}".followup_keyv (key, value) VALUES ('contacts:slow', $1)`, [
          value,
        ]);
        // …while A's write takes n+1 and commits: B reads it (and moves past n+1) first.
        await a.contacts.put(contact('fast'));
        await eventually(() => expect(seen).toEqual(['fast']), 1_000);
        await slow.query('COMMIT');
      } finally {
        await slow.end();
      }
      await eventually(() => expect(seen).toEqual(['fast', 'slow']), 3_000);
    });

    it('catches up after its connection is killed, without a restart', async () => {
      const a = await replica();
      // A slow safety-net poll, so catching up can only come from reconnecting.
      const b = await replica({ postgres: { feedPollMs: 600_000, feedReconnectMs: 500 } });
      const seen: string[] = [];
      b.contacts.onChange((c) => seen.push(c.id));
      b.contacts.onDelete((id) => seen.push(`-${id}`));
      await a.contacts.put(contact('before'));
      await eventually(() => expect(seen).toEqual(['before']), 1_000);

      const killed = await schema.sql(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
        [`followup feed:${schema.schema}`],
      );
      expect(killed).toHaveLength(1);
      await a.contacts.put(contact('during-1'));
      await a.contacts.delete('before');
      await a.contacts.put(contact('during-2'));
      await eventually(() => expect(seen).toEqual(['before', 'during-1', '-before', 'during-2']), 3_000);

      await a.contacts.put(contact('after'));
      await eventually(() => expect(seen.at(-1)).toBe('after'), 1_000);
      const listening = await schema.sql(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1`, [
        `followup feed:${schema.schema}`,
      ]);
      expect(listening).toHaveLength(1);
    });
  });

  describe('leadership', () => {
    it('elects one leader; the other takes over within the retry interval after stop() or a dead backend', async () => {
      const [a, b] = [await replica(), await replica()];
      const retryMs = 200;
      const la = a.leadership('notifier', { retryMs });
      await eventually(() => expect(la.isLeader()).toBe(true), 1_000);
      const lb = b.leadership('notifier', { retryMs });
      const bRoles: boolean[] = [];
      lb.onChange((leader) => bRoles.push(leader));
      await sleep(3 * retryMs);
      expect([la.isLeader(), lb.isLeader()]).toEqual([true, false]);
      // Another name has its own leader.
      expect(b.leadership('outbox', { retryMs })).toBeDefined();

      await la.stop();
      expect(la.isLeader()).toBe(false);
      await eventually(() => expect(lb.isLeader()).toBe(true), 2 * retryMs + 1_500);
      expect(bRoles).toEqual([true]);

      // b's connection dies: b steps down at once; b and a contender race for the free lock, one wins.
      const lc = a.leadership('notifier', { retryMs });
      const killed = await schema.sql(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid IN (
           SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
        [`followup leader notifier:${schema.schema}`],
      );
      expect(killed).toHaveLength(1);
      await eventually(() => expect(bRoles).toContain(false), 2 * retryMs + 1_500);
      await eventually(
        () => expect([lb.isLeader(), lc.isLeader()].filter(Boolean)).toHaveLength(1),
        2 * retryMs + 1_500,
      );
    });

    it("a dead leader's work moves to the other replica within the follower's retry interval", async () => {
      const [a, b] = [await replica(), await replica()];
      // The leader's own retry is slow: once its connection is gone it does not come back (as a killed process).
      const dying = a.leadership('outbox', { retryMs: 60_000 });
      await eventually(() => expect(dying.isLeader()).toBe(true), 1_000);
      const follower = b.leadership('outbox', { retryMs: 200 });
      await sleep(400);
      expect(follower.isLeader()).toBe(false);

      const killed = await schema.sql(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid IN (
           SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
        [`followup leader outbox:${schema.schema}`],
      );
      expect(killed).toHaveLength(1);
      const killedAt = performance.now();
      await eventually(() => expect(follower.isLeader()).toBe(true), 2_000);
      // Within the retry interval, plus slack for a machine busy with other test files.
      expect(performance.now() - killedAt).toBeLessThan(200 + 1_000);
      expect(dying.isLeader()).toBe(false);
    });
  });

  describe('outages', () => {
    let relay: TcpRelay;
    beforeEach(async () => {
      relay = await startTcpRelay();
    });
    afterEach(async () => {
      await relay.close();
    });

    it('fails calls promptly with one line when the database is unreachable, and recovers by itself', async () => {
      const store = await replica({ postgres: { connectTimeoutMs: 1_000 } }, relay.urlThrough(schema.url));
      await store.contacts.put(contact('c-1'));
      expect((await store.health()).ok).toBe(true);

      await relay.cut();
      await sleep(50); // the pool notices its idle connections died (a call on one just then says "connection lost")
      const started = performance.now();
      const failure = await store.contacts.get('c-1').catch((error: unknown) => error);
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(failure).toBeInstanceOf(StoreUnavailableError); // not "Corrupt record contacts:…"
      expect((failure as Error).message).toBe(
        `Followup cannot reach its store (${relay.urlThrough(schema.url)}): connection refused`,
      );
      await expect(store.contacts.put(contact('c-2'))).rejects.toThrow(StoreUnavailableError);
      await expect(store.counters.increment('k')).rejects.toThrow(
        /^Followup cannot reach its store .*: connection refused$/,
      );
      const health = await store.health();
      expect(health).toEqual({ ok: false, detail: expect.stringMatching(/connection refused$/) });

      await relay.restore();
      expect((await store.contacts.get('c-1'))?.id).toBe('c-1');
      expect(await store.counters.increment('k')).toBe(1);
      expect((await store.health()).ok).toBe(true);
    });

    it('a cut in the middle of the work drops the pooled connections; the next calls reconnect', async () => {
      const store = await replica({ postgres: { connectTimeoutMs: 1_000 } }, relay.urlThrough(schema.url));
      await Promise.all(Array.from({ length: 5 }, (_, i) => store.contacts.put(contact(`c-${i}`))));
      await relay.cut();
      await relay.restore();
      // The pool's idle connections died with the cut: a call may fail once on one of them, then works.
      await store.contacts.get('c-0').catch((error: unknown) => expect(error).toBeInstanceOf(StoreUnavailableError));
      await eventually(async () => expect(await store.contacts.count()).toBe(5), 2_000);
    });

    it('says when its connections are all busy (held locks) rather than blaming the network', async () => {
      const store = await replica({ postgres: { poolSize: 2, connectTimeoutMs: 500 } });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const holders = [store.withLock('a', () => gate), store.withLock('b', () => gate)];
      await sleep(100);
      await expect(store.contacts.get('c-1')).rejects.toThrow(
        /^Followup cannot reach its store \(.*\): all 2 connections busy for 0\.5 s$/,
      );
      release();
      await Promise.all(holders);
      expect(await store.contacts.get('c-1')).toBeUndefined();
    });

    it('refuses to open an unreachable store within the connect timeout, in one line', async () => {
      await relay.cut();
      const started = performance.now();
      const failure = await replica({ postgres: { connectTimeoutMs: 1_000 } }, relay.urlThrough(schema.url)).catch(
        (error: unknown) => error,
      );
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(failure).toBeInstanceOf(StoreUnavailableError);
      expect((failure as Error).message).toMatch(
        /^Followup cannot reach its store \(postgres:\/\/.*\): connection refused$/,
      );
    });
  });
});
