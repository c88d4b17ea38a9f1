/**
 * What the every-language view tests share: the languages (whatever catalogs exist, so a seventh is tested
 * too), worst-case Arabic contacts beside the fixtures' Vietnamese ones, and a check that no translated
 * plain text was cut to fit (Block Kit helpers shorten plain text silently; a translation must fit instead).
 */
import { LANGUAGES, type Translator, translatorFor } from '../../../src/slack/i18n/index.js';
import { longEmail, worstContact } from '../fixtures.js';

export const EVERY_LANGUAGE: ReadonlyArray<[code: string, t: Translator]> = LANGUAGES.map((l) => [
  l.code,
  translatorFor(l.code),
]);

const ARABIC_WORDS = ['عبد', 'الرحمن', 'بن', 'محمد', 'آل', 'الهاشمي', 'القرشي', 'فاطمة', 'الزهراء', 'خديجة'];

/** An 80-character Arabic full name, different for each i. */
export function arabicName(i: number): { firstName: string; lastName: string } {
  const words: string[] = [];
  for (let j = 0; words.join(' ').length < 80; j++) words.push(ARABIC_WORDS[(i + j * 3) % ARABIC_WORDS.length]!);
  const full = words.join(' ').slice(0, 80).trimEnd();
  const [first, ...rest] = full.split(' ');
  return { firstName: first!, lastName: rest.join(' ') };
}

/** Worst-case results: every other one Arabic, the rest the fixtures' 80-character Vietnamese names. */
export function worstResults(n: number): ReturnType<typeof worstContact>[] {
  return Array.from({ length: n }, (_, i) => {
    const w = worstContact(i);
    return i % 2 ? { ...w, contact: { ...w.contact, ...arabicName(i), email: longEmail(i) } } : w;
  });
}

/** Plain text that ends in the ellipsis the Block Kit helpers add when they cut: none may come from a catalog. */
export function cutPlainTexts(payload: unknown): string[] {
  const cut: string[] = [];
  JSON.stringify(payload, (_k, v) => {
    if (v && typeof v === 'object' && v.type === 'plain_text' && typeof v.text === 'string' && v.text.endsWith('…')) {
      cut.push(v.text);
    }
    return v;
  });
  return cut;
}
