/**
 * Loading every contact for the search index on two cores. A worker thread (contact-batch-worker.ts) reads
 * the namespace over its own connection, decodes each record as the collection does (records.ts: the same
 * checks, the same StoreRecordError for a record that fails them) and derives it for the index
 * (contacts/contact-batch.ts), while this thread adds the batches it already handed over to the index.
 * At a million contacts each side is about half of the work that one thread did alone.
 *
 * The worker reads at most IN_FLIGHT batches ahead of this thread (memory stays bounded), and a load always
 * ends: with every batch, with the worker's error as it would have been thrown here, or, when the worker dies
 * without a word (killed, out of memory), with a ContactLoaderError saying so.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ContactBatch, type ContactBatchBuilder, batchBuffers } from '../contacts/contact-batch.js';
import { readContactRecord } from '../contacts/contact-record.js';
import { contactSchema } from '../contacts/model.js';
import type { RuleOverrides } from '../policy/index.js';
import { RecordDecoder, StoreRecordError, type TableSource } from './records.js';
import { StoreUnavailableError } from './unavailable.js';

/** Contacts per batch: large enough that a message costs nothing next to its contacts, small enough to overlap. */
export const LOAD_BATCH = 4096;
/** Batches the worker may have handed over that this thread has not applied yet. */
const IN_FLIGHT = 16;
/** How long a worker asked to stop may take to close its connection before it is terminated. */
const STOP_GRACE_MS = 5_000;

const WORKER_FILE = new URL('./contact-batch-worker.js', import.meta.url);

/** What the worker is asked to do (its `workerData`). */
export interface ContactLoadJob {
  source: TableSource;
  namespace: string;
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
  rules: RuleOverrides | undefined;
  forEach: boolean;
  batchSize?: number;
  /** The worker script (tests swap in one that misbehaves). */
  worker?: URL;
}

/**
 * The namespace's contacts, derived in a worker thread, batch by batch in key order. A batch is the caller's
 * until it asks for the next one: its buffers then go back to the worker.
 */
export async function* contactBatchesInWorker(opts: WorkerLoadOptions): AsyncGenerator<ContactBatch, void> {
  const job: ContactLoadJob = {
    source: opts.source,
    namespace: opts.namespace,
    rules: opts.rules,
    forEach: opts.forEach,
    batchSize: opts.batchSize ?? LOAD_BATCH,
    inFlight: IN_FLIGHT,
  };
  const worker = new Worker(opts.worker ?? WORKER_FILE, { workerData: job });
  const inbox: LoaderMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      exited = true;
      failure ??= new ContactLoaderError(
        `Loading the contacts failed: the loading thread exited (code ${code}) before it had read them all.`,
      );
      notify();
      resolve();
    }),
  );
  worker.on('message', (message: LoaderMessage) => {
    inbox.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure ??= new ContactLoaderError(`Loading the contacts failed: the loading thread crashed: ${error.message}`, {
      cause: error,
    });
    notify();
  });
  let finished = false;
  try {
    for (;;) {
      // Messages first: a worker that finished may have exited before its last ones were read.
      while (inbox.length === 0 && failure === null) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift();
      if (message === undefined) throw failure!;
      if (message.kind === 'failed') throw errorFromWorker(message.error);
      if (message.kind === 'done') {
        finished = true;
        return;
      }
      yield message.batch;
      // Applied: its buffers go back for the worker's next batches (contact-batch.ts, `take`).
      const buffers = batchBuffers(message.batch);
      worker.postMessage({ kind: 'next', buffers }, buffers);
    }
  } finally {
    if (!exited && finished) {
      // Its connection is closed before it says `done`: nothing is left to wait for.
      await worker.terminate();
    } else if (!exited) {
      // Failed, or abandoned by the caller: the worker closes its connection and ends; one that does not in
      // time is terminated.
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
      await exit;
      clearTimeout(timer);
    }
  }
}
