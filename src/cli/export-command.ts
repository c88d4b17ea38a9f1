/**
 * `followup export`: every record of every namespace, as stored, one JSON line each on stdout:
 * `{"namespace":"contacts","key":"c-42","value":"{\"value\":{…}}"}` (`value` is the stored text, so nothing
 * is re-encoded and nothing is lost). The counts per namespace go to stderr; `followup import-records`
 * compares them with what the destination holds.
 */
import { type CommandContext, withStore } from './context.js';
import { UsageError } from './usage.js';

/** Lines per write: few enough to keep memory flat, many enough that writing is not the cost. */
const LINES_PER_WRITE = 1_000;

type Writer = CommandContext['io']['stdout'] & { once?: (event: 'drain', listener: () => void) => unknown };

/** Writes and, when the stream asks for it (a slow pipe), waits until it has drained. */
async function write(out: Writer, text: string): Promise<void> {
  if (out.write(text) === false && typeof out.once === 'function') {
    await new Promise<void>((resolve) => out.once!('drain', resolve));
  }
}

/** `contacts 300, events 1,202, …`: what a store or a file holds per namespace. */
export function formatCounts(counts: ReadonlyMap<string, number>): string {
  return [...counts].map(([namespace, n]) => `${namespace} ${n.toLocaleString('en')}`).join(', ') || 'nothing';
}

export async function exportCommand(positionals: string[], ctx: CommandContext): Promise<number> {
  if (positionals.length > 0) {
    throw new UsageError(`export takes no arguments (it writes to stdout); got: ${positionals.join(' ')}`);
  }
  const counts = new Map<string, number>();
  let total = 0;
  await withStore(ctx, async (store) => {
    const out = ctx.io.stdout as Writer;
    let lines: string[] = [];
    for await (const record of store.rawRecords().all()) {
      lines.push(JSON.stringify(record));
      counts.set(record.namespace, (counts.get(record.namespace) ?? 0) + 1);
      total++;
      if (lines.length >= LINES_PER_WRITE) {
        await write(out, `${lines.join('\n')}\n`);
        lines = [];
      }
    }
    if (lines.length > 0) await write(out, `${lines.join('\n')}\n`);
  });
  ctx.io.stderr.write(`exported ${total.toLocaleString('en')} records: ${formatCounts(counts)}\n`);
  return 0;
}
