/**
 * Field-aware normalisation for contact search, shared by the index, the CLI and Slack.
 * Pure functions (phone scanning reuses one scratch buffer, synchronously): the index folds stored fields
 * and query terms with the same code, so whatever folding is chosen here, both sides agree.
 *
 * - names: case-, accent- and diacritic-insensitive, searched by word prefix;
 * - emails: case-insensitive, searched by prefix of the whole address or of `@domain`;
 * - phones: digits only, searched by suffix (full international number, national number, last digits).
 */

/** Fewer digits than this match too many numbers to be useful as "last digits" (1 in 10,000 at 4). */
export const MIN_PHONE_DIGITS = 4;
/**
 * A query that starts with a trunk `0` (`0912 345 678`) or the `00` international prefix is also tried
 * without its leading zeros, but only when what remains is this long: national significant numbers are
 * at least 6 digits almost everywhere, and a short `05678` typed as "last digits" must keep its zero.
 */
export const MIN_NATIONAL_DIGITS = 6;

const ASCII = /^[\x00-\x7f]*$/;
/** Combining marks (Latin accents, Vietnamese tones, Arabic harakat incl. hamza/madda marks) and tatweel. */
const MARKS = /[\p{M}\u0640]/gu;
/** Letters that carry no decomposition but are searched as their base spelling. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  đ: 'd',
  ð: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'n',
  ſ: 's',
  ς: 'σ',
  // Arabic: alef wasla, alef maqsura, taa marbuta; Persian yeh/keheh typed for Arabic ones.
  '\u0671': '\u0627',
  '\u0649': '\u064A',
  '\u0629': '\u0647',
  '\u06CC': '\u064A',
  '\u06A9': '\u0643',
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');
const NOT_WORD = /[^\p{L}\p{N}]+/u;
const NOT_WORD_G = /[^\p{L}\p{N}]+/gu;
const GERMAN_UMLAUTS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue' };

/**
 * Folds a name (or a query word) to its search spelling: lower case, compatibility-decomposed (NFKD also
 * undoes ligatures, full-width letters and Arabic presentation forms), combining marks removed, and the
 * few letters without a decomposition mapped (`đ`→`d`, `ß`→`ss`, `ى`→`ي`, `ة`→`ه`…). Alef forms `أ إ آ`
 * decompose to `ا` plus a mark, so they fold to `ا` with the harakat. Marks go in every script, stored
 * and typed alike, so a search never misses for a mark; in scripts whose vowels are marks (Devanagari,
 * Thai) a few different words fold together — more matches, never fewer.
 */
export function foldName(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(FOLDABLE, (ch) => LETTER_FOLDS[ch] ?? ch)
    .normalize('NFC'); // recompose scripts whose letters NFKD split without marks (Hangul)
}

/** The German transliteration of a word with umlauts (`Müller` → `mueller`), or null when it has none. */
function umlautSpelling(word: string): string | null {
  const lower = word.normalize('NFC').toLowerCase();
  if (!/[äöü]/.test(lower)) return null;
  return lower.replace(/[äöü]/g, (ch) => GERMAN_UMLAUTS[ch] ?? ch);
}

function addWordTokens(out: Set<string>, folded: string): void {
  const parts = folded.split(NOT_WORD).filter((p) => p !== '');
  for (const part of parts) out.add(part);
  // `Jean-Pierre`, `O'Brien`: also findable typed as one word (`jeanpierre`, `obrien`).
  if (parts.length > 1) out.add(parts.join(''));
}

/**
 * The searchable tokens of a name field: each word folded, hyphen/apostrophe parts split (and joined), and
 * for words with umlauts also the German `ae/oe/ue` spelling, so `mueller` finds `Müller`. Distinct.
 */
export function nameTokens(name: string): string[] {
  const out = new Set<string>();
  for (const word of name.split(/\s+/)) {
    if (word === '') continue;
    addWordTokens(out, foldName(word));
    const umlauts = umlautSpelling(word);
    if (umlauts !== null) addWordTokens(out, foldName(umlauts));
  }
  return [...out];
}

/** A query word as a name prefix: folded, inner punctuation dropped (`o'bri` → `obri`). */
export function nameQueryPrefix(word: string): string {
  return foldName(word).replace(NOT_WORD_G, '');
}

/** An email address as stored and searched: trimmed, `Name <addr>` and `mailto:` unwrapped, lower case. */
export function normaliseEmail(raw: string): string {
  let s = raw.trim();
  if (s.includes('<')) {
    const bracketed = /<([^<>]*)>/.exec(s);
    if (bracketed) s = bracketed[1]!.trim();
  }
  if (s.includes(':') && /^mailto:/i.test(s)) s = s.slice('mailto:'.length);
  return ASCII.test(s) ? s.toLowerCase() : s.normalize('NFC').toLowerCase();
}

/** The domain of a normalised address (after the last `@`), or '' when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1);
}

/**
 * The keys an email is found by, each searched by prefix: the address itself, and `@domain` so a term
 * starting with `@` finds everyone at a domain. Addresses never start with `@`, so the two cannot clash.
 */
export function emailKeys(raw: string): string[] {
  const email = normaliseEmail(raw);
  if (email === '') return [];
  const domain = emailDomain(email);
  return domain === '' ? [email] : [email, `@${domain}`];
}

