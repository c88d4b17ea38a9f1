/** Start-up settings: a missing or malformed one is one line naming it and how to fix it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfigFile } from '../src/config.js';

const OK = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };
const fail = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const msg = (e as Error).message;
    expect(msg.split('\n')).toHaveLength(1);
    return msg;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('names a missing secret and where to find it', () => {
    expect(fail({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(
      /^SLACK_SIGNING_SECRET is missing.*Signing Secret.*manifest\.yml.*README/,
    );
    expect(fail({ SLACK_SIGNING_SECRET: 's' })).toMatch(/^SLACK_BOT_TOKEN is missing.*Bot User OAuth Token/);
  });
  it('refuses malformed values', () => {
    expect(fail({ ...OK, SLACK_BOT_TOKEN: 'xoxp-user' })).toMatch(/SLACK_BOT_TOKEN must be a bot token/);
    expect(fail({ ...OK, PORT: 'eighty' })).toMatch(/^PORT/);
    expect(fail({ ...OK, NOTIFY_CHANNEL: '#support' })).toMatch(
      /^NOTIFY_CHANNEL must be a Slack id starting with C, G or D;/,
    );
    expect(fail({ ...OK, INGEST_TOKEN: 'short' })).toMatch(/^INGEST_TOKEN must be at least 16/);
  });
  it('applies defaults', () => {
    const c = loadConfig(OK);
    expect(c.env).toMatchObject({ PORT: 3000, STORE_URL: 'sqlite://data/followup.sqlite' });
    expect(c.file.closing.logic).toBe('unassign');
    expect(c.notifyChannel).toBeNull();
    expect(c.leadMinutes).toBe(60);
  });
  it('reads a YAML config file with ${ENV} secrets, and env overrides notifications', () => {
    const dir = mkdtempSync(join(tmpdir(), 'followup-config-'));
    const path = join(dir, 'f.yml');
    writeFileSync(
      path,
      'channels:\n  - { type: whatsapp, id: "123", options: { token: "${WA_TOKEN}" } }\n' +
        'notifications: { channel: C0AAAA1, leadMinutes: { whatsapp: 30 } }\n',
    );
    const c = loadConfig({ ...OK, FOLLOWUP_CONFIG: path, WA_TOKEN: 'tok', NOTIFY_LEAD_MINUTES: '15' });
    expect(c.file.channels[0]!.options).toEqual({ token: 'tok' });
    expect(c.notifyChannel).toBe('C0AAAA1');
    expect(c.leadMinutes).toBe(15);
    expect(fail({ ...OK, FOLLOWUP_CONFIG: path })).toMatch(/refers to \$\{WA_TOKEN\}, but WA_TOKEN is not set/);
    writeFileSync(path, 'closing: { logic: sometimes }\n');
    expect(fail({ ...OK, FOLLOWUP_CONFIG: path })).toMatch(/closing\.logic/);
    writeFileSync(path, 'unknownKey: 1\n');
    expect(fail({ ...OK, FOLLOWUP_CONFIG: path })).toMatch(/unknownKey|Unrecognized/i);
    expect(fail({ ...OK, FOLLOWUP_CONFIG: join(dir, 'missing.yml') })).toMatch(/cannot be read \(ENOENT\)/);
  });
});

/** Parses `text` as the config file `name` (YAML unless it ends in .json); returns the error line or throws. */
const fileError = (text: string, env: Record<string, string> = {}, name = 'f.yml') => {
  try {
    parseConfigFile(text, name, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const msg = (e as Error).message;
    expect(msg.split('\n')).toHaveLength(1);
    return msg;
  }
  throw new Error('expected a ConfigError');
};

describe('${NAME} in the config file', () => {
  // Secrets that used to change the YAML's meaning when pasted into the text before parsing.
  const secrets = {
    HASH: 'abc #def',
    ALIAS: '*TopSecret99',
    COLON: 'key: value',
    DIGITS: '0012345',
    QUOTE: `it's "quoted"\nand two lines`,
    FLOW: '{ a: [1, 2] }',
    DOLLAR: '$${HASH}',
  };

  it('keeps every secret exactly as set, as a string, wherever the reference stands', () => {
    const yaml = Object.keys(secrets)
      .map((name) => `      ${name.toLowerCase()}: \${${name}}\n`)
      .join('');
    const c = parseConfigFile(`channels:\n  - type: whatsapp\n    options:\n${yaml}`, 'f.yml', secrets);
    const expected = Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name.toLowerCase(), value]));
    expect(c.channels[0]!.options).toEqual(expected);
  });

  it('substitutes inside a longer string, in lists, and in JSON files; leaves keys alone', () => {
    const env = { HOST: 'mail.example.com', USER: '42' };
    const c = parseConfigFile(
      'channels:\n  - type: email\n    options:\n' +
        '      { url: "smtps://${USER}@${HOST}:465", list: ["${USER}"], "${HOST}": 1 }\n',
      'f.yml',
      env,
    );
    expect(c.channels[0]!.options).toEqual({ url: 'smtps://42@mail.example.com:465', list: ['42'], '${HOST}': 1 });
    const jsonText = '{ "channels": [{ "type": "sms", "options": { "token": "${USER}" } }] }';
    const json = parseConfigFile(jsonText, 'f.json', env);
    expect(json.channels[0]!.options).toEqual({ token: '42' });
  });

  it('gives text, never a number: a number setting fed by ${NAME} is refused, naming the variable', () => {
    const msg = fileError('search: { pageSize: "${PAGE}" }\n', { PAGE: '5' });
    expect(msg).toMatch(/^FOLLOWUP_CONFIG f\.yml: search\.pageSize is \$\{PAGE\}, which is text; write the number/);
    expect(parseConfigFile('search: { pageSize: 5 }\n', 'f.yml', {}).search.pageSize).toBe(5);
  });

  it('names the variable and the path of a missing one', () => {
    expect(fileError('channels:\n  - { type: line, options: { channelSecret: "${LINE_SECRET}" } }\n')).toMatch(
      new RegExp(
        /^FOLLOWUP_CONFIG f\.yml: channels\[0\]\.options\.channelSecret refers to \$\{LINE_SECRET\}, /.source +
          /but LINE_SECRET is not/.source,
      ),
    );
  });

  it('never prints a substituted value in an error', () => {
    const secret = 'TopSecret99';
    const msgs = [
      fileError('notifications: { watch: "${W}" }\n', { W: secret }),
      fileError('notifications: { channel: "${W}" }\n', { W: secret }),
      fileError('teamId: "${W}"\n', { W: secret }),
      fileError('closing: { logic: "x-${W}" }\n', { W: secret }),
    ];
    for (const msg of msgs) expect(msg).not.toContain(secret);
    expect(msgs[0]).toMatch(/^FOLLOWUP_CONFIG f\.yml: notifications\.watch must be one of default, all, open_only;/);
  });

  it('reads a file that starts with a UTF-8 byte-order mark', () => {
    expect(parseConfigFile('\uFEFFclosing: { logic: keep }\n', 'f.yml', {}).closing.logic).toBe('keep');
    expect(parseConfigFile('\uFEFF{ "closing": { "logic": "keep" } }', 'f.json', {}).closing.logic).toBe('keep');
  });
});

