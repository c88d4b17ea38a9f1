/**
 * Moving a store with `followup export | import-records` keeps the outbox working: the moved store retries
 * its queued follow-ups and shows each agent's recent ones, whether the file carries the outbox's indexes
 * (copied as they are, record for record) or comes from a store older than them (rebuilt on import, even into
 * a store whose indexes were already built).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxWorker, enqueueFollowUp, sendFollowUp } from '../../src/followup/index.js';
import { applyEvents } from '../../src/ingest/index.js';
import { type RawRecord, type Store, openStore } from '../../src/store/index.js';
import { SandboxTransport } from '../../src/transports/sandbox/index.js';
import { TransportRegistry } from '../../src/transports/transport.js';
import { runCli } from '../cli/run-cli.js';
import { describeOnPostgres, freshSchema } from '../support/postgres.js';
import { everyRecord, tempDir, wroteAt } from './helpers.js';

const T = new Date('2026-11-21T12:00:00.000Z');
const at = (ms: number) => new Date(T.getTime() + ms);
const INDEXES = ['outbox_queued', 'outbox_recent', 'outbox_indexed'];

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('followup-outbox-move-');
});
afterEach(() => tmp.cleanup());

const depsOf = (store: Store) => ({
  store,
  transports: new TransportRegistry(new SandboxTransport()),
  settings: { rules: {}, closingLogic: 'unassign' as const },
});

/**
 * A SQLite store as a server leaves it: 3 follow-ups by U1 still queued, 2 by U2 sent, indexes built (the
 * worker has run); its export file, and the file as a version older than the indexes would have written it.
 */
async function sourceExport(): Promise<{ file: string; oldFile: string; records: RawRecord[] }> {
  const url = `sqlite://${join(tmp.dir, 'source.sqlite')}`;
  const store = await openStore(url, { log: () => {} });
  try {
    await applyEvents(store, wroteAt(at(-3_600_000)));
    expect(await store.outbox.due(T)).toEqual([]);
    const input = (i: number, senderId: string) => ({
      contactId: 'c1',
      channelKey: 'whatsapp',
      message: { kind: 'text' as const, text: `Xin chào ${i}` },
      senderId,
      idempotencyKey: `view-${i}`,
      now: at(i * 1000),
    });
    for (const i of [0, 1]) expect(await sendFollowUp(input(i, 'U2'), depsOf(store))).toMatchObject({ ok: true });
    for (const i of [2, 3, 4]) expect(await enqueueFollowUp(input(i, 'U1'), depsOf(store))).toMatchObject({ ok: true });
    expect(await store.outbox.list({ status: 'queued' })).toHaveLength(3);
  } finally {
    await store.close();
  }
  const exported = await runCli(['export'], { storeUrl: url });
  expect(exported.code, exported.stderr).toBe(0);
  const lines = exported.stdout.trimEnd().split('\n');
  const records = lines.map((line) => JSON.parse(line) as RawRecord);
  expect(new Set(records.map((r) => r.namespace))).toEqual(
    new Set(['contacts', 'events', 'outbox', 'outbox_keys', ...INDEXES]),
  );
  const file = join(tmp.dir, 'all.ndjson');
  writeFileSync(file, exported.stdout);
  const oldFile = join(tmp.dir, 'before-indexes.ndjson');
  writeFileSync(oldFile, `${lines.filter((_, i) => !INDEXES.includes(records[i]!.namespace)).join('\n')}\n`);
  return { file, oldFile, records };
}

/** The moved store retries the 3 queued follow-ups and lists each agent's own, newest first. */
async function expectWorking(url: string): Promise<void> {
  const store = await openStore(url, { log: () => {} });
  try {
    const texts = async (sentBy: string) =>
      (await store.outbox.recent({ sentBy, limit: 10 })).map((e) => `${e.text} ${e.status}`);
    expect(await texts('U1')).toEqual(['Xin chào 4 queued', 'Xin chào 3 queued', 'Xin chào 2 queued']);
    expect(await texts('U2')).toEqual(['Xin chào 1 sent', 'Xin chào 0 sent']);
    const worker = new OutboxWorker(
      depsOf(store),
      () => at(60_000),
      (error) => {
        throw error;
      },
    );
    expect(await worker.tick()).toBe(3);
    expect(await texts('U1')).toEqual(['Xin chào 4 sent', 'Xin chào 3 sent', 'Xin chào 2 sent']);
  } finally {
    await store.close();
  }
}

/** A store a server has already run on: its (empty) outbox indexes are built. */
async function startedStore(url: string): Promise<void> {
  const store = await openStore(url, { log: () => {} });
  try {
    expect(await store.outbox.due(T)).toEqual([]);
  } finally {
    await store.close();
  }
}

describe('moving a store keeps its outbox working', () => {
  it('a file with the indexes: copied record for record; the moved store retries and lists', async () => {
    const { file, records } = await sourceExport();
    const target = `sqlite://${join(tmp.dir, 'target.sqlite')}`;
    const run = await runCli(['import-records', file], { storeUrl: target });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/followup: Outbox indexes rebuilt from one read of 5 entries \(3 queued, 2 agents\)/);
    expect(await everyRecord(target)).toEqual(records);
    await expectWorking(target);
  });

  it('a file from before the indexes, into a store that already has them: rebuilt on import', async () => {
    const { oldFile } = await sourceExport();
    const target = `sqlite://${join(tmp.dir, 'target.sqlite')}`;
    await startedStore(target);
    const run = await runCli(['import-records', oldFile], { storeUrl: target });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^outbox +5 +5 {2}ok$/m);
    await expectWorking(target);
  });
});

describeOnPostgres('moving a SQLite store to PostgreSQL keeps its outbox working', () => {
  it('from before the indexes, into a schema a replica has started on', async () => {
    const schema = await freshSchema();
    try {
      const { oldFile } = await sourceExport();
      await startedStore(schema.url);
      const run = await runCli(['import-records', oldFile], { storeUrl: schema.url });
      expect(run.code, run.stderr).toBe(0);
      await expectWorking(schema.url);
    } finally {
      await schema.drop();
    }
  });
});
