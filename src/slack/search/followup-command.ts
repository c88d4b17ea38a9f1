/**
 * `/followup [text]`: the search modal, already searched when text is given; `/followup help`: usage;
 * `/followup language [<code>|auto]`: the agent's language ("language" is a subcommand only as the first word,
 * so any other text is still a search).
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerLanguageCommand } from '../language/language-command.js';
import { LANGUAGE_WORD } from '../language/language-choice.js';
import { translatorOf } from '../language/request-translator.js';
import type { SlackServices } from '../services.js';
import { slackError } from '../shared/modal.js';
import { escapeMrkdwn } from '../shared/mrkdwn.js';
import { buildHelpMessage } from './help-message.js';
import { openSearch } from './search-screen.js';

const HELP_WORDS = /^(help|\?|aide|ayuda|hilfe|مساعدة|trợ giúp|tro giup)$/i;
/** How much of the searched text the failure answer repeats. */
const SEARCHED_MAX = 200;

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** `language` and the words after it, when the text starts with that word. */
function languageWords(text: string): string | null {
  const [first = '', ...rest] = text.split(/\s+/);
  return first.toLowerCase() === LANGUAGE_WORD ? rest.join(' ') : null;
}

export function followupCommand(s: SlackServices) {
  return async ({ ack, body, client, logger, respond }: CommandArgs): Promise<void> => {
    const text = (body.text ?? '').trim();
    const userId = body.user_id;
    // Help and language answer in the ack: the translator is a store read, or users.info bounded at 1 s.
    if (HELP_WORDS.test(text)) {
      const help = buildHelpMessage(await translatorOf(client, s, userId, logger));
      await ack({ response_type: 'ephemeral', text: help.text, blocks: help.blocks });
      return;
    }
    const languageText = languageWords(text);
    if (languageText !== null) {
      const answer = await answerLanguageCommand(client, s, userId, languageText, logger);
      await ack({ response_type: 'ephemeral', text: answer.text, blocks: answer.blocks });
      return;
    }
    await ack();
    const t = await translatorOf(client, s, userId, logger);
    try {
      await openSearch(t, client, logger, s, { triggerId: body.trigger_id, userId, text });
    } catch (err) {
      logger.error('/followup failed', err);
      const error = escapeMrkdwn(slackError(err));
      const searched = text.replace(/[<>&]/g, '').slice(0, SEARCHED_MAX);
      await respond({
        response_type: 'ephemeral',
        text: searched
          ? t.t('search.openFailedSearched', { error, text: searched })
          : t.t('search.openFailed', { error }),
      }).catch(() => undefined);
    }
  };
}
