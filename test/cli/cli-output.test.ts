/**
 * What the CLI shows a person: customer text that cannot drive the terminal, help without test-only
 * settings, one-line usage errors that list valid values, and a demo seed that says what it did.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEARCH_CHOICES } from '../../src/cli/usage.js';
import { searchQuerySchema } from '../../src/contacts/query.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../store/helpers.js';
import { runCli } from './run-cli.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('followup-cli-output-');
});
afterEach(() => tmp.cleanup());

const NOW = '2026-11-20T12:00:00Z';
const run = (argv: string[], opts: { now?: string; stdin?: string; storeUrl?: string } = {}) =>
  runCli(argv, { storeUrl: tmp.url, now: NOW, ...opts });

/** Everything a terminal would act on rather than show; output lines are split on \n first. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const controlsIn = (text: string) => text.split('\n').filter((line) => CONTROL.test(line));

describe('customer text on the terminal', () => {
  const hostile = {
    id: 'c-evil',
    firstName: 'Eve\u0000\u0007',
    lastName: '\u001b[31mRed\u202e',
    email: 'eve@example.com',
    phone: '+1 555 0100\u009b2J',
    channels: [{ type: 'webchat', channelId: 'site\u2066', address: '\u001b]0;title\u0007' }],
  };
  const events = [
    { id: 'h1', type: 'contact.upserted', at: '2026-11-20T09:00:00Z', contact: hostile },
    {
      id: 'h2',
      type: 'message.received',
      at: '2026-11-20T10:00:00Z',
      contactId: 'c-evil',
      channel: 'webchat',
      channelId: 'site\u2066',
    },
    { id: 'h3', type: 'contact.assigned', at: '2026-11-20T10:05:00Z', contactId: 'c-evil', assignee: 'U\u007fX' },
  ];
  beforeEach(async () => {
    const imported = await run(['import', '-'], { stdin: events.map((e) => JSON.stringify(e)).join('\n') });
    expect(imported).toMatchObject({ code: 0, stdout: 'accepted 3, duplicate 0, rejected 0\n' });
  });

  it('search shows NUL, BEL, ANSI escapes, C1 and bidi overrides as markers', async () => {
    const r = await run(['search', 'eve@example.com', '--status', 'any']);
    expect(r.code).toBe(0);
    expect(controlsIn(r.stdout)).toEqual([]);
    const cells = r.stdout.split('\n')[1]!.split(/ {2,}/);
    expect(cells).toEqual([
      'Eve^@^G ^[[31mRed<U+202E>',
      'eve@example.com',
      '+1 555 0100<U+009B>2J',
      'open',
      'U^?X',
      'webchat:site<U+2066> no_window',
    ]);
  });

  it('status shows them as markers too, address and channel key included', async () => {
    const r = await run(['status', 'c-evil']);
    expect(r.code).toBe(0);
    expect(controlsIn(r.stdout)).toEqual([]);
    expect(r.stdout).toContain('Eve^@^G ^[[31mRed<U+202E> (c-evil) · open · assigned to U^?X\n');
    expect(r.stdout).toContain('\nwebchat:site<U+2066> (^[]0;title^G): ');
  });

  it('JSON output keeps the exact text, escaped so that no control reaches the terminal', async () => {
    for (const argv of [
      ['search', 'eve@example.com', '--status', 'any', '--json'],
      ['status', 'c-evil', '--json'],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(controlsIn(r.stdout)).toEqual([]);
      const out = JSON.parse(r.stdout);
      const contact = out.contacts?.[0] ?? out;
      expect(contact.name).toBe('Eve\u0000\u0007 \u001b[31mRed\u202e');
      expect(contact.assignee).toBe('U\u007fX');
      expect(contact.channels[0].address).toBe('\u001b]0;title\u0007');
    }
  });

  it('errors and import rejections that quote the input are terminal-safe', async () => {
    const missing = await run(['status', 'c-\u001b[2J']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('followup: no contact with id "c-^[[2J".\n');
    expect(controlsIn(missing.stderr)).toEqual([]);
    const orphan = { id: 'o1', type: 'contact.assigned', at: NOW, contactId: 'nobody\u202e', assignee: null };
    const rejected = await run(['import', '-'], { stdin: JSON.stringify(orphan) });
    expect(rejected.code).toBe(1);
    expect(controlsIn(rejected.stderr)).toEqual([]);
    expect(rejected.stderr).toContain('nobody<U+202E>');
  });
});

describe('help', () => {
  it('followup --help lists every command and no test-only setting', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['import FILE|-', 'search [QUERY…]', 'status CONTACT_ID', 'seed-demo', 'help [COMMAND]']) {
      expect(r.stdout).toContain(`\n  ${command} `);
    }
    expect(r.stdout).not.toMatch(/test only|FOLLOWUP_NOW/i);
    expect(r.stdout.split('\n').filter((line) => line.length > 110)).toEqual([]);
  });

  it('followup search --help is the search help; help COMMAND is the same', async () => {
    const r = await run(['search', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: followup search \[options\]\n\n {2}search \[QUERY…\] /);
    expect(r.stdout).toContain('--window STATE       no_window, open, human_agent, template_only, tag_only,');
    expect(r.stdout).toContain('--store URL');
    expect(r.stdout).not.toContain('seed-demo');
    expect(await run(['help', 'search'])).toEqual(r);
    const status = await run(['help', 'status']);
    expect(status.stdout).toMatch(/^Usage: followup status \[options\]\n\n {2}status CONTACT_ID /);
    const unknown = await run(['help', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('followup: Unknown command "nope".\nRun "followup --help" for the commands.\n');
  });
});

describe('enum options', () => {
  it.each([
    ['--status', 'closed, open, any'],
    ['--inbox', 'all, mine'],
    ['--channel', 'whatsapp, messenger, instagram, viber, wechat, telegram, line, webchat, sms, email'],
    ['--window', 'no_window, open, human_agent, template_only, tag_only, chatbot_initiated, closed, closing_soon'],
  ])('a wrong %s names the values it takes, in one line', async (option, values) => {
    const r = await run(['search', 'nguyen', option, 'bogus']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `followup: ${option} "bogus" is not one of: ${values}.\nRun "followup search --help" for its options.\n`,
    });
  });

  it('every value the CLI lists is one the search query accepts', () => {
    const field = { inbox: 'inbox', status: 'status', channel: 'channel', window: 'windowState' } as const;
    for (const [option, values] of Object.entries(SEARCH_CHOICES) as Array<[keyof typeof field, readonly string[]]>) {
      for (const value of values) expect(searchQuerySchema.safeParse({ [field[option]]: value }).success).toBe(true);
    }
  });
});

describe('followup seed-demo', () => {
  const seed = (args: string[], opts: { now?: string; storeUrl?: string } = {}) =>
    run(['seed-demo', '--count', '30', ...args], opts);
  const TIP = 'Tip: pass --agent YOUR_SLACK_USER_ID to see demo contacts in your Mine inbox.';

  async function assignees(storeUrl = tmp.url): Promise<Record<string, string | null>> {
    const store = await openStore(storeUrl);
    try {
      const byContact: Record<string, string | null> = {};
      for await (const c of store.contacts.loadAll()) byContact[c.id] = c.assignee;
      return byContact;
    } finally {
      await store.close();
    }
  }

  it('run twice, the second run says nothing new happened', async () => {
    const first = await seed([]);
    expect(first.code).toBe(0);
    const [headline, tally, tip] = first.stdout.trimEnd().split('\n');
    const asOf = '2026-11-20T12:00:00.000Z';
    expect(headline).toBe(`Demo data: 30 contacts over all ten channels, windows in every state as of ${asOf}.`);
    const accepted = Number(/^accepted (\d+), duplicate 0, rejected 0$/.exec(tally!)?.[1]);
    expect(accepted).toBeGreaterThan(30);
    expect(tip).toBe(TIP);

    const second = await seed([], { now: '2026-11-21T08:00:00Z' });
    expect({ code: second.code, stdout: second.stdout }).toEqual({
      code: 0,
      stdout: [
        'Demo data already present: 30 contacts unchanged (0 new).',
        `accepted 0, duplicate ${accepted}, rejected 0`,
        TIP,
        '',
      ].join('\n'),
    });
  });

  it('a later run with --agent assigns the demo contacts as a first run with --agent would', async () => {
    await seed([]);
    const withAgent = await seed(['--agent', 'U123'], { now: '2026-11-21T08:00:00Z' });
    expect(withAgent.code).toBe(0);
    const lines = withAgent.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Demo data already present: 30 contacts (0 new).');
    const assignedLine = /^Assigned (\d+) demo contacts among U123: their Mine inbox is populated\.$/;
    const assigned = Number(assignedLine.exec(lines[2]!)?.[1]);
    const now = await assignees();
    expect(Object.values(now).filter((a) => a === 'U123')).toHaveLength(assigned);
    expect(assigned).toBeGreaterThan(15);

    const fresh = tempDir('followup-cli-output-fresh-');
    try {
      expect((await seed(['--agent', 'U123'], { storeUrl: fresh.url })).code).toBe(0);
      expect(await assignees(fresh.url)).toEqual(now);
    } finally {
      fresh.cleanup();
    }

    const same = await seed(['--agent', 'U123'], { now: '2026-11-22T08:00:00Z' });
    expect(same.stdout.trimEnd().split('\n')).toEqual([
      'Demo data already present: 30 contacts unchanged (0 new).',
      expect.stringMatching(/^accepted 0, duplicate \d+, rejected 0$/),
      'Demo contacts already assigned among U123.',
    ]);

    const others = await seed(['--agent', 'U456', '--agent', 'U789']);
    const othersLine = `Assigned ${assigned} demo contacts among U456, U789: their Mine inbox is populated.`;
    expect(others.stdout).toContain(`\n${othersLine}\n`);
    const after = Object.values(await assignees()).filter((a) => a !== null);
    expect(new Set(after)).toEqual(new Set(['U456', 'U789']));
  });
});
