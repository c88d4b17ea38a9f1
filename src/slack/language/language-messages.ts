/**
 * What `/followup language …` answers (ephemeral): the new language said in that language, or the current
 * setting, or a word that names no language, each followed by the choices. Pure.
 */
import { LANGUAGES, type Translator } from '../i18n/index.js';
import { type SlackMessage, section } from '../shared/blocks.js';
import { COMMAND } from '../shared/ids.js';
import { escapeTruncated } from '../shared/mrkdwn.js';
import { AUTO, LANGUAGE_WORD } from './language-choice.js';

/** How much of an unknown word the answer quotes. */
const WORD_MAX = 40;

function message(lines: string[]): SlackMessage {
  return { text: lines[0] ?? '', blocks: [section(lines.join('\n'))] };
}

/** "Choose with `/followup language`:" and one line per language (code, own name), `auto` last. */
function choices(t: Translator): string[] {
  return [
    t.t('language.choose', { command: `${COMMAND} ${LANGUAGE_WORD}` }),
    ...LANGUAGES.map((l) => t.t('language.choice', { code: l.code, name: l.name })),
    t.t('language.choiceAuto', { code: AUTO }),
  ];
}

/**
 * The language was just set: `t` speaks the new one. `followsSlack` when the agent chose `auto` (then `t` is
 * the language their Slack locale gives).
 */
export function buildLanguageChangedMessage(t: Translator, followsSlack: boolean): SlackMessage {
  const language = t.language.name;
  return message([t.t(followsSlack ? 'language.changedAuto' : 'language.changed', { language })]);
}

/** `/followup language` alone: what Followup speaks to the agent now, and why, then the choices. */
export function buildLanguageStatusMessage(t: Translator, followsSlack: boolean): SlackMessage {
  const language = t.language.name;
  return message([t.t(followsSlack ? 'language.currentAuto' : 'language.current', { language }), ...choices(t)]);
}

/** A word that names no language Followup speaks: said in the agent's current language, then the choices. */
export function buildUnknownLanguageMessage(t: Translator, word: string): SlackMessage {
  return message([t.t('language.unknown', { code: escapeTruncated(word, WORD_MAX) }), ...choices(t)]);
}

/** The choice could not be stored. `error` is Slack's or the store's short reason. */
export function buildLanguageFailedMessage(t: Translator, error: string): SlackMessage {
  return message([t.t('language.failed', { error: escapeTruncated(error, 200) })]);
}
