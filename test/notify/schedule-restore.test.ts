/**
 * Restoring the window schedule from the app's own store (SQLite file, PostgreSQL): the namespace is read a
 * page at a time from the adapter and each record checked by schedule-store.ts's fast path for the exact
 * form it writes, the schema deciding whatever else. The same rows, entries, states and invalid count as the
 * restore through keyv gives, and the fast path answers exactly as the schema does whenever it answers.
 */
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { WindowSchedule } from '../../src/notify/index.js';
import { checkStoredLog, checkStoredRow } from '../../src/notify/schedule-store.js';
import { storedLogSchema, storedRowSchema } from '../../src/notify/storage.js';
import { type Store, openStore } from '../../src/store/index.js';
import { tempDir } from '../store/helpers.js';
import { describeOnPostgres, freshSchema } from '../support/postgres.js';
import { DAY, HOUR, T, channel, contact, iso } from './helpers.js';

const row = {
  v: 1,
  contactId: 'c-1',
  channel: 'whatsapp',
  channelKey: 'whatsapp:PN1',
  anchor: iso(T),
  expiresAt: iso(T + 2 * DAY),
  entries: [
    { kind: 'reminder', edge: 'close', closesAt: iso(T + DAY), dueAt: iso(T + DAY - HOUR), state: 'pending' },
    { kind: 'notice', edge: 'standard', closesAt: iso(T + DAY), dueAt: iso(T + DAY), state: 'delivered' },
  ],
};
const log = { v: 1, state: 'claimed', at: iso(T), expiresAt: iso(T + DAY), keys: ['a|b|c|notice'] };

describe('the fast check of stored schedule records', () => {
  it('accepts the records the schedule writes, as the schema does', () => {
    for (const raw of [row, { ...row, extra: 1 }, { ...row, entries: [] }]) {
      expect(checkStoredRow(raw)).toBe(true);
      expect(storedRowSchema.safeParse(raw).success).toBe(true);
    }
    for (const raw of [log, { ...log, state: 'delivered', keys: [] }]) {
      expect(checkStoredLog(raw)).toBe(true);
      expect(storedLogSchema.safeParse(raw).success).toBe(true);
    }
  });

  it('leaves every other form to the schema, which accepts or refuses it', () => {
    const offset = { ...row, anchor: '2025-03-10T09:00:00+01:00' };
    expect(checkStoredRow(offset)).toBe(false);
    expect(storedRowSchema.safeParse(offset).success).toBe(true);
    const refused: unknown[] = [
      { ...row, v: 2 },
      { ...row, channel: 'pager' },
      { ...row, contactId: '' },
      { ...row, expiresAt: '2025-02-30T00:00:00.000Z' },
      { ...row, entries: [{ ...row.entries[0], kind: 'nudge' }] },
      { ...row, entries: 'none' },
      'a row',
      null,
    ];
    for (const raw of refused) {
      expect(checkStoredRow(raw), JSON.stringify(raw)).toBe(false);
      expect(storedRowSchema.safeParse(raw).success, JSON.stringify(raw)).toBe(false);
    }
    for (const raw of [{ ...log, state: 'pending' }, { ...log, keys: [''] }, { ...log, at: 'now' }, []]) {
      expect(checkStoredLog(raw), JSON.stringify(raw)).toBe(false);
      expect(storedLogSchema.safeParse(raw).success, JSON.stringify(raw)).toBe(false);
    }
  });
});

/** Arms contacts through the app's store, then restores it there and from a keyv copy of its records. */
async function expectSameRestore(store: Store): Promise<void> {
  const kv = store.namespace('schedule');
  const a = new WindowSchedule({ kv });
  await a.load(new Date(T));
  for (let i = 0; i < 40; i++) {
    const channels = [channel('whatsapp', T - i * HOUR), channel('messenger', T - 2 * i * HOUR)];
    await a.rearm(contact(`c-${i}`, channels), new Date(T));
  }
  const due = a.due(new Date(T + 22 * HOUR));
  expect(due.length).toBeGreaterThan(4);
  const claimed = await a.claim(due.slice(0, 4), new Date(T + 22 * HOUR));
  await a.markDelivered(due.slice(0, 2), new Date(T + 22 * HOUR), claimed);
  await a.settle();
  await kv.set('win:odd', { ...row, contactId: 'odd', anchor: '2025-03-10T09:00:00+01:00' }, DAY);
  await kv.set('win:bogus', { v: 1, nonsense: true });
  await kv.set('log:bogus', 'not a log');

  // The same records in a plain keyv: restored through keyv's iterator, record by record.
  const copy = new Keyv({ store: new Map(), namespace: 'schedule' });
  for await (const [key, value] of kv.iterator!(kv.namespace)) await copy.set(String(key), value);

  const at = new Date(T + 23 * HOUR);
  const fromStore = new WindowSchedule({ kv });
  const fromCopy = new WindowSchedule({ kv: copy });
  const [restored, expected] = [await fromStore.load(at), await fromCopy.load(at)];
  expect({ ...restored, ms: 0 }).toEqual({ ...expected, ms: 0 });
  expect(restored.rows).toBeGreaterThan(40);
  expect(restored.invalid).toBe(2);
  const later = new Date(T + 3 * DAY);
  expect(fromStore.due(later)).toEqual(fromCopy.due(later));
  expect(fromStore.due(later).length).toBeGreaterThan(0);
}

describe('restoring the schedule from the app store on SQLite', () => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    tmp?.cleanup();
  });

  it('restores what keyv restores, page by page', async () => {
    tmp = tempDir('followup-schedule-restore-');
    store = await openStore(tmp.url, { log: () => {}, sqlite: { iterationLimit: 7 } });
    await expectSameRestore(store);
  });
});

describeOnPostgres('restoring the schedule from the app store on PostgreSQL', () => {
  it('restores what keyv restores, page by page', async () => {
    const schema = await freshSchema();
    const store = await openStore(schema.url, { log: () => {}, postgres: { poolSize: 3, pageSize: 7 } });
    try {
      await expectSameRestore(store);
    } finally {
      await store.close();
      await schema.drop();
    }
  });
});