/** Digit value of a code point in the decimal digit blocks people type phone numbers in, or -1. */
function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30; // ASCII
  if (code >= 0x660 && code <= 0x669) return code - 0x660; // Arabic-Indic
  if (code >= 0x6f0 && code <= 0x6f9) return code - 0x6f0; // Extended Arabic-Indic (Persian, Urdu)
  if (code >= 0x966 && code <= 0x96f) return code - 0x966; // Devanagari
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10; // full width
  return -1;
}

/** Letters, `#` and `;` after the digits start an extension (`ext. 12`, `x12`, `#12`) or a remark. */
function endsNumber(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x23 || code === 0x3b;
}

/**
 * The digits of a phone number: every formatting character dropped (`+`, spaces, dashes, dots, brackets),
 * non-ASCII digits mapped to ASCII, an extension or remark after the number cut (`ext. 12`, `x12`,
 * `(mobile)`), and the `(0)` that UK-style numbers show after the country code removed (`+44 (0)20…` is
 * dialled `+44 20…`). One pass, no regular expression: the index runs it on every contact it loads.
 */
export function phoneDigits(raw: string): string {
  return scratchString(scanPhone(raw));
}

/** The phone's digits reversed (`+84 912 345 678` → `87654321948`): the key a suffix search looks up. */
export function phoneSuffixKey(raw: string): string {
  const n = scanPhone(raw);
  scratch.subarray(0, n).reverse();
  return scratchString(n);
}

/** Digits are collected here, then made into one string: no string per digit. */
let scratch = new Uint16Array(64);

function scratchString(n: number): string {
  let out = '';
  // In chunks: apply() passes each code as an argument, and arguments are limited.
  for (let i = 0; i < n; i += 4096) {
    out += String.fromCharCode.apply(null, scratch.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  }
  return out;
}

/** Writes the digits of `raw` (see phoneDigits) to `scratch`; returns how many. */
function scanPhone(raw: string): number {
  if (scratch.length < raw.length) scratch = new Uint16Array(raw.length);
  let n = 0;
  let international = false;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    const d = digitValue(code);
    if (d >= 0) {
      scratch[n++] = 0x30 + d;
      if (n === 2 && scratch[0] === 0x30 && d === 0) international = true; // "00" prefix
    } else if (code === 0x2b /* + */ && n === 0) {
      international = true;
    } else if (
      code === 0x28 /* ( */ &&
      international &&
      n > 0 &&
      raw.charCodeAt(i + 1) === 0x30 &&
      raw.charCodeAt(i + 2) === 0x29
    ) {
      i += 2; // "(0)" after the country code
    } else if (n > 0 && endsNumber(code)) {
      break;
    }
  }
  return n;
}

const PHONE_CHARS = /^[\s\d\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\uff10-\uff19+\-().]+$/;

/** True when the text holds only what people write phone numbers with: digits, `+ - ( ) .` and spaces. */
export function isPhoneLike(text: string): boolean {
  return PHONE_CHARS.test(text);
}

/** A string reversed by UTF-16 unit (phone digits are ASCII): suffix search becomes prefix search. */
export function reverseDigits(digits: string): string {
  let out = '';
  for (let i = digits.length - 1; i >= 0; i--) out += digits[i];
  return out;
}

/**
 * The digit strings a phone query is matched against as suffixes of stored numbers: the digits as typed
 * (full international number, national number, or last digits), and, when typed with a trunk `0` or the
 * `00` international prefix, the same without its leading zeros (`0912 345 678` finds `+84 912 345 678`).
 */
export function phoneQuerySuffixes(digits: string): string[] {
  const out = [digits];
  if (digits.startsWith('0')) {
    const national = digits.replace(/^0+/, '');
    if (national.length >= MIN_NATIONAL_DIGITS) out.push(national);
  }
  return out;
}

export type QueryTerm =
  /** A plain word: a prefix of some name word, or a prefix of the email address. */
  | { kind: 'word'; text: string; name: string; email: string }
  /** Contains `@`: a prefix of the address, or with a leading `@`, of the domain. */
  | { kind: 'email'; text: string; email: string }
  /** Phone characters with at least MIN_PHONE_DIGITS digits: a suffix of the stored number's digits. */
  | { kind: 'phone'; text: string; digits: string; suffixes: string[] };

/**
 * Splits search text into terms; a contact matches when it matches every term (AND), in any order.
 * A run of words made only of phone characters is one phone number when it has enough digits
 * (`+84 912 345 678` is one term, not four); otherwise its pieces are plain words.
 */
export function classifyQuery(text: string): QueryTerm[] {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const terms: QueryTerm[] = [];
  let i = 0;
  while (i < words.length) {
    if (isPhoneLike(words[i]!)) {
      let j = i;
      while (j < words.length && isPhoneLike(words[j]!)) j++;
      const run = words.slice(i, j).join(' ');
      const digits = phoneDigits(run);
      if (digits.length >= MIN_PHONE_DIGITS) {
        terms.push({ kind: 'phone', text: run, digits, suffixes: phoneQuerySuffixes(digits) });
      } else {
        for (const w of words.slice(i, j)) pushWord(terms, w);
      }
      i = j;
    } else {
      pushWord(terms, words[i]!);
      i++;
    }
  }
  return terms;
}

function pushWord(terms: QueryTerm[], word: string): void {
  if (word.includes('@')) {
    terms.push({ kind: 'email', text: word, email: normaliseEmail(word) });
    return;
  }
  const name = nameQueryPrefix(word);
  // Pure punctuation (`-`, `&`) constrains nothing.
  if (name === '') return;
  terms.push({ kind: 'word', text: word, name, email: normaliseEmail(word) });
}
