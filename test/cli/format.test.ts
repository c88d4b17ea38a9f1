/** Customer text printed by the CLI cannot drive the terminal: controls become visible markers. */
import { describe, expect, it } from 'vitest';
import { channelSummary, table, terminalSafe, terminalSafeJson } from '../../src/cli/format.js';
import type { ContactChannel } from '../../src/contacts/model.js';
import { evaluateChannel } from '../../src/followup/index.js';

/** Everything a terminal would act on rather than show (tab and newline included: a field is one line). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe', () => {
  it.each([
    ['NUL', 'Eve\u0000', 'Eve^@'],
    ['BEL', 'Eve\u0007', 'Eve^G'],
    ['an ANSI colour', '\u001b[31mRed\u001b[0m', '^[[31mRed^[[0m'],
    ['an OSC title with BEL', '\u001b]0;pwned\u0007', '^[]0;pwned^G'],
    ['tab and newline', 'a\tb\nc\r', 'a^Ib^Jc^M'],
    ['DEL', 'x\u007f', 'x^?'],
    ['the one-byte CSI (C1)', '\u009b2J', '<U+009B>2J'],
    ['the right-to-left override', 'Eve\u202egnp.exe', 'Eve<U+202E>gnp.exe'],
    ['an isolate', '\u2066a\u2069', '<U+2066>a<U+2069>'],
  ])('shows %s as a marker', (_, raw, shown) => {
    expect(terminalSafe(raw)).toBe(shown);
    expect(terminalSafe(raw)).not.toMatch(CONTROL);
  });

  it.each(['Linh Nguyễn', 'مُحَمَّد العَلِي', 'Jürgen Groß', "O'Brien", '\u200fشركة\u200e (ABC)', '+84 912 345 678'])(
    'leaves ordinary text alone, right-to-left and its marks included: %s',
    (text) => expect(terminalSafe(text)).toBe(text),
  );
});

describe('terminalSafeJson', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same value', () => {
    const value = { name: 'Eve\u202e\u0007\u001b[31m', note: 'x\u007f\u009b\u2066', plain: 'Nguyễn' };
    expect(JSON.stringify(value)).toMatch(/[\u007f\u009b\u202e\u2066]/); // why the plain JSON is not enough
    const text = terminalSafeJson(value);
    expect(text.replace(/\n/g, '')).not.toMatch(CONTROL);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('\n  "name": "Eve\\u202e\\u0007\\u001b[31m",\n  "note": "x\\u007f\\u009b\\u2066",\n');
  });
});

describe('table', () => {
  it('makes every cell terminal-safe before measuring the columns', () => {
    const out = table(
      ['NAME', 'EMAIL'],
      [
        ['Eve\u0007', 'e@x'],
        ['Bob', 'b@x'],
      ],
    );
    expect(out).toBe(['NAME   EMAIL', 'Eve^G  e@x', 'Bob    b@x'].join('\n'));
  });
});

describe('channelSummary', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  const summary = (type: ContactChannel['type'], hoursAgo: number, extra: Partial<ContactChannel> = {}) => {
    const channel: ContactChannel = {
      type,
      address: 'a-1',
      lastInboundAt: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(),
      lastOutboundAt: null,
      outboundSinceInbound: 0,
      ...extra,
    };
    return channelSummary({ channel, key: type, status: evaluateChannel(channel, now, {}, 2) }, now);
  };

  it('says "free" for what is left of a monthly free quota, not for a per-session cap', () => {
    expect(summary('viber', 48)).toBe('viber chatbot_initiated (9998 free left)');
    expect(summary('wechat', 1, { outboundSinceInbound: 3 })).toBe('wechat open (closes in 1 d 23 h, 17 left)');
    expect(summary('telegram', 1)).toBe('telegram no_window');
  });
});
