/**
 * A keyv namespace holding one kind of record, zod-validated on every write and every read, with per-key
 * serialised read-modify-write. A record that fails validation on read is reported with its key
 * (`Corrupt record contacts:"c-42": email: …`), not as a crash somewhere in the caller.
 */
import type Keyv from 'keyv';
import type { DeserializedData, Deserialize, Serialize } from 'keyv';
import type { z } from 'zod';
import { compareKeyOrder } from '../contacts/key-order.js';
import { KeyedMutex, type Locks } from './mutex.js';
import type { PostgresTarget } from './postgres/url.js';
import type { PostgresTuning } from './postgres/database.js';
import type { SqliteTuning } from './sqlite.js';
import { StoreUnavailableError } from './unavailable.js';

export class StoreRecordError extends Error {
  constructor(
    readonly namespace: string,
    readonly key: string,
    readonly problem: string,
    readonly when: 'read' | 'write',
  ) {
    super(`${when === 'read' ? 'Corrupt' : 'Invalid'} record ${namespace}:${JSON.stringify(key)}: ${problem}`);
    this.name = 'StoreRecordError';
  }
}

/** `channels.0.type` → `channels[0].type`; prefixed with `prefix` (`events[3]`) when given. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** One line naming the first few problems: `email: Invalid email address; channels[0].type: …`. */
export function formatZodError(error: z.ZodError, prefix = '', max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const where = formatIssuePath(issue.path, prefix);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - max;
  return more > 0 ? `${parts.join('; ')} (+${more} more)` : parts.join('; ');
}

/** A stored value that is not valid JSON: decoded as this marker so the read can name its key. */
class UnreadableValue {
  constructor(readonly problem: string) {}
}

/**
 * Plain JSON for keyv's `{ value, expires }` envelope: 3–4× faster than keyv's default serializer, which
 * walks every value in JS to tag Buffers as `:base64:` strings (and so escapes strings starting with `:`).
 * The store holds no Buffers, so JSON round-trips every value; the one difference shows only to a plain
 * keyv reading this file, which would drop the leading `:` of a string value starting with one.
 */
export const jsonCodec: { serialize: Serialize; deserialize: Deserialize } = {
  serialize: (data) => JSON.stringify(data),
  deserialize: <Value>(text: string) => JSON.parse(text) as DeserializedData<Value>,
};

/** jsonCodec for record collections: text that is not JSON decodes to a marker, so the read names its key. */
export const recordCodec: { serialize: Serialize; deserialize: Deserialize } = {
  serialize: jsonCodec.serialize,
  deserialize: <Value>(text: string) => {
    try {
      return JSON.parse(text) as DeserializedData<Value>;
    } catch (error) {
      return { value: new UnreadableValue(`not JSON (${(error as Error).message})`) as Value };
    }
  },
};

/** A backend's raw change feed for one namespace: full keys (`ns:id`) and serialized values. */
export interface RawChangeSink {
  change(key: string, value: string): void;
  delete(key: string): void;
}

/**
 * How another thread opens its own connection to the table a collection lives in (a worker that reads and
 * decodes a million records while this thread indexes them: contact-batches.ts).
 */
export type TableSource =
  | { kind: 'sqlite'; uri: string; tuning: SqliteTuning }
  | { kind: 'postgres'; target: PostgresTarget; tuning: PostgresTuning };

/** Full keys from `from` (included) to `to` (excluded): a namespace `ns` is [`ns:`, `ns;`). */
export interface KeyRange {
  from: string;
  to: string;
}

/** A namespace's whole key range: `;` is the character after `:`, so `[ns:, ns;)` is exactly its keys. */
export function namespaceKeys(namespace: string): KeyRange {
  return { from: `${namespace}:`, to: `${namespace};` };
}

/**
 * A key range cut into up to `parts` ranges of about `count / parts` rows each, in key order, by the keys
 * found at those offsets (`keyAt`: the key `offset` rows into the range, on the primary-key index). Fewer
 * ranges when rows are too few to cut; together they cover the range exactly, whatever is written meanwhile.
 */
