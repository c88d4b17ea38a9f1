/**
 * The contract fixture shared by Messenger and Instagram (one Send API, one webhook shape): Send API answers
 * for every Graph error rule, and `X-Hub-Signature-256` webhooks with a customer's message.
 */
import type { ContractFixture, SendCase } from '../contract-fixture.js';
import { scriptedApi, webhookRequest } from '../contract-fixture.js';
import { sign } from './meta-fixtures.js';

const SECRET = 'meta-app-secret-0f9e';
const SENDER = '6723918823017345';

/** Graph errors (Messenger Platform "Common Error Codes", Graph rate limiting), with the HTTP status they come with. */
const ERRORS: Array<
  [code: number, subcode: number | undefined, title: string, reason: string, retryable: boolean, tagged?: true]
> = [
  [10, 2018278, 'Message sent outside of allowed window', 'window_closed', false],
  [551, undefined, "This person isn't available right now", 'person_unavailable', false],
  [100, 2018001, 'No matching user found', 'invalid_request', false],
  [100, undefined, 'Tag is not allowed', 'tag_not_accepted', false, true],
  [190, undefined, 'Error validating access token', 'auth_failed', false],
  [4, undefined, 'Application request limit reached', 'rate_limited', true],
  [2, undefined, 'An unexpected error has occurred. Please retry your request later.', 'provider_error', true],
];

export function metaContractFixture(
  channel: 'messenger' | 'instagram',
  accountId: string,
  options: Record<string, unknown>,
  extraErrors: typeof ERRORS = [],
): ContractFixture {
  return {
    provider: channel,
    async start() {
      const success = { status: 200, body: { recipient_id: SENDER, message_id: 'm_OUT1' } };
      const { api, answerWith } = await scriptedApi(success);
      const body = JSON.stringify({
        object: channel === 'messenger' ? 'page' : 'instagram',
        entry: [
          {
            id: accountId,
            time: 1763805600500,
            messaging: [
              {
                sender: { id: SENDER },
                recipient: { id: accountId },
                timestamp: 1763805600000,
                message: { mid: 'm_IN1', text: 'Hi' },
              },
            ],
          },
        ],
      });
      const post = (headers: Record<string, string>, raw = body) =>
        webhookRequest(`${channel}/${accountId}`, { headers, body: raw });
      const failures: SendCase[] = [...ERRORS, ...extraErrors].map(
        ([code, subcode, title, reason, retryable, tagged]) => ({
          name: `(#${code}${subcode ? `/${subcode}` : ''}) ${title}${tagged ? ', on a tagged message' : ''}`,
          kind: tagged ? 'tag' : 'text',
          arrange: () =>
            answerWith({
              status: 400,
              body: {
                error: { message: title, type: 'OAuthException', code, error_subcode: subcode, fbtrace_id: 'AbC' },
              },
            }),
          expected: { ok: false, reason: reason === 'provider_error' ? reason : `${channel}.${reason}`, retryable },
        }),
      );
      return {
        account: {
          type: channel,
          id: accountId,
          options: { ...options, appSecret: SECRET, verifyToken: 'verify-me-7', baseUrl: api.url },
        },
        address: SENDER,
        requestsReceived: () => api.requests.length,
        success: {
          name: '200 message_id',
          arrange: () => answerWith(success),
          expected: { ok: true, providerMessageId: 'm_OUT1' },
        },
        failures,
        webhook: {
          sender: SENDER,
          signed: () => post({ 'x-hub-signature-256': sign(body, SECRET) }),
          badSignature: () => post({ 'x-hub-signature-256': sign(body, 'another-app-secret') }),
          missingSignature: () => post({}),
          malformed: () => post({ 'x-hub-signature-256': sign('{}', SECRET) }, '{}'),
        },
        stop: () => api.close(),
      };
    },
  };
}
