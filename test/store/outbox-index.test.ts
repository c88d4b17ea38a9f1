/**
 * The outbox's indexes, on SQLite and PostgreSQL: the queued index follows every status change, a crash
 * between an index row and its entry never hides a queued entry, `recent` per agent reads only that agent's
 * newest entries, a store from before the indexes gets them once on first use, and the retry worker's pass
 * over 100k sent entries and 10 queued reads 10 (reads counted, not timed).
 */
import { afterEach, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { OutboxWorker, enqueueFollowUp } from '../../src/followup/index.js';
import { applyEvents } from '../../src/ingest/index.js';
import { type NewOutboxEntry, type OutboxEntry, RecordCollection, type Store } from '../../src/store/index.js';
import { SandboxTransport } from '../../src/transports/sandbox/index.js';
import { TransportRegistry } from '../../src/transports/transport.js';
import { STORE_BACKENDS } from './backends.js';
import { plannedSend } from '../support/planned-send.js';

const T = new Date('2026-11-21T12:00:00.000Z');
const at = (ms: number) => new Date(T.getTime() + ms);
const iso = (ms: number) => at(ms).toISOString();

const plan = plannedSend('whatsapp', 'Xin chào');

function newEntry(name: string, sentBy = 'U1'): NewOutboxEntry {
  return {
    id: `e-${name}`,
    idempotencyKey: `k-${name}`,
    contactId: 'c1',
    contactName: 'Linh',
    channel: 'whatsapp',
    channelKey: 'whatsapp',
    plan,
    sentBy,
    transport: 'sandbox',
    sandbox: true,
  };
}

/** A whole entry as `enqueue` would store it (then sent), for writing raw rows. */
function storedEntry(name: string, extra: Partial<OutboxEntry> = {}): OutboxEntry {
  const { plan: planned, ...entry } = newEntry(name);
  return {
    ...entry,
    id: `e-${name}`,
    status: 'sent',
    kind: 'text',
    text: 'Xin chào',
    templateName: null,
    tag: null,
    plan: { ...planned },
    providerMessageId: null,
    error: null,
    reopened: false,
    attempts: 1,
    createdAt: T.toISOString(),
    updatedAt: T.toISOString(),
    sentAt: T.toISOString(),
    nextAttemptAt: null,
    inFlightSince: null,
    ...extra,
  };
}

/** Writes rows as they lie in the table, past every repository (what a crash between two writes leaves). */
async function writeRaw(store: Store, namespace: string, rows: ReadonlyArray<readonly [string, unknown]>) {
  await store.rawRecords().write(rows.map(([key, value]) => ({ namespace, key, value: JSON.stringify({ value }) })));
}

async function rawValue(store: Store, namespace: string, key: string): Promise<unknown> {
  const [text] = await store.rawRecords().read([{ namespace, key }]);
  return text === undefined ? undefined : (JSON.parse(text) as { value: unknown }).value;
}

const ids = (entries: readonly OutboxEntry[]) => entries.map((e) => e.id);

type AnyCollection = RecordCollection<z.ZodType>;

/**
 * Runs `fn` counting the outbox entries it asks the store for (ids to `get`/`getMany`, records a full listing
 * yields), and how many full listings of the outbox it starts.
 */
async function countingOutboxReads<T>(fn: () => Promise<T>): Promise<{ result: T; reads: number; listings: number }> {
  let reads = 0;
  let listings = 0;
  const proto = RecordCollection.prototype as AnyCollection;
  const { get, getMany, values, entries } = proto;
  const isOutbox = (c: AnyCollection) => c.name === 'outbox';
  vi.spyOn(proto, 'get').mockImplementation(function (this: AnyCollection, id) {
    if (isOutbox(this)) reads++;
    return get.call(this, id);
  });
  vi.spyOn(proto, 'getMany').mockImplementation(function (this: AnyCollection, wanted) {
    if (isOutbox(this)) reads += wanted.length;
    return getMany.call(this, wanted);
  });
  for (const [name, listing] of [
    ['values', values],
    ['entries', entries],
  ] as const) {
    vi.spyOn(proto, name).mockImplementation(async function* (this: AnyCollection) {
      if (isOutbox(this)) listings++;
      for await (const item of (listing as () => AsyncGenerator<unknown>).call(this)) {
        if (isOutbox(this)) reads++;
        yield item;
      }
    } as never);
  }
  try {
    const result = await fn();
    return { result, reads, listings };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

for (const backend of STORE_BACKENDS) {
  backend.describe(`outbox indexes on ${backend.name}`, () => {
    const place = backend.place();

    it('the queued index follows every status change, and due() goes by the next attempt', async () => {
      const store = await place.open();
      const row = (id: string) => rawValue(store, 'outbox_queued', id);
      const { entry } = await store.outbox.enqueue(newEntry('1'), T);
      expect(await row(entry.id)).toEqual({ createdAt: iso(0), nextAttemptAt: null });
      expect(ids(await store.outbox.due(T))).toEqual([entry.id]);

      await store.outbox.update(entry.id, at(1), () => ({ inFlightSince: iso(1) }));
      expect(await row(entry.id)).toEqual({ createdAt: iso(0), nextAttemptAt: null });

      await store.outbox.markRetry(entry.id, at(2), 'provider_error: 503', at(60_000));
      expect(await row(entry.id)).toEqual({ createdAt: iso(0), nextAttemptAt: iso(60_000) });
      expect(await store.outbox.due(at(59_999))).toEqual([]);
      expect(ids(await store.outbox.due(at(60_000)))).toEqual([entry.id]);
      expect(ids(await store.outbox.list({ status: 'queued' }))).toEqual([entry.id]);

      await store.outbox.markFailed(entry.id, at(3), 'provider_error: 503');
      expect(await row(entry.id)).toBeUndefined();
      expect(await store.outbox.list({ status: 'queued' })).toEqual([]);

      // A resubmission after a failure queues it again (enqueueFollowUp's update).
      await store.outbox.update(entry.id, at(4), () => ({ status: 'queued', error: null, nextAttemptAt: null }));
      expect(await row(entry.id)).toEqual({ createdAt: iso(0), nextAttemptAt: null });
      await store.outbox.markSent(entry.id, at(5), 'pm-1');
      expect(await row(entry.id)).toBeUndefined();

      // Whole entries through put: queued gets a row, the same id put as sent loses it.
      await store.outbox.put(storedEntry('p', { status: 'queued', sentAt: null, createdAt: iso(-5) }));
      const { entry: other } = await store.outbox.enqueue(newEntry('2'), at(-10));
      expect(ids(await store.outbox.list({ status: 'queued' }))).toEqual([other.id, 'e-p']); // oldest first
      expect(ids(await store.outbox.list({ status: 'queued', contactId: 'c-none' }))).toEqual([]);
      await store.outbox.put(storedEntry('p'));
      expect(await row('e-p')).toBeUndefined();
      expect(ids(await store.outbox.list({ status: 'queued' }))).toEqual([other.id]);
      expect(ids(await store.outbox.list({ status: 'sent' }))).toEqual(['e-1', 'e-p']);
    });

    it('a crash between an index row and its entry leaves a stale row, never a lost entry', async () => {
      const store = await place.open();
      expect(await store.outbox.due(T)).toEqual([]); // the indexes exist (a new store)
      const row = (id: string) => rawValue(store, 'outbox_queued', id);

      // Enqueue wrote its row, then the process died before the entry.
      await writeRaw(store, 'outbox_queued', [['e-ghost', { createdAt: iso(0), nextAttemptAt: null }]]);
      // markSent wrote the entry, then the process died before removing the row.
      const { entry: sent } = await store.outbox.enqueue(newEntry('sent'), T);
      await writeRaw(store, 'outbox', [[sent.id, storedEntry('sent')]]);
      // markRetry moved the entry later, then the process died before moving the row: the row is early.
      const { entry: later } = await store.outbox.enqueue(newEntry('later'), T);
      await writeRaw(store, 'outbox', [
        [later.id, storedEntry('later', { status: 'queued', sentAt: null, nextAttemptAt: iso(60_000) })],
      ]);
      const { entry: plain } = await store.outbox.enqueue(newEntry('plain'), at(1));

      expect(ids(await store.outbox.due(at(1_000)))).toEqual([plain.id]);
      expect(await row('e-ghost')).toBeUndefined();
      expect(await row(sent.id)).toBeUndefined();
      expect(await row(later.id)).toEqual({ createdAt: iso(0), nextAttemptAt: null }); // still queued: kept
      expect(ids(await store.outbox.due(at(60_000)))).toEqual([later.id, plain.id]);
      expect(ids(await store.outbox.list({ status: 'queued' }))).toEqual([later.id, plain.id]);
    });

    it('recent per agent: newest first, capped at 50, read from the index; stale ids skipped', async () => {
      const store = await place.open();
      expect(await store.outbox.due(T)).toEqual([]); // the indexes exist (a new store)
      const order = Array.from({ length: 55 }, (_, i) => (i * 37) % 55); // every i once, shuffled
      for (const i of order) await store.outbox.enqueue(newEntry(`u1-${String(i).padStart(2, '0')}`), at(i * 1000));
      await store.outbox.enqueue(newEntry('u2-a', 'U2'), at(500));
      await store.outbox.enqueue(newEntry('u2-b', 'U2'), at(1500));

      const {
        result: ten,
        reads,
        listings,
      } = await countingOutboxReads(() => store.outbox.recent({ sentBy: 'U1', limit: 10 }));
      expect(ids(ten)).toEqual(Array.from({ length: 10 }, (_, k) => `e-u1-${54 - k}`));
      expect({ reads, listings }).toEqual({ reads: 10, listings: 0 });
      const fifty = await store.outbox.recent({ sentBy: 'U1', limit: 50 });
      expect(fifty).toHaveLength(50);
      expect(fifty.at(-1)!.id).toBe('e-u1-05');
      const indexRow = (await rawValue(store, 'outbox_recent', 'U1')) as { entries: unknown[] };
      expect(indexRow.entries).toHaveLength(50);
      // Beyond what the index keeps, and without an agent: the full read (operator tools).
      expect(await store.outbox.recent({ sentBy: 'U1', limit: 60 })).toHaveLength(55);
      expect(ids(await store.outbox.recent({ limit: 3 }))).toEqual(['e-u1-54', 'e-u1-53', 'e-u1-52']);
      expect(ids(await store.outbox.recent({ sentBy: 'U2', limit: 10 }))).toEqual(['e-u2-b', 'e-u2-a']);
      expect(await store.outbox.recent({ sentBy: 'U-nobody', limit: 10 })).toEqual([]);

      // A crash after the recent row, before the entry: the id is skipped, the next one read.
      const u2 = (await rawValue(store, 'outbox_recent', 'U2')) as { entries: unknown[] };
      await writeRaw(store, 'outbox_recent', [
        ['U2', { entries: [{ id: 'e-ghost', createdAt: iso(9_000) }, ...u2.entries] }],
      ]);
      expect(ids(await store.outbox.recent({ sentBy: 'U2', limit: 1 }))).toEqual(['e-u2-b']);
      expect(ids(await store.outbox.recent({ sentBy: 'U2', limit: 10 }))).toEqual(['e-u2-b', 'e-u2-a']);
    });

    it('two enqueues for one agent at once (two replicas on PostgreSQL) both land in recent', async () => {
      const first = await place.open();
      const second = backend.name === 'postgres' ? await place.open() : first;
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? first : second).outbox.enqueue(newEntry(`c-${String(i).padStart(2, '0')}`), at(i)),
        ),
      );
      const expected = Array.from({ length: 20 }, (_, i) => `e-c-${String(19 - i).padStart(2, '0')}`);
      expect(ids(await first.outbox.recent({ sentBy: 'U1', limit: 50 }))).toEqual(expected);
      expect(ids(await second.outbox.recent({ sentBy: 'U1', limit: 50 }))).toEqual(expected);
      expect(await first.outbox.list({ status: 'queued' })).toHaveLength(20);
    });

    it('a store from before the indexes gets them once, on first use, and says so', async () => {
      const logs: string[][] = [[], []];
      const writer = await place.open({ log: (line) => logs[0]!.push(line) });
      // What an older version left: entries, no index rows, no marker.
      const old = [
        ...Array.from({ length: 25 }, (_, i) => storedEntry(`s-${i}`, { sentBy: i % 2 ? 'U1' : 'U2' })),
        storedEntry('q-1', { status: 'queued', sentAt: null, createdAt: iso(1) }),
        storedEntry('q-2', { status: 'queued', sentAt: null, createdAt: iso(2), sentBy: 'U2' }),
        storedEntry('q-3', { status: 'queued', sentAt: null, createdAt: iso(3), nextAttemptAt: iso(60_000) }),
      ];
      await writeRaw(
        writer,
        'outbox',
        old.map((e) => [e.id, e]),
      );

      // A read-only store cannot build them: it reads the whole outbox instead, and writes nothing.
      if (backend.name === 'sqlite') {
        const reader = await place.open({ access: 'read' });
        expect(ids(await reader.outbox.list({ status: 'queued' }))).toEqual(['e-q-1', 'e-q-2', 'e-q-3']);
        expect(await rawValue(writer, 'outbox_indexed', 'built')).toBeUndefined();
      }

      // Replicas starting together (PostgreSQL) or readers of one process at once: one build.
      const stores =
        backend.name === 'postgres' ? [writer, await place.open({ log: (l) => logs[1]!.push(l) })] : [writer];
      const answers = await Promise.all(
        stores.flatMap((s) => [
          s.outbox.due(T),
          s.outbox.recent({ sentBy: 'U1', limit: 2 }),
          s.outbox.list({ status: 'queued' }),
        ]),
      );
      for (let i = 0; i < stores.length; i++) {
        expect(ids(answers[3 * i]!)).toEqual(['e-q-1', 'e-q-2']);
        expect(ids(answers[3 * i + 1]!)).toEqual(['e-q-3', 'e-q-1']);
        expect(ids(answers[3 * i + 2]!)).toEqual(['e-q-1', 'e-q-2', 'e-q-3']);
      }
      const builds = logs.flat().filter((line) => line.startsWith('Outbox indexes'));
      expect(builds).toEqual([
        expect.stringMatching(/^Outbox indexes built from one read of 28 entries \(3 queued, 2 agents\) in /),
      ]);
      expect(await rawValue(writer, 'outbox_indexed', 'built')).toMatchObject({ entries: 28, queued: 3, agents: 2 });

      // Later reads, and a store opened again, use the indexes without building.
      const { reads, listings } = await countingOutboxReads(() => writer.outbox.due(T));
      expect({ reads, listings }).toEqual({ reads: 2, listings: 0 });
      await writer.close();
      const reopened = await place.open({ log: (line) => logs[0]!.push(line) });
      expect(ids(await reopened.outbox.due(at(60_000)))).toEqual(['e-q-1', 'e-q-2', 'e-q-3']);
      expect(logs.flat().filter((line) => line.startsWith('Outbox indexes'))).toHaveLength(1);
    });

    it("the retry worker's pass over 100k sent entries and 10 queued reads the 10 and delivers them", async () => {
      const store = await place.open();
      await applyEvents(store, [
        {
          id: 'u',
          type: 'contact.upserted',
          at: iso(-3_600_000),
          contact: { id: 'c1', firstName: 'Linh', channels: [{ type: 'whatsapp', address: '84912345678' }] },
        },
        { id: 'in', type: 'message.received', at: iso(-3_600_000), contactId: 'c1', channel: 'whatsapp' },
      ]);
      expect(await store.outbox.due(T)).toEqual([]); // a store with indexes
      const sent = 100_000;
      for (let i = 0; i < sent; i += 5_000) {
        const batch = Array.from({ length: 5_000 }, (_, k) =>
          storedEntry(`s-${i + k}`, { createdAt: iso(-i - k), sentBy: 'U-before' }),
        );
        await writeRaw(
          store,
          'outbox',
          batch.map((e) => [e.id, e]),
        );
      }
      const deps = {
        store,
        transports: new TransportRegistry(new SandboxTransport()),
        settings: { rules: {}, closingLogic: 'unassign' as const },
      };
      for (let i = 0; i < 10; i++) {
        const queued = await enqueueFollowUp(
          {
            contactId: 'c1',
            channelKey: 'whatsapp',
            message: { kind: 'text', text: `Xin chào ${i}` },
            senderId: 'U1',
            idempotencyKey: `view-${i}`,
            now: at(i),
          },
          deps,
        );
        expect(queued.ok).toBe(true);
      }

      const pass = await countingOutboxReads(() => store.outbox.due(at(60_000)));
      expect(pass.result).toHaveLength(10);
      expect({ reads: pass.reads, listings: pass.listings }).toEqual({ reads: 10, listings: 0 });

      const worker = new OutboxWorker(
        deps,
        () => at(60_000),
        (error) => {
          throw error;
        },
      );
      const tick = await countingOutboxReads(() => worker.tick());
      expect(tick.result).toBe(10);
      expect(tick.listings).toBe(0);
      expect(tick.reads).toBeLessThanOrEqual(10 * 5); // the pass, then each retry reads its own entry a few times
      expect(await store.outbox.list({ status: 'queued' })).toEqual([]);
      expect((await store.outbox.recent({ sentBy: 'U1', limit: 10 })).map((e) => e.status)).toEqual(
        Array(10).fill('sent'),
      );
    }, 120_000);
  });
}
