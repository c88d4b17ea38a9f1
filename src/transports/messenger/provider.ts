/**
 * Messenger's provider parts (built on its line of ../registry.ts): the Send API for one Facebook Page, and
 * its webhook at `/webhooks/messenger/<pageId>` (the GET verification handshake and signed `object: "page"`
 * notifications; payloads and window rules in ../meta/webhook.ts).
 */
import { metaProviderParts } from '../meta/provider.js';
import type { MessengerOptions } from './options.js';
import { messengerSendConfig } from './send.js';

export { messengerOptionsSchema as optionsSchema } from './options.js';

export const { sendGuard, failureReasons, create } = metaProviderParts({
  channel: 'messenger',
  object: 'page',
  accountId: (options: MessengerOptions) => options.pageId,
  sendConfig: messengerSendConfig,
});
