/** Start-up settings: a missing or malformed one is one line naming it and how to fix it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

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
    expect(fail({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(/^SLACK_SIGNING_SECRET is missing.*Signing Secret.*manifest\.yml.*README/);
    expect(fail({ SLACK_SIGNING_SECRET: 's' })).toMatch(/^SLACK_BOT_TOKEN is missing.*Bot User OAuth Token/);
  });
  it('refuses malformed values', () => {
    expect(fail({ ...OK, SLACK_BOT_TOKEN: 'xoxp-user' })).toMatch(/SLACK_BOT_TOKEN must be a bot token/);
    expect(fail({ ...OK, PORT: 'eighty' })).toMatch(/^PORT/);
    expect(fail({ ...OK, NOTIFY_CHANNEL: '#support' })).toMatch(/^NOTIFY_CHANNEL must be a Slack id/);
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
    writeFileSync(path, 'channels:\n  - { type: whatsapp, id: "123", options: { token: "${WA_TOKEN}" } }\nnotifications: { channel: C0AAAA1, leadMinutes: { whatsapp: 30 } }\n');
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
