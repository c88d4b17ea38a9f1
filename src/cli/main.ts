#!/usr/bin/env node
/**
 * `followup`: the operators' and scripts' front-end of the shared core (import, search, status).
 * `main(argv, io)` is the whole program, testable in-process; the entry at the bottom only wires the real
 * process (and is the one place that reads the system clock).
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CliIo, type CommandContext, resolveStoreUrl } from './context.js';
import { importCommand } from './import-command.js';
import { searchCommand } from './search-command.js';
import { seedDemoCommand } from './seed-demo-command.js';
import { statusCommand } from './status-command.js';
import { USAGE, UsageError } from './usage.js';

export type { CliIo } from './context.js';

const COMMON = {
  store: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const OPTIONS = {
  import: { ...COMMON },
  search: {
    ...COMMON,
    inbox: { type: 'string' },
    agent: { type: 'string' },
    status: { type: 'string' },
    channel: { type: 'string' },
    window: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    json: { type: 'boolean' },
  },
  status: { ...COMMON, json: { type: 'boolean' } },
  'seed-demo': { ...COMMON, count: { type: 'string' }, agent: { type: 'string', multiple: true } },
} as const;

type Command = keyof typeof OPTIONS;

function isCommand(name: string): name is Command {
  return Object.hasOwn(OPTIONS, name);
}

/** FOLLOWUP_NOW (tests only) pins the clock; otherwise the caller's clock. */
function clockFrom(io: CliIo): () => Date {
  const pinned = io.env.FOLLOWUP_NOW?.trim();
  if (!pinned) return io.now;
  const at = new Date(pinned);
  if (Number.isNaN(at.getTime())) throw new UsageError(`FOLLOWUP_NOW is not a time: "${pinned}" (use ISO 8601, e.g. 2026-11-20T12:00:00Z).`);
  return () => at;
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(options: O, args: string[]) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains unknown or valueless options in one sentence; keep it, drop the stack.
    throw new UsageError((error as Error).message);
  }
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      (name === undefined ? io.stderr : io.stdout).write(USAGE);
      return name === undefined ? 2 : 0;
    }
    if (!isCommand(name)) throw new UsageError(`Unknown command "${name}".`);
    const context = (values: { store?: string | undefined }): CommandContext => ({
      io,
      now: clockFrom(io),
      storeUrl: resolveStoreUrl(values.store, io.env),
    });
    const helpOr = async (values: { help?: boolean | undefined }, run: () => Promise<number>) => {
      if (!values.help) return run();
      io.stdout.write(USAGE);
      return 0;
    };
    switch (name) {
      case 'import': {
        const { values, positionals } = parse(OPTIONS.import, rest);
        return await helpOr(values, () => importCommand(positionals, context(values)));
      }
      case 'search': {
        const { values, positionals } = parse(OPTIONS.search, rest);
        return await helpOr(values, () => searchCommand(positionals, values, context(values)));
      }
      case 'status': {
        const { values, positionals } = parse(OPTIONS.status, rest);
        return await helpOr(values, () => statusCommand(positionals, values, context(values)));
      }
      case 'seed-demo': {
        const { values } = parse(OPTIONS['seed-demo'], rest);
        return await helpOr(values, () => seedDemoCommand(values, context(values)));
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`followup: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr.write(`followup: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    now: () => new Date(),
  });
  process.exitCode = code;
}
