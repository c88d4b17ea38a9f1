/**
 * Process tests run what operators run: the compiled app in its own node process. Each test file compiles
 * into its own folder (dist-all/process-<name>, git-ignored), so files running at once never start a node
 * on a dist/ that another file is rewriting.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export function buildApp(name: string): string {
  const out = join(ROOT, 'dist-all', `process-${name}`);
  rmSync(out, { recursive: true, force: true });
  // Type errors are the typecheck's business; tsc still writes the JavaScript, which is what runs here.
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', out], {
    encoding: 'utf8',
  });
  if (!existsSync(join(out, 'main.js'))) throw new Error(`build failed: ${compiled.stdout}${compiled.stderr}`);
  return out;
}

export function removeBuild(out: string): void {
  rmSync(out, { recursive: true, force: true });
}

export interface Proc {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved as they arrived. */
  out(): string;
  exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in the output; rejects with the output after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

export function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  opts: { cwd?: string; uid?: number; gid?: number } = {},
): Proc {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...opts,
  });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    out: () => text,
    exited,
    async waitFor(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(text);
        if (match) return match;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never saw ${pattern}; output:\n${text}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

/** `node <build>/main.js`, as `npm start` runs it; resolves once it listens, with its base URL. */
export async function startServer(
  build: string,
  env: Record<string, string>,
): Promise<Proc & { base: string; port: number }> {
  const proc = run(process.execPath, [join(build, 'main.js')], { PORT: '0', ...env });
  const port = Number((await proc.waitFor(/listening on port (\d+)/))[1]);
  return { ...proc, base: `http://127.0.0.1:${port}`, port };
}

export function cli(build: string, args: string[], env: Record<string, string>): Proc {
  return run(process.execPath, [join(build, 'cli.js'), ...args], env);
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid the store's lock file names. */
export function lockPid(file: string): number {
  return JSON.parse(readFileSync(`${file}.lock`, 'utf8')).pid as number;
}

export { closedPort } from '../support/fake-api.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
