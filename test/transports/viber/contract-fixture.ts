/** Viber REST Bot API for the contract suite: `send_message` statuses and signed callbacks. */
import { createHmac } from 'node:crypto';
import type { ContractFixture } from '../contract-fixture.js';
import { scriptedApi, webhookRequest } from '../contract-fixture.js';
import { SUCCESS_BODY } from './fake-viber.js';

const TOKEN = '445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9';
const USER_ID = '01234567890A=';
const sign = (body: string, key = TOKEN) => createHmac('sha256', key).update(body, 'utf8').digest('hex');

const MESSAGE = JSON.stringify({
  event: 'message',
  timestamp: 1763805600000,
  message_token: 4912661846655238,
  sender: { id: USER_ID, name: 'Lan', language: 'vi' },
  message: { type: 'text', text: 'Chào bạn' },
});

/** Viber answers HTTP 200 with the outcome in `status` (its table of error codes). */
const status = (code: number, name: string) => ({
  status: 200,
  body: JSON.stringify({ status: code, status_message: name }),
});

export const fixture: ContractFixture = {
  provider: 'viber',
  async start() {
    const { api, answerWith } = await scriptedApi({ status: 200, body: SUCCESS_BODY });
    const post = (headers: Record<string, string>, body = MESSAGE) => webhookRequest('viber/bot-1', { headers, body });
    const failure = (code: number, name: string, reason: string, retryable = false) => ({
      name: `status ${code} ${name}`,
      arrange: () => answerWith(status(code, name)),
      expected: { ok: false as const, reason, retryable },
    });
    return {
      account: {
        type: 'viber',
        id: 'bot-1',
        options: { authToken: TOKEN, senderName: 'Acme Support', baseUrl: api.url },
      },
      address: USER_ID,
      requestsReceived: () => api.requests.length,
      success: {
        name: 'status 0 ok',
        // Sent as text, as Viber does: the 64-bit message_token must stay exact.
        arrange: () => answerWith({ status: 200, body: SUCCESS_BODY }),
        expected: { ok: true, providerMessageId: '5595771666503728439' },
      },
      failures: [
        failure(2, 'invalidAuthToken', 'viber.auth_failed'),
        failure(6, 'receiverNotSubscribed', 'viber.not_subscribed'),
        failure(12, 'tooManyRequests', 'provider_error', true),
        failure(23, 'freeMessagesExceeded', 'viber.free_quota_exhausted'),
        failure(24, 'noBalance', 'viber.no_balance'),
      ],
      webhook: {
        sender: USER_ID,
        signed: () => post({ 'x-viber-content-signature': sign(MESSAGE) }),
        badSignature: () => post({ 'x-viber-content-signature': sign(MESSAGE, 'another-token') }),
        missingSignature: () => post({}),
        malformed: () => post({ 'x-viber-content-signature': sign('[1,2') }, '[1,2'),
      },
      stop: () => api.close(),
    };
  },
};
