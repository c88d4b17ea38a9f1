import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { openThenRender, slackError } from '../modal.js';
import { initialSearchMeta, renderSearch } from '../search-flow.js';
import type { SlackServices } from '../services.js';
import { COMMAND } from '../views/ids.js';
import { buildHelpMessage } from '../views/messages.js';

const HELP_WORDS = /^(help|\?|aide|ayuda|hilfe|مساعدة|trợ giúp|tro giup)$/i;

export function followupCommand(s: SlackServices) {
  return async ({ ack, body, client, logger, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const text = (body.text ?? '').trim();
    if (HELP_WORDS.test(text)) {
      const help = buildHelpMessage();
      await ack({ response_type: 'ephemeral', text: help.text, blocks: help.blocks });
      return;
    }
    await ack();
    try {
      await openThenRender(client, logger, { triggerId: body.trigger_id, title: 'Follow up' }, () =>
        renderSearch(initialSearchMeta(text, s, body.user_id), s, body.user_id),
      );
    } catch (err) {
      logger.error('/followup failed', err);
      await respond({
        response_type: 'ephemeral',
        text: `:warning: Followup could not open the search (${slackError(err)}). Please try again.${text ? ` You searched for: ${text.replace(/[<>&]/g, '')}` : ''}`,
      }).catch(() => undefined);
    }
  };
}

export function register(app: App, s: SlackServices): void {
  app.command(COMMAND, followupCommand(s));
}
