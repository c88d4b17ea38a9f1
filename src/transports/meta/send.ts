/**
 * The Send API call shared by Messenger and Instagram messaging: one POST of
 * `{ recipient: { id }, messaging_type, tag?, message: { text } }` built exactly from the plan.
 *
 * Messenger: `POST https://graph.facebook.com/{version}/{PAGE-ID}/messages`, Page access token as the
 * `access_token` parameter; success `{ "recipient_id", "message_id" }`
 * (https://developers.facebook.com/docs/messenger-platform/reference/send-api).
 * Instagram with Instagram Login: `POST https://graph.instagram.com/{version}/{IG_ID}/messages` with the
 * Instagram User access token
 * (https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api).
 */
import type { PlannedSend } from '../../policy/index.js';
import type { GuardedSendRequest, ProviderDeps, SendGuard } from '../provider.js';
import { providerFailure } from '../provider.js';
import type { SendResult } from '../transport.js';
import { parseJson, request } from '../http.js';
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

/** Messenger and Instagram send text, with or without a tag; templates are a WhatsApp feature. */
export function metaSendGuard(channel: MetaChannel): SendGuard {
  const id = channel === 'messenger' ? 'page-scoped id (PSID)' : 'Instagram-scoped id (IGSID)';
  return {
    channel,
    supports: ['text', 'tag'],
    noAddress: `The contact has no ${id} on this channel.`,
    unsupported: () => `${channel} has no message templates.`,
  };
}

/** The exact JSON body for a plan, or why the plan is not a Send API message. */
export function sendApiBody(
  channel: MetaChannel,
  plan: PlannedSend,
  recipient: string,
): { body: Record<string, unknown> } | { refused: SendResult } {
  if (plan.channel !== channel) {
    const detail = `A ${plan.channel} plan cannot go out through the ${channel} transport.`;
    return { refused: providerFailure('provider_error', detail, false) };
  }
  if (plan.messagingType === 'MESSAGE_TAG' && !plan.tag) {
    return { refused: providerFailure('provider_error', 'The plan says MESSAGE_TAG but names no tag.', false) };
  }
  const body: Record<string, unknown> = { recipient: { id: recipient } };
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

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function sendGraphMessage(
  config: GraphSendConfig,
  deps: Pick<ProviderDeps, 'fetch'>,
  { plan, address }: GuardedSendRequest,
): Promise<SendResult> {
  const built = sendApiBody(config.channel, plan, address);
  if ('refused' in built) return built.refused;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (config.auth === 'bearer') headers.authorization = `Bearer ${config.accessToken}`;

  const body = JSON.stringify(built.body);
  const outcome = await request(deps, sendUrl(config), { method: 'POST', headers, body }, config.timeoutMs);
  if (!outcome.ok) {
    // The token may sit in the URL: never echo the request, only what went wrong.
    const api = `the ${config.channel} Send API`;
    const detail = outcome.timedOut
      ? `No answer from ${api} within ${config.timeoutMs} ms.`
      : `Network error calling ${api}: ${outcome.message}`;
    return providerFailure('provider_error', detail, true);
  }

  const json = parseJson(outcome.text);
  const tagged = Boolean(built.body.tag);
  if (outcome.status >= 200 && outcome.status < 300) {
    const messageId = isRecord(json) ? json.message_id : undefined;
    if (typeof messageId === 'string' && messageId) return { ok: true, providerMessageId: messageId, sandbox: false };
    // Something was accepted but we cannot tell what: retrying could send it twice.
    const detail = `The ${config.channel} Send API answered ${outcome.status} without a message_id.`;
    return providerFailure('provider_error', detail, false);
  }
  const error = isRecord(json) && isRecord(json.error) ? (json.error as GraphError) : undefined;
  if (error) return graphFailure(config.channel, error, outcome.status, tagged);
  const unreadable = { message: `HTTP ${outcome.status} ${outcome.text.slice(0, 200)}`.trim() };
  return graphFailure(config.channel, unreadable, outcome.status, tagged);
}
