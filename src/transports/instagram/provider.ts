/**
 * Instagram's provider parts (built on its line of ../registry.ts): the messaging API for one professional
 * account, and its webhook at `/webhooks/instagram/<igUserId>` (the GET verification handshake and signed
 * `object: "instagram"` notifications; story replies and mentions in ./webhook.ts).
 */
import { metaProviderParts } from '../meta/provider.js';
import type { InstagramOptions } from './options.js';
import { instagramSendConfig } from './send.js';
import { instagramMessageKind } from './webhook.js';

export { instagramOptionsSchema as optionsSchema } from './options.js';

export const { sendGuard, failureReasons, create } = metaProviderParts({
  channel: 'instagram',
  object: 'instagram',
  accountId: (options: InstagramOptions) => options.igUserId,
  sendConfig: instagramSendConfig,
  messageKind: instagramMessageKind,
});
