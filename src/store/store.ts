/**
 * openStore: the keyv repositories over one backend picked by STORE_URL.
 *   sqlite://data/followup.sqlite   relative to the project folder (default); sqlite:///abs/path.sqlite;
 *                                   sqlite://:memory:
 *   memory://                       in-process Maps, for quick tests (nothing survives the process)
 *   postgres://USER[:PASSWORD]@HOST:PORT/DB[?schema=NAME]   (or postgresql://) any number of replicas on one
 *                                   database: cross-process locks, change feed, leadership (postgres/index.ts)
 * A SQLite file has one writer process (lock.ts); `access: 'read'` opens beside it without a lock.
 */
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Keyv from 'keyv';
import type { z } from 'zod';
import { contactSchema } from '../contacts/model.js';
import { templateSchema } from '../policy/index.js';
import { ContactRepository } from './contacts.js';
import { CounterRepository, counterSchema } from './counters.js';
import { AppliedEventRepository, appliedEventSchema } from './events.js';
import {
  OutboxRepository,
  idempotencyIndexSchema,
  indexBuildSchema,
  outboxEntrySchema,
  queuedIndexSchema,
  recentIndexSchema,
} from './outbox.js';
import { type LockClaim, type StoreLock, StoreOpenError, acquireStoreLock } from './lock.js';
import { DEFAULT_LEADER_RETRY_MS, type Leadership, type LeadershipOptions, soleLeadership } from './leadership.js';
import { KeyedMutex, type Locks } from './mutex.js';
import { type PostgresTuning, isPostgresUrl, openPostgresBackend, redactUrl } from './postgres/index.js';
import { type RawRecords, rawRecordsOf } from './raw-records.js';
import { type CollectionBackend, RecordCollection, jsonCodec, recordCodec } from './records.js';
import { DEFAULT_TUNING, type SqliteTuning, TunedSqlite } from './sqlite.js';
import { TemplateRepository } from './templates.js';

export const DEFAULT_STORE_URL = 'sqlite://data/followup.sqlite';

/** The namespaces the repositories own; `namespace()` and `collection()` refuse them. */
export const RESERVED_NAMESPACES = [
  'contacts',
  'templates',
  'counters',
  'outbox',
  'outbox_keys',
  'outbox_queued',
  'outbox_recent',
  'outbox_indexed',
  'events',
] as const;
const NAMESPACE_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

export type StoreAccess = 'write' | 'read';

export interface OpenStoreOptions {
  /** SQLite tuning; the defaults are what production uses (WAL on, 2,000-row pages). */
  sqlite?: Partial<SqliteTuning>;
  /** PostgreSQL tuning (pool size, timeouts, change feed poll); the defaults are what production uses. */
  postgres?: Partial<PostgresTuning>;
  /**
   * 'write' (default) takes the store's lock and refuses when another process holds it; 'read' takes none,
   * never creates the file, and refuses writes.
   */
  access?: StoreAccess;
  /** Who takes the write lock, for the message another process gets (default: a CLI command). */
  holder?: LockClaim;
  /** Where a line goes when a stale lock is taken over, or the change feed pauses (default: stderr). */
  log?: (line: string) => void;
}

export type StoreKind = 'sqlite' | 'postgres' | 'memory';

export interface StoreHealth {
  ok: boolean;
  /** One line: "postgres://…: ok (2 ms)", or why not ("Followup cannot reach its store (…): connection refused"). */
  detail: string;
}

/** How long `health()` waits for the database. */
const HEALTH_TIMEOUT_MS = 2_000;

