/**
 * queryTextProblem: search text that would silently list everyone (nothing searchable) or miss every phone
 * (too few digits) is named, with one line saying what to type instead. It reads text as the index does.
 */
import { describe, expect, it } from 'vitest';
import { describeQueryTextProblem, queryTextProblem } from '../../src/contacts/query.js';
import { MIN_PHONE_DIGITS, classifyQuery } from '../../src/contacts/normalize.js';

describe('queryTextProblem', () => {
  it.each(['🦄', '*', '-', ' - * ', '🦄 🐉', '&', '+', '()', '…'])('%j has nothing to search for', (text) => {
    expect(queryTextProblem(text)).toBe('nothing_searchable');
    // The index would get no term at all from it, and list everyone.
    expect(classifyQuery(text)).toEqual([]);
  });

  it.each(['1', '12', '123', '+84', '(12) 3', '1-2-3', '٣٤٥', ' 0 9 '])(
    '%j has too few digits for a phone search',
    (text) => {
      expect(queryTextProblem(text)).toBe('phone_too_short');
    },
  );

  it.each([
    '',
    '   ',
    'linh',
    'Nguyễn',
    '@example.vn',
    'linh@',
    '1234',
    '+84 912',
    '345678',
    '🦄 linh',
    'linh 12',
    'o’brien',
    'محمد',
    '3M',
  ])('%j is searched as it is', (text) => {
    expect(queryTextProblem(text)).toBeNull();
  });

  it('the digit threshold is the index’s own', () => {
    const shortest = '7'.repeat(MIN_PHONE_DIGITS);
    expect(queryTextProblem(shortest)).toBeNull();
    expect(classifyQuery(shortest)).toMatchObject([{ kind: 'phone' }]);
    expect(queryTextProblem(shortest.slice(1))).toBe('phone_too_short');
  });
});

describe('describeQueryTextProblem', () => {
  it('names the text and what to type, in one line', () => {
    expect(describeQueryTextProblem('🦄', 'nothing_searchable')).toBe(
      'Nothing to search for in "🦄": type part of a name, an email, or at least 4 digits of a phone number.',
    );
    const short = describeQueryTextProblem(' 123 ', 'phone_too_short');
    expect(short).toMatch(/^Too few digits in "123" to search phone numbers: type at least 4 digits/);
    for (const line of [short, describeQueryTextProblem('*', 'nothing_searchable')]) expect(line).not.toContain('\n');
  });

  it('shortens a long text without splitting a character', () => {
    const line = describeQueryTextProblem('🦄'.repeat(100), 'nothing_searchable');
    expect(line).toContain(`"${'🦄'.repeat(39)}…"`);
    expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
