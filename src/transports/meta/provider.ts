/**
 * Messenger and Instagram are one provider shape on Meta's Messenger Platform: the same Send API call, send
 * guard, error rules and webhook. Each one's provider.ts builds its parts here from what tells it apart.
 */
import type { ProviderAccount, ProviderDeps, ProviderParts } from '../provider.js';
import { type MetaChannel, graphFailureReasons } from './errors.js';
import { type GraphSendConfig, metaSendGuard, sendGraphMessage } from './send.js';
import { type MetaWebhookConfig, createMetaWebhook } from './webhook.js';

/** The options both products' schemas have: the webhook's signature key and handshake token. */
interface MetaWebhookSecrets {
  appSecret: string;
  verifyToken: string;
}

export interface MetaProduct<Options extends MetaWebhookSecrets> {
  channel: MetaChannel;
  /** The `object` Meta's webhook notifications carry for this product. */
  object: MetaWebhookConfig['object'];
  /** Our account's Meta id (Page id, Instagram account id): the webhook's path and the `entry[].id` it takes. */
  accountId(options: Options): string;
  sendConfig(options: Options): GraphSendConfig;
  /** The kind of a customer message (Instagram: story replies and mentions); default `message`. */
  messageKind?: MetaWebhookConfig['messageKind'];
}

export function metaProviderParts<Options extends MetaWebhookSecrets>(product: MetaProduct<Options>) {
  const { channel, object, messageKind } = product;
  return {
    sendGuard: metaSendGuard(channel),
    failureReasons: graphFailureReasons(channel),
    create(options: Options, account: ProviderAccount, deps: ProviderDeps): ProviderParts {
      const sendConfig = product.sendConfig(options);
      const accountId = product.accountId(options);
      const webhook = createMetaWebhook(
        {
          channel,
          path: `${channel}/${accountId}`,
          object,
          accountId,
          channelId: account.id,
          appSecret: options.appSecret,
          verifyToken: options.verifyToken,
          ...(messageKind ? { messageKind } : {}),
        },
        deps,
      );
      return { send: (request) => sendGraphMessage(sendConfig, deps, request), webhook };
    },
  };
}
