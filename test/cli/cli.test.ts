import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../src/cli/main.js';
import { loadPolicyOverrides } from '../../src/config.js';
import { EXAMPLE_NDJSON } from '../ingest/fixtures.js';
import { tempDir } from '../store/helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('followup-cli-');
});
afterEach(() => tmp.cleanup());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The line the last command that opened the store wrote first on stderr (kept out of `stderr`). */
let storeLine: string | undefined;

async function run(
  argv: string[],
  opts: { env?: Record<string, string>; stdin?: string; tty?: boolean; progressIntervalMs?: number } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: opts.tty ?? false },
    env: { STORE_URL: tmp.url, ...opts.env },
    // As the entry (src/cli.ts) wires it.
    readPolicy: loadPolicyOverrides,
    now: () => {
      throw new Error('tests pin the clock with FOLLOWUP_NOW');
    },
    ...(opts.stdin !== undefined ? { stdin: Readable.from([opts.stdin]) } : {}),
    ...(opts.progressIntervalMs !== undefined ? { progressIntervalMs: opts.progressIntervalMs } : {}),
  };
  const code = await main(argv, io);
  const opened = /^store: .*\n/.exec(stderr)?.[0];
  storeLine = opened?.trimEnd();
  return { code, stdout, stderr: stderr.slice(opened?.length ?? 0) };
}

const at = (iso: string) => ({ env: { FOLLOWUP_NOW: iso } });

/** The line under a usage error: where that command's (or the whole) help is. */
const hintFor = (command?: string) =>
  command ? `Run "followup ${command} --help" for its options.` : 'Run "followup --help" for the commands.';

function writeFile(name: string, text: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
}

async function importExample(): Promise<void> {
  const r = await run(['import', writeFile('events.ndjson', `${EXAMPLE_NDJSON}\n`)], at('2026-11-20T11:00:00Z'));
  expect(r).toMatchObject({ code: 0, stdout: 'accepted 5, duplicate 0, rejected 0\n' });
}

