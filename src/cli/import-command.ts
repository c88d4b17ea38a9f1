/**
 * `followup import FILE|-`: streams NDJSON line by line into `applyEntries`, a few thousand events per
 * batch, so memory stays flat whatever the file size. A file whose first non-blank line starts with `[`
 * is read whole as one JSON array instead.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import {
  type IngestResult,
  type PayloadEntry,
  applyEntries,
  parseEventPayload,
  parseNdjsonLine,
} from '../ingest/index.js';
import { type CommandContext, withStore } from './context.js';
import { terminalSafe } from './format.js';
import { UsageError } from './usage.js';

const BATCH = 5000;
const SHOW_REJECTIONS = 20;

interface Tally {
  accepted: number;
  duplicate: number;
  rejected: number;
  firstRejections: IngestResult[];
}

/** A file, or stdin for `-`; a missing file is one line saying so. */
export async function openInput(file: string, ctx: CommandContext): Promise<Readable> {
  if (file === '-') {
    if (!ctx.io.stdin) throw new Error('No standard input to read from.');
    return ctx.io.stdin;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error(`${file} is not a file.`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`Cannot read ${file}: no such file.`);
    throw error;
  }
  return createReadStream(file, { encoding: 'utf8' });
}

/** Progress on stderr once a second: redrawn in place on a terminal, one line each otherwise (logs). */
function progressReporter(ctx: CommandContext) {
  const tty = ctx.io.stderr.isTTY === true;
  const every = ctx.io.progressIntervalMs ?? 1000;
  const started = performance.now();
  let last = started;
  let shown = false;
  return {
    report(lines: number, t: Tally, force = false) {
      const at = performance.now();
      if (!force && at - last < every) return;
      last = at;
      const rate = Math.round((t.accepted + t.duplicate + t.rejected) / Math.max(0.001, (at - started) / 1000));
      const counts = `accepted ${t.accepted}, duplicate ${t.duplicate}, rejected ${t.rejected}`;
      const text = `importing… ${lines} lines: ${counts} (${rate} events/s)`;
      ctx.io.stderr.write(tty ? `\r${text}\x1b[K` : `${text}\n`);
      shown = true;
    },
    done() {
      if (tty && shown) ctx.io.stderr.write('\n');
    },
  };
}

export async function importCommand(positionals: string[], ctx: CommandContext): Promise<number> {
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('import needs a FILE (NDJSON), or - to read standard input.');
  if (extra.length > 0) throw new UsageError(`import takes one FILE; got also: ${extra.join(' ')}`);
  // Events are reduced with the server's rules (Viber's window decides what counts as chatbot-initiated).
  const rules = ctx.rules();
  const input = await openInput(file, ctx);

  const tally: Tally = { accepted: 0, duplicate: 0, rejected: 0, firstRejections: [] };
  const progress = progressReporter(ctx);

  await withStore(
    ctx,
    async (store) => {
      const apply = async (entries: PayloadEntry[]) => {
        for (const r of await applyEntries(store, entries, { now: ctx.now, rules })) {
          tally[r.status]++;
          if (r.status === 'rejected' && tally.firstRejections.length < SHOW_REJECTIONS) tally.firstRejections.push(r);
        }
      };
      await streamEntries(input, apply, (lines) => progress.report(lines, tally));
    },
    { access: 'write', command: 'followup import' },
  );
  progress.done();

  ctx.io.stdout.write(`accepted ${tally.accepted}, duplicate ${tally.duplicate}, rejected ${tally.rejected}\n`);
  if (tally.rejected > 0) {
    // A reason may quote the file (an unknown contact id, a bad value): shown terminal-safe.
    for (const r of tally.firstRejections) {
      ctx.io.stderr.write(`  ${terminalSafe(r.reason ?? `entry ${r.index}: rejected`)}\n`);
    }
    const more = tally.rejected - tally.firstRejections.length;
    if (more > 0) ctx.io.stderr.write(`  … and ${more} more rejected\n`);
  }
  return tally.rejected > 0 ? 1 : 0;
}

async function streamEntries(
  input: Readable,
  apply: (entries: PayloadEntry[]) => Promise<void>,
  onBatch: (lines: number) => void,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let index = 0;
  let batch: PayloadEntry[] = [];
  let arrayText: string[] | null = null;

  for await (const text of lines) {
    lineNo++;
    if (arrayText) {
      arrayText.push(text);
      continue;
    }
    if (index === 0 && batch.length === 0 && text.trimStart().startsWith('[')) {
      arrayText = [...Array.from({ length: lineNo - 1 }, () => ''), text];
      continue;
    }
    const entry = parseNdjsonLine(text, lineNo, index);
    if (!entry) continue;
    index++;
    batch.push(entry);
    if (batch.length >= BATCH) {
      await apply(batch);
      batch = [];
      onBatch(lineNo);
    }
  }

  if (arrayText) {
    const entries = parseEventPayload(arrayText.join('\n'), 'application/json');
    for (let i = 0; i < entries.length; i += BATCH) {
      await apply(entries.slice(i, i + BATCH));
      onBatch(lineNo);
    }
    return;
  }
  if (batch.length > 0) await apply(batch);
  onBatch(lineNo);
}
