/**
 * The catalogs as a translator would break them: a key missing, a message that does not parse, a placeholder
 * renamed or dropped, a plural without the language's forms, an English sentence left in, Arabic that starts
 * with Latin or leaves a Latin run unisolated. Runs over whatever catalogs exist, so a seventh is checked too.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type MessageFormatElement,
  TYPE,
  isPluralElement,
  isSelectElement,
  isTagElement,
  parse,
} from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../../src/policy/index.js';
import { LANGUAGES, type MessageKey, translatorFor } from '../../../src/slack/i18n/index.js';
import { catalogFor, englishMessages } from '../../../src/slack/i18n/catalog.js';

const english = englishMessages();
const KEYS = Object.keys(english) as MessageKey[];
const OTHERS = LANGUAGES.filter((l) => l.code !== 'en');

/** Brand and channel names: the only words a translation may keep exactly as English has them. */
const BRANDS = [
  'WhatsApp',
  'Messenger',
  'Instagram',
  'Viber',
  'WeChat',
  'Telegram',
  'LINE',
  'SMS',
  'Slack',
  'Followup',
];

function argumentsOf(elements: MessageFormatElement[], into = new Map<string, number>()): Map<string, number> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) {
      into.set(el.value, el.type);
    }
    if (isPluralElement(el) || isSelectElement(el)) {
      into.set(el.value, el.type);
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
    if (isTagElement(el)) argumentsOf(el.children, into);
  }
  return into;
}

function plurals(elements: MessageFormatElement[], into: Array<{ arg: string; forms: string[] }> = []) {
  for (const el of elements) {
    if (isPluralElement(el)) into.push({ arg: el.value, forms: Object.keys(el.options) });
    if (isPluralElement(el) || isSelectElement(el)) {
      for (const option of Object.values(el.options)) plurals(option.value, into);
    }
  }
  return into;
}

/** The plural forms a language uses for whole counts (French "many" is for millions: not required). */
function requiredForms(intlLocale: string): string[] {
  const rules = new Intl.PluralRules(intlLocale);
  return [...new Set(Array.from({ length: 201 }, (_, n) => rules.select(n)))].sort();
}

/** A sample value for each argument, so a message can be rendered (Latin text, to test Arabic isolation). */
function sampleValues(message: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, type] of argumentsOf(parse(message))) {
    values[name] = type === TYPE.plural || type === TYPE.number ? 3 : type === TYPE.select ? 'other' : 'Abc 12';
  }
  return values;
}

