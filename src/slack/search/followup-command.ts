/** `/followup [text]`: the search modal, already searched when text is given; `/followup help`: usage. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import { slackError } from '../shared/modal.js';
import { buildHelpMessage } from './help-message.js';
import { openSearch } from './search-screen.js';

const HELP_WORDS = /^(help|\?|aide|ayuda|hilfe|مساعدة|trợ giúp|tro giup)$/i;

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function followupCommand(s: SlackServices) {
  return async ({ ack, body, client, logger, respond }: CommandArgs): Promise<void> => {
    const text = (body.text ?? '').trim();
    if (HELP_WORDS.test(text)) {
      const help = buildHelpMessage();
      await ack({ response_type: 'ephemeral', text: help.text, blocks: help.blocks });
      return;
    }
    await ack();
    try {
      await openSearch(client, logger, s, { triggerId: body.trigger_id, userId: body.user_id, text });
    } catch (err) {
      logger.error('/followup failed', err);
      const searched = text ? ` You searched for: ${text.replace(/[<>&]/g, '')}` : '';
      await respond({
        response_type: 'ephemeral',
        text: `:warning: Followup could not open the search (${slackError(err)}). Please try again.${searched}`,
      }).catch(() => undefined);
    }
  };
}
