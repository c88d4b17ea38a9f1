/** Website chat for the contract suite: the site's backend answers, and visitor messages signed both ways. */
import type { ContractFixture } from '../contract-fixture.js';
import { scriptedApi, webhookRequest } from '../contract-fixture.js';
import { SECRET, hmac } from './helpers.js';

const VISITOR = 'visitor-8c1f';
const MESSAGE = JSON.stringify({
  id: 'msg_01HZX8',
  visitorId: VISITOR,
  text: 'Hello?',
  sentAt: '2026-11-21T11:58:00+07:00',
  name: 'Linh',
});

function post(headers: Record<string, string>, body = MESSAGE) {
  return webhookRequest('webchat/shop', { headers: { 'content-type': 'application/json', ...headers }, body });
}

const signedAt = (now: Date, body = MESSAGE, secret = SECRET) => {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { 'x-followup-timestamp': String(timestamp), 'x-followup-signature': hmac(secret, timestamp, body) };
};

export const fixture: ContractFixture = {
  provider: 'webchat',
  async start() {
    const success = { status: 200, body: { messageId: 'site-msg-1' } };
    const { api, answerWith } = await scriptedApi(success);
    const failure = (status: number, error: string, reason: string, retryable: boolean) => ({
      name: `HTTP ${status} ${error}`,
      arrange: () =>
        answerWith({ status, body: { error }, ...(status < 400 ? { headers: { location: `${api.url}/moved` } } : {}) }),
      expected: { ok: false as const, reason, retryable },
    });
    return {
      account: { type: 'webchat', id: 'shop', options: { webhookUrl: `${api.url}/followup/messages`, secret: SECRET } },
      address: VISITOR,
      requestsReceived: () => api.requests.length,
      success: {
        name: '200 { messageId }',
        arrange: () => answerWith(success),
        expected: { ok: true, providerMessageId: 'site-msg-1' },
      },
      failures: [
        failure(400, 'unknown visitor', 'webchat.rejected', false),
        failure(301, 'moved', 'webchat.rejected', false),
        failure(429, 'slow down', 'provider_error', true),
        failure(503, 'maintenance', 'provider_error', true),
      ],
      webhook: {
        sender: VISITOR,
        signed: (now) => post(signedAt(now)),
        badSignature: (now) => post(signedAt(now, MESSAGE, 'another-secret-of-at-least-32-characters')),
        missingSignature: () => post({}),
        malformed: (now) => post(signedAt(now, '{"id":'), '{"id":'),
      },
      stop: () => api.close(),
    };
  },
};