describe('the catalogs', () => {
  it('speak the six languages of the issue, English first, and each file is named after its language', () => {
    expect(LANGUAGES.map((l) => l.code)).toEqual(expect.arrayContaining(['en', 'fr', 'es', 'de', 'ar', 'vi']));
    expect(LANGUAGES[0]?.code).toBe('en');
    const folder = fileURLToPath(new URL('../../../src/slack/i18n/catalogs/', import.meta.url));
    const files = readdirSync(folder).filter((f) => /^[a-z]{2,3}\.ts$/.test(f));
    expect(files.map((f) => f.slice(0, -3)).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
    expect(new Set(LANGUAGES.map((l) => l.name)).size).toBe(LANGUAGES.length);
  });

  it('English words every policy reason code', () => {
    for (const code of REASON_CODES) expect(KEYS, code).toContain(`reason.${code}`);
  });

  it.each(LANGUAGES.map((l) => [l.code]))('%s has every key, no other, and every message parses as ICU', (code) => {
    const messages = catalogFor(code).messages as Record<string, string | undefined>;
    expect(KEYS.filter((k) => typeof messages[k] !== 'string')).toEqual([]);
    expect(Object.keys(messages).filter((k) => !(k in english))).toEqual([]);
    const unparsable = KEYS.flatMap((k) => {
      try {
        parse(messages[k] ?? '');
        return [];
      } catch (err) {
        return [`${k}: ${(err as Error).message}`];
      }
    });
    expect(unparsable).toEqual([]);
  });

  it.each(OTHERS.map((l) => [l.code]))('%s uses exactly the placeholders of English', (code) => {
    const messages = catalogFor(code).messages as Record<string, string>;
    const wrong = KEYS.flatMap((k) => {
      const want = [...argumentsOf(parse(english[k])).entries()].sort();
      const got = [...argumentsOf(parse(messages[k] ?? '')).entries()].sort();
      return JSON.stringify(want) === JSON.stringify(got) ? [] : [`${k}: ${JSON.stringify(got)}`];
    });
    expect(wrong).toEqual([]);
  });

  it.each(LANGUAGES.map((l) => [l.code, l.intlLocale]))('%s plurals have the forms of the language', (code, loc) => {
    const messages = catalogFor(code).messages as Record<string, string>;
    const need = requiredForms(loc);
    const wrong = KEYS.flatMap((k) =>
      plurals(parse(messages[k] ?? '')).flatMap(({ arg, forms }) => {
        const missing = need.filter((f) => !forms.includes(f));
        return missing.length || !forms.includes('other') ? [`${k} {${arg}}: missing ${missing.join(', ')}`] : [];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it.each(OTHERS.map((l) => [l.code]))('%s leaves no English sentence untranslated', (code) => {
    const messages = catalogFor(code).messages as Record<string, string>;
    const onlyNames = (text: string) =>
      BRANDS.reduce((rest, brand) => rest.replaceAll(brand, ''), text)
        .replace(/\{[^}]*\}/g, '')
        .replace(/:[a-z0-9_+-]+:/g, '')
        .replace(/[^\p{L}]/gu, '') === '';
    const untranslated = KEYS.filter((k) => messages[k] === english[k] && !onlyNames(english[k]));
    expect(untranslated).toEqual([]);
  });
});

describe('Arabic reads right to left', () => {
  const ar = LANGUAGES.find((l) => l.code === 'ar');
  const t = translatorFor('ar');
  const outsideIsolates = (text: string) => {
    let depth = 0;
    let out = '';
    for (const ch of text) {
      if (ch === '\u2066' || ch === '\u2067' || ch === '\u2068') depth++;
      else if (ch === '\u2069') depth = Math.max(0, depth - 1);
      else if (depth === 0) out += ch;
    }
    // Emoji codes and Slack tokens are not read as text.
    return out.replace(/:[a-z0-9_+-]+:/g, '').replace(/<[^>]*>/g, '');
  };

  it('is a right-to-left catalog', () => {
    expect(ar, 'src/slack/i18n/catalogs/ar.ts is missing').toBeDefined();
    expect(ar?.direction).toBe('rtl');
  });

  it('every message starts with Arabic and isolates every Latin run, placeholders included', () => {
    const wrong = KEYS.flatMap((k) => {
      const text = outsideIsolates(t.t(k, sampleValues(english[k])));
      const firstStrong = text.match(/[\p{Script=Latin}\p{Script=Arabic}]/u)?.[0];
      if (firstStrong && !/\p{Script=Arabic}/u.test(firstStrong)) return [`${k}: starts with Latin`];
      if (/\p{Script=Latin}/u.test(text)) return [`${k}: Latin outside isolates: ${text}`];
      return [];
    });
    expect(wrong).toEqual([]);
  });

  it('counts 0, 1, 2, 3, 11 and 100 each take their own plural form, in Arabic-Indic digits', () => {
    const counted = KEYS.filter((k) => plurals(parse(english[k])).length === 1);
    expect(counted.length).toBeGreaterThan(0);
    const key = counted[0] as MessageKey;
    const arg = plurals(parse(english[key]))[0]?.arg ?? '';
    const forms = { 0: 'zero', 1: 'one', 2: 'two', 3: 'few', 11: 'many', 100: 'other' } as const;
    expect(ar, 'src/slack/i18n/catalogs/ar.ts is missing').toBeDefined();
    const rules = new Intl.PluralRules(ar?.intlLocale);
    const rendered = new Set<string>();
    for (const [n, form] of Object.entries(forms)) {
      expect(rules.select(Number(n))).toBe(form);
      const text = t.t(key, { ...sampleValues(english[key]), [arg]: Number(n) });
      rendered.add(text);
      if (Number(n) > 2) expect(text).toContain(new Intl.NumberFormat(ar?.intlLocale).format(Number(n)));
    }
    // Six counts, six forms: no two render alike (the numbers differ too, so compare without digits).
    const withoutDigits = new Set([...rendered].map((s) => s.replace(/[\d\u0660-\u0669]/g, '')));
    expect(withoutDigits.size).toBeGreaterThanOrEqual(5);
  });
});
