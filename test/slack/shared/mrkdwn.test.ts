import { describe, expect, it } from 'vitest';
import {
  blockquote,
  boldName,
  dateToken,
  escapeMrkdwn,
  escapeTruncated,
  oneLine,
  truncate,
  userMention,
  utcFallback,
  warningText,
} from '../../../src/slack/shared/mrkdwn.js';
import { INJECTION, INJECTION_ESCAPED } from '../fixtures.js';

describe('escapeMrkdwn', () => {
  it('escapes &, < and > so customer text pings and links no one', () => {
    expect(escapeMrkdwn(INJECTION)).toBe(INJECTION_ESCAPED);
    expect(escapeMrkdwn('a &amp; b')).toBe('a &amp;amp; b');
  });

  it('leaves everything else alone (no formatting escapes exist in mrkdwn)', () => {
    expect(escapeMrkdwn('*bold* _it_ ~s~ `c` Nguyễn مرحباً')).toBe('*bold* _it_ ~s~ `c` Nguyễn مرحباً');
  });
});

describe('truncate', () => {
  it('returns short text unchanged', () => {
    expect(truncate('abc', 3)).toBe('abc');
  });

  it('cuts with an ellipsis and never exceeds max UTF-16 units', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc def', 5)).toBe('abc…');
    for (const max of [1, 2, 5, 10, 75]) expect(truncate('😀'.repeat(50), max).length).toBeLessThanOrEqual(max);
  });

  it('never splits an emoji or a Vietnamese letter with combining marks', () => {
    expect(truncate('😀😀😀', 4)).toBe('😀…');
    const decomposed = 'Nguye\u0302\u0303n Thi\u0323'; // NFD: e + circumflex + tilde
    const cut = truncate(decomposed, 6);
    expect(cut).toBe('Nguy…');
    expect(truncate(decomposed, 8)).toBe('Nguye\u0302\u0303…');
  });

  it('handles tiny limits', () => {
    expect(truncate('abc', 0)).toBe('');
    expect(truncate('abcd', 1)).toBe('…');
  });
});

describe('escapeTruncated', () => {
  it('truncates before escaping so no entity is cut in half', () => {
    expect(escapeTruncated('a & b & c', 4)).toBe('a &amp;…');
    expect(escapeTruncated('<<<<<<', 3)).toBe('&lt;&lt;…');
  });
});

describe('dateToken', () => {
  const at = new Date(Date.UTC(2026, 2, 10, 12, 30, 45));

  it('renders a Slack date token with the default format and an ISO UTC fallback', () => {
    expect(dateToken(at)).toBe(
      `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|2026-03-10 12:30 UTC>`,
    );
    expect(utcFallback(at)).toBe('2026-03-10 12:30 UTC');
  });

  it('takes a custom format and fallback, and keeps the fallback from breaking the token', () => {
    expect(dateToken(at, '{time}', 'soon | <later> & more')).toBe(
      `<!date^${Math.floor(at.getTime() / 1000)}^{time}|soon later and more>`,
    );
  });
});

describe('userMention and helpers', () => {
  it('mentions real Slack ids and escapes anything else', () => {
    expect(userMention('U0123ABC')).toBe('<@U0123ABC>');
    expect(userMention('W999')).toBe('<@W999>');
    expect(userMention('<!channel>')).toBe('&lt;!channel&gt;');
    expect(userMention('u123')).toBe('u123');
  });

  it('quotes each line and flattens whitespace', () => {
    expect(blockquote('a\nb')).toBe('>a\n>b');
    expect(oneLine(' a\n\n b\t c ')).toBe('a b c');
  });
});

describe('boldName', () => {
  // mrkdwn has no escape for its formatting characters: raw, each of these breaks or changes the bold.
  const NAMES = ['Ann*Marie', '*VIP* Bob', '_Lan_', 'Hà ~Anh~', 'x`y`z', ' padded \n name ', 'O_Brien & <!here>'];

  it('gives exactly one bold run whatever the name holds', () => {
    for (const name of NAMES) expect(boldName(name, 150), name).toMatch(/^\*[^*_~`\s][^*_~`\n]*(?<!\s)\*$/);
  });

  it('keeps names readable: look-alikes, escaping, one line', () => {
    expect(boldName('Ann*Marie', 150)).toBe('*Ann\u2217Marie*');
    expect(boldName('_Lan_', 150)).toBe('*\u02CDLan\u02CD*');
    expect(boldName('Hà ~Anh~ `x`', 150)).toBe('*Hà \u223CAnh\u223C \u02CBx\u02CB*');
    expect(boldName(' padded \n name ', 150)).toBe('*padded name*');
    expect(boldName('O_Brien & <!here>', 150)).toBe('*O\u02CDBrien &amp; &lt;!here&gt;*');
    expect(boldName('Nguyễn Thị Minh Khai', 150)).toBe('*Nguyễn Thị Minh Khai*');
  });

  it('cuts before escaping and never leaves a blank before the closing *', () => {
    expect(boldName('Linh Nguyen', 6)).toBe('*Linh…*');
    expect(boldName('a&b', 150)).toBe('*a&amp;b*');
    expect(boldName('   ', 150)).toBe('');
  });
});

describe('warningText', () => {
  it('puts the icon in front once, also when the text already starts with it', () => {
    expect(warningText('The window changed.')).toBe(':warning: The window changed.');
    expect(warningText(':warning: The window changed.')).toBe(':warning: The window changed.');
    expect(warningText(':warning:Not sent.')).toBe(':warning: Not sent.');
  });
});
