/**
 * One writer per SQLite store. Two processes writing one file each keep their own record locks, idempotency
 * checks and search index, so they accept the same event twice and lose counter updates (issue 8). The writer
 * holds a lock file beside the store (`<file>.lock`, created atomically with O_EXCL) that names it; a second
 * writer refuses to start with one line saying who holds it. A lock whose process is gone (same host, pid
 * dead) is stale and taken over. Readers take no lock: SQLite's WAL lets them read beside the writer.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';

export const holderSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  startedAt: z.string(),
  kind: z.enum(['server', 'cli']),
  port: z.number().int().optional(),
  command: z.string().optional(),
});
export type LockHolder = z.infer<typeof holderSchema>;
export type LockClaim = Pick<LockHolder, 'kind' | 'command'>;

/** A file in the way of opening the store, or a setting that cannot work: the message is one line for a person. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

export class StoreLockedError extends StoreOpenError {
  override name = 'StoreLockedError';
  constructor(
    readonly storeUrl: string,
    readonly holder: LockHolder,
  ) {
    super(describeHeldLock(storeUrl, holder));
  }
}

export interface StoreLock {
  readonly path: string;
  /** Adds what became known after opening (the server's port) to the lock file. */
  update(fields: Pick<LockHolder, 'port'>): void;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

const READ_ATTEMPTS = 10;
const READ_PAUSE_MS = 20;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function since(startedAt: string): string {
  const at = new Date(startedAt);
  if (Number.isNaN(at.getTime())) return startedAt;
  const [day, time] = at.toISOString().split('T') as [string, string];
  const today = new Date().toISOString().slice(0, 10);
  return `${day === today ? '' : `${day} `}${time.slice(0, 5)} UTC`;
}

/** "sqlite:///…/followup.sqlite is in use by the Followup server (pid 1234, port 3000, since 10:02 UTC): …" */
export function describeHeldLock(storeUrl: string, h: LockHolder): string {
  const facts = [`pid ${h.pid}`];
  if (h.host !== hostname()) facts.push(`host ${h.host}`);
  if (h.port) facts.push(`port ${h.port}`);
  const who = h.kind === 'server' ? 'the Followup server' : h.command ? `"${h.command}"` : 'another Followup command';
  const what =
    h.kind === 'server' ? 'stop it first, or send events to its POST /api/events' : 'wait for it to finish, or stop it';
  return `${storeUrl} is in use by ${who} (${facts.join(', ')}, since ${since(h.startedAt)}): ${what}`;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The holder named in a lock file; null when it is unreadable (a crash between creating and writing it). */
function readHolder(path: string): LockHolder | null | 'gone' {
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
      throw error;
    }
    try {
      return holderSchema.parse(JSON.parse(text));
    } catch {
      // The creator may be between open and write: look again shortly before calling it unreadable.
      if (attempt + 1 >= READ_ATTEMPTS) return null;
      sleepSync(READ_PAUSE_MS);
    }
  }
}

const sameHolder = (a: LockHolder | null | 'gone', b: LockHolder | null) =>
  a === b ||
  (a !== null && a !== 'gone' && b !== null && a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt);

function createLockFile(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a stale lock aside. Two processes may find the same stale lock: the file moved must still be the
 * stale one, else it is a fresh lock another process just took, and it goes back.
 */
function removeStale(path: string, stale: LockHolder | null): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  if (!sameHolder(moved, stale)) {
    try {
      linkSync(aside, path);
    } catch {
      // Yet another lock was created meanwhile; it wins.
    }
  }
  unlinkSync(aside);
}

/** Locks this process holds, released when it exits without closing its stores (process.exit after a signal). */
const held = new Set<() => void>();
process.on('exit', () => {
  for (const release of [...held]) release();
});

export function lockPathFor(file: string): string {
  return `${file}.lock`;
}

/**
 * Takes the write lock of the SQLite store `file` (shown as `storeUrl` in messages) or throws StoreLockedError.
 * `log` receives one line when a stale lock is taken over.
 */
export function acquireStoreLock(
  file: string,
  storeUrl: string,
  claim: LockClaim,
  log: (line: string) => void,
): StoreLock {
  const path = lockPathFor(file);
  let holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    kind: claim.kind,
    ...(claim.command ? { command: claim.command } : {}),
  };
  for (;;) {
    if (createLockFile(path, holder)) break;
    const current = readHolder(path);
    if (current === 'gone') continue;
    if (current && (current.host !== holder.host || isAlive(current.pid))) {
      throw new StoreLockedError(storeUrl, current);
    }
    log(
      current
        ? `${storeUrl}: took over the lock of pid ${current.pid} ` +
            `(${current.kind}, since ${since(current.startedAt)}), which is no longer running`
        : `${storeUrl}: took over an unreadable lock file ${path}`,
    );
    removeStale(path, current);
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(release);
    try {
      if (sameHolder(readHolder(path), holder)) unlinkSync(path);
    } catch {
      // Nothing to release (the folder went away); a leftover lock is stale and taken over next time.
    }
  };
  held.add(release);
  return {
    path,
    update(fields) {
      if (released) return;
      holder = { ...holder, ...fields };
      // Replace the file in one step so a reader never sees it half written.
      const next = `${path}.${process.pid}.tmp`;
      writeFileSync(next, `${JSON.stringify(holder)}\n`);
      renameSync(next, path);
    },
    release,
  };
}
