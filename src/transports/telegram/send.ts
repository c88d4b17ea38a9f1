/**
 * Outbound: Bot API `sendMessage` (https://core.telegram.org/bots/api#sendmessage).
 * `POST {baseUrl}/bot<token>/sendMessage` with JSON `{ chat_id, text }`; the answer is
 * `{ ok: true, result: Message }` or `{ ok: false, error_code, description, parameters? }`
 * (https://core.telegram.org/bots/api#making-requests, #responseparameters).
 * Plain text only (no parse_mode), so nothing in an agent's text is read as markup.
 */
import type { GuardedSendRequest, ProviderDeps, SendGuard } from '../provider.js';
import { providerFailure, retryableStatus } from '../provider.js';
import type { SendResult } from '../transport.js';
import { telegramFailureReason } from './errors.js';
import { parseJson, redact, request, withoutTrailingSlash } from '../http.js';
import type { TelegramOptions } from './options.js';

interface TelegramError {
  ok: false;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export const TELEGRAM_SEND_GUARD: SendGuard = {
  channel: 'telegram',
  supports: ['text'],
  noAddress: 'This contact has no Telegram chat id yet (they must message the bot first).',
  unsupported: (kind) => `Telegram does not support ${kind} messages.`,
};

/**
 * Numeric chat ids go as JSON integers (at most 52 significant bits: safe in a double); others (e.g. `@channel`)
 * as strings.
 */
export function chatIdValue(address: string): number | string {
  if (/^-?\d+$/.test(address)) {
    const n = Number(address);
    if (Number.isSafeInteger(n)) return n;
  }
  return address;
}

export async function sendTelegramMessage(
  options: TelegramOptions,
  deps: ProviderDeps,
  { plan, address }: GuardedSendRequest,
): Promise<SendResult> {
  const { botToken, baseUrl, timeoutMs } = options;
  const chatId = chatIdValue(address);
  const outcome = await request(
    deps,
    `${withoutTrailingSlash(baseUrl)}/bot${botToken}/sendMessage`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ chat_id: chatId, text: plan.text }),
    },
    timeoutMs,
  );
  if (!outcome.ok) return providerFailure('provider_error', redact(`Telegram: ${outcome.detail}`, botToken), true);

  const body = parseJson(outcome.text) as
    | { ok: true; result?: { message_id?: number; chat?: { id?: number | string } } }
    | TelegramError
    | undefined;

  if (outcome.status >= 200 && outcome.status < 300 && body?.ok === true) {
    const messageId = body.result?.message_id;
    if (typeof messageId !== 'number') {
      return providerFailure('provider_error', 'Telegram answered ok without result.message_id.', false);
    }
    return { ok: true, providerMessageId: `${body.result?.chat?.id ?? chatId}:${messageId}`, sandbox: false };
  }

  if (body && body.ok === false) {
    const code = typeof body.error_code === 'number' ? body.error_code : outcome.status;
    const description = body.description ?? `HTTP ${outcome.status}`;
    const { reason, retryable } = telegramFailureReason(code, description);
    const retryAfter = body.parameters?.retry_after;
    const wait = typeof retryAfter === 'number' ? ` (retry_after ${retryAfter}s)` : '';
    const detail = `Telegram ${code}: ${description}${wait}`;
    return providerFailure(reason, redact(detail, botToken), retryable);
  }
  // Not a Bot API answer (e.g. a proxy's HTML error page): judge by the HTTP status alone.
  return providerFailure(
    'provider_error',
    `Telegram answered HTTP ${outcome.status} without a Bot API body.`,
    retryableStatus(outcome.status),
  );
}
