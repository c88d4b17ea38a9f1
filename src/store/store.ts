/**
 * openStore: the keyv repositories over one backend picked by STORE_URL.
 *   sqlite://data/followup.sqlite   relative path (default); sqlite:///abs/path.sqlite; sqlite://:memory:
 *   memory://                       in-process Maps, for quick tests (nothing survives the process)
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Keyv from 'keyv';
import { z } from 'zod';
import { contactSchema } from '../contacts/model.js';
import { templateSchema } from '../policy/index.js';
import { ContactRepository } from './contacts.js';
import { CounterRepository, counterSchema } from './counters.js';
import { AppliedEventRepository, appliedEventSchema } from './events.js';
import { OutboxRepository, idempotencyIndexSchema, outboxEntrySchema } from './outbox.js';
import { KeyedMutex } from './mutex.js';
import { type CollectionBackend, RecordCollection, jsonCodec, recordCodec } from './records.js';
import { DEFAULT_TUNING, type SqliteTuning, TunedSqlite } from './sqlite.js';
import { TemplateRepository } from './templates.js';

export const DEFAULT_STORE_URL = 'sqlite://data/followup.sqlite';

/** The namespaces the repositories own; `namespace()` and `collection()` refuse them. */
export const RESERVED_NAMESPACES = ['contacts', 'templates', 'counters', 'outbox', 'outbox_keys', 'events'] as const;
const NAMESPACE_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

export interface OpenStoreOptions {
  /** SQLite tuning; the defaults are what production uses (WAL on, 2,000-row pages). */
  sqlite?: Partial<SqliteTuning>;
}

export interface Store {
  readonly url: string;
  readonly contacts: ContactRepository;
  readonly templates: TemplateRepository;
  readonly counters: CounterRepository;
  readonly outbox: OutboxRepository;
  readonly events: AppliedEventRepository;
  /**
   * A plain keyv for another part of the app (e.g. `namespace('schedule')`), sharing the same file and
   * connection; keys are stored as `name:key`. Same instance for the same name.
   */
  namespace(name: string): Keyv;
  /**
   * Runs `fn` holding an in-process lock on `key` (e.g. `contact:c-42` around a whole send). Separate from
   * the repositories' record locks, so repository calls inside `fn` do not wait for it.
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** A zod-validated record collection with per-key `update`, for another part of the app. */
  collection<S extends z.ZodType>(name: string, schema: S): RecordCollection<S>;
  close(): Promise<void>;
}

type Codec = typeof jsonCodec;

interface Backend extends CollectionBackend {
  keyv(namespace: string, codec: Codec): Keyv;
  close(): Promise<void>;
}

/** Errors throw (keyv's default is to log and return false/undefined, which would lose a write silently). */
function keyvOptions(namespace: string, codec: Codec) {
  return { namespace, throwOnErrors: true, ...codec };
}

async function sqliteBackend(path: string, tuning: SqliteTuning): Promise<Backend> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new TunedSqlite(`sqlite://${path}`, tuning);
  try {
    await db.ready;
  } catch (error) {
    throw new Error(`Cannot open the store at ${path}: ${(error as Error).message}`);
  }
  return {
    keyv: (namespace, codec) => new Keyv({ store: db.view(namespace), ...keyvOptions(namespace, codec) }),
    count: (namespace) => db.countNamespace(namespace),
    close: () => db.disconnect(),
  };
}

function memoryBackend(): Backend {
  return {
    keyv: (namespace, codec) => new Keyv({ store: new Map(), ...keyvOptions(namespace, codec) }),
    close: async () => {},
  };
}

async function openBackend(url: string, opts: OpenStoreOptions): Promise<Backend> {
  if (url === 'memory://' || url === 'memory:') return memoryBackend();
  if (url.startsWith('sqlite://')) {
    const path = url.slice('sqlite://'.length);
    if (!path) throw new Error(`STORE_URL "${url}" names no file: use e.g. sqlite://data/followup.sqlite`);
    return sqliteBackend(path, { ...DEFAULT_TUNING, ...opts.sqlite });
  }
  throw new Error(`Unsupported STORE_URL "${url}": use sqlite://path/to/file.sqlite (default ${DEFAULT_STORE_URL}) or memory://`);
}

export async function openStore(url: string = DEFAULT_STORE_URL, opts: OpenStoreOptions = {}): Promise<Store> {
  const backend = await openBackend(url, opts);
  const collections = new Map<string, { schema: z.ZodType; collection: RecordCollection<z.ZodType> }>();
  const namespaces = new Map<string, Keyv>();

  const collectionFor = <S extends z.ZodType>(name: string, schema: S): RecordCollection<S> => {
    const known = collections.get(name);
    if (known) {
      if (known.schema !== schema) throw new Error(`Namespace "${name}" is already open with another schema.`);
      return known.collection as unknown as RecordCollection<S>;
    }
    const collection = new RecordCollection(name, schema, backend.keyv(name, recordCodec), backend);
    collections.set(name, { schema, collection: collection as unknown as RecordCollection<z.ZodType> });
    return collection;
  };

  const checkName = (name: string) => {
    if (!NAMESPACE_NAME.test(name)) throw new Error(`Invalid namespace "${name}": lowercase letters, digits, _ and - only.`);
    if ((RESERVED_NAMESPACES as readonly string[]).includes(name)) throw new Error(`Namespace "${name}" belongs to the store's own repositories.`);
  };

  const appLocks = new KeyedMutex();
  let closed = false;
  return {
    url,
    contacts: new ContactRepository(collectionFor('contacts', contactSchema)),
    templates: new TemplateRepository(collectionFor('templates', templateSchema)),
    counters: new CounterRepository(collectionFor('counters', counterSchema)),
    outbox: new OutboxRepository(collectionFor('outbox', outboxEntrySchema), collectionFor('outbox_keys', idempotencyIndexSchema)),
    events: new AppliedEventRepository(collectionFor('events', appliedEventSchema)),
    withLock: (key, fn) => appLocks.run(key, fn),
    namespace(name) {
      checkName(name);
      if (collections.has(name)) throw new Error(`Namespace "${name}" is already open as a collection.`);
      let kv = namespaces.get(name);
      if (!kv) namespaces.set(name, (kv = backend.keyv(name, jsonCodec)));
      return kv;
    },
    collection(name, schema) {
      checkName(name);
      if (namespaces.has(name)) throw new Error(`Namespace "${name}" is already open as a plain keyv.`);
      return collectionFor(name, schema);
    },
    async close() {
      if (closed) return;
      closed = true;
      await backend.close();
    },
  };
}

/** STORE_URL from an environment, with the default. */
export function storeUrlFrom(env: Record<string, string | undefined>): string {
  return env.STORE_URL?.trim() || DEFAULT_STORE_URL;
}