export interface Store {
  /** The store's URL, a SQLite path made absolute, a password replaced by `***`: what every message names. */
  readonly url: string;
  readonly kind: StoreKind;
  readonly access: StoreAccess;
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
   * Runs `fn` holding a lock on `key` (e.g. `contact:c-42` around a whole send): in-process on SQLite and
   * memory, across every process of the store on PostgreSQL. Separate from the repositories' record locks,
   * so repository calls inside `fn` do not wait for it.
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Who does the once-per-fleet work named `name` (the server uses one name, 'workers'). SQLite and memory: this
   * process, always. PostgreSQL: one replica at a time; another takes over within `retryMs` of its death.
   */
  leadership(name: string, opts?: LeadershipOptions): Leadership;
  /** Whether the store answers now (PostgreSQL: `SELECT 1` within 2 s). Never throws. */
  health(): Promise<StoreHealth>;
  /**
   * Resolves once the change feed has read what was committed before the call (PostgreSQL; at once elsewhere).
   * Subscribe (`contacts.onChange`), await this, then load: every write is then in the load or in the feed.
   */
  changesCaughtUp(): Promise<void>;
  /** A zod-validated record collection with per-key `update`, for another part of the app. */
  collection<S extends z.ZodType>(name: string, schema: S): RecordCollection<S>;
  /**
   * Every record as stored, unvalidated and unlocked: only for moving a store (`followup export`,
   * `import-records`). `memory://` has none to give.
   */
  rawRecords(): RawRecords;
  /** Adds the server's port to the write lock, so a refused second process can name it. */
  updateLock(fields: { port: number }): void;
  close(): Promise<void>;
}

type Codec = typeof jsonCodec;

interface Backend extends CollectionBackend {
  kind: StoreKind;
  keyv(namespace: string, codec: Codec): Keyv;
  /** Record locks of a namespace; default in-process. */
  recordLocks?: (namespace: string) => Locks;
  /** `withLock`'s locks; default in-process. */
  appLocks?: Locks;
  /** Default: this process always leads. */
  leadership?: (name: string, retryMs: number) => Leadership;
  raw?: RawRecords;
  health(): Promise<StoreHealth>;
  /** Default: resolves at once (no other process writes). */
  catchUp?: () => Promise<void>;
  updateLock(fields: { port: number }): void;
  close(): Promise<void>;
}

/** Errors throw (keyv's default is to log and return false/undefined, which would lose a write silently). */
function keyvOptions(namespace: string, codec: Codec) {
  return { namespace, throwOnErrors: true, ...codec };
}

/** SQLite and file-system failures in words, naming the setting; anything else keeps its first line. */
const OPEN_FAILURES: Record<string, (file: string) => string> = {
  SQLITE_NOTADB: (file) =>
    `${file} is not a SQLite database: point STORE_URL at the store file, or move that file away`,
  SQLITE_CORRUPT: (file) =>
    `${file} is damaged (SQLite: corrupt): restore it from a backup, or point STORE_URL elsewhere`,
  SQLITE_CANTOPEN: (file) => `cannot open ${file}: check that its folder exists and this user may write in it`,
  SQLITE_READONLY: (file) => `${file} is read-only: make it writable by this user, or point STORE_URL elsewhere`,
  EACCES: (file) => noPermission(dirname(file)),
  EPERM: (file) => noPermission(dirname(file)),
  EROFS: (file) => `${dirname(file)} is on a read-only file system: point STORE_URL at a writable folder`,
  ENOTDIR: (file) => fileInTheWay(dirname(file)),
  EEXIST: (file) => fileInTheWay(dirname(file)),
  EISDIR: (file) => `${file} is a folder: point STORE_URL at a file in it, e.g. ${join(file, 'followup.sqlite')}`,
};

function noPermission(folder: string): string {
  return `no permission to write in ${folder}: make that folder writable by this user, or point STORE_URL elsewhere`;
}

function fileInTheWay(folder: string): string {
  return `a file is in the way of the folder ${folder}: point STORE_URL at a path inside a folder`;
}

function openFailure(url: string, file: string, error: unknown): StoreOpenError {
  if (error instanceof StoreOpenError) return error;
  const { code, message } = error as NodeJS.ErrnoException;
  const words = code ? OPEN_FAILURES[code]?.(file) : undefined;
  const said = words ?? `cannot open the store at ${file}: ${String(message).split('\n')[0]}`;
  return new StoreOpenError(`STORE_URL ${url}: ${said}`);
}

