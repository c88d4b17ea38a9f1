/**
 * Versioned migrations of a Followup schema, in order. Each runs once, in its own transaction, recorded in
 * `followup_schema_migrations`; the runner holds a session advisory lock on the schema, so replicas starting
 * together wait for the first one instead of racing it. Never edit a released migration: add the next one.
 * A database migrated by a newer Followup (an unknown version) is refused: a rollback must not write into
 * a layout it does not know.
 */
import type pg from 'pg';
import { StoreOpenError } from '../lock.js';

export interface Migration {
  version: number;
  name: string;
  /** The SQL for the schema named `s` (already a safe plain name: see url.ts). */
  sql: (s: string) => string;
}

/** Advisory lock class of migrations (the two-int form keeps it apart from record locks). */
export const MIGRATION_LOCK_CLASS = 0x46550001;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'keyv table with change sequence, tombstones, lock functions',
    sql: (s) => `
      -- keyv's layout (key, value), so plain keyv reads it; "C" collation: byte order, as SQLite lists keys, and
      -- namespace ranges ('ns:' <= key < 'ns;') on the primary key.
      CREATE SEQUENCE "${s}".followup_change_seq;
      CREATE TABLE "${s}".followup_keyv (
        key text COLLATE "C" PRIMARY KEY,
        value text NOT NULL,
        seq bigint NOT NULL DEFAULT 0
      );
      CREATE INDEX followup_keyv_seq ON "${s}".followup_keyv (seq);
      CREATE TABLE "${s}".followup_tombstones (
        key text COLLATE "C" PRIMARY KEY,
        seq bigint NOT NULL,
        deleted_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX followup_tombstones_seq ON "${s}".followup_tombstones (seq);
      CREATE INDEX followup_tombstones_deleted_at ON "${s}".followup_tombstones (deleted_at);

      -- Every write, whoever makes it, takes the next change number and wakes the replicas' change feeds
      -- (NOTIFY is sent at commit; identical payloads within a transaction are sent once).
      CREATE FUNCTION "${s}".followup_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.seq := nextval('"${s}".followup_change_seq');
        PERFORM pg_notify('followup:${s}', split_part(NEW.key, ':', 1));
        RETURN NEW;
      END $$;
      CREATE TRIGGER followup_stamp BEFORE INSERT OR UPDATE ON "${s}".followup_keyv
        FOR EACH ROW EXECUTE FUNCTION "${s}".followup_stamp();

      CREATE FUNCTION "${s}".followup_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "${s}".followup_tombstones (key, seq, deleted_at)
          VALUES (OLD.key, nextval('"${s}".followup_change_seq'), now())
          ON CONFLICT (key) DO UPDATE SET seq = excluded.seq, deleted_at = excluded.deleted_at;
        PERFORM pg_notify('followup:${s}', split_part(OLD.key, ':', 1));
        RETURN OLD;
      END $$;
      CREATE TRIGGER followup_tombstone AFTER DELETE ON "${s}".followup_keyv
        FOR EACH ROW EXECUTE FUNCTION "${s}".followup_tombstone();

      -- Deletes and returns the change numbers of the tombstones, so the writer's own feed can skip them.
      CREATE FUNCTION "${s}".followup_delete(keys text[]) RETURNS TABLE (deleted_key text, deleted_seq bigint)
      LANGUAGE plpgsql AS $$
      DECLARE gone text[];
      BEGIN
        WITH d AS (DELETE FROM "${s}".followup_keyv WHERE key = ANY(keys) RETURNING key)
          SELECT coalesce(array_agg(d.key), '{}') INTO gone FROM d;
        RETURN QUERY SELECT t.key::text, t.seq FROM "${s}".followup_tombstones t WHERE t.key = ANY(gone);
      END $$;

      -- Session advisory locks on keys of this schema, taken in one global order (by hash) so two holders of
      -- overlapping sets cannot deadlock; shared ones first (a namespace), then exclusive ones (its keys).
      CREATE FUNCTION "${s}".followup_lock(shared text[], exclusive text[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE h bigint;
      BEGIN
        FOR h IN SELECT DISTINCT hashtextextended('${s}/' || k, 0) FROM unnest(shared) k ORDER BY 1 LOOP
          PERFORM pg_advisory_lock_shared(h);
        END LOOP;
        FOR h IN SELECT DISTINCT hashtextextended('${s}/' || k, 0) FROM unnest(exclusive) k ORDER BY 1 LOOP
          PERFORM pg_advisory_lock(h);
        END LOOP;
      END $$;
      CREATE FUNCTION "${s}".followup_unlock(shared text[], exclusive text[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE h bigint;
      BEGIN
        FOR h IN SELECT DISTINCT hashtextextended('${s}/' || k, 0) FROM unnest(exclusive) k LOOP
          PERFORM pg_advisory_unlock(h);
        END LOOP;
        FOR h IN SELECT DISTINCT hashtextextended('${s}/' || k, 0) FROM unnest(shared) k LOOP
          PERFORM pg_advisory_unlock_shared(h);
        END LOOP;
      END $$;
    `,
  },
];

/** The newest version this Followup knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

const migrationsTable = (s: string) => `"${s}".followup_schema_migrations`;

/**
 * Brings the schema to SCHEMA_VERSION (creating it when missing). Returns the versions it applied. `shownUrl`
 * only names the store in messages.
 */
export async function migrate(client: pg.ClientBase, schema: string, shownUrl: string): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${migrationsTable(schema)} (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = new Set(await appliedVersions(client, schema));
    const newest = Math.max(0, ...applied);
    if (newest > SCHEMA_VERSION) throw newerSchema(shownUrl, schema, newest);
    const ran: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql(schema));
        await client.query(`INSERT INTO ${migrationsTable(schema)} (version, name) VALUES ($1, $2)`, [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      ran.push(migration.version);
    }
    return ran;
  } finally {
    await client
      .query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema])
      .catch(() => undefined);
  }
}

/** For a reader: the schema must exist at a version this Followup knows. */
export async function checkSchema(client: pg.ClientBase, schema: string, shownUrl: string): Promise<void> {
  const found = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [
    migrationsTable(schema),
  ]);
  if (!found.rows[0]?.exists) {
    throw new StoreOpenError(
      `No Followup store at ${shownUrl} (schema "${schema}" has none): start the server once, or run "followup import"`,
    );
  }
  const newest = Math.max(0, ...(await appliedVersions(client, schema)));
  if (newest > SCHEMA_VERSION) throw newerSchema(shownUrl, schema, newest);
}

async function appliedVersions(client: pg.ClientBase, schema: string): Promise<number[]> {
  const rows = await client.query<{ version: number }>(`SELECT version FROM ${migrationsTable(schema)}`);
  return rows.rows.map((r) => r.version);
}

function newerSchema(shownUrl: string, schema: string, version: number): StoreOpenError {
  return new StoreOpenError(
    `The store at ${shownUrl} (schema "${schema}") is at version ${version}, newer than this Followup knows ` +
      `(${SCHEMA_VERSION}): run the newer Followup, or point STORE_URL at another schema`,
  );
}
