/** Twilio Messages API for the contract suite: create-message answers and `X-Twilio-Signature` webhooks. */
import { createHmac } from 'node:crypto';
import type { ContractFixture } from '../contract-fixture.js';
import { scriptedApi, webhookRequest } from '../contract-fixture.js';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const WEBHOOK_URL = 'https://followup.example.com/webhooks/twilio-sms/us';
const PHONE = '+14155550123';

/** Twilio's scheme, computed here independently: HMAC-SHA1 of the URL and the sorted name+value pairs. */
function sign(params: Record<string, string>, token = AUTH_TOKEN): string {
  const data =
    WEBHOOK_URL +
    Object.keys(params)
      .sort()
      .map((name) => name + params[name])
      .join('');
  return createHmac('sha1', token).update(data).digest('base64');
}

const twilioError = (status: number, code: number, message: string) => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

const INBOUND = {
  MessageSid: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
  AccountSid: ACCOUNT_SID,
  From: PHONE,
  To: '+15005550006',
  Body: 'Hi',
};

export const fixture: ContractFixture = {
  provider: 'twilio-sms',
  async start() {
    const success = { status: 201, body: { sid: 'SMa1b2c3d4e5f60718293a4b5c6d7e8f90', status: 'queued' } };
    const { api, answerWith } = await scriptedApi(success);
    const post = (params: Record<string, string>, signature: string | undefined) =>
      webhookRequest('twilio-sms/us', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
    const failure = (code: number, message: string, reason: string) => ({
      name: `${code} ${message}`,
      arrange: () => answerWith(twilioError(400, code, message)),
      expected: { ok: false as const, reason, retryable: false },
    });
    const options = {
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: '+15005550006',
      webhookUrl: WEBHOOK_URL,
      baseUrl: api.url,
    };
    const { MessageSid: _sid, ...withoutMessageSid } = INBOUND;
    return {
      account: { type: 'sms', id: 'us', options },
      address: PHONE,
      requestsReceived: () => api.requests.length,
      success: {
        name: '201 Message queued',
        arrange: () => answerWith(success),
        expected: { ok: true, providerMessageId: success.body.sid },
      },
      failures: [
        failure(21211, "Invalid 'To' Phone Number", 'sms.invalid_address'),
        failure(21610, 'Attempt to send to unsubscribed recipient', 'sms.opted_out'),
        failure(21612, "The 'To' phone number is not currently reachable", 'sms.not_deliverable'),
        {
          name: '429 20429 Too Many Requests',
          arrange: () => answerWith(twilioError(429, 20429, 'Too Many Requests')),
          expected: { ok: false, reason: 'provider_error', retryable: true },
        },
      ],
      webhook: {
        sender: PHONE,
        signed: () => post(INBOUND, sign(INBOUND)),
        badSignature: () => post(INBOUND, sign(INBOUND, 'not-the-auth-token')),
        missingSignature: () => post(INBOUND, undefined),
        malformed: () => post(withoutMessageSid, sign(withoutMessageSid)),
      },
      stop: () => api.close(),
    };
  },
};
