/**
 * A Translator speaks one language: ICU messages from its catalog (via @formatjs/intl, on Node's built-in
 * ICU: plural and select rules, digits), numbers and lists formatted for the language, and — in a
 * right-to-left language — every value placed into a message wrapped in a Unicode first-strong isolate, so a
 * phone number, an email, a `<@U…>` mention or a template name cannot scramble the Arabic around it.
 * Values are put in as given: escape customer text (mrkdwn) before passing it.
 */
import { type IntlShape, createIntl, createIntlCache } from '@formatjs/intl';
import { type CatalogLanguage, DEFAULT_LANGUAGE, type MessageKey, catalogFor, englishMessages } from './catalog.js';

export type MessageValues = Record<string, string | number>;

/** U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE (UAX #9). */
const FSI = '\u2068';
const PDI = '\u2069';
/** Already one isolated run (a catalog's own isolated brand name): isolating it again changes nothing. */
const ISOLATED = /^[\u2066-\u2068][^\u2066-\u2069]*\u2069$/;

export interface Translator {
  readonly language: CatalogLanguage;
  /** The message `key` with `values` in this language (English when this catalog lacks the key). */
  t(key: MessageKey, values?: MessageValues): string;
  /** Whether `key` names a message (for keys built at run time, e.g. a policy reason code). */
  has(key: string): key is MessageKey;
  number(n: number): string;
  /** "a, b and c" (or "a, b or c") in this language. */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
  /** `text` isolated from the text around it in a right-to-left language; unchanged otherwise. */
  isolate(text: string): string;
  /** A date and time in UTC for text that cannot carry a Slack date token (a token's fallback). */
  utcDateTime(date: Date): string;
}

const cache = createIntlCache();
const MINUTE_MS = 60_000;
const MINUTES_KEPT = 10_000;
const translators = new Map<string, Translator>();

/** Where formatting problems go (a message that does not parse, a missing value); default: stderr once each. */
let report = (line: string): void => console.error(line);
const reported = new Set<string>();

export function reportTranslationProblemsTo(fn: (line: string) => void): void {
  report = fn;
}

/** A message compiled once: what `intl.formatMessage` builds per call, behind a cache keyed by JSON.stringify. */
type CompiledMessage = ReturnType<IntlShape<string>['formatters']['getMessageFormat']>;

class IcuTranslator implements Translator {
  private readonly intl: IntlShape<string>;
  private readonly messages: Record<string, string>;
  /** Per key, its compiled message, or null when it does not compile (formatMessage then reports it). */
  private readonly compiled = new Map<string, CompiledMessage | null>();
  private readonly numbers: Intl.NumberFormat;
  private readonly dates: Intl.DateTimeFormat;
  /**
   * utcDateTime's answers by minute (it shows no seconds): Intl.DateTimeFormat#format was the costliest call in
   * building a page of results, one per date shown. Emptied when it holds MINUTES_KEPT.
   */
  private readonly byMinute = new Map<number, string>();
  private readonly rtl: boolean;
  /** The messages asked for without values, formatted once. */
  private readonly fixed = new Map<MessageKey, string>();
  /** Intl.ListFormat per list type: building one costs more than the list it formats. */
  private readonly lists = new Map<'conjunction' | 'disjunction', Intl.ListFormat>();

  constructor(readonly language: CatalogLanguage) {
    const messages: Record<string, string> = { ...englishMessages(), ...catalogFor(language.code).messages };
    this.messages = messages;
    this.rtl = language.direction === 'rtl';
    this.intl = createIntl(
      {
        locale: language.intlLocale,
        defaultLocale: 'en',
        messages,
        onError: (err) => {
          const line = `i18n (${language.code}): ${err.message.split('\n')[0]}`;
          if (!reported.has(line)) {
            reported.add(line);
            report(line);
          }
        },
      },
      cache,
    );
    this.numbers = new Intl.NumberFormat(language.intlLocale);
    this.dates = new Intl.DateTimeFormat(language.intlLocale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
  }

  t(key: MessageKey, values?: MessageValues): string {
    if (!values) {
      // A message without values reads the same every time: labels, headers and options, on every view.
      let text = this.fixed.get(key);
      if (text === undefined) this.fixed.set(key, (text = this.format(key)));
      return text;
    }
    const put: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(values)) {
      put[name] = typeof value === 'string' ? this.isolate(value) : value;
    }
    return this.format(key, put);
  }

  /**
   * The message formatted by its compiled form: formatMessage's own, built once. formatMessage memoises it by
   * JSON.stringify of its arguments on every call (a third of a search view's rendering). A message that
   * fails goes through formatMessage, which reports it and falls back as it always did.
   */
  private format(key: MessageKey, values?: Record<string, string | number>): string {
    let compiled = this.compiled.get(key);
    if (compiled === undefined) {
      const { formatters, locale, formats } = this.intl;
      const message = this.messages[key];
      try {
        compiled = message === undefined ? null : formatters.getMessageFormat(message, locale, formats, { formatters });
      } catch {
        compiled = null;
      }
      this.compiled.set(key, compiled);
    }
    if (compiled !== null) {
      try {
        const text = compiled.format(values);
        if (typeof text === 'string') return text;
      } catch {
        // formatMessage below reports it.
      }
    }
    return this.intl.formatMessage({ id: key }, values);
  }

  has(key: string): key is MessageKey {
    return Object.hasOwn(englishMessages(), key);
  }

  number(n: number): string {
    return this.numbers.format(n);
  }

  list(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
    let format = this.lists.get(type);
    if (!format) this.lists.set(type, (format = new Intl.ListFormat(this.language.intlLocale, { type })));
    return format.format(items.map((i) => this.isolate(i)));
  }

  isolate(text: string): string {
    if (!this.rtl || text === '' || ISOLATED.test(text)) return text;
    return `${FSI}${text}${PDI}`;
  }

  utcDateTime(date: Date): string {
    const minute = Math.floor(date.getTime() / MINUTE_MS);
    let text = this.byMinute.get(minute);
    if (text === undefined) {
      if (Number.isNaN(minute)) return `${this.dates.format(date)} UTC`;
      if (this.byMinute.size >= MINUTES_KEPT) this.byMinute.clear();
      text = `${this.dates.format(date)} UTC`;
      this.byMinute.set(minute, text);
    }
    return text;
  }
}

/** The translator for a language code (English for a code no catalog has). One per language, reused. */
export function translatorFor(code: string): Translator {
  const language = catalogFor(code).language;
  let found = translators.get(language.code);
  if (!found) {
    found = new IcuTranslator(language);
    translators.set(language.code, found);
  }
  return found;
}

export const english: Translator = translatorFor(DEFAULT_LANGUAGE);