describe('followup import', () => {
  it('imports the example file, and a second run reports duplicates', async () => {
    await importExample();
    const again = await run(['import', join(tmp.dir, 'events.ndjson')], at('2026-11-20T11:00:00Z'));
    expect(again).toEqual({ code: 0, stdout: 'accepted 0, duplicate 5, rejected 0\n', stderr: '' });
  });

  it('reports rejections with line numbers and exits 1; the good lines still apply', async () => {
    const lines = EXAMPLE_NDJSON.split('\n');
    const file = writeFile(
      'mixed.ndjson',
      [
        lines[0],
        '',
        'not json',
        '{"id":"e9","type":"contact.upserted","at":"2026-11-20T09:00:00Z","contact":{"id":"c-9","email":"nope"}}',
        lines[1],
      ].join('\n'),
    );
    const r = await run(['import', file], at('2026-11-20T11:00:00Z'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('accepted 2, duplicate 0, rejected 2\n');
    expect(r.stderr).toMatch(
      /^ {2}line 3: not valid JSON \(.+\)\n {2}line 4: contact\.email: Invalid email address\n$/,
    );
    const status = await run(['status', 'c-42', '--json'], at('2026-11-20T11:00:00Z'));
    expect(JSON.parse(status.stdout).channels[0].lastInboundAt).toBe('2026-11-20T10:00:00.000Z');
  });

  it('lists at most 20 rejections, then how many more', async () => {
    const bad = Array.from({ length: 25 }, (_, i) => `{"id":"b${i}","type":"nope","at":"2026-11-20T09:00:00Z"}`).join(
      '\n',
    );
    const r = await run(['import', writeFile('bad.ndjson', bad)], at('2026-11-20T11:00:00Z'));
    expect(r.code).toBe(1);
    const shown = r.stderr.trimEnd().split('\n');
    expect(shown).toHaveLength(21);
    expect(shown[0]).toMatch(/^ {2}line 1: type: unknown event type "nope"/);
    expect(shown[20]).toBe('  … and 5 more rejected');
  });

  it('reads standard input with -, and a JSON array file', async () => {
    const r = await run(['import', '-'], { ...at('2026-11-20T11:00:00Z'), stdin: EXAMPLE_NDJSON });
    expect(r.stdout).toBe('accepted 5, duplicate 0, rejected 0\n');
    const array = `[\n${EXAMPLE_NDJSON.split('\n').join(',\n')}\n]\n`;
    const other = tempDir('followup-cli-array-');
    try {
      const a = await run(['import', writeFile('events.json', array)], {
        env: { FOLLOWUP_NOW: '2026-11-20T11:00:00Z', STORE_URL: other.url },
      });
      expect(a).toMatchObject({ code: 0, stdout: 'accepted 5, duplicate 0, rejected 0\n' });
    } finally {
      other.cleanup();
    }
  });

  it('shows progress on stderr: lines in a log, redrawn in place on a terminal', async () => {
    const big = Array.from(
      { length: 12_000 },
      (_, i) => `{"id":"u${i}","type":"contact.upserted","at":"2026-11-20T09:00:00Z","contact":{"id":"c${i}"}}`,
    ).join('\n');
    const file = writeFile('big.ndjson', big);
    const log = await run(['import', file], { ...at('2026-11-20T11:00:00Z'), progressIntervalMs: 0 });
    expect(log.stdout).toBe('accepted 12000, duplicate 0, rejected 0\n');
    // Progress after 5,000, 10,000 and at the end.
    expect(log.stderr.split('\n').filter((l) => l.startsWith('importing… '))).toHaveLength(3);
    expect(log.stderr).toContain('importing… 5000 lines: accepted 5000, duplicate 0, rejected 0');
    expect(log.stderr).not.toContain('\r');
    const tty = await run(['import', file], { ...at('2026-11-20T11:00:00Z'), progressIntervalMs: 0, tty: true });
    expect(tty.stderr.startsWith('\rimporting… 5000 lines: accepted 0, duplicate 5000')).toBe(true);
    expect(tty.stderr.endsWith('\n')).toBe(true);
    const quiet = await run(['import', writeFile('small.ndjson', EXAMPLE_NDJSON)], at('2026-11-20T11:00:00Z'));
    // Under a second: no progress lines.
    expect(quiet).toEqual({ code: 0, stdout: 'accepted 5, duplicate 0, rejected 0\n', stderr: '' });
  });

  it('fails readably on a missing file', async () => {
    const r = await run(['import', join(tmp.dir, 'nope.ndjson')]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `followup: Cannot read ${join(tmp.dir, 'nope.ndjson')}: no such file.\n`,
    });
  });
});

describe('followup search', () => {
  beforeEach(importExample);

  it.each(['nguyen', 'Nguyễn', '@example.vn', '345678'])('finds the example contact by %s', async (query) => {
    const r = await run(['search', query], at('2026-11-20T12:00:00Z'));
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+EMAIL\s+PHONE\s+STATUS\s+ASSIGNEE\s+CHANNELS$/);
    expect(lines[1]).toMatch(
      /^Linh Nguyễn\s+linh@example\.vn\s+\+84 912 345 678\s+closed\s+U024BE7LH\s+whatsapp open \(closes in 22 h\)$/,
    );
    expect(lines[2]).toBe('1 of 1');
  });

  it('shows the window state at the given time', async () => {
    const r = await run(['search', 'linh'], at('2026-11-21T10:00:00Z'));
    expect(r.stdout).toMatch(/whatsapp template_only\n1 of 1\n$/);
  });

  it('applies filters, and says when nothing matches', async () => {
    expect((await run(['search', 'nguyen', '--status', 'open'], at('2026-11-20T12:00:00Z'))).stdout).toBe(
      'No contacts match (0 of 0).\n',
    );
    expect((await run(['search', 'nguyen', '--channel', 'viber'], at('2026-11-20T12:00:00Z'))).stdout).toBe(
      'No contacts match (0 of 0).\n',
    );
    expect(
      (await run(['search', '--inbox', 'mine', '--agent', 'U024BE7LH'], at('2026-11-20T12:00:00Z'))).stdout,
    ).toMatch(/\n1 of 1\n$/);
    expect((await run(['search', '--inbox', 'mine', '--agent', 'U999'], at('2026-11-20T12:00:00Z'))).stdout).toBe(
      'No contacts match (0 of 0).\n',
    );
    expect((await run(['search', '--window', 'template_only'], at('2026-11-20T12:00:00Z'))).stdout).toBe(
      'No contacts match (0 of 0).\n',
    );
    expect((await run(['search', '--window', 'template_only'], at('2026-11-22T12:00:00Z'))).stdout).toMatch(
      /\n1 of 1\n$/,
    );
  });

  it('prints JSON for scripts', async () => {
    const r = await run(['search', 'nguyen', '--json', '--limit', '5'], at('2026-11-20T12:00:00Z'));
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ total: 1, nextCursor: null });
    expect(out.contacts[0]).toMatchObject({ id: 'c-42', name: 'Linh Nguyễn', status: 'closed', assignee: 'U024BE7LH' });
    expect(out.contacts[0].channels).toEqual([
      {
        key: 'whatsapp',
        type: 'whatsapp',
        address: '+84912345678',
        state: 'open',
        reason: 'whatsapp.open',
        allowed: ['text', 'template'],
        windowClosesAt: '2026-11-21T10:00:00.000Z',
        changesAt: '2026-11-21T10:00:00.000Z',
        messagesLeft: null,
      },
    ]);
  });

  it('refuses bad options with one line, a hint to the command help, and exit 2', async () => {
    const mine = await run(['search', '--inbox', 'mine'], at('2026-11-20T12:00:00Z'));
    expect(mine).toEqual({
      code: 2,
      stdout: '',
      stderr: `followup: --inbox mine needs --agent USER_ID (whose inbox).\n${hintFor('search')}\n`,
    });
    const window = await run(['search', '--window', 'ajar'], at('2026-11-20T12:00:00Z'));
    expect(window.code).toBe(2);
    expect(window.stderr).toMatch(/^followup: --window "ajar" is not one of: /);
    const limit = await run(['search', '--limit', '500'], at('2026-11-20T12:00:00Z'));
    expect(limit.stderr).toMatch(/^followup: --limit: Too big/);
  });
});

