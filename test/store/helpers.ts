import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContactInput } from '../../src/store/index.js';

/** A fresh directory for one test's SQLite file; `cleanup()` removes it. */
export function tempDir(prefix = 'followup-store-'): { dir: string; file: string; url: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'nested', 'followup.sqlite');
  return { dir, file, url: `sqlite://${file}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const T0 = '2026-11-20T09:00:00.000Z';

export function contact(id: string, extra: Partial<ContactInput> = {}): ContactInput {
  return {
    id,
    firstName: 'Linh',
    lastName: `Nguyễn ${id}`,
    email: `${id}@example.vn`,
    statusChangedAt: T0,
    lastActivityAt: T0,
    createdAt: T0,
    updatedAt: T0,
    channels: [{ type: 'whatsapp', address: '+84912345678' }],
    ...extra,
  };
}
