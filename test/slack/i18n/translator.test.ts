/**
 * The translator formats each message from a form compiled once; @formatjs/intl's formatMessage compiles (or
 * looks up by JSON.stringify) on every call. Every message of every language must read exactly as
 * formatMessage renders it, for every plural form, on the first call and on the next.
 */
import { TYPE, parse } from '@formatjs/icu-messageformat-parser';
import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { catalogFor, englishMessages } from '../../../src/slack/i18n/catalog.js';
import { LANGUAGES, type MessageKey, translatorFor } from '../../../src/slack/i18n/index.js';

const english = englishMessages();
const KEYS = Object.keys(english) as MessageKey[];
const COUNTS = [0, 1, 2, 3, 11, 100, 1234];

/** Each argument of a message: numbers and plurals get `count`, selects an unlisted value, the rest text. */
function valuesFor(message: string, count: number): Record<string, string | number> | undefined {
  const values: Record<string, string | number> = {};
  const visit = (elements: ReturnType<typeof parse>) => {
    for (const el of elements) {
      if (el.type === TYPE.plural || el.type === TYPE.number) values[el.value] = count;
      else if (el.type === TYPE.select) values[el.value] = 'other';
      else if (el.type === TYPE.argument) values[el.value] = `Linh <${count}> & co`;
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        for (const option of Object.values(el.options)) visit(option.value);
      }
      if (el.type === TYPE.tag) visit(el.children);
    }
  };
  visit(parse(message));
  return Object.keys(values).length > 0 ? values : undefined;
}

describe('Translator.t', () => {
  it.each(LANGUAGES.map((l) => [l.code]))('%s reads as formatMessage renders every message, twice', (code) => {
    const t = translatorFor(code);
    const messages = { ...english, ...catalogFor(code).messages } as Record<string, string>;
    const intl = createIntl({ locale: t.language.intlLocale, defaultLocale: 'en', messages, onError: () => {} });
    let checked = 0;
    for (const key of KEYS) {
      for (const count of COUNTS) {
        const values = valuesFor(messages[key]!, count);
        const isolated =
          values &&
          Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? t.isolate(v) : v]));
        const expected = intl.formatMessage({ id: key }, isolated);
        expect(t.t(key, values), `${code} ${key} ${count}`).toBe(expected);
        expect(t.t(key, values), `${code} ${key} ${count}, again`).toBe(expected);
        checked++;
        if (values === undefined) break;
      }
    }
    expect(checked).toBeGreaterThan(KEYS.length);
  });
});

describe('Translator.utcDateTime', () => {
  it.each(LANGUAGES.map((l) => [l.code]))('%s: as Intl formats it, for instants within and across minutes', (code) => {
    const t = translatorFor(code);
    const intl = new Intl.DateTimeFormat(t.language.intlLocale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
    const base = Date.UTC(2026, 10, 30, 17, 59, 0);
    // The same minute at its first and last millisecond, the next minute, midnight, and spread over years.
    const instants = [base, base + 59_999, base + 60_000, Date.UTC(2027, 0, 1), -1, 0];
    for (let i = 0; i < 200; i++) instants.push(base + Math.round(Math.sin(i) * 3e11));
    for (const ms of [...instants, ...instants]) {
      expect(t.utcDateTime(new Date(ms)), `${code} ${ms}`).toBe(`${intl.format(new Date(ms))} UTC`);
    }
  });
});

describe('Translator.list', () => {
  it.each(LANGUAGES.map((l) => [l.code]))('%s: as Intl.ListFormat joins them, either type, twice', (code) => {
    const t = translatorFor(code);
    const items = ['WhatsApp', 'Viber', 'LINE'];
    for (const type of ['conjunction', 'disjunction', 'conjunction'] as const) {
      const expected = new Intl.ListFormat(t.language.intlLocale, { type }).format(items.map((i) => t.isolate(i)));
      expect(t.list(items, type)).toBe(expected);
      expect(t.list(items.slice(1), type)).toBe(
        new Intl.ListFormat(t.language.intlLocale, { type }).format(items.slice(1).map((i) => t.isolate(i))),
      );
    }
    expect(t.list(items)).toBe(t.list(items, 'conjunction'));
  });
});
