import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/slack/i18n/index.js';
import { AUTO, parseLanguageChoice, storedChoice } from '../../../src/slack/language/language-choice.js';

const codeOf = (word: string) => {
  const c = parseLanguageChoice(word);
  return c.kind === 'language' ? c.language.code : c.kind;
};

describe('parseLanguageChoice', () => {
  it('takes every catalog language by code, in any case, and `auto`', () => {
    expect(LANGUAGES.length).toBeGreaterThan(1);
    for (const l of LANGUAGES) {
      expect(codeOf(l.code)).toBe(l.code);
      expect(codeOf(l.code.toUpperCase())).toBe(l.code);
    }
    expect(parseLanguageChoice('auto')).toEqual({ kind: 'auto' });
    expect(parseLanguageChoice(' AUTO ')).toEqual({ kind: 'auto' });
  });

  it('takes a language’s own name, accents optional, and a Slack locale of a language Followup speaks', () => {
    for (const l of LANGUAGES) expect(codeOf(l.name)).toBe(l.code);
    expect(codeOf('Francais')).toBe('fr');
    expect(codeOf('fr-CA')).toBe('fr');
    expect(codeOf('en_US')).toBe('en');
  });

  it('names nothing else: unknown words come back as typed', () => {
    for (const word of ['xx', 'xx-YY', 'zz_ZZ', 'french please', 'f', '', 'en-', 'french']) {
      expect(parseLanguageChoice(word)).toEqual({ kind: 'unknown', word: word.trim() });
    }
  });

  it('stores a code, or null for auto', () => {
    expect(storedChoice({ kind: 'auto' })).toBeNull();
    expect(storedChoice({ kind: 'language', language: LANGUAGES[0]! })).toBe(LANGUAGES[0]!.code);
    expect(AUTO).toBe('auto');
  });
});