export async function splitKeyRange(
  range: KeyRange,
  count: number,
  parts: number,
  keyAt: (range: KeyRange, offset: number) => Promise<string | undefined>,
): Promise<KeyRange[]> {
  const cuts: string[] = [];
  for (let k = 1; k < parts; k++) {
    const offset = Math.floor((count * k) / parts);
    if (offset === 0) continue; // a cut at the first key would leave the range before it empty
    const key = await keyAt(range, offset);
    // A key not past the previous cut (rows deleted meanwhile) would give an empty or inverted range.
    if (key !== undefined && compareKeyOrder(key, cuts.at(-1) ?? range.from) > 0) cuts.push(key);
  }
  const bounds = [range.from, ...cuts, range.to];
  return cuts.length === 0 ? [range] : bounds.slice(1).map((to, k) => ({ from: bounds[k]!, to }));
}

/** A row of a backend's table: the full key (`ns:id`) and the stored text. */
export interface StoredRow {
  key: string;
  value: string;
}

/** A stored value as keyv's envelope holds it. */
type Envelope = { value: unknown; expires?: unknown } | undefined;

/**
 * Reading a namespace's records: the fast check when one is set, else the schema; a record that fails is a
 * StoreRecordError naming its key. A collection reads through one; a worker reading the same namespace over
 * its own connection builds an equal one, so both report a bad record alike.
 */
export class RecordDecoder<S extends z.ZodType> {
  private fast: ((raw: unknown) => z.output<S> | undefined) | undefined;

  constructor(
    readonly name: string,
    private readonly schema: S,
  ) {}

  /**
   * Reads try `decode` first: a cheaper check that answers (with exactly what the schema returns) for the
   * records this store writes, or returns undefined to leave the record to the schema.
   */
  decodeFastWith(decode: (raw: unknown) => z.output<S> | undefined): void {
    this.fast = decode;
  }

  decode(id: string, raw: unknown): z.output<S> {
    if (raw instanceof UnreadableValue) throw new StoreRecordError(this.name, id, raw.problem, 'read');
    const fast = this.fast?.(raw);
    if (fast !== undefined) return fast;
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) throw new StoreRecordError(this.name, id, formatZodError(parsed.error), 'read');
    return parsed.data;
  }

  /**
   * A record from its stored text, decoded as recordCodec does (text that is not JSON is a corrupt record);
   * undefined when keyv's envelope says it expired before `nowMs`.
   */
  decodeText(id: string, text: string, nowMs: number): z.output<S> | undefined {
    return this.decodeEnvelope(id, recordCodec.deserialize(text) as Envelope, nowMs);
  }

  /** A record from keyv's envelope; undefined when there is none or it expired before `nowMs`. */
  decodeEnvelope(id: string, data: Envelope, nowMs: number): z.output<S> | undefined {
    if (data === undefined || (typeof data.expires === 'number' && nowMs > data.expires)) return undefined;
    return this.decode(id, data.value);
  }
}

/**
 * What a collection needs beyond keyv itself: SQLite and PostgreSQL count without reading values;
 * PostgreSQL also reports writes made by other processes (`watch`).
 */
export interface CollectionBackend {
  count?: (namespace: string) => Promise<number>;
  watch?: (namespace: string, sink: RawChangeSink) => () => void;
  /** Holds back other processes' changes of these full keys until the returned release is called. */
  hold?: (keys: readonly string[]) => () => void;
  /** Where a record from another process that cannot be read is reported. */
  log?: (line: string) => void;
}

/** A write of another process, decoded: the record as now stored, or its deletion. */
export interface RemoteChangeListener<T> {
  change(id: string, value: T): void;
  delete(id: string): void;
}

export class RecordCollection<S extends z.ZodType> {
  constructor(
    readonly name: string,
    private readonly schema: S,
    private readonly kv: Keyv,
    private readonly backend: CollectionBackend = {},
    /** In-process by default; across processes on PostgreSQL. */
    readonly locks: Locks = new KeyedMutex(),
  ) {
    this.decoder = new RecordDecoder(name, schema);
  }

  /*
   * keyv stores `ns:key`, but leaves a key that already starts with `ns:` unprefixed in get/set/delete and
   * always prefixes in getMany, so ids `5` and `contacts:5` would share a row. Handing keyv the full key for
   * single-key calls and setMany (left as is) and the bare id for getMany (prefixed once) keeps every id on
   * its own row `ns:id`, the layout plain keyv reads.
   */
  private fullKey(id: string): string {
    return `${this.name}:${id}`;
  }

  private readonly decoder: RecordDecoder<S>;