function writable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The project folder (where package.json is): relative store paths do not depend on the current folder. */
function projectFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** `sqlite://data/x.sqlite` → the absolute file; `:memory:` stays as it is. */
export function sqliteFileOf(url: string): string {
  const path = url.slice('sqlite://'.length);
  if (!path) throw new StoreOpenError(`STORE_URL "${url}" names no file: use e.g. ${DEFAULT_STORE_URL}`);
  return path === ':memory:' || isAbsolute(path) ? path : resolve(projectFolder(), path);
}

async function sqliteBackend(url: string, file: string, opts: OpenStoreOptions): Promise<Backend> {
  const access = opts.access ?? 'write';
  const tuning = { ...DEFAULT_TUNING, ...opts.sqlite };
  let lock: StoreLock | null = null;
  let db: TunedSqlite | null = null;
  try {
    if (file !== ':memory:') {
      if (access === 'read' && !existsSync(file)) {
        throw new StoreOpenError(
          `No store at ${url} (no such file): check STORE_URL or --store; ` +
            '"followup import" or "npm run seed:demo" creates it',
        );
      }
      if (access === 'write') {
        mkdirSync(dirname(file), { recursive: true });
        const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
        lock = acquireStoreLock(file, url, opts.holder ?? { kind: 'cli' }, log);
        if (existsSync(file) && !writable(file)) {
          throw new StoreOpenError(`STORE_URL ${url}: ${OPEN_FAILURES.SQLITE_READONLY!(file)}`);
        }
      }
    }
    db = new TunedSqlite(`sqlite://${file}`, tuning, { readOnly: access === 'read' });
    await db.ready;
  } catch (error) {
    await db?.disconnect().catch(() => undefined);
    lock?.release();
    throw openFailure(url, file, error);
  }
  const connection = db;
  return {
    kind: 'sqlite',
    keyv: (namespace, codec) => new Keyv({ store: connection.view(namespace), ...keyvOptions(namespace, codec) }),
    count: (namespace) => connection.countNamespace(namespace),
    raw: rawRecordsOf({
      iterator: (namespace) => connection.iterator(namespace),
      setMany: (entries) => connection.setMany(entries),
      getMany: (keys) => connection.getMany<string>(keys),
      count: (namespace) => connection.countNamespace(namespace),
    }),
    async health() {
      try {
        await connection.query('SELECT 1');
        return { ok: true, detail: `${url}: ok` };
      } catch (error) {
        return { ok: false, detail: `${url}: ${String((error as Error).message).split('\n')[0]}` };
      }
    },
    updateLock: (fields) => lock?.update(fields),
    async close() {
      try {
        await connection.disconnect();
      } finally {
        lock?.release();
      }
    },
  };
}

function memoryBackend(): Backend {
  return {
    kind: 'memory',
    keyv: (namespace, codec) => new Keyv({ store: new Map(), ...keyvOptions(namespace, codec) }),
    health: async () => ({ ok: true, detail: 'memory://: ok' }),
    updateLock: () => {},
    close: async () => {},
  };
}

async function postgresBackend(url: string, opts: OpenStoreOptions): Promise<Backend> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const pg = await openPostgresBackend(url, { access: opts.access ?? 'write', tuning: opts.postgres ?? {}, log });
  return {
    kind: 'postgres',
    keyv: (namespace, codec) => new Keyv({ store: pg.view(namespace), ...keyvOptions(namespace, codec) }),
    count: pg.count,
    watch: pg.watch,
    hold: pg.hold,
    log,
    recordLocks: pg.recordLocks,
    appLocks: pg.appLocks,
    leadership: pg.leadership,
    raw: pg.raw,
    health: () => pg.health(HEALTH_TIMEOUT_MS),
    catchUp: pg.catchUp,
    updateLock: () => {},
    close: pg.close,
  };
}

