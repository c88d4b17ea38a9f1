/**
 * A keyv namespace holding one kind of record, zod-validated on every write and every read, with per-key
 * serialised read-modify-write. A record that fails validation on read is reported with its key
 * (`Corrupt record contacts:"c-42": email: …`), not as a crash somewhere in the caller.
 */
import type Keyv from 'keyv';
import type { DeserializedData, Deserialize, Serialize } from 'keyv';
import type { z } from 'zod';
import { KeyedMutex, type Locks } from './mutex.js';
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
  ) {}

  /*
   * keyv stores `ns:key`, but leaves a key that already starts with `ns:` unprefixed in get/set/delete and
   * always prefixes in getMany, so ids `5` and `contacts:5` would share a row. Handing keyv the full key for
   * single-key calls and setMany (left as is) and the bare id for getMany (prefixed once) keeps every id on
   * its own row `ns:id`, the layout plain keyv reads.
   */
  private fullKey(id: string): string {
    return `${this.name}:${id}`;
  }

  private fastDecode: ((raw: unknown) => z.output<S> | undefined) | undefined;

  /**
   * Reads try `decode` first: a cheaper check that answers (with exactly what the schema returns) for the
   * records this store writes, or returns undefined to leave the record to the schema.
   */
  decodeFastWith(decode: (raw: unknown) => z.output<S> | undefined): void {
    this.fastDecode = decode;
  }

  private decode(id: string, raw: unknown): z.output<S> {
    if (raw instanceof UnreadableValue) throw new StoreRecordError(this.name, id, raw.problem, 'read');
    const fast = this.fastDecode?.(raw);
    if (fast !== undefined) return fast;
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) throw new StoreRecordError(this.name, id, formatZodError(parsed.error), 'read');
    return parsed.data;
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
    // The adapter's own iterator when it has one (SQLite): keyv's wrapper around it cost more per record than
    // reading the record (an await, a key split and join).
    const adapter = this.kv.store as { iterator?: (namespace: string) => AsyncIterable<[string, string]> };
    const deserialize = this.kv.deserialize;
    if (!(adapter instanceof Map) && typeof adapter.iterator === 'function' && deserialize !== undefined) {
      const prefix = this.name.length + 1;
      for await (const [key, text] of adapter.iterator(this.name)) {
        const data = (await deserialize(text)) as { value: unknown; expires?: unknown } | undefined;
        if (data === undefined || (typeof data.expires === 'number' && Date.now() > data.expires)) continue;
        const id = key.slice(prefix);
        yield item(id, this.decode(id, data.value));
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
