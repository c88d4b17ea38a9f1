/**
 * One connection pool per store, the schema-qualified names, and the one place where a lost database becomes
 * a StoreUnavailableError. Inside a held lock (locks.ts) every query of the same async call chain runs on the
 * lock's connection: the lock holder needs no second connection (no pool deadlock), and its reads and writes
 * happen in the session that holds the lock.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { StoreUnavailableError } from '../unavailable.js';
import type { PostgresTarget } from './url.js';

export interface PostgresTuning {
  /** Connections per process (pool size); a held lock (`withLock` around a send) keeps one for its duration. */
  poolSize: number;
  /** How long connecting (or waiting for a free pooled connection) may take before the call fails (ms). */
  connectTimeoutMs: number;
  /** Rows per page when listing a namespace. */
  pageSize: number;
  /** The change feed reads on every NOTIFY; this slower poll is its safety net (ms). */
  feedPollMs: number;
  /** The change feed reconnects its LISTEN connection after this pause, doubling up to 8× (ms). */
  feedReconnectMs: number;
  /** Batches of more keys than this take one namespace-wide lock instead of one lock per key. */
  batchLockLimit: number;
}

export const DEFAULT_POSTGRES_TUNING: PostgresTuning = {
  poolSize: 20,
  connectTimeoutMs: 3_000,
  pageSize: 5_000,
  feedPollMs: 2_000,
  feedReconnectMs: 250,
  batchLockLimit: 32,
};

/** Network and server-side failures that mean "the database cannot be reached now", in a few words. */
const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection lost',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  '57P01': 'the server terminated the connection (administrator command)',
  '57P02': 'the server is shutting down after a crash',
  '57P03': 'the server is starting up or shutting down',
  '53300': 'too many connections on the server',
  '08000': 'connection error',
  '08003': 'connection does not exist',
  '08006': 'connection failure',
  '08001': 'cannot connect',
  '08004': 'the server rejected the connection',
};

/** pg reports some losses by message only. */
const UNREACHABLE_MESSAGES: Array<[RegExp, (timeoutMs: number) => string]> = [
  [/timeout exceeded when trying to connect|connection timeout/i, (ms) => `connection timed out after ${ms / 1000} s`],
  [/Connection terminated|not queryable|Client was closed/i, () => 'connection lost'],
  [/Query read timeout/i, () => 'no answer in time'],
];

/** The unreachable-store error for `error`, or undefined when it is something else (SQL, constraint, …). */
export function unreachableReason(error: unknown, connectTimeoutMs: number): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNREACHABLE_CODES[code]) return UNREACHABLE_CODES[code];
  const text = typeof message === 'string' ? message : '';
  for (const [pattern, words] of UNREACHABLE_MESSAGES) if (pattern.test(text)) return words(connectTimeoutMs);
  // AggregateError from a host with several addresses: the first cause says it.
  const first = (error as { errors?: unknown[] })?.errors?.[0];
  return first ? unreachableReason(first, connectTimeoutMs) : undefined;
}

/** `promise`, or a rejection after `ms` (the work itself goes on: callers drop the connection it used). */
export function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Query read timeout (no answer within ${ms} ms)`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A pooled connection held for a lock: queries of the same async chain use it while `active`. */
export interface Session {
  readonly client: pg.PoolClient;
  /** Close this connection instead of pooling it (a lock on it could not be released). */
  discard(): void;
}

interface HeldConnection extends Session {
  active: boolean;
  discarded: boolean;
}

export class PgDatabase {
  readonly pool: pg.Pool;
  private readonly held = new AsyncLocalStorage<HeldConnection>();

  constructor(
    readonly target: PostgresTarget,
    readonly tuning: PostgresTuning,
    readonly readOnly: boolean,
  ) {
    this.pool = new pg.Pool(this.clientConfig('followup'));
    this.pool.setMaxListeners?.(0);
    // An idle pooled connection that drops (server restart, relay cut) is removed by the pool; without a
    // listener its 'error' would crash the process.
    this.pool.on('error', () => {});
  }

  get schema(): string {
    return this.target.schema;
  }

  get shownUrl(): string {
    return this.target.shownUrl;
  }

  /** `"schema".name`: every statement names its table with the store's schema. */
  table(name: string): string {
    return `"${this.target.schema}".${name}`;
  }

  /** Settings for a connection of this store; `role` shows in pg_stat_activity.application_name. */
  clientConfig(role: string): pg.PoolConfig {
    return {
      connectionString: this.target.connectionString,
      max: this.tuning.poolSize,
      connectionTimeoutMillis: this.tuning.connectTimeoutMs,
      idleTimeoutMillis: 10_000,
      keepAlive: true,
      application_name: `${role}:${this.target.schema}`.slice(0, 63),
      ...(this.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
    };
  }

  /** A StoreUnavailableError for a lost database; anything else as it was. */
  translate(error: unknown): unknown {
    if (error instanceof StoreUnavailableError) return error;
    // pg-pool says the same when its queue waited too long for one of its own busy connections.
    const busy =
      this.pool.totalCount >= this.tuning.poolSize && /timeout exceeded when trying to connect/.test(String(error));
    if (busy) {
      const seconds = this.tuning.connectTimeoutMs / 1000;
      return new StoreUnavailableError(
        this.target.shownUrl,
        `all ${this.tuning.poolSize} connections busy for ${seconds} s`,
      );
    }
    const reason = unreachableReason(error, this.tuning.connectTimeoutMs);
    return reason ? new StoreUnavailableError(this.target.shownUrl, reason) : error;
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values: readonly unknown[] = [],
  ): Promise<R[]> {
    const held = this.held.getStore();
    try {
      const result =
        held?.active === true
          ? await held.client.query<R>(text, values as unknown[])
          : await this.pool.query<R>(text, values as unknown[]);
      return result.rows;
    } catch (error) {
      throw this.translate(error);
    }
  }

  /**
   * Runs `fn` with a pooled connection that the queries of its async chain use too; `fn` already running on
   * one (a nested lock) gets that one. A connection that failed is discarded, not returned to the pool.
   */
  async withConnection<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    const outer = this.held.getStore();
    if (outer?.active) return fn(outer);
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.translate(error);
    }
    const held: HeldConnection = {
      client,
      active: true,
      discarded: false,
      discard: () => {
        held.discarded = true;
      },
    };
    // A held connection that drops emits 'error' (the pool only listens on idle ones): the next query fails.
    const onError = () => held.discard();
    client.on('error', onError);
    try {
      return await this.held.run(held, () => fn(held));
    } catch (error) {
      if (unreachableReason(error, this.tuning.connectTimeoutMs)) held.discarded = true;
      throw this.translate(error);
    } finally {
      held.active = false; // late queries of a chain that outlived fn go back to the pool
      client.off('error', onError);
      client.release(held.discarded);
    }
  }

  async end(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}

/**
 * Why PostgreSQL at `url` cannot be used right now, or null when it answers `SELECT 1`: for tests and
 * benchmarks deciding whether to run, without opening a store.
 */
export async function postgresProblem(url: string, connectTimeoutMs = 2_000): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
