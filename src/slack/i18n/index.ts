export {
  type Catalog,
  type CatalogLanguage,
  DEFAULT_LANGUAGE,
  LANGUAGES,
  type MessageKey,
  isLanguage,
} from './catalog.js';
export { type MessageValues, type Translator, english, translatorFor } from './translator.js';
export { type LanguagePreference, languageFor, languageOfLocale } from './language.js';
export { LOCALE_WAIT_MS, agentLanguage, agentTranslator, lastKnownLanguage, noteUserChange } from './agent-language.js';
