/**
 * `followup import-records FILE|-`: writes the records of a `followup export` into the store as they are
 * (upserts: running it twice changes nothing), reads each batch back to check it landed unchanged, and prints
 * per namespace how many records the file had and how many the store holds now. Exit 1 when a line was not a
 * record, a record did not read back as written, or the store holds fewer than the file had. After outbox
 * entries, the outbox's indexes are rebuilt from what the store now holds (one read of the outbox).
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { stripByteOrderMark } from '../ingest/index.js';
import { type RawRecord, type RawRecords, formatZodError } from '../store/index.js';
import { type CommandContext, withStore } from './context.js';
import { terminalSafe } from './format.js';
import { openInput } from './import-command.js';
import { UsageError } from './usage.js';

const BATCH = 1_000;
const SHOW_PROBLEMS = 20;

const rawRecordSchema = z.strictObject({
  namespace: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'not a namespace name'),
  key: z.string(),
  value: z.string(),
});

interface NamespaceTally {
  inFile: number;
  /** Records that read back differently from what was written. */
  differing: number;
}

interface ImportTally {
  namespaces: Map<string, NamespaceTally>;
  problems: string[];
  problemCount: number;
}

function problem(tally: ImportTally, text: string): void {
  tally.problemCount++;
  if (tally.problems.length < SHOW_PROBLEMS) tally.problems.push(text);
}

function parseLine(text: string, lineNo: number, tally: ImportTally): RawRecord | null {
  const line = (lineNo === 1 ? stripByteOrderMark(text) : text).trim();
  if (!line) return null;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    problem(tally, `line ${lineNo}: not JSON`);
    return null;
  }
  const parsed = rawRecordSchema.safeParse(json);
  if (!parsed.success) {
    problem(tally, `line ${lineNo}: ${formatZodError(parsed.error)}`);
    return null;
  }
  return parsed.data;
}

async function writeAndCheck(raw: RawRecords, batch: RawRecord[], tally: ImportTally): Promise<void> {
  await raw.write(batch);
  const stored = await raw.read(batch);
  batch.forEach((record, i) => {
    const counts = tally.namespaces.get(record.namespace) ?? { inFile: 0, differing: 0 };
    counts.inFile++;
    if (stored[i] !== record.value) {
      counts.differing++;
      problem(tally, `${record.namespace}:${JSON.stringify(record.key)} reads back differently from the file`);
    }
    tally.namespaces.set(record.namespace, counts);
  });
}

/** One row per namespace: in the file, in the store, and whether they agree. */
async function report(raw: RawRecords, tally: ImportTally, ctx: CommandContext): Promise<boolean> {
  const rows: string[][] = [['namespace', 'in file', 'in store', '']];
  let agree = true;
  for (const [namespace, counts] of [...tally.namespaces].sort(([a], [b]) => a.localeCompare(b))) {
    const inStore = await raw.count(namespace);
    let verdict = 'ok';
    if (counts.differing > 0) verdict = `${counts.differing} read back differently`;
    else if (inStore < counts.inFile) verdict = `${counts.inFile - inStore} missing`;
    else if (inStore > counts.inFile) verdict = `ok (${inStore - counts.inFile} more were there already)`;
    if (!verdict.startsWith('ok')) agree = false;
    rows.push([namespace, counts.inFile.toLocaleString('en'), inStore.toLocaleString('en'), verdict]);
  }
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const [namespace, inFile, inStore, verdict] of rows) {
    const cells = [namespace!.padEnd(widths[0]!), inFile!.padStart(widths[1]!), inStore!.padStart(widths[2]!)];
    ctx.io.stdout.write(`${`${cells.join('  ')}  ${verdict}`.trimEnd()}\n`);
  }
  return agree;
}

export async function importRecordsCommand(positionals: string[], ctx: CommandContext): Promise<number> {
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('import-records needs a FILE written by "followup export", or - to read stdin.');
  if (extra.length > 0) throw new UsageError(`import-records takes one FILE; got also: ${extra.join(' ')}`);
  const input = await openInput(file, ctx);
  const tally: ImportTally = { namespaces: new Map(), problems: [], problemCount: 0 };

  const agree = await withStore(
    ctx,
    async (store) => {
      const raw = store.rawRecords();
      let batch: RawRecord[] = [];
      let lineNo = 0;
      for await (const text of createInterface({ input, crlfDelay: Infinity })) {
        const record = parseLine(text, ++lineNo, tally);
        if (!record) continue;
        batch.push(record);
        if (batch.length >= BATCH) {
          await writeAndCheck(raw, batch, tally);
          batch = [];
        }
      }
      if (batch.length > 0) await writeAndCheck(raw, batch, tally);
      // The file may come from a store older than the outbox's indexes, or replace an agent's recent row
      // with its own: rebuilt from the entries now stored, so the moved store retries and lists them all.
      if (tally.namespaces.has('outbox')) await store.outbox.rebuildIndexes();
      return report(raw, tally, ctx);
    },
    { access: 'write', command: 'followup import-records' },
  );

  for (const text of tally.problems) ctx.io.stderr.write(`  ${terminalSafe(text)}\n`);
  const more = tally.problemCount - tally.problems.length;
  if (more > 0) ctx.io.stderr.write(`  … and ${more} more\n`);
  const records = [...tally.namespaces.values()].reduce((n, c) => n + c.inFile, 0);
  if (agree && tally.problemCount === 0) {
    ctx.io.stdout.write(`every record of the file is in the store as written (${records.toLocaleString('en')})\n`);
    return 0;
  }
  ctx.io.stderr.write(
    `followup: import-records found problems (above): fix the file or the store and run it again ` +
      '(records already written are overwritten with the same values)\n',
  );
  return 1;
}