  /** See RecordDecoder.decodeFastWith. */
  decodeFastWith(decode: (raw: unknown) => z.output<S> | undefined): void {
    this.decoder.decodeFastWith(decode);
  }

  private decode(id: string, raw: unknown): z.output<S> {
    return this.decoder.decode(id, raw);
  }

  private encode(id: string, value: z.input<S>): z.output<S> {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) throw new StoreRecordError(this.name, id, formatZodError(parsed.error), 'write');
    return parsed.data;
  }

  private async readRaw(id: string): Promise<unknown> {
    try {
      return await this.kv.get(this.fullKey(id));
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreRecordError(this.name, id, (error as Error).message, 'read');
    }
  }

  async get(id: string): Promise<z.output<S> | undefined> {
    const raw = await this.readRaw(id);
    return raw === undefined ? undefined : this.decode(id, raw);
  }

  async getMany(ids: readonly string[]): Promise<Array<z.output<S> | undefined>> {
    if (ids.length === 0) return [];
    let raws: unknown[];
    try {
      raws = await this.kv.getMany([...ids]);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreRecordError(this.name, ids.join(','), (error as Error).message, 'read');
    }
    return raws.map((raw, i) => (raw === undefined || raw === null ? undefined : this.decode(ids[i]!, raw)));
  }

  async has(id: string): Promise<boolean> {
    return (await this.readRaw(id)) !== undefined;
  }

  /** Validates and writes without taking the key's lock: only for callers that hold it. */
  async writeLocked(id: string, value: z.input<S>): Promise<z.output<S>> {
    const record = this.encode(id, value);
    await this.kv.set(this.fullKey(id), record);
    return record;
  }

  async writeManyLocked(entries: ReadonlyArray<readonly [string, z.input<S>]>): Promise<Array<z.output<S>>> {
    const records = entries.map(([id, value]) => this.encode(id, value));
    if (records.length > 0) {
      await this.kv.setMany(entries.map(([id], i) => ({ key: this.fullKey(id), value: records[i] })));
    }
    return records;
  }

  async put(id: string, value: z.input<S>): Promise<z.output<S>> {
    return this.locks.run(id, () => this.writeLocked(id, value));
  }

  async putMany(entries: ReadonlyArray<readonly [string, z.input<S>]>): Promise<Array<z.output<S>>> {
    return this.locks.runMany(
      entries.map(([id]) => id),
      () => this.writeManyLocked(entries),
    );
  }

  async delete(id: string): Promise<boolean> {
    return this.locks.run(id, () => this.kv.delete(this.fullKey(id)));
  }

  /**
   * Read-modify-write, serialised per id. `fn` gets the current record (undefined when absent) and returns
   * the new one, or undefined to leave the record as it is. Returns the record now stored.
   */
  async update(
    id: string,
    fn: (current: z.output<S> | undefined) => z.input<S> | undefined | Promise<z.input<S> | undefined>,
  ): Promise<z.output<S> | undefined> {
    return this.locks.run(id, async () => {
      const current = await this.get(id);
      const next = await fn(current);
      return next === undefined ? current : this.writeLocked(id, next);
    });
  }

  /**
   * Batch read-modify-write: holds every id's lock, reads them in one query, lets `fn` compute the new
   * records (absent ids are missing from the map) and writes them in one statement.
   */
  async updateMany<R extends ReadonlyArray<readonly [string, z.input<S>]>>(
    ids: readonly string[],
    fn: (current: Map<string, z.output<S>>) => R | Promise<R>,
  ): Promise<Array<z.output<S>>> {
    return this.locks.runMany(ids, async () => {
      const unique = [...new Set(ids)];
      const found = await this.getMany(unique);
      const current = new Map<string, z.output<S>>();
      unique.forEach((id, i) => {
        const record = found[i];
        if (record !== undefined) current.set(id, record);
      });
      const next = await fn(current);
      const held = new Set(unique);
      for (const [id] of next) {
        if (!held.has(id))
          throw new Error(`updateMany on ${this.name}: ${JSON.stringify(id)} was not among the locked ids`);
      }
      return this.writeManyLocked(next);
    });
  }

  /** Every record of the namespace, in key order, read page by page. */
  entries(): AsyncGenerator<[string, z.output<S>]> {
    return this.read((id, value) => [id, value]);
  }

  values(): AsyncGenerator<z.output<S>> {
    return this.read((_, value) => value);
  }

  /** One generator per listing, not one wrapping another: a million records at start-up pay each layer. */
  private async *read<T>(item: (id: string, value: z.output<S>) => T): AsyncGenerator<T> {
    // The adapter's own pages when it has them (SQLite, PostgreSQL): keyv's wrapper around its iterator cost
    // more per record than reading the record (an await, a key split and join).
    const adapter = this.kv.store as { pages?: (namespace: string) => AsyncIterable<StoredRow[]> };
    const deserialize = this.kv.deserialize;
    if (!(adapter instanceof Map) && typeof adapter.pages === 'function' && deserialize !== undefined) {
      const prefix = this.name.length + 1;
      for await (const page of adapter.pages(this.name)) {
        const now = Date.now();
        for (const row of page) {
          let data = deserialize(row.value) as Envelope | Promise<Envelope>;
          if (data instanceof Promise) data = await data;
          const id = row.key.slice(prefix);
          const value = this.decoder.decodeEnvelope(id, data, now);
          if (value !== undefined) yield item(id, value);
        }
      }
      return;
    }
    const iterate = this.kv.iterator;
    if (!iterate) throw new Error(`The store behind ${this.name} cannot list its records.`);
    for await (const [id, raw] of iterate(undefined) as AsyncIterable<[string, unknown]>) {
      yield item(id, this.decode(id, raw));
    }
  }

  /**
   * How a worker thread can read this namespace over its own connection, decoding as this collection does;
   * undefined when it cannot (an in-memory store, a codec other than recordCodec).
   */
  workerSource(): TableSource | undefined {
    const adapter = this.kv.store as { workerSource?: () => TableSource | undefined };
    if (adapter instanceof Map || typeof adapter.workerSource !== 'function') return undefined;
    if (this.kv.deserialize !== recordCodec.deserialize) return undefined;
    return adapter.workerSource();
  }

  /**
   * This namespace's keys cut into up to `parts` ranges of about `count / parts` records each, for workers
   * that read one range each; the whole namespace as one range when the backend cannot cut it.
   */
  async keyRanges(parts: number, count: number): Promise<KeyRange[]> {
    const adapter = this.kv.store as { keyAt?: (range: KeyRange, offset: number) => Promise<string | undefined> };
    const whole = namespaceKeys(this.name);
    if (parts <= 1 || adapter instanceof Map || typeof adapter.keyAt !== 'function') return [whole];
    return splitKeyRange(whole, count, parts, (range, offset) => adapter.keyAt!(range, offset));
  }

  /**
   * Writes of other processes on the same store (PostgreSQL), decoded; nothing on a single-process store,
   * where every write is this process's own. Returns the unsubscriber. A record that cannot be read is
   * reported through the backend's log and skipped.
   */
  watch(listener: RemoteChangeListener<z.output<S>>): () => void {
    const watch = this.backend.watch;
    if (!watch) return () => {};
    const prefix = this.name.length + 1;
    const deserialize = this.kv.deserialize;
    return watch(this.name, {
      change: (key, text) => {
        const id = key.slice(prefix);
        let record: z.output<S>;
        try {
          const data = deserialize?.(text) as { value: unknown } | undefined;
          if (data === undefined || data instanceof Promise) throw new Error(`unreadable value for ${key}`);
          record = this.decode(id, data.value);
        } catch (error) {
          this.backend.log?.(`Change from another replica skipped: ${(error as Error).message}`);
          return;
        }
        listener.change(id, record);
      },
      delete: (key) => listener.delete(key.slice(prefix)),
    });
  }

  /**
   * Runs this process's write of `ids` and its announcement (`announce`, e.g. to the repository's listeners)
   * so that `watch` listeners never hear another process's change of those ids in between, nor this write
   * a second time.
   */
  async announcing<T>(ids: readonly string[], write: () => Promise<T>, announce: (result: T) => void): Promise<T> {
    const release = this.backend.hold?.(ids.map((id) => this.fullKey(id)));
    try {
      const result = await write();
      announce(result);
      return result;
    } finally {
      release?.();
    }
  }

  async count(): Promise<number> {
    if (this.backend.count) return this.backend.count(this.name);
    let n = 0;
    for await (const _ of this.entries()) n++;
    return n;
  }
}
