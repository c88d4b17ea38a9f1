/**
 * `followup`: the operators' and scripts' front-end of the shared core (import, search, status; migrate,
 * export and import-records to move a store).
 * `main(argv, io)` is the whole program, testable in-process; the entry (src/cli.ts) only wires the real
 * process (and is the one place that reads the system clock).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CliIo, type CommandContext, resolveStoreUrl } from './context.js';
import { terminalSafe } from './format.js';
import { exportCommand } from './export-command.js';
import { importCommand } from './import-command.js';
import { importRecordsCommand } from './import-records-command.js';
import { migrateCommand } from './migrate-command.js';
import { searchCommand } from './search-command.js';
import { seedDemoCommand } from './seed-demo-command.js';
import { statusCommand } from './status-command.js';
import { USAGE, UsageError, commandUsage, usageHint } from './usage.js';

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
  migrate: { ...COMMON },
  export: { ...COMMON },
  'import-records': { ...COMMON },
} as const;

type Command = keyof typeof OPTIONS;

function isCommand(name: string): name is Command {
  return Object.hasOwn(OPTIONS, name);
}

/**
 * FOLLOWUP_NOW=<ISO time> pins the clock the commands evaluate windows at. It is for tests and
 * reproductions only, so it is documented here and not in the help text.
 */
function clockFrom(io: CliIo): () => Date {
  const pinned = io.env.FOLLOWUP_NOW?.trim();
  if (!pinned) return io.now;
  const at = new Date(pinned);
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`FOLLOWUP_NOW is not a time: "${pinned}" (use ISO 8601, e.g. 2026-11-20T12:00:00Z).`);
  return () => at;
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(options: O, args: string[]) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs names the unknown or valueless option in its first sentence; keep that, drop the rest
    // (advice on `--` for positionals that start with a dash) and the stack.
    const [firstSentence] = (error as Error).message.split(/(?<=\.) /);
    throw new UsageError(firstSentence!);
  }
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h') {
      (name === undefined ? io.stderr : io.stdout).write(USAGE);
      return name === undefined ? 2 : 0;
    }
    if (name === 'help') {
      const [topic, ...extra] = rest;
      if (extra.length > 0) throw new UsageError(`help takes one COMMAND; got also: ${extra.join(' ')}`);
      if (topic !== undefined && !isCommand(topic)) throw new UsageError(`Unknown command "${topic}".`);
      io.stdout.write(topic === undefined ? USAGE : commandUsage(topic));
      return 0;
    }
    if (!isCommand(name)) throw new UsageError(`Unknown command "${name}".`);
    const context = (values: { store?: string | undefined }): CommandContext => ({
      io,
      now: clockFrom(io),
      storeUrl: resolveStoreUrl(values.store, io.env),
      rules: () => io.readPolicy?.(io.env) ?? {},
    });
    const helpOr = async (values: { help?: boolean | undefined }, run: () => Promise<number>) => {
      if (!values.help) return run();
      io.stdout.write(commandUsage(name));
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
      case 'migrate': {
        const { values, positionals } = parse(OPTIONS.migrate, rest);
        return await helpOr(values, () => migrateCommand(positionals, context(values)));
      }
      case 'export': {
        const { values, positionals } = parse(OPTIONS.export, rest);
        return await helpOr(values, () => exportCommand(positionals, context(values)));
      }
      case 'import-records': {
        const { values, positionals } = parse(OPTIONS['import-records'], rest);
        return await helpOr(values, () => importRecordsCommand(positionals, context(values)));
      }
    }
  } catch (error) {
    // Messages may quote input or stored text: made terminal-safe, and one line each.
    if (error instanceof UsageError) {
      const command = name !== undefined && isCommand(name) ? name : undefined;
      io.stderr.write(`followup: ${terminalSafe(error.message)}\n${usageHint(command)}\n`);
      return 2;
    }
    io.stderr.write(`followup: ${terminalSafe((error as Error)?.message ?? String(error))}\n`);
    return 1;
  }
}
