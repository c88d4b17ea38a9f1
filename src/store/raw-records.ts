/**
 * Every stored record exactly as it lies in the table, for moving a store from one backend to another
 * (`followup export` / `followup import-records`): no validation, no record locks, values as stored text
 * (keyv's `{"value":…,"expires":…}` envelope), so a copy loses nothing, not even a record that no longer
 * validates. Both backends keep keys as `namespace:key` in one table, in byte order.
 */

export interface RawRecord {
  namespace: string;
  key: string;
  /** The stored text, as is. */
  value: string;
}

export interface RawRecords {
  /** Every record of every namespace, in key order, read page by page. */
  all(): AsyncGenerator<RawRecord>;
  /** Upserts the records as they are (one statement per call). */
  write(records: readonly RawRecord[]): Promise<void>;
  /** The stored text of each record's namespace and key (undefined where absent). */
  read(records: ReadonlyArray<Pick<RawRecord, 'namespace' | 'key'>>): Promise<Array<string | undefined>>;
  count(namespace: string): Promise<number>;
}

/** What a backend's table offers: full keys (`ns:key`) and stored text. */
export interface RawTable {
  /** Every row when `namespace` is undefined. */
  iterator(namespace?: string): AsyncGenerator<[string, string], void>;
  setMany(entries: Array<{ key: string; value: unknown }>): Promise<void>;
  getMany(keys: string[]): Promise<Array<string | undefined>>;
  count(namespace: string): Promise<number>;
}

const fullKey = (r: Pick<RawRecord, 'namespace' | 'key'>) => `${r.namespace}:${r.key}`;

/**
 * Every Followup record has a namespace; a row without one was put there by something else, and `all()` stops
 * at it rather than leave it behind unsaid.
 */
export function rawRecordsOf(table: RawTable): RawRecords {
  return {
    async *all() {
      for await (const [key, value] of table.iterator()) {
        const colon = key.indexOf(':');
        if (colon <= 0) {
          throw new Error(
            `The store holds a row that is not a Followup record (key ${JSON.stringify(key.slice(0, 80))}, ` +
              'no namespace): remove it from the table, then export again',
          );
        }
        yield { namespace: key.slice(0, colon), key: key.slice(colon + 1), value };
      }
    },
    write: (records) => table.setMany(records.map((r) => ({ key: fullKey(r), value: r.value }))),
    read: (records) => table.getMany(records.map(fullKey)),
    count: (namespace) => table.count(namespace),
  };
}
