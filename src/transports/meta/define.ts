/**
 * Messenger and Instagram are one provider shape on Meta's Messenger Platform: the same Send API call,
 * send guard, error rules and webhook, with their own options, send configuration and webhook object.
 */
import type { z } from 'zod';
import { defineProvider } from '../define.js';
import type { InboundWebhook, Provider, ProviderDeps } from '../provider.js';
import { type MetaChannel, graphFailureReasons } from './errors.js';
import { type GraphSendConfig, metaSendGuard, sendGraphMessage } from './send.js';

export function defineMetaProvider<Channel extends MetaChannel, Options extends z.ZodType>(
  channel: Channel,
  spec: {
    optionsSchema: Options;
    sendConfig(options: z.output<Options>): GraphSendConfig;
    /** `channelId`: the config's account id, which events carry; none = the type's default account. */
    webhook(
      options: z.output<Options>,
      channelId: string | undefined,
      deps: Pick<ProviderDeps, 'logger'>,
    ): InboundWebhook;
  },
): Provider<Channel> {
  return defineProvider({
    name: channel,
    serves: [channel],
    optionsSchema: spec.optionsSchema,
    sendGuard: metaSendGuard(channel),
    failureReasons: graphFailureReasons(channel),
    create: (options, account, deps) => ({
      send: (request) => sendGraphMessage(spec.sendConfig(options), deps, request),
      webhook: spec.webhook(options, account.id, deps),
    }),
  });
}