describe('config messages', () => {
  it('lists the values of an enum and what was given', () => {
    expect(fail({ ...OK, LOG_LEVEL: 'verbose' })).toBe(
      'LOG_LEVEL must be one of debug, info, warn, error (got "verbose"); see README.md → "Settings"',
    );
    expect(fileError('notifications: { watch: sometimes }\n')).toMatch(
      /^FOLLOWUP_CONFIG f\.yml: notifications\.watch must be one of default, all, open_only \(got "sometimes"\);/,
    );
    expect(fileError('channels:\n  - { type: whatsapp, transport: whatsap }\n')).toMatch(
      /channels\[0\]\.transport must be one of sandbox, whatsapp-cloud, .*webchat \(got "whatsap"\)/,
    );
  });

  it('points at manifest.yml only for the Slack app settings', () => {
    expect(fail({ ...OK, SLACK_APP_TOKEN: 'xoxb-2' })).toMatch(
      /^SLACK_APP_TOKEN must be an app-level token.*App-Level Tokens.*manifest\.yml/,
    );
    const unrelated: Array<Record<string, string>> = [
      { PORT: 'eighty' },
      { INGEST_TOKEN: 'short' },
      { NOTIFY_CHANNEL: '#support' },
      { LOG_LEVEL: 'x' },
    ];
    for (const env of unrelated) {
      const msg = fail({ ...OK, ...env });
      expect(msg).not.toMatch(/manifest/);
      expect(msg).toMatch(/; see README\.md → "Settings"$/);
    }
    expect(fileError('closing: { logic: sometimes }\n')).not.toMatch(/manifest/);
  });

  it('names line, column and path of a YAML syntax error', () => {
    expect(fileError('notifications:\n  channel: C0AAAA1\n  channel: C0BBBB2\n')).toMatch(
      new RegExp(
        /^FOLLOWUP_CONFIG f\.yml is not valid YAML at line 3, column 3 /.source +
          /\(in notifications\.channel\): Map keys must be unique/.source,
      ),
    );
    expect(fileError('channels:\n  - { type: whatsapp, id: "123 }\n')).toMatch(
      /^FOLLOWUP_CONFIG f\.yml is not valid YAML at line \d+, column \d+.*: .+/,
    );
    expect(fileError('{ "closing": { "logic": "keep" ', {}, 'f.json')).toMatch(
      /^FOLLOWUP_CONFIG f\.json is not valid JSON at line 1, column \d+/,
    );
    expect(fileError('closing: *logic\n')).toMatch(/^FOLLOWUP_CONFIG f\.yml is not valid YAML: .*alias/i);
  });

  it('names the path of an unknown key', () => {
    expect(fileError('search: { pageSize: 5, perPage: 5 }\n')).toMatch(
      /^FOLLOWUP_CONFIG f\.yml: search has unknown key "perPage"/,
    );
    expect(fileError('unknownKey: 1\n')).toMatch(/^FOLLOWUP_CONFIG f\.yml: the file has unknown key "unknownKey"/);
  });
});

describe('notifications.language', () => {
  it('defaults to English, takes any catalog language, and names the choices for one it does not know', () => {
    expect(parseConfigFile('{}', 'f.yml', {}).notifications.language).toBe('en');
    expect(parseConfigFile('notifications: { language: de }', 'f.yml', {}).notifications.language).toBe('de');
    expect(() => parseConfigFile('notifications: { language: xx }', 'f.yml', {})).toThrow(
      /notifications\.language.*one of en, .*fr.*vi/,
    );
  });
});