/** The backend and the URL it is known by (a SQLite path made absolute, a password hidden). */
async function openBackend(url: string, opts: OpenStoreOptions): Promise<{ backend: Backend; url: string }> {
  if (url === 'memory://' || url === 'memory:') return { backend: memoryBackend(), url };
  if (isPostgresUrl(url)) {
    const backend = await postgresBackend(url, opts);
    return { backend, url: redactUrl(url) };
  }
  if (url.startsWith('sqlite://')) {
    const file = sqliteFileOf(url);
    const shown = `sqlite://${file}`;
    return { backend: await sqliteBackend(shown, file, opts), url: shown };
  }
  throw new StoreOpenError(
    `Unsupported STORE_URL "${redactUrl(url)}": use sqlite://path/to/file.sqlite (default ${DEFAULT_STORE_URL}), ` +
      'postgres://USER@HOST:PORT/DB or memory://',
  );
}

export async function openStore(url: string = DEFAULT_STORE_URL, opts: OpenStoreOptions = {}): Promise<Store> {
  const { backend, url: shownUrl } = await openBackend(url, opts);
  const collections = new Map<string, { schema: z.ZodType; collection: RecordCollection<z.ZodType> }>();
  const namespaces = new Map<string, Keyv>();

  const collectionFor = <S extends z.ZodType>(name: string, schema: S): RecordCollection<S> => {
    const known = collections.get(name);
    if (known) {
      if (known.schema !== schema) throw new Error(`Namespace "${name}" is already open with another schema.`);
      return known.collection as unknown as RecordCollection<S>;
    }
    const locks = backend.recordLocks?.(name) ?? new KeyedMutex();
    const collection = new RecordCollection(name, schema, backend.keyv(name, recordCodec), backend, locks);
    collections.set(name, { schema, collection: collection as unknown as RecordCollection<z.ZodType> });
    return collection;
  };

  const checkName = (name: string) => {
    if (!NAMESPACE_NAME.test(name))
      throw new Error(`Invalid namespace "${name}": lowercase letters, digits, _ and - only.`);
    if ((RESERVED_NAMESPACES as readonly string[]).includes(name))
      throw new Error(`Namespace "${name}" belongs to the store's own repositories.`);
  };

  const appLocks = backend.appLocks ?? new KeyedMutex();
  let closed = false;
  return {
    url: shownUrl,
    kind: backend.kind,
    access: opts.access ?? 'write',
    contacts: new ContactRepository(collectionFor('contacts', contactSchema)),
    templates: new TemplateRepository(collectionFor('templates', templateSchema)),
    counters: new CounterRepository(collectionFor('counters', counterSchema)),
    outbox: new OutboxRepository(
      collectionFor('outbox', outboxEntrySchema),
      collectionFor('outbox_keys', idempotencyIndexSchema),
      {
        queued: collectionFor('outbox_queued', queuedIndexSchema),
        recent: collectionFor('outbox_recent', recentIndexSchema),
        built: collectionFor('outbox_indexed', indexBuildSchema),
        log: opts.log ?? ((line) => process.stderr.write(`${line}\n`)),
        readOnly: opts.access === 'read',
      },
    ),
    events: new AppliedEventRepository(collectionFor('events', appliedEventSchema)),
    withLock: (key, fn) => appLocks.run(key, fn),
    leadership: (name, leadershipOpts = {}) =>
      backend.leadership?.(name, leadershipOpts.retryMs ?? DEFAULT_LEADER_RETRY_MS) ?? soleLeadership(),
    health: () => backend.health(),
    changesCaughtUp: async () => backend.catchUp?.(),
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
    rawRecords() {
      if (!backend.raw) {
        throw new StoreOpenError(`${shownUrl} keeps nothing to export or import into: use sqlite:// or postgres://`);
      }
      return backend.raw;
    },
    updateLock: (fields) => backend.updateLock(fields),
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
