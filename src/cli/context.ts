/** What every command gets: the writers, the environment, the clock and the store to open. */
import type { Readable } from 'node:stream';
import type { RuleOverrides } from '../policy/index.js';
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
  /**
   * The channel rule overrides the server runs with (the config file's `policy:`), read from `env`; the entry
   * (src/cli.ts) passes the server's reader. Without it, the rule table as written.
   */
  readPolicy?: (env: CliIo['env']) => RuleOverrides;
}

export interface CommandContext {
  io: CliIo;
  now: () => Date;
  storeUrl: string;
  /** The rule overrides windows are evaluated with (read when asked: a bad file fails only what needs it). */
  rules: () => RuleOverrides;
}

export function resolveStoreUrl(option: string | undefined, env: CliIo['env']): string {
  return option?.trim() || storeUrlFrom(env);
}

/**
 * How a command uses the store: reading (search, status) opens beside a running server without a lock;
 * writing (import, seed-demo) takes the store's lock, named after the command, and refuses while another
 * process (a running server) holds it.
 */
export type StoreUse = { access: 'read' } | { access: 'write'; command: string };

/** Opens the store for `fn` and says on stderr which one it is, so a wrong folder or URL shows at once. */
export async function withStore<T>(
  ctx: CommandContext,
  fn: (store: Store) => Promise<T>,
  use: StoreUse = { access: 'read' },
): Promise<T> {
  const store = await openStore(ctx.storeUrl, {
    access: use.access,
    ...(use.access === 'write' ? { holder: { kind: 'cli' as const, command: use.command } } : {}),
    log: (line) => ctx.io.stderr.write(`followup: ${line}\n`),
  });
  try {
    const contacts = await store.contacts.count();
    ctx.io.stderr.write(`store: ${store.url} (${contacts} contact${contacts === 1 ? '' : 's'})\n`);
    return await fn(store);
  } finally {
    await store.close();
  }
}
