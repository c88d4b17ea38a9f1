/**
 * Loading every contact for the search index on every core. The namespace's keys are cut into ranges of
 * about equal size (records.ts, keyRanges); a worker thread per range (contact-batch-worker.ts) reads it over
 * its own connection, decodes each record as the collection does (records.ts: the same checks, the same
 * StoreRecordError for a record that fails them) and derives it for the index (contacts/contact-batch.ts),
 * while this thread adds the batches already handed over to the index. At a million contacts on two cores,
 * two readers take the load from 9.4 s to 6.9 s: reading and decoding was the slower side, now this thread is.
 *
 * Each worker reads at most IN_FLIGHT batches ahead of this thread (memory stays bounded), and a load always
 * ends: with every batch, with a worker's error as it would have been thrown here, or, when a worker dies
 * without a word (killed, out of memory), with a ContactLoaderError saying so; the other workers are stopped.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ContactBatch, type ContactBatchBuilder, batchBuffers } from '../contacts/contact-batch.js';
import { readContactRecord } from '../contacts/contact-record.js';
import { contactSchema } from '../contacts/model.js';
import type { RuleOverrides } from '../policy/index.js';
import { type KeyRange, RecordDecoder, StoreRecordError, type TableSource } from './records.js';
import { StoreUnavailableError } from './unavailable.js';

/** Contacts per batch: large enough that a message costs nothing next to its contacts, small enough to overlap. */
export const LOAD_BATCH = 4096;
/** Loading threads at most: past that, this thread applying the batches is the slower side. */
const MAX_THREADS = 4;
/** Fewer contacts than this per thread are not worth another thread's start (tens of milliseconds). */
const CONTACTS_PER_THREAD = 100_000;
/** Batches the worker may have handed over that this thread has not applied yet. */
const IN_FLIGHT = 16;
/** How long a worker asked to stop may take to close its connection before it is terminated. */
const STOP_GRACE_MS = 5_000;

const WORKER_FILE = new URL('./contact-batch-worker.js', import.meta.url);

/** What the worker is asked to do (its `workerData`). */
export interface ContactLoadJob {
  source: TableSource;
  namespace: string;
  /** The keys this thread reads: all of the namespace's or one part of them. */
  range: KeyRange;
  rules: RuleOverrides | undefined;
  /** Keep what `LoadedContact` needs (contact-batch.ts). */
  forEach: boolean;
  batchSize: number;
  inFlight: number;
}

/** An error as the worker saw it, rebuilt here with the same class and message. */
export interface WorkerError {
  name: string;
  message: string;
  code?: string;
  /** StoreRecordError */
  record?: { namespace: string; key: string; problem: string; when: 'read' | 'write' };
  /** StoreUnavailableError */
  unavailable?: { storeUrl: string; reason: string };
}

/**
 * Worker → this thread. This thread answers each batch with `next` once applied (handing its buffers back),
 * or `stop` to end early.
 */
export type LoaderMessage =
  | { kind: 'batch'; batch: ContactBatch }
  | { kind: 'done' }
  | { kind: 'failed'; error: WorkerError };

/** Decodes stored contact rows as the contact collection does (store/contacts.ts) and derives them. */
export class ContactRowDecoder {
  private readonly decoder: RecordDecoder<typeof contactSchema>;
  private readonly prefix: number;

  constructor(namespace: string) {
    this.decoder = new RecordDecoder(namespace, contactSchema);
    this.decoder.decodeFastWith(readContactRecord);
    this.prefix = namespace.length + 1;
  }

  /** Adds the row with full key `key` to `builder`, unless it expired before `nowMs`. */
  add(builder: ContactBatchBuilder, key: string, text: string, nowMs: number): void {
    const contact = this.decoder.decodeText(key.slice(this.prefix), text, nowMs);
    if (contact !== undefined) builder.add(contact);
  }
}

/** The loading thread died or could not start: the load did not finish, and nothing else said why. */
export class ContactLoaderError extends Error {
  override name = 'ContactLoaderError';
}

/**
 * Whether the worker can run here: its compiled file sits beside this one (`npm start`, `dist/`). Code run
 * from the TypeScript sources (the tests) loads in this thread instead.
 */
export function workerLoadAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_FILE));
}

export function errorForWorker(error: unknown): WorkerError {
  if (error instanceof StoreRecordError) {
    const { namespace, key, problem, when } = error;
    return { name: error.name, message: error.message, record: { namespace, key, problem, when } };
  }
  if (error instanceof StoreUnavailableError) {
    const { storeUrl, reason } = error;
    return { name: error.name, message: error.message, unavailable: { storeUrl, reason } };
  }
  const e = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown };
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(error),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
  };
}

