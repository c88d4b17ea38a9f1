/**
 * The message catalogs: one file per language in `catalogs/`, found when this module loads, so a seventh
 * language is one new file and nothing else. English is the reference: every other catalog has its keys and
 * the same placeholders (test/slack/i18n/catalogs.test.ts), and a key a catalog lacks falls back to English.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import en from './catalogs/en.js';

/** Every message id the app uses: the English catalog's keys. */
export type MessageKey = keyof typeof en.messages;

export interface CatalogLanguage {
  /** ISO 639-1 code: what `/followup language <code>` takes and what a Slack locale is matched on. */
  code: string;
  /** The language's own name, shown in the picker ("Français", "العربية"). */
  name: string;
  /** The locale `Intl` formats numbers, plurals and lists with (e.g. `ar-u-nu-arab` for Arabic-Indic digits). */
  intlLocale: string;
  direction: 'ltr' | 'rtl';
}

export interface Catalog {
  language: CatalogLanguage;
  /**
   * ICU MessageFormat strings, keyed as in English. Typed partial so a catalog being written still loads (a
   * missing key shows English); test/slack/i18n/catalogs.test.ts requires every key in every catalog.
   */
  messages: Partial<Record<MessageKey, string>>;
}

const catalogShape = z.object({
  language: z.object({
    code: z.string().regex(/^[a-z]{2,3}$/, 'a lowercase ISO 639 code such as "fr"'),
    name: z.string().min(1).max(30),
    intlLocale: z.string().min(2),
    direction: z.enum(['ltr', 'rtl']),
  }),
  messages: z.record(z.string(), z.string()),
});

const CATALOG_FILE = /^([a-z]{2,3})\.(?:ts|js)$/;
const folder = new URL('./catalogs/', import.meta.url);

async function loadCatalogs(): Promise<Map<string, Catalog>> {
  const found = new Map<string, Catalog>([['en', en as Catalog]]);
  const files = readdirSync(fileURLToPath(folder))
    .filter((f) => CATALOG_FILE.test(f) && !f.startsWith('en.'))
    .sort();
  for (const file of files) {
    const mod: { default?: unknown } = await import(pathToFileURL(fileURLToPath(new URL(file, folder))).href);
    const parsed = catalogShape.safeParse(mod.default);
    if (!parsed.success) {
      throw new Error(`Message catalog ${file} is not a catalog: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
    }
    const code = file.match(CATALOG_FILE)?.[1];
    if (parsed.data.language.code !== code) {
      throw new Error(`Message catalog ${file} says its language is "${parsed.data.language.code}"; name it after it`);
    }
    found.set(parsed.data.language.code, parsed.data as Catalog);
  }
  return found;
}

const CATALOGS = await loadCatalogs();

export const DEFAULT_LANGUAGE = 'en';

/** The languages Followup speaks, English first, then by code. */
export const LANGUAGES: readonly CatalogLanguage[] = [...CATALOGS.values()].map((c) => c.language);

export function isLanguage(code: string): boolean {
  return CATALOGS.has(code);
}

export function catalogFor(code: string): Catalog {
  return CATALOGS.get(code) ?? (en as Catalog);
}

export function englishMessages(): Readonly<Record<MessageKey, string>> {
  return en.messages;
}
