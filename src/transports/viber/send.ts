/**
 * Viber outbound: `POST {baseUrl}/pa/send_message` with the `X-Viber-Auth-Token` header and a text message.
 * Format: https://creators.viber.com/docs/bots-api/resources/messaging/send-message
 * (developers.viber.com/docs/api/rest-bot-api/#send-message).
 */
import type { ProviderDeps } from '../provider.js';
import { providerFailure, retryableStatus } from '../provider.js';
import type { SendRequest, SendResult, Transport } from '../transport.js';
import { viberStatus } from './errors.js';
import { idString, parseJsonLossless } from '../json.js';
import type { ViberOptions } from './options.js';

export class ViberTransport implements Transport {
  readonly name = 'viber';
  readonly sandbox = false;

  constructor(
    private readonly options: ViberOptions,
    private readonly deps: ProviderDeps,
  ) {}

  async send({ plan, channel, idempotencyKey }: SendRequest): Promise<SendResult> {
    if (!channel.address) {
      return providerFailure('viber.no_address', 'This contact has no Viber user id on this channel.', false);
    }
    if (plan.kind !== 'text') {
      // The policy core never plans templates or tags for Viber; refuse rather than send something else.
      return providerFailure(`viber.${plan.kind}_not_supported`, `Viber bots send plain text only, not a ${plan.kind}.`, false);
    }

    const body = {
      receiver: channel.address,
      min_api_version: this.options.minApiVersion,
      sender: {
        name: this.options.senderName,
        ...(this.options.senderAvatar ? { avatar: this.options.senderAvatar } : {}),
      },
      type: 'text',
      text: plan.text,
    };

    let response: Response;
    let raw: string;
    try {
      response = await this.deps.fetch(`${this.options.baseUrl.replace(/\/+$/, '')}/pa/send_message`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Viber-Auth-Token': this.options.authToken,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      raw = await response.text();
    } catch (error) {
      return providerFailure('provider_error', `Viber could not be reached: ${describe(error)}`, true);
    }

    if (!response.ok) {
      return providerFailure('provider_error', `Viber answered HTTP ${response.status}.`, retryableStatus(response.status));
    }

    let result: { status?: unknown; status_message?: unknown; message_token?: unknown };
    try {
      result = parseJsonLossless(raw) as typeof result;
      if (typeof result !== 'object' || result === null) throw new Error('not an object');
    } catch {
      // HTTP 200 with an unreadable body: the message may have gone out, so it is not retried.
      return providerFailure('provider_error', 'Viber answered with a body that is not JSON.', false);
    }

    const status = typeof result.status === 'number' ? result.status : Number(result.status);
    if (status === 0) {
      // Viber documents message_token on every success; should it ever be missing the message still went
      // out, so it is recorded as sent under our own key (no delivery report will match it).
      const token = idString(result.message_token) ?? `viber-untracked:${idempotencyKey}`;
      return { ok: true, providerMessageId: token, sandbox: false };
    }
    if (!Number.isInteger(status)) {
      return providerFailure('provider_error', 'Viber answered without a status.', false);
    }
    const known = viberStatus(status);
    const said = typeof result.status_message === 'string' && result.status_message ? result.status_message : known.name;
    return providerFailure(known.reason, `Viber status ${status} (${said}): ${known.description}`, known.retryable);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'the request timed out';
    const cause = (error as { cause?: { code?: unknown } }).cause;
    return typeof cause?.code === 'string' ? `${error.message} (${cause.code})` : error.message;
  }
  return String(error);
}
