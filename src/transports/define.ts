/**
 * `defineProvider`: the one way to build a provider, from its line of registry.ts (name, channel types
 * served) and its folder's `provider.ts` (a `ProviderModule`). It checks that the account is of a channel
 * type the provider serves, validates the account's options with the provider's schema (options.ts: one line
 * naming the account and the option), builds the provider's parts, and puts the send guard in front of its
 * send.
 */
import type { z } from 'zod';
import type { ChannelType } from '../policy/index.js';
import { accountLabel, parseAccountOptions } from './options.js';
import type { Provider, ProviderChannel, ProviderModule } from './provider.js';
import { guardSend } from './send-guard.js';
import type { Transport } from './transport.js';

export function defineProvider<Name extends string, Options extends z.ZodType>(
  name: Name,
  serves: readonly ChannelType[],
  module: ProviderModule<Options>,
): Provider<Name> {
  const { optionsSchema, sendGuard, failureReasons } = module;
  return {
    name,
    serves,
    optionsSchema,
    sendGuard,
    failureReasons,
    factory(account, deps): ProviderChannel {
      if (!serves.includes(account.type)) {
        const served = `transport ${name} serves channel type ${serves.join(', ')}`;
        throw new Error(`${accountLabel(account)}: ${served}, not ${account.type}`);
      }
      const parts = module.create(parseAccountOptions(optionsSchema, account), account, deps);
      const transport: Transport = {
        name,
        sandbox: false,
        send: async (request) => {
          const guarded = guardSend(request, sendGuard);
          return guarded.ok ? parts.send(guarded.request) : guarded;
        },
        ...(parts.close ? { close: () => parts.close!() } : {}),
      };
      return {
        transport,
        ...(parts.webhook ? { webhook: parts.webhook } : {}),
        ...(parts.syncTemplates ? { syncTemplates: parts.syncTemplates } : {}),
      };
    },
  };
}
