/**
 * The schedule across replicas: only the leader arms it, a new leader re-arms what changed while nobody led,
 * and a replica that lost leadership without noticing claims nothing (its term is fenced off). Two keepers
 * on one real store: two Store instances on one PostgreSQL schema, or one SQLite store shared (one writer).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import type { Contact } from '../../src/contacts/model.js';
import { KeeperHaltedError, NotLeaderError, Notifier, ScheduleKeeper, WindowSchedule } from '../../src/notify/index.js';
import { rowKeyFor } from '../../src/notify/schedule.js';
import { type Store, openStore } from '../../src/store/index.js';
import { STORE_BACKENDS } from '../store/backends.js';
import { HOUR, MIN, RecordingSink, T, channel, contact } from './helpers.js';

interface Replica {
  store: Store;
  schedule: WindowSchedule;
  keeper: ScheduleKeeper;
  notifier: Notifier;
}

let now = T;
const clock = () => new Date(now);
const errors: unknown[] = [];

function replica(store: Store, sink: RecordingSink): Replica {
  const schedule = new WindowSchedule({ kv: store.namespace('schedule') });
  const keeper = new ScheduleKeeper({
    schedule,
    meta: store.namespace('schedule_meta'),
    contacts: store.contacts,
    withLock: (key, fn) => store.withLock(key, fn),
    clock,
    onError: (error) => errors.push(error),
    checkpointMs: 3_600_000,
  });
  const notifier = new Notifier({
    schedule,
    sink,
    clock,
    loadContact: (id) => store.contacts.get(id),
    guardClaim: (claim) => keeper.fence(claim),
    onError: (error) => errors.push(error),
  });
  return { store, schedule, keeper, notifier };
}

const ana = (inboundAt: number): Contact =>
  contact('ana', [channel('whatsapp', inboundAt, { address: '+351900000001' })], {
    updatedAt: new Date(inboundAt).toISOString(),
  });

const storedRow = (store: Store) => store.namespace('schedule').get(`win:${rowKeyFor('ana', 'whatsapp')}`);

for (const backend of STORE_BACKENDS) {
  backend.describe(`the schedule across replicas on ${backend.name}`, () => {
    const place = backend.place();

    /** Two replicas: their own Store on PostgreSQL, the one writer's Store on SQLite. */
    async function twoReplicas(sink = new RecordingSink()): Promise<[Replica, Replica]> {
      now = T;
      errors.length = 0;
      const first = await place.open();
      const second = backend.name === 'postgres' ? await place.open() : first;
      const replicas: [Replica, Replica] = [replica(first, sink), replica(second, sink)];
      for (const r of replicas) await r.keeper.start();
      return replicas;
    }

    it('a follower hears of changes but writes no schedule row; the leader arms them', async () => {
      const [a, b] = await twoReplicas();
      await a.keeper.lead();
      const stored = await b.store.contacts.put(ana(T));
      b.keeper.seen(stored); // b wrote it: b's own listener
      expect(b.schedule.isLoaded).toBe(false);
      expect(await storedRow(b.store)).toBeUndefined();
      a.keeper.seen(stored); // a hears it through the change feed
      await a.keeper.settled();
      expect(a.schedule.entriesOf('ana').map((e) => e.kind)).toEqual(['reminder', 'notice']);
      expect(await storedRow(b.store)).toBeDefined();
      expect(errors).toEqual([]);
    });

    it('a new leader re-arms what changed while nobody led, from the stored contact', async () => {
      const [a, b] = await twoReplicas();
      await a.keeper.lead();
      await a.keeper.follow(); // the leader goes away (its mark is recorded on the way out)
      now = T + MIN;
      const stored = await b.store.contacts.put(ana(now));
      b.keeper.seen(stored); // nobody leads: nobody arms
      expect(await storedRow(b.store)).toBeUndefined();

      await b.keeper.lead();
      expect(b.schedule.entriesOf('ana').map((e) => e.kind)).toEqual(['reminder', 'notice']);
      expect(await storedRow(b.store)).toBeDefined();
      expect(errors).toEqual([]);
    });

    it('a new leader reads the stored schedule while the contacts load, catching up once they are read', async () => {
      const [a, b] = await twoReplicas();
      await a.keeper.lead();
      const kept = await a.store.contacts.put({ ...ana(T), id: 'kept' });
      a.keeper.seen(kept);
      await a.keeper.settled();
      await a.keeper.follow(); // its mark: T
      now = T + MIN;
      // Changed while nobody led: b's start-up load finds it only after b began taking over.
      const changed = await b.store.contacts.put(ana(now));

      let contactsRead!: () => void;
      const leading = b.keeper.lead(new Promise<void>((resolve) => (contactsRead = resolve)));
      await vi.waitFor(() => expect(b.schedule.isLoaded).toBe(true));
      expect(b.schedule.entriesOf('kept').map((e) => e.kind)).toEqual(['reminder', 'notice']);
      expect(b.keeper.isLeading).toBe(false);
      b.keeper.loaded(changed); // the load reaches it
      contactsRead();
      await leading;
      expect(b.keeper.isLeading).toBe(true);
      expect(b.schedule.entriesOf('ana').map((e) => e.kind)).toEqual(['reminder', 'notice']);
      expect(errors).toEqual([]);
    });

    it('a contacts load that fails fails the take-over; halting during it stops the take-over', async () => {
      const [a] = await twoReplicas();
      const failed = new Error('the contacts load failed');
      await expect(a.keeper.lead(Promise.reject(failed))).rejects.toBe(failed);
      expect(a.keeper.isLeading).toBe(false);
      let contactsRead!: () => void;
      const leading = a.keeper.lead(new Promise<void>((resolve) => (contactsRead = resolve)));
      await vi.waitFor(() => expect(a.schedule.isLoaded).toBe(true));
      a.keeper.halt();
      contactsRead();
      await expect(leading).rejects.toThrow(KeeperHaltedError);
      expect(a.keeper.isLeading).toBe(false);
      expect(await a.store.namespace('schedule_meta').get('armed')).toBeUndefined();
    });

    it('a write that leaves updatedAt as it was (a provider closing the window) is re-armed too', async () => {
      const [a, b] = await twoReplicas();
      await a.keeper.lead();
      now = T + 10 * 24 * HOUR;
      await a.keeper.follow(); // its mark: T + 10 days
      const stored = await b.store.contacts.put({ ...ana(now - HOUR), updatedAt: new Date(T).toISOString() });
      b.keeper.seen(stored);
      await b.keeper.lead();
      expect(b.schedule.entriesOf('ana').map((e) => e.kind)).toEqual(['reminder', 'notice']);
    });

    it('after a takeover the old leader claims nothing: one post, by the new leader', async () => {
      const sink = new RecordingSink();
      const [a, b] = await twoReplicas(sink);
      await a.keeper.lead();
      const stored = await a.store.contacts.put(ana(T));
      a.keeper.seen(stored);
      await a.keeper.settled();

      // b takes over while a still believes it leads (a cut connection it has not noticed yet).
      await b.keeper.lead();
      now = T + 23 * HOUR;
      expect(await a.notifier.tick()).toMatchObject({ posted: 0, failed: 1 });
      expect(errors.some((e) => e instanceof NotLeaderError)).toBe(true);
      expect(await b.notifier.tick()).toMatchObject({ posted: 1 });
      expect(sink.count('reminder')).toBe(1);
      await expect(a.keeper.fence(async () => 'claimed')).rejects.toBeInstanceOf(NotLeaderError);
      await expect(b.keeper.fence(async () => 'claimed')).resolves.toBe('claimed');
      for (const r of [a, b]) await r.notifier.stop();
    });
  });
}

it('a shutdown during the first arming stops it at once; the store stays un-armed for the next leader', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'followup-keeper-'));
  const store = await openStore(`sqlite://${join(dir, 'f.sqlite')}`);
  try {
    errors.length = 0;
    for (let i = 0; i < 50; i++) await store.contacts.put({ ...ana(T), id: `c-${i}` });
    const r = replica(store, new RecordingSink());
    await r.keeper.start();
    const leading = r.keeper.lead();
    r.keeper.halt();
    await expect(leading).rejects.toThrow(KeeperHaltedError);
    expect(await store.namespace('schedule_meta').get('armed')).toBeUndefined();
    await r.keeper.stop();
    expect(errors).toEqual([]);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