describe('followup status', () => {
  beforeEach(importExample);

  it('explains an open window: close time, what may be sent, why', async () => {
    const r = await run(['status', 'c-42'], at('2026-11-20T12:00:00Z'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Linh Nguyễn (c-42) · closed · assigned to U024BE7LH',
        'at 2026-11-20T12:00:00.000Z',
        '',
        'whatsapp (+84912345678): open',
        '  last inbound:  2026-11-20T10:00:00.000Z (2 h ago)',
        '  closes at:     2026-11-21T10:00:00.000Z (in 22 h)',
        '  may send now:  text, template',
        '  why:           The messaging window is open: free text allowed.',
        '',
      ].join('\n'),
    );
  });

  it('at the window boundary it is closed: template only, and what reopens it', async () => {
    const r = await run(['status', 'c-42'], at('2026-11-21T10:00:00Z'));
    expect(r.stdout).toContain('whatsapp (+84912345678): template_only\n');
    expect(r.stdout).toContain('  may send now:  template\n');
    expect(r.stdout).toContain(
      '  why:           The 24-hour window has closed: only an approved WhatsApp template can be sent.\n',
    );
    expect(r.stdout).toContain(
      '                 Free text reopens when the contact replies (a template alone does not reopen it).\n',
    );
    const before = await run(['status', 'c-42', '--json'], at('2026-11-21T09:59:59.999Z'));
    expect(JSON.parse(before.stdout).channels[0]).toMatchObject({ state: 'open', allowed: ['text', 'template'] });
  });

  it('prints JSON, and exits 1 for an unknown contact', async () => {
    const r = await run(['status', 'c-42', '--json'], at('2026-11-21T10:00:00Z'));
    const out = JSON.parse(r.stdout);
    expect(out.channels[0]).toMatchObject({
      key: 'whatsapp',
      state: 'template_only',
      allowed: ['template'],
      reason: 'whatsapp.window_closed',
      windowClosesAt: null,
    });
    expect(out.channels[0].explanation.summary).toMatch(/only an approved WhatsApp template/);
    expect(await run(['status', 'c-404'], at('2026-11-21T10:00:00Z'))).toEqual({
      code: 1,
      stdout: '',
      stderr: 'followup: no contact with id "c-404".\n',
    });
  });
});

