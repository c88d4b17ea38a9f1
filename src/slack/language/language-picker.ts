/** App Home's language picker: choosing stores the agent's language and publishes App Home again in it. */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../home/app-home.js';
import type { SlackServices } from '../services.js';
import { parseLanguageChoice, storedChoice } from './language-choice.js';

export type PickerArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function languagePicked(s: SlackServices) {
  return async ({ ack, body, action, client, logger }: PickerArgs): Promise<void> => {
    await ack();
    const value = action.type === 'static_select' ? action.selected_option?.value : undefined;
    // Only the picker's own values are taken: a forged payload cannot store an arbitrary string.
    const choice = typeof value === 'string' ? parseLanguageChoice(value) : null;
    if (!choice || choice.kind === 'unknown') {
      logger.warn(`Language picker sent an unknown value ${JSON.stringify(value)}; ignoring it`);
      return;
    }
    try {
      await s.preferences.chooseLanguage(body.user.id, storedChoice(choice));
      await publishHome(client, body.user.id, s, logger);
    } catch (err) {
      // Nobody to answer in App Home: the tab keeps its last view, in the language it had.
      logger.error('Changing the language from App Home failed', err);
    }
  };
}
