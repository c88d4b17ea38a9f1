/**
 * One writer per SQLite store (issue 8): the write lock beside the file, who it names, stale locks, readers
 * beside the writer, and the one-line errors of a store that cannot be opened. Real SQLite files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Store,
  StoreLockedError,
  StoreOpenError,
  lockPathFor,
  openStore,
  sqliteFileOf,
} from '../../src/store/index.js';
import { contact, tempDir } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
let tmp: ReturnType<typeof tempDir>;
const open: Store[] = [];
const track = async (store: Promise<Store>) => {
  const s = await store;
  open.push(s);
  return s;
};
beforeEach(() => {
  tmp = tempDir('followup-lock-');
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  tmp.cleanup();
});

/** The pid of a process that has ended (pids are not reused that fast). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function writeLock(fields: Record<string, unknown>): void {
  mkdirSync(join(tmp.dir, 'nested'), { recursive: true });
  const holder = { host: hostname(), startedAt: '2026-11-20T10:02:00.000Z', kind: 'server', ...fields };
  writeFileSync(lockPathFor(tmp.file), JSON.stringify(holder));
}

async function refusal(promise: Promise<unknown>): Promise<StoreLockedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreLockedError);
  return error as StoreLockedError;
}

const hhmm = (d: Date) => d.toISOString().slice(11, 16);

describe('the write lock', () => {
  it('a second writer is refused with one line naming the server that holds it', async () => {
    const server = await track(openStore(tmp.url, { holder: { kind: 'server' } }));
    server.updateLock({ port: 3000 });
    const held = JSON.parse(readFileSync(lockPathFor(tmp.file), 'utf8'));
    expect(held).toMatchObject({ pid: process.pid, host: hostname(), kind: 'server', port: 3000 });

    const error = await refusal(openStore(tmp.url, { holder: { kind: 'cli', command: 'followup import' } }));
    const since = hhmm(new Date(held.startedAt));
    expect(error.message).toBe(
      `sqlite://${tmp.file} is in use by the Followup server (pid ${process.pid}, port 3000, since ${since} UTC): ` +
        'stop it first, or send events to its POST /api/events',
    );
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('names a command holding it, and what to do', async () => {
    await track(openStore(tmp.url, { holder: { kind: 'cli', command: 'followup import' } }));
    const error = await refusal(openStore(tmp.url, { holder: { kind: 'server' } }));
    const holder = `"followup import" \\(pid ${process.pid}, since \\d\\d:\\d\\d UTC\\)`;
    const todo = 'wait for it to finish, or stop it';
    expect(error.message).toMatch(new RegExp(`^sqlite://${tmp.file} is in use by ${holder}: ${todo}$`));
  });

  it('is released on close: the file goes, and the next writer opens', async () => {
    const first = await openStore(tmp.url);
    expect(existsSync(lockPathFor(tmp.file))).toBe(true);
    await first.contacts.put(contact('c-1'));
    await first.close();
    expect(existsSync(lockPathFor(tmp.file))).toBe(false);
    const second = await track(openStore(tmp.url));
    expect((await second.contacts.get('c-1'))?.id).toBe('c-1');
  });

  it('a stale lock (its process has ended) is taken over, with one line saying so', async () => {
    const pid = deadPid();
    writeLock({ pid });
    const lines: string[] = [];
    const store = await track(openStore(tmp.url, { holder: { kind: 'server' }, log: (line) => lines.push(line) }));
    expect(lines).toEqual([
      `sqlite://${tmp.file}: took over the lock of pid ${pid} (server, since 2026-11-20 10:02 UTC), ` +
        'which is no longer running',
    ]);
    expect(JSON.parse(readFileSync(lockPathFor(tmp.file), 'utf8'))).toMatchObject({ pid: process.pid, kind: 'server' });
    await store.contacts.put(contact('c-1'));
  });

  it('a lock held on another host is respected (its pid cannot be checked from here)', async () => {
    writeLock({ pid: deadPid(), host: 'other-host', port: 3000 });
    const error = await refusal(openStore(tmp.url));
    expect(error.message).toMatch(
      /is in use by the Followup server \(pid \d+, host other-host, port 3000, since 2026-11-20 10:02 UTC\)/,
    );
  });

  it('an unreadable lock file (a crash while it was written) is taken over', async () => {
    mkdirSync(join(tmp.dir, 'nested'), { recursive: true });
    writeFileSync(lockPathFor(tmp.file), '');
    const lines: string[] = [];
    await track(openStore(tmp.url, { log: (line) => lines.push(line) }));
    expect(lines).toEqual([`sqlite://${tmp.file}: took over an unreadable lock file ${lockPathFor(tmp.file)}`]);
  });

  it('memory:// and sqlite://:memory: need none: a second open beside the first succeeds', async () => {
    const stores = [];
    for (const url of ['memory://', 'memory://', 'sqlite://:memory:', 'sqlite://:memory:']) {
      stores.push(await track(openStore(url)));
    }
    expect(stores).toHaveLength(4);
    expect(new Set(stores).size).toBe(4); // four separate stores, none refused as held
  });
});

describe('reading beside the writer', () => {
  it('takes no lock, sees what the writer stored, and refuses to write', async () => {
    const writer = await track(openStore(tmp.url, { holder: { kind: 'server' } }));
    await writer.contacts.put(contact('c-1'));
    const reader = await track(openStore(tmp.url, { access: 'read' }));
    expect(reader.access).toBe('read');
    expect((await reader.contacts.get('c-1'))?.id).toBe('c-1');
    await writer.contacts.put(contact('c-2'));
    expect(await reader.contacts.count()).toBe(2);
    await expect(reader.contacts.put(contact('c-3'))).rejects.toThrow(/readonly database/);
    expect(await writer.contacts.count()).toBe(2);
  });

  it('does not create a missing store: one line says so', async () => {
    const error = await openStore(tmp.url, { access: 'read' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toBe(
      `No store at ${tmp.url} (no such file): check STORE_URL or --store; ` +
        '"followup import" or "npm run seed:demo" creates it',
    );
    expect(existsSync(tmp.file)).toBe(false);
    expect(existsSync(join(tmp.dir, 'nested'))).toBe(false);
  });
});

describe('where a relative path points', () => {
  it('at the project folder, whatever the current folder', () => {
    const cwd = process.cwd();
    process.chdir(tmp.dir);
    try {
      expect(sqliteFileOf('sqlite://data/followup.sqlite')).toBe(join(ROOT, 'data', 'followup.sqlite'));
    } finally {
      process.chdir(cwd);
    }
    expect(sqliteFileOf(tmp.url)).toBe(tmp.file);
  });

  it('and the store is known by its absolute URL', async () => {
    const store = await track(openStore(tmp.url));
    expect(store.url).toBe(`sqlite://${tmp.file}`);
  });
});

describe('a store that cannot be opened is one line naming STORE_URL', () => {
  const failure = async (url: string) => {
    const error = await openStore(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  };

  it('a file that is not a database', async () => {
    mkdirSync(join(tmp.dir, 'nested'), { recursive: true });
    writeFileSync(tmp.file, 'name,email\nLinh,linh@example.vn\n'.repeat(200));
    expect(await failure(tmp.url)).toBe(
      `STORE_URL ${tmp.url}: ${tmp.file} is not a SQLite database: ` +
        'point STORE_URL at the store file, or move that file away',
    );
    // The refused open left no lock behind.
    expect(existsSync(lockPathFor(tmp.file))).toBe(false);
  });

  it('a file in the way of its folder', async () => {
    writeFileSync(join(tmp.dir, 'nested'), 'not a folder');
    expect(await failure(tmp.url)).toBe(
      `STORE_URL ${tmp.url}: a file is in the way of the folder ${join(tmp.dir, 'nested')}: ` +
        'point STORE_URL at a path inside a folder',
    );
  });

  it('an unknown scheme, or no file at all', async () => {
    expect(await failure('redis://localhost:6379')).toMatch(
      /^Unsupported STORE_URL "redis:\/\/localhost:6379": use sqlite:\/\//,
    );
    expect(await failure('sqlite://')).toBe(
      'STORE_URL "sqlite://" names no file: use e.g. sqlite://data/followup.sqlite',
    );
  });
});
