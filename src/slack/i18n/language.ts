/**
 * Which language an agent reads: their own choice when they made one, else their Slack locale matched by
 * language (`fr-FR`, `fr-CA` → `fr`; `es-LA` → `es`), else English.
 */
import { DEFAULT_LANGUAGE, isLanguage } from './catalog.js';

/** The catalog language for a Slack locale such as `de-DE`; English for any language without a catalog. */
export function languageOfLocale(locale: string | null | undefined): string {
  const code = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isLanguage(code) ? code : DEFAULT_LANGUAGE;
}

export interface LanguagePreference {
  /** What the agent chose (`/followup language fr`, App Home); null = follow Slack. */
  language: string | null;
  /** Their Slack locale as last read from `users.info` or a `user_change` event; null = not known yet. */
  slackLocale: string | null;
}

export function languageFor(pref: LanguagePreference): string {
  if (pref.language !== null && isLanguage(pref.language)) return pref.language;
  return languageOfLocale(pref.slackLocale);
}
