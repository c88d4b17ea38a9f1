/** Runs the CLI in-process against a real SQLite store, capturing what it writes. */
import { Readable } from 'node:stream';
import { type CliIo, main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `argv` with `STORE_URL=storeUrl`; the clock is pinned with FOLLOWUP_NOW=`now` (a test never reads the real one). */
export async function runCli(
  argv: string[],
  opts: { storeUrl: string; now?: string; stdin?: string },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    env: { STORE_URL: opts.storeUrl, ...(opts.now ? { FOLLOWUP_NOW: opts.now } : {}) },
    now: () => {
      throw new Error('tests pin the clock with FOLLOWUP_NOW');
    },
    ...(opts.stdin !== undefined ? { stdin: Readable.from([opts.stdin]) } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