function errorFromWorker(e: WorkerError): Error {
  if (e.record) return new StoreRecordError(e.record.namespace, e.record.key, e.record.problem, e.record.when);
  if (e.unavailable) return new StoreUnavailableError(e.unavailable.storeUrl, e.unavailable.reason);
  const error = e.name === 'TypeError' ? new TypeError(e.message) : new Error(e.message);
  if (e.name !== error.name) error.name = e.name;
  if (e.code !== undefined) (error as NodeJS.ErrnoException).code = e.code;
  return error;
}

export interface WorkerLoadOptions {
  source: TableSource;
  namespace: string;
  /** The namespace's keys cut into ranges (RecordCollection.keyRanges): one thread reads each. */
  ranges: KeyRange[];
  rules: RuleOverrides | undefined;
  forEach: boolean;
  batchSize?: number;
  /** The worker script (tests swap in one that misbehaves). */
  worker?: URL;
}

/** How many threads should read `count` contacts: one per core (at most 4), each with enough to be worth it. */
export function loaderThreads(count: number): number {
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism(), Math.ceil(count / CONTACTS_PER_THREAD)));
}

/** One loading thread, as the reading loop sees it. */
class LoaderThread {
  readonly inbox: LoaderMessage[] = [];
  failure: Error | null = null;
  exited = false;
  done = false;
  readonly exit: Promise<void>;

  constructor(
    readonly worker: Worker,
    changed: () => void,
  ) {
    this.exit = new Promise<void>((resolve) =>
      worker.once('exit', (code) => {
        this.exited = true;
        this.failure ??= new ContactLoaderError(
          `Loading the contacts failed: the loading thread exited (code ${code}) before it had read them all.`,
        );
        changed();
        resolve();
      }),
    );
    worker.on('message', (message: LoaderMessage) => {
      this.inbox.push(message);
      changed();
    });
    worker.on('error', (error) => {
      this.failure ??= new ContactLoaderError(
        `Loading the contacts failed: the loading thread crashed: ${error.message}`,
        { cause: error },
      );
      changed();
    });
  }

  /** Whether the reading loop has something to take from this thread: a message, or its end. */
  get ready(): boolean {
    return !this.done && (this.inbox.length > 0 || this.failure !== null);
  }

  /** Ends the thread: one that finished is terminated; one that did not closes its connection first. */
  async end(): Promise<void> {
    if (this.exited) return;
    if (this.done) {
      // Its connection is closed before it says `done`: nothing is left to wait for.
      await this.worker.terminate();
      return;
    }
    // Failed, or abandoned by the caller: the worker closes its connection and ends; one that does not in
    // time is terminated.
    this.worker.postMessage('stop');
    const timer = setTimeout(() => void this.worker.terminate(), STOP_GRACE_MS);
    await this.exit;
    clearTimeout(timer);
  }
}

/**
 * The namespace's contacts, derived in worker threads (one per key range), batch by batch: in key order
 * within a range, the ranges' batches interleaved as they come. A batch is the caller's until it asks for
 * the next one: its buffers then go back to the thread that made it.
 */
export async function* contactBatchesInWorkers(opts: WorkerLoadOptions): AsyncGenerator<ContactBatch, void> {
  let wake: (() => void) | null = null;
  const changed = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const threads: LoaderThread[] = [];
  try {
    for (const range of opts.ranges) {
      const job: ContactLoadJob = {
        source: opts.source,
        namespace: opts.namespace,
        range,
        rules: opts.rules,
        forEach: opts.forEach,
        batchSize: opts.batchSize ?? LOAD_BATCH,
        inFlight: IN_FLIGHT,
      };
      threads.push(new LoaderThread(new Worker(opts.worker ?? WORKER_FILE, { workerData: job }), changed));
    }
    let running = threads.length;
    let turn = 0;
    while (running > 0) {
      // The threads in turn, so none waits on credits while another's batches are taken.
      let thread: LoaderThread | undefined;
      for (let k = 0; k < threads.length && thread === undefined; k++) {
        const candidate = threads[(turn + k) % threads.length]!;
        if (candidate.ready) thread = candidate;
      }
      if (thread === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      turn = (threads.indexOf(thread) + 1) % threads.length;
      // Messages first: a worker that finished may have exited before its last ones were read.
      const message = thread.inbox.shift();
      if (message === undefined) throw thread.failure!;
      if (message.kind === 'failed') throw errorFromWorker(message.error);
      if (message.kind === 'done') {
        thread.done = true;
        running--;
        continue;
      }
      yield message.batch;
      // Applied: its buffers go back for the worker's next batches (contact-batch.ts, `take`).
      const buffers = batchBuffers(message.batch);
      thread.worker.postMessage({ kind: 'next', buffers }, buffers);
    }
  } finally {
    await Promise.all(threads.map((thread) => thread.end()));
  }
}
