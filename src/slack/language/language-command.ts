/**
 * `/followup language [<code>|auto]` (src/slack/search/followup-command.ts hands the words after
 * "language" here): stores the agent's choice and says so in the new language; alone, shows the current
 * setting and the choices; a word that names no language gets the choices in the current language.
 */
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { agentTranslator, isLanguage } from '../i18n/index.js';
import type { SlackServices } from '../services.js';
import type { SlackMessage } from '../shared/blocks.js';
import { slackError } from '../shared/modal.js';
import { parseLanguageChoice, storedChoice } from './language-choice.js';
import {
  buildLanguageChangedMessage,
  buildLanguageFailedMessage,
  buildLanguageStatusMessage,
  buildUnknownLanguageMessage,
} from './language-messages.js';
import { translatorOf } from './request-translator.js';

/** The ephemeral answer to `/followup language <words>`, the choice stored on the way. Never throws. */
export async function answerLanguageCommand(
  client: WebClient,
  s: SlackServices,
  userId: string,
  words: string,
  logger: Logger,
): Promise<SlackMessage> {
  try {
    const choice = words.trim() === '' ? null : parseLanguageChoice(words);
    if (choice && choice.kind !== 'unknown') {
      await s.preferences.chooseLanguage(userId, storedChoice(choice));
      // Said in the new language: the one chosen, or for `auto` the one the Slack locale gives.
      return buildLanguageChangedMessage(await agentTranslator(client, s, userId, logger), choice.kind === 'auto');
    }
    const t = await translatorOf(client, s, userId, logger);
    if (choice) return buildUnknownLanguageMessage(t, choice.word);
    const { language } = await s.preferences.get(userId);
    return buildLanguageStatusMessage(t, language === null || !isLanguage(language));
  } catch (err) {
    logger.error('/followup language failed', err);
    return buildLanguageFailedMessage(await translatorOf(client, s, userId, logger), slackError(err));
  }
}
