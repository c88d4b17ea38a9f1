/** The translator for the agent behind a request, for every screen's listeners. */
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { type Translator, agentTranslator, lastKnownLanguage, translatorFor } from '../i18n/index.js';
import type { SlackServices } from '../services.js';

/**
 * The agent's language (their choice, else their Slack locale); when even their preferences cannot be read,
 * the language they last got here, so the answer that says something failed is still in it.
 */
export async function translatorOf(
  client: WebClient,
  s: SlackServices,
  userId: string,
  logger?: Logger,
): Promise<Translator> {
  try {
    return await agentTranslator(client, s, userId, logger);
  } catch (err) {
    logger?.warn(`Could not read ${userId}'s language preferences: ${(err as Error).message}`);
    return translatorFor(lastKnownLanguage(userId));
  }
}
