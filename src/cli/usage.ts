/** The CLI's help text (whole and per command), the values of its enum options, and its usage error (exit 2). */
import { SEARCH_CHOICES } from '../followup/search-request.js';

/** What each enum option of `search` accepts (the server's search takes the same): help and errors read this. */
export { SEARCH_CHOICES };

export type SearchChoice = keyof typeof SEARCH_CHOICES;

/** Wraps a list of values at the help text's width, indented under the option's description column. */
function listed(values: readonly string[], indent = 27, width = 110): string {
  const lines: string[] = [];
  let line = '';
  for (const value of values) {
    const next = line ? `${line}, ${value}` : value;
    if (indent + next.length > width && line) {
      lines.push(`${line},`);
      line = value;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** Each command's section of the help: its synopsis, what it does, its own options. */
export const COMMAND_HELP = {
  import: `  import FILE|-            Apply ingest events from an NDJSON file (or a JSON array; - reads stdin).
                           Prints "accepted N, duplicate N, rejected N" and the first rejections.`,
  search: `  search [QUERY…]          Find contacts: names (accents optional), emails, phone digits.
      --inbox all|mine     mine needs --agent U…           (default all)
      --agent USER_ID      the asking agent's Slack user id
      --status ${SEARCH_CHOICES.status.join('|')}                             (default closed)
      --channel TYPE       ${listed(SEARCH_CHOICES.channel)}
      --window STATE       ${listed(SEARCH_CHOICES.window)}
      --limit N            1–100                                (default 20)
      --cursor CURSOR      the next page (printed after a full page)
      --json               machine-readable output`,
  status: `  status CONTACT_ID        Each channel's window: state, when it closes, messages left, what may be sent
      --json               now, and why.`,
  'seed-demo': `  seed-demo                Fill the store with demo contacts (en, fr, es, de, ar, vi) on all ten
                           channels, windows in every state as of now ("npm run seed:demo"). Run again,
                           it adds nothing; with other --agent ids it assigns the demo contacts to them.
      --count N            how many contacts                  (default 300)
      --agent USER_ID      assign contacts to this Slack user (repeatable) so "Mine" shows them`,
  migrate: `  migrate                  Apply the PostgreSQL schema migrations and exit (a deploy step before the
                           replicas start). SQLite needs none.`,
  export: `  export                   Every record of every namespace, as stored, one JSON line each on stdout
                           ({"namespace","key","value"}); counts per namespace on stderr.
                           e.g. followup export --store sqlite://data/followup.sqlite > all.ndjson`,
  'import-records': `  import-records FILE|-    Write the records of an export into the store as they are (running it
                           again changes nothing), check each reads back unchanged, and print per
                           namespace the count in the file and in the store.
                           e.g. followup import-records --store postgres://USER@HOST:5432/DB all.ndjson`,
} as const;

export type CommandName = keyof typeof COMMAND_HELP;

const COMMON_OPTIONS = `Options for every command:
  --store URL              Store to use (default: $STORE_URL, else sqlite://data/followup.sqlite).
  -h, --help               Help (for one command: followup COMMAND --help).

FOLLOWUP_CONFIG, the server's config file: its policy: section (channel rule overrides) decides the
windows here as it does in Slack.

Exit codes: 0 done; 1 failed, or import rejected at least one event; 2 usage error.
`;

export const USAGE = `Usage: followup <command> [options]

Commands:
${Object.values(COMMAND_HELP).join('\n')}
  help [COMMAND]           This text, or one command's.

${COMMON_OPTIONS}`;

/** `followup search --help`: that command's section and the options every command takes. */
export function commandUsage(command: CommandName): string {
  return `Usage: followup ${command} [options]\n\n${COMMAND_HELP[command]}\n\n${COMMON_OPTIONS}`;
}

/** The one line under a usage error that says where the full story is. */
export function usageHint(command: CommandName | undefined): string {
  return command ? `Run "followup ${command} --help" for its options.` : 'Run "followup --help" for the commands.';
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** A wrong value for an enum option, with the values it takes. */
export function invalidChoice(option: SearchChoice, given: string): UsageError {
  return new UsageError(`--${option} "${given}" is not one of: ${SEARCH_CHOICES[option].join(', ')}.`);
}