describe('usage', () => {
  it('help prints the usage on stdout with exit 0; no command prints it on stderr with exit 2', async () => {
    const help = await run(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: followup <command>/);
    expect((await run(['search', '--help'])).code).toBe(0);
    const none = await run([]);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toMatch(/^Usage: followup/);
  });

  it.each([
    [['frobnicate'], /^followup: Unknown command "frobnicate"\./, hintFor()],
    [['import'], /^followup: import needs a FILE/, hintFor('import')],
    [['status'], /^followup: status needs a CONTACT_ID\./, hintFor('status')],
    [['status', 'a', 'b'], /^followup: status takes one CONTACT_ID; got also: b/, hintFor('status')],
    [['search', '--colour', 'red'], /^followup: Unknown option '--colour'\.$/, hintFor('search')],
    [['search', '--limit'], /^followup: Option '--limit <value>' argument missing/, hintFor('search')],
  ])('%j → the error and one hint line, exit 2, no stack trace', async (argv, message, hint) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    const [error, ...rest] = r.stderr.split('\n');
    expect(error).toMatch(message);
    expect(rest).toEqual([hint, '']);
  });

  it('rejects a FOLLOWUP_NOW that is not a time', async () => {
    const r = await run(['status', 'c-42'], { env: { FOLLOWUP_NOW: 'tomorrow' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^followup: FOLLOWUP_NOW is not a time: "tomorrow"/);
  });

  it('--store overrides STORE_URL; a bad store URL is a one-line error', async () => {
    await importExample();
    const other = tempDir('followup-cli-other-');
    try {
      const missing = await run(['status', 'c-42', '--store', other.url], at('2026-11-20T12:00:00Z'));
      expect(missing).toEqual({
        code: 1,
        stdout: '',
        stderr:
          `followup: No store at ${other.url} (no such file): check STORE_URL or --store; ` +
          '"followup import" or "npm run seed:demo" creates it\n',
      });
      await run(['import', writeFile('none.ndjson', ''), '--store', other.url], at('2026-11-20T12:00:00Z'));
      const empty = await run(['status', 'c-42', '--store', other.url], at('2026-11-20T12:00:00Z'));
      expect(empty.code).toBe(1);
      expect(storeLine).toBe(`store: ${other.url} (0 contacts)`);
      expect(empty.stderr).toBe('followup: no contact with id "c-42".\n');
    } finally {
      other.cleanup();
    }
    const bad = await run(['status', 'c-42', '--store', 'redis://x'], at('2026-11-20T12:00:00Z'));
    expect(bad).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^followup: Unsupported STORE_URL "redis:\/\/x"/),
    });
  });
});

