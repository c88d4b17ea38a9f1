/** LINE Messaging API for the contract suite: push answers and `x-line-signature` webhooks. */
import { createHmac } from 'node:crypto';
import type { ContractFixture } from '../contract-fixture.js';
import { scriptedApi, webhookRequest } from '../contract-fixture.js';

const TOKEN = 'line-channel-access-token-0123456789';
const SECRET = 'line-channel-secret-abcdef';
const USER_ID = 'U4af4980629e2c1a8d3f0b9c1e6a2d7f5';
const PATH = 'line/jp';

const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');

function messageEvent(): string {
  const event = {
    type: 'message',
    mode: 'active',
    timestamp: 1763805600000,
    webhookEventId: '01HZX8Q4ZK3J9',
    source: { type: 'user', userId: USER_ID },
    replyToken: 'b60d432864f44d079f6d8efe86cf404b',
    message: { id: '444573844083572737', type: 'text', text: 'こんにちは' },
  };
  return JSON.stringify({ destination: 'Uxxxxxxxxxxxxxx', events: [event] });
}

export const fixture: ContractFixture = {
  provider: 'line',
  async start() {
    const success = { status: 200, body: { sentMessages: [{ id: '461230966842064897', quoteToken: 'IStG5h1Tz7b' }] } };
    const { api, answerWith } = await scriptedApi(success);
    const post = (headers: Record<string, string>, body = messageEvent()) => webhookRequest(PATH, { headers, body });
    return {
      account: {
        type: 'line',
        id: 'jp',
        options: { channelAccessToken: TOKEN, channelSecret: SECRET, baseUrl: api.url },
      },
      address: USER_ID,
      requestsReceived: () => api.requests.length,
      success: {
        name: '200 sentMessages',
        arrange: () => answerWith(success),
        expected: { ok: true, providerMessageId: '461230966842064897' },
      },
      failures: [
        {
          name: '429 You have reached your monthly limit.',
          arrange: () => answerWith({ status: 429, body: { message: 'You have reached your monthly limit.' } }),
          expected: { ok: false, reason: 'line.quota_exhausted', retryable: false },
        },
        {
          name: '429 The API rate limit has been exceeded.',
          arrange: () =>
            answerWith({ status: 429, body: { message: 'The API rate limit has been exceeded. Try again later.' } }),
          expected: { ok: false, reason: 'provider_error', retryable: true },
        },
        {
          name: '400 Failed to send messages',
          arrange: () => answerWith({ status: 400, body: { message: 'Failed to send messages' } }),
          expected: { ok: false, reason: 'provider_error', retryable: false },
        },
      ],
      webhook: {
        sender: USER_ID,
        signed: () => post({ 'x-line-signature': sign(messageEvent()) }),
        badSignature: () => post({ 'x-line-signature': sign(messageEvent(), 'another-secret') }),
        missingSignature: () => post({}),
        malformed: () => post({ 'x-line-signature': sign('{"events":') }, '{"events":'),
      },
      stop: () => api.close(),
    };
  },
};
