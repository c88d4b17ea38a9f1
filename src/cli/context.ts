/** What every command gets: the writers, the environment, the clock and the store to open. */
import type { Readable } from 'node:stream';
import { type Store, openStore, storeUrlFrom } from '../store/index.js';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin?: Readable;
  env: Record<string, string | undefined>;
  /** The clock; the entry point passes the system clock, tests a fixed one (or FOLLOWUP_NOW). */
  now: () => Date;
  /** Minimum time between import progress lines (default 1000 ms). */
  progressIntervalMs?: number;
}

export interface CommandContext {
  io: CliIo;
  now: () => Date;
  storeUrl: string;
}

export function resolveStoreUrl(option: string | undefined, env: CliIo['env']): string {
  return option?.trim() || storeUrlFrom(env);
}

export async function withStore<T>(ctx: CommandContext, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(ctx.storeUrl);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
