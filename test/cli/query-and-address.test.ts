/**
 * The CLI says what is wrong with search text instead of listing everyone (stderr, exit 2), and `status`
 * shows a channel without an address as "no address — cannot send".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../src/cli/main.js';
import { tempDir } from '../store/helpers.js';

const NOW = '2026-11-21T12:00:00Z';
const EVENTS = [
  {
    id: 'up-1',
    type: 'contact.upserted',
    at: '2026-11-20T12:00:00Z',
    contact: {
      id: 'c-1',
      firstName: 'Linh',
      channels: [{ type: 'telegram' }, { type: 'whatsapp', address: '+84912345678' }],
    },
  },
  { id: 'in-1', type: 'message.received', at: '2026-11-21T11:00:00Z', contactId: 'c-1', channel: 'telegram' },
  { id: 'in-2', type: 'message.received', at: '2026-11-21T11:00:00Z', contactId: 'c-1', channel: 'whatsapp' },
];

let tmp: ReturnType<typeof tempDir>;
beforeEach(async () => {
  tmp = tempDir('followup-cli-query-');
  const file = join(tmp.dir, 'events.ndjson');
  writeFileSync(file, `${EVENTS.map((e) => JSON.stringify(e)).join('\n')}\n`);
  expect((await run(['import', file])).code).toBe(0);
});
afterEach(() => tmp.cleanup());

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { STORE_URL: tmp.url, FOLLOWUP_NOW: NOW },
    now: () => {
      throw new Error('tests pin the clock with FOLLOWUP_NOW');
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('followup search with text it cannot search', () => {
  it('nothing searchable: one line on stderr, exit 2, nobody listed', async () => {
    for (const text of ['🦄', '*', '-']) {
      const r = await run(['search', text, '--status', 'any']);
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr:
          `followup: Nothing to search for in "${text}": ` +
          'type part of a name, an email, or at least 4 digits of a phone number.\n',
      });
    }
  });

  it('fewer than 4 digits: says a phone search needs 4, also with --json', async () => {
    const r = await run(['search', '+84', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^followup: Too few digits in "\+84" to search phone numbers: type at least 4 digits/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a searchable text still searches', async () => {
    const r = await run(['search', 'linh', '--status', 'any']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Linh');
  });
});

describe('followup status', () => {
  it('shows a channel without an address as "no address — cannot send", with the reason', async () => {
    const r = await run(['status', 'c-1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('telegram: no address — cannot send\n');
    expect(r.stdout).toContain('This contact has no address on this channel, so the provider cannot reach them.');
    expect(r.stdout).toMatch(/whatsapp \(\+84912345678\): open\n/);
    const json = JSON.parse((await run(['status', 'c-1', '--json'])).stdout);
    expect(json.channels[0]).toMatchObject({
      key: 'telegram',
      address: null,
      state: 'closed',
      reason: 'telegram.no_address',
      allowed: [],
    });
  });
});
