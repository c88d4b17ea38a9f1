/**
 * A loading thread of contact-batches.ts: reads a range of a namespace's contacts over its own connection, decodes
 * each record as the contact collection does and derives it for the search index, then hands the batches to
 * the thread that started it, at most `inFlight` ahead of what that thread has applied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type ContactBatch, ContactBatchBuilder, batchBuffers } from '../contacts/contact-batch.js';
import { ContactRowDecoder, type ContactLoadJob, type LoaderMessage, errorForWorker } from './contact-batches.js';
import { PgDatabase } from './postgres/database.js';
import { PgKeyv } from './postgres/keyv-adapter.js';
import type { KeyRange, TableSource } from './records.js';
import { TunedSqlite } from './sqlite.js';

interface TableReader {
  /**
   * Calls `onRow` with every row of a key range in key order; `between` runs after each page and holds the
   * reading back until it settles.
   */
  read(range: KeyRange, onRow: (key: string, value: string) => void, between: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

async function openReader(source: TableSource): Promise<TableReader> {
  if (source.kind === 'sqlite') {
    const db = new TunedSqlite(source.uri, source.tuning, { readOnly: true });
    await db.ready;
    return {
      async read(range, onRow, between) {
        for await (const rows of db.rangePages(range)) {
          for (const row of rows) onRow(row.key, row.value);
          await between();
        }
      },
      close: () => db.disconnect(),
    };
  }
  const db = new PgDatabase(source.target, { ...source.tuning, poolSize: 1 }, true);
  const kv = new PgKeyv(db);
  return { read: (range, onRow, between) => kv.streamRows(range, onRow, between), close: () => db.end() };
}

/** The thread that started this one asked it to stop (it stopped reading the batches). */
class Stopped extends Error {}

const job = workerData as ContactLoadJob;
const port = parentPort!;
let credits = job.inFlight;
let stopping = false;
let wake: (() => void) | null = null;
/** Buffers of batches the other thread applied, for the next ones. */
const spare: ArrayBuffer[][] = [];
port.on('message', (message: { kind: 'next'; buffers: ArrayBuffer[] } | 'stop') => {
  if (message === 'stop') {
    stopping = true;
  } else {
    credits++;
    spare.push(message.buffers);
  }
  const w = wake;
  wake = null;
  w?.();
});

const post = (message: LoaderMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Waits until this thread may hand one more over: at most `inFlight` ahead of the one applying them. */
async function credit(): Promise<void> {
  while (credits === 0 && !stopping) await new Promise<void>((resolve) => (wake = resolve));
  if (stopping) throw new Stopped();
  credits--;
}

async function hand(batches: ContactBatch[]): Promise<void> {
  for (const batch of batches) {
    await credit();
    post({ kind: 'batch', batch }, batchBuffers(batch));
  }
  batches.length = 0;
}

async function load(reader: TableReader): Promise<void> {
  const rows = new ContactRowDecoder(job.namespace);
  const builder = new ContactBatchBuilder(job.rules, job.batchSize, job.forEach);
  // Rows come a page at a time; the batches a page filled are handed over after it.
  const ready: ContactBatch[] = [];
  let now = Date.now();
  const onRow = (key: string, text: string) => {
    rows.add(builder, key, text, now);
    if (builder.size >= job.batchSize) ready.push(builder.take(spare.pop()));
  };
  await reader.read(job.range, onRow, async () => {
    await hand(ready);
    now = Date.now();
  });
  if (builder.size > 0) ready.push(builder.take());
  await hand(ready);
}

async function run(): Promise<void> {
  let outcome: LoaderMessage = { kind: 'done' };
  let reader: TableReader | undefined;
  try {
    reader = await openReader(job.source);
    await load(reader);
  } catch (error) {
    if (!(error instanceof Stopped)) outcome = { kind: 'failed', error: errorForWorker(error) };
  }
  // The connection is closed before the last word, so the thread ends on its own once it is said.
  await reader?.close().catch(() => undefined);
  post(outcome);
  port.removeAllListeners('message');
  port.unref();
}

void run();
