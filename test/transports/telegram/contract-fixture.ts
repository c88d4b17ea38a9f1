/** Telegram Bot API for the contract suite: `sendMessage` answers and secret-token webhook updates. */
import type { ContractFixture } from '../contract-fixture.js';
import { scriptedApi, webhookRequest } from '../contract-fixture.js';

const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const SECRET = 's3cr3t_Token-value';
const CHAT_ID = '987654321';
const PATH = 'telegram/support';

const botError = (status: number, description: string) => ({
  status,
  body: { ok: false, error_code: status, description },
});

function update(): string {
  const message = { message_id: 77, date: 1763805600, chat: { id: Number(CHAT_ID), type: 'private' }, text: 'Olá?' };
  return JSON.stringify({
    update_id: 900001,
    message: { ...message, from: { id: Number(CHAT_ID), first_name: 'Ana' } },
  });
}

export const fixture: ContractFixture = {
  provider: 'telegram',
  async start() {
    const success = { status: 200, body: { ok: true, result: { message_id: 42, chat: { id: Number(CHAT_ID) } } } };
    const { api, answerWith } = await scriptedApi(success);
    const post = (headers: Record<string, string>, body = update()) => webhookRequest(PATH, { headers, body });
    return {
      account: {
        type: 'telegram',
        id: 'support',
        options: { botToken: BOT_TOKEN, secretToken: SECRET, baseUrl: api.url },
      },
      address: CHAT_ID,
      requestsReceived: () => api.requests.length,
      success: {
        name: 'ok: true',
        arrange: () => answerWith(success),
        expected: { ok: true, providerMessageId: `${CHAT_ID}:42` },
      },
      failures: [
        {
          name: '403 Forbidden: bot was blocked by the user',
          arrange: () => answerWith(botError(403, 'Forbidden: bot was blocked by the user')),
          expected: { ok: false, reason: 'telegram.blocked', retryable: false },
        },
        {
          name: '400 Bad Request: chat not found',
          arrange: () => answerWith(botError(400, 'Bad Request: chat not found')),
          expected: { ok: false, reason: 'telegram.no_address', retryable: false },
        },
        {
          name: '429 Too Many Requests: retry after 5',
          arrange: () => answerWith(botError(429, 'Too Many Requests: retry after 5')),
          expected: { ok: false, reason: 'provider_error', retryable: true },
        },
      ],
      webhook: {
        sender: CHAT_ID,
        signed: () => post({ 'x-telegram-bot-api-secret-token': SECRET }),
        badSignature: () => post({ 'x-telegram-bot-api-secret-token': 'not-the-secret' }),
        missingSignature: () => post({}),
        malformed: () => post({ 'x-telegram-bot-api-secret-token': SECRET }, '{"update_id":'),
      },
      stop: () => api.close(),
    };
  },
};
