/**
 * The Send API call shared by Messenger and Instagram messaging: one POST of
 * `{ recipient: { id }, messaging_type, tag?, message: { text } }` built exactly from the plan.
 *
 * Messenger: `POST https://graph.facebook.com/{version}/{PAGE-ID}/messages`, Page access token as the
 * `access_token` parameter; success `{ "recipient_id", "message_id" }`
 * (https://developers.facebook.com/docs/messenger-platform/reference/send-api).
 * Instagram with Instagram Login: `POST https://graph.instagram.com/{version}/{IG_ID}/messages` with the
 * Instagram User access token (https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api).
 */
import type { ProviderDeps } from '../provider.js';
import { providerFailure } from '../provider.js';
import type { SendRequest, SendResult, Transport } from '../transport.js';
import { type GraphError, type MetaChannel, graphFailure } from './errors.js';

export interface GraphSendConfig {
  channel: MetaChannel;
  baseUrl: string;
  apiVersion: string;
  /** The node the message is sent from: a Page id, an Instagram account id, or `me`. */
  node: string;
  accessToken: string;
  /** `query`: `access_token` parameter (Facebook Graph); `bearer`: `Authorization: Bearer` (graph.instagram.com). */
  auth: 'query' | 'bearer';
  timeoutMs: number;
}

/** The exact JSON body for a plan; null (with the reason) when the plan is not a Send API message. */
export function sendApiBody(channel: MetaChannel, request: SendRequest): { body: Record<string, unknown> } | { refused: SendResult } {
  const { plan, channel: contactChannel } = request;
  if (plan.channel !== channel) {
    return { refused: providerFailure('provider_error', `A ${plan.channel} plan cannot go out through the ${channel} transport.`, false) };
  }
  if (!contactChannel.address) {
    return { refused: providerFailure(`${channel}.no_address`, `The contact has no ${channel === 'messenger' ? 'page-scoped id (PSID)' : 'Instagram-scoped id (IGSID)'} on this channel.`, false) };
  }
  if (plan.kind === 'template' || plan.template) {
    return { refused: providerFailure(`${channel}.template_not_supported`, `${channel} has no message templates.`, false) };
  }
  if (plan.messagingType === 'MESSAGE_TAG' && !plan.tag) {
    return { refused: providerFailure('provider_error', 'The plan says MESSAGE_TAG but names no tag.', false) };
  }
  const body: Record<string, unknown> = { recipient: { id: contactChannel.address } };
  if (plan.messagingType) body.messaging_type = plan.messagingType;
  if (plan.tag) body.tag = plan.tag;
  body.message = { text: plan.text };
  return { body };
}

export function sendUrl(config: GraphSendConfig): URL {
  const url = new URL(`${config.baseUrl}/${config.apiVersion}/${encodeURIComponent(config.node)}/messages`);
  if (config.auth === 'query') url.searchParams.set('access_token', config.accessToken);
  return url;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function sendTextMessage(config: GraphSendConfig, deps: Pick<ProviderDeps, 'fetch'>, request: SendRequest): Promise<SendResult> {
  const built = sendApiBody(config.channel, request);
  if ('refused' in built) return built.refused;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (config.auth === 'bearer') headers.authorization = `Bearer ${config.accessToken}`;

  let response: Response;
  let text: string;
  try {
    response = await deps.fetch(sendUrl(config), {
      method: 'POST',
      headers,
      body: JSON.stringify(built.body),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    text = await response.text();
  } catch (err) {
    const e = err as Error;
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
    // The token may sit in the URL: never echo the request, only what went wrong.
    return providerFailure(
      'provider_error',
      timedOut ? `No answer from the ${config.channel} Send API within ${config.timeoutMs} ms.` : `Network error calling the ${config.channel} Send API: ${e.message}`,
      true,
    );
  }

  const json = parseJson(text);
  if (response.ok) {
    const messageId = isRecord(json) ? json.message_id : undefined;
    if (typeof messageId === 'string' && messageId) return { ok: true, providerMessageId: messageId, sandbox: false };
    // Something was accepted but we cannot tell what: retrying could send it twice.
    return providerFailure('provider_error', `The ${config.channel} Send API answered ${response.status} without a message_id.`, false);
  }
  const error = isRecord(json) && isRecord(json.error) ? (json.error as GraphError) : undefined;
  if (error) return graphFailure(config.channel, error, response.status, Boolean(built.body.tag));
  return graphFailure(config.channel, { message: `HTTP ${response.status} ${text.slice(0, 200)}`.trim() }, response.status, Boolean(built.body.tag));
}

export function createGraphTransport(config: GraphSendConfig, deps: Pick<ProviderDeps, 'fetch'>): Transport {
  return {
    name: config.channel,
    sandbox: false,
    send: (request) => sendTextMessage(config, deps, request),
  };
}
