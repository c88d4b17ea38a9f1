/**
 * Moving a store without losing a record: `followup export` from SQLite, `followup import-records` into a
 * fresh store (SQLite here; a fresh PostgreSQL schema below), every namespace's count and every record equal,
 * and running the import again changes nothing. `followup migrate` on PostgreSQL.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RawRecord, openStore } from '../../src/store/index.js';
import { SCHEMA_VERSION } from '../../src/store/postgres/index.js';
import { describeOnPostgres, freshSchema } from '../support/postgres.js';
import { contact, everyRecord, tempDir } from '../store/helpers.js';
import { runCli } from './run-cli.js';

const NOW = '2026-11-21T12:00:00Z';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('followup-move-');
});
afterEach(() => tmp.cleanup());

function countsOf(records: readonly RawRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.namespace] = (counts[r.namespace] ?? 0) + 1;
  return counts;
}

/** The seeded SQLite store and its export file. */
async function seededExport(count: number): Promise<{ source: string; file: string; records: RawRecord[] }> {
  const source = `sqlite://${join(tmp.dir, 'source.sqlite')}`;
  const seeded = await runCli(['seed-demo', '--count', String(count)], { storeUrl: source, now: NOW });
  expect(seeded.code, seeded.stderr).toBe(0);
  const exported = await runCli(['export'], { storeUrl: source });
  expect(exported.code, exported.stderr).toBe(0);
  const records = await everyRecord(source);
  const counts = countsOf(records);
  expect(counts.contacts).toBe(count);
  expect(Object.keys(counts).length).toBeGreaterThanOrEqual(3); // contacts, events, templates at least
  expect(exported.stderr).toContain(`exported ${records.length.toLocaleString('en')} records: `);
  for (const [namespace, n] of Object.entries(counts)) {
    expect(exported.stderr).toContain(`${namespace} ${n.toLocaleString('en')}`);
  }
  const file = join(tmp.dir, 'all.ndjson');
  writeFileSync(file, exported.stdout);
  expect(exported.stdout.trimEnd().split('\n')).toHaveLength(records.length);
  return { source, file, records };
}

/** import-records into `target`; checks the per-namespace table and returns the run. */
async function importInto(target: string, file: string, counts: Record<string, number>) {
  const run = await runCli(['import-records', file], { storeUrl: target });
  expect(run.code, run.stderr).toBe(0);
  for (const [namespace, n] of Object.entries(counts)) {
    const shown = n.toLocaleString('en');
    expect(run.stdout).toMatch(new RegExp(`^${namespace} +${shown} +${shown}  ok$`, 'm'));
  }
  expect(run.stdout).toContain('every record of the file is in the store as written');
  return run;
}

describe('followup export | import-records', () => {
  it('SQLite to a new SQLite file: every record equal, and a second import changes nothing', async () => {
    const { file, records } = await seededExport(40);
    const target = `sqlite://${join(tmp.dir, 'target.sqlite')}`;
    await importInto(target, file, countsOf(records));
    expect(await everyRecord(target)).toEqual(records);
    await importInto(target, file, countsOf(records));
    expect(await everyRecord(target)).toEqual(records);
  });

  it('a line that is not a record is named with its line number, the others are imported, exit 1', async () => {
    const file = join(tmp.dir, 'some.ndjson');
    writeFileSync(
      file,
      [
        JSON.stringify({ namespace: 'contacts', key: 'c-1', value: '{"value":{"id":"c-1"}}' }),
        'not json',
        JSON.stringify({ namespace: 'Contacts!', key: 'c-2', value: '{}' }),
        JSON.stringify({ namespace: 'contacts', key: 'c-3', value: { id: 'c-3' } }),
        '',
      ].join('\n'),
    );
    const target = `sqlite://${join(tmp.dir, 'target.sqlite')}`;
    const run = await runCli(['import-records', file], { storeUrl: target });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 2: not JSON');
    expect(run.stderr).toContain('line 3: namespace: not a namespace name');
    expect(run.stderr).toMatch(/line 4: value: /);
    expect(run.stdout).toMatch(/^contacts +1 +1 {2}ok$/m);
    expect(await everyRecord(target)).toEqual([{ namespace: 'contacts', key: 'c-1', value: '{"value":{"id":"c-1"}}' }]);
  });

  it('export stops at a row that is not a Followup record instead of leaving it out', async () => {
    const store = await openStore(tmp.url);
    try {
      await store.contacts.put(contact('c-1'));
      await store.rawRecords().write([{ namespace: '', key: 'left-by-someone', value: 'x' }]);
    } finally {
      await store.close();
    }
    const run = await runCli(['export'], { storeUrl: tmp.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /followup: The store holds a row that is not a Followup record \(key ":left-by-someone"/,
    );
  });

  it('migrate on SQLite has nothing to do', async () => {
    const run = await runCli(['migrate'], { storeUrl: tmp.url });
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^SQLite .*nothing to migrate/) });
  });
});

describeOnPostgres('moving a SQLite store to PostgreSQL', () => {
  it('migrate applies the schema once; seed-demo → export → import-records: every count and record equal', async () => {
    const schema = await freshSchema();
    try {
      const migrated = await runCli(['migrate'], { storeUrl: schema.url });
      expect(migrated.code, migrated.stderr).toBe(0);
      expect(migrated.stdout).toMatch(
        new RegExp(`applied migrations? .*schema "${schema.schema}" is at version ${SCHEMA_VERSION}\\.\\n$`),
      );
      const again = await runCli(['migrate'], { storeUrl: schema.url });
      expect(again.stdout).toContain(`nothing to do; schema "${schema.schema}" is at version ${SCHEMA_VERSION}.`);

      const { file, records } = await seededExport(300);
      await importInto(schema.url, file, countsOf(records));
      expect(await everyRecord(schema.url)).toEqual(records);
      await importInto(schema.url, file, countsOf(records)); // idempotent
      expect(await everyRecord(schema.url)).toEqual(records);

      // What the copy holds reads through the repositories as well: the store works on it.
      const store = await openStore(schema.url, { access: 'read' });
      try {
        expect(await store.contacts.count()).toBe(300);
        expect((await store.contacts.get('demo-0001'))?.id).toBe('demo-0001');
      } finally {
        await store.close();
      }
    } finally {
      await schema.drop();
    }
  });
});