describe('the policy overrides in FOLLOWUP_CONFIG', () => {
  beforeEach(importExample);

  /** A config file whose `policy:` makes WhatsApp's window 48 h; the server's secrets are left unset. */
  const config = (policy = '  whatsapp: { windowHours: 48 }') =>
    writeFile(
      'followup.yml',
      [
        'channels:',
        '  - { type: whatsapp, transport: whatsapp-cloud, options: { token: "${WHATSAPP_TOKEN}" } }',
        'policy:',
        policy,
        '',
      ].join('\n'),
    );
  const withConfig = (iso: string, file = config()) => ({ env: { FOLLOWUP_NOW: iso, FOLLOWUP_CONFIG: file } });

  it('status and search evaluate windows as the server does: 48 h, not the table’s 24 h', async () => {
    // Without the file the window closed at 10:00 (the tests above); with it, it is open a day more.
    const status = await run(['status', 'c-42', '--json'], withConfig('2026-11-21T10:00:00Z'));
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).channels[0]).toMatchObject({
      state: 'open',
      windowClosesAt: '2026-11-22T10:00:00.000Z',
    });
    const open = await run(['search', '--window', 'open'], withConfig('2026-11-22T09:59:59.999Z'));
    expect(open.stdout).toMatch(/whatsapp open \(closes in under a minute\)\n1 of 1\n$/);
    const closed = await run(['search', '--window', 'template_only'], withConfig('2026-11-22T10:00:00Z'));
    expect(closed.stdout).toMatch(/whatsapp template_only\n1 of 1\n$/);
    const before = await run(['search', '--window', 'template_only'], withConfig('2026-11-22T09:59:59.999Z'));
    expect(before.stdout).toBe('No contacts match (0 of 0).\n');
  });

  it('import counts a Viber send by the overridden window', async () => {
    const events = (prefix: string, contactId: string) =>
      [
        `{"id":"${prefix}1","type":"contact.upserted","at":"2026-11-20T09:00:00Z","contact":{"id":"${contactId}",` +
          '"firstName":"Ana","channels":[{"type":"viber","address":"vb-1"}]}}',
        `{"id":"${prefix}2","type":"message.received","at":"2026-11-20T10:00:00Z","contactId":"${contactId}",` +
          '"channel":"viber","text":"hi"}',
        // 30 h after the inbound: outside the table's 24 h session, inside an overridden 48 h one.
        `{"id":"${prefix}3","type":"message.sent","at":"2026-11-21T16:00:00Z","contactId":"${contactId}",` +
          '"channel":"viber","text":"follow-up"}',
      ].join('\n');
    const file = config('  viber: { windowHours: 48 }');
    const now = '2026-11-25T12:00:00Z';
    expect((await run(['import', writeFile('a.ndjson', events('a', 'v-a'))], withConfig(now, file))).code).toBe(0);
    expect((await run(['import', writeFile('b.ndjson', events('b', 'v-b'))], at(now))).code).toBe(0);
    // One chatbot-initiated message counted this month (the one imported without the file), not two.
    const left = await run(['status', 'v-a', '--json'], withConfig(now, file));
    expect(JSON.parse(left.stdout).channels[0]).toMatchObject({ state: 'chatbot_initiated', messagesLeft: 9_999 });
  });

  it('a policy the server would refuse is one line naming the setting, exit 1, before anything is read', async () => {
    const bad = await run(
      ['status', 'c-42'],
      withConfig('2026-11-21T10:00:00Z', config('  whatsapp: { windowHours: 0 }')),
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(storeLine).toBeUndefined(); // the store was never opened
    expect(bad.stderr).toMatch(/^followup: FOLLOWUP_CONFIG \S+followup\.yml: policy\.whatsapp\.windowHours .+\n$/);
    const missing = await run(['search', 'linh'], withConfig('2026-11-21T10:00:00Z', join(tmp.dir, 'nope.yml')));
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(
      /^followup: FOLLOWUP_CONFIG points at \S+nope\.yml, which cannot be read \(ENOENT\)/,
    );
    const events = writeFile('more.ndjson', EXAMPLE_NDJSON.split('\n')[0]!.replace('"e1"', '"e9"'));
    const imported = await run(['import', events], withConfig('2026-11-21T10:00:00Z', config('  sms: { bogus: 1 }')));
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/policy\.sms has unknown key "bogus"/);
    expect((await run(['import', events], at('2026-11-21T10:00:00Z'))).stdout).toBe(
      'accepted 1, duplicate 0, rejected 0\n',
    );
  });
});
