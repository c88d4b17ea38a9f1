/**
 * What an agent can choose as their language: a catalog language (`LANGUAGES`, so a seventh catalog is a
 * choice at once) or `auto`, which follows their Slack locale. Pure.
 */
import { type CatalogLanguage, LANGUAGES, languageOfLocale } from '../i18n/index.js';

/** `/followup language auto`, and the picker's "Follow my Slack language": the stored choice is then null. */
export const AUTO = 'auto';
/** The subcommand word: `/followup language <code>`. */
export const LANGUAGE_WORD = 'language';

export type LanguageChoice =
  | { kind: 'auto' }
  | { kind: 'language'; language: CatalogLanguage }
  | { kind: 'unknown'; word: string };

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * What a word names: `auto`, a code (`fr`, `FR`), a Slack-style locale of a language we speak (`fr-CA`), or a
 * language's own name (`Français`, `francais`).
 */
export function parseLanguageChoice(word: string): LanguageChoice {
  const w = word.trim();
  const folded = fold(w);
  if (folded === AUTO) return { kind: 'auto' };
  const byName = LANGUAGES.find((l) => l.code === folded || fold(l.name) === folded);
  if (byName) return { kind: 'language', language: byName };
  if (/^[a-z]{2,3}[-_][a-z0-9]{2,8}$/.test(folded)) {
    const code = languageOfLocale(folded);
    const byLocale = LANGUAGES.find((l) => l.code === code && folded.startsWith(code));
    if (byLocale) return { kind: 'language', language: byLocale };
  }
  return { kind: 'unknown', word: w };
}

/** The stored value for a choice: a language code, or null to follow Slack. */
export function storedChoice(choice: Exclude<LanguageChoice, { kind: 'unknown' }>): string | null {
  return choice.kind === 'auto' ? null : choice.language.code;
}
