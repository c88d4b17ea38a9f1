/** WhatsApp Cloud API for the contract suite: `/messages` answers (every mapped error code) and signed webhooks. */
import { createHmac } from 'node:crypto';
import type { ContractFixture, SendCase } from '../contract-fixture.js';
import { scriptedApi, webhookRequest } from '../contract-fixture.js';
import { ACCESS_TOKEN, APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN } from './fake-graph.js';

const WA_ID = '84912345678';
const sign = (body: string, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const NOTIFICATION = JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550001111', phone_number_id: PHONE_NUMBER_ID },
            contacts: [{ profile: { name: 'Linh' }, wa_id: WA_ID }],
            messages: [
              {
                from: WA_ID,
                id: 'wamid.HBgLODQ5MTIzNDU2NzgVAgASGBQz',
                timestamp: '1763805600',
                type: 'text',
                text: { body: 'Chào' },
              },
            ],
          },
        },
      ],
    },
  ],
});

/** Meta's error codes (developers.facebook.com/…/whatsapp/support/error-codes) with the HTTP status they come with. */
const ERRORS: Array<[code: number, title: string, reason: string, retryable: boolean, httpStatus?: number]> = [
  [131047, 'Re-engagement message', 'whatsapp.window_closed', false],
  [131026, 'Message undeliverable', 'whatsapp.undeliverable', false],
  [131030, 'Recipient phone number not in allowed list', 'whatsapp.recipient_not_allowed', false],
  [131050, 'User stopped marketing messages', 'whatsapp.marketing_opted_out', false],
  [131049, 'Not delivered to maintain healthy ecosystem engagement', 'whatsapp.ecosystem_limited', false],
  [132000, 'Number of parameters does not match', 'whatsapp.template_params_mismatch', false],
  [132001, 'Template name does not exist in the translation', 'whatsapp.template_not_found', false],
  [132005, 'Translated text too long', 'whatsapp.template_too_long', false],
  [132007, 'Template format character policy violated', 'whatsapp.template_format_policy', false],
  [132012, 'Template parameter format mismatch', 'whatsapp.template_param_format', false],
  [132015, 'Template is paused', 'whatsapp.template_paused', false],
  [132016, 'Template is disabled', 'whatsapp.template_disabled', false],
  [131056, 'Pair rate limit hit', 'whatsapp.pair_rate_limited', true],
  [130429, 'Rate limit hit', 'whatsapp.rate_limited', true, 429],
  [131048, 'Spam rate limit hit', 'whatsapp.spam_rate_limited', false],
  [131000, 'Something went wrong', 'provider_error', true, 500],
  [190, 'Access token has expired', 'whatsapp.auth_failed', false, 401],
  [10, 'Permission denied', 'whatsapp.permission_denied', false, 403],
  [131031, 'Account has been locked', 'whatsapp.account_locked', false],
  [131042, 'Business eligibility payment issue', 'whatsapp.payment_issue', false],
  [133010, 'Phone number not registered', 'whatsapp.sender_not_registered', false],
  [368, 'Temporarily blocked for policies violations', 'whatsapp.account_restricted', false],
];

export const fixture: ContractFixture = {
  provider: 'whatsapp-cloud',
  async start() {
    const success = {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: WA_ID, wa_id: WA_ID }],
        messages: [{ id: 'wamid.OUT1' }],
      },
    };
    const { api, answerWith } = await scriptedApi(success);
    const post = (headers: Record<string, string>, body = NOTIFICATION) =>
      webhookRequest(`whatsapp/${PHONE_NUMBER_ID}`, { headers, body });
    const failures: SendCase[] = ERRORS.map(([code, title, reason, retryable, httpStatus = 400]) => ({
      name: `${httpStatus} (#${code}) ${title}`,
      // Template errors answer template sends.
      kind: reason.includes('template') ? 'template' : 'text',
      arrange: () =>
        answerWith({
          status: httpStatus,
          body: { error: { message: title, type: 'OAuthException', code, fbtrace_id: 'AbC' } },
        }),
      expected: { ok: false, reason, retryable },
    }));
    const options = {
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: ACCESS_TOKEN,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      baseUrl: api.url,
    };
    return {
      account: { type: 'whatsapp', id: PHONE_NUMBER_ID, options },
      address: WA_ID,
      requestsReceived: () => api.requests.length,
      success: {
        name: '200 messages[0].id',
        arrange: () => answerWith(success),
        expected: { ok: true, providerMessageId: 'wamid.OUT1' },
      },
      failures,
      webhook: {
        sender: WA_ID,
        signed: () => post({ 'x-hub-signature-256': sign(NOTIFICATION) }),
        badSignature: () => post({ 'x-hub-signature-256': sign(NOTIFICATION, 'another-app-secret') }),
        missingSignature: () => post({}),
        malformed: () => post({ 'x-hub-signature-256': sign('{"object":') }, '{"object":'),
      },
      stop: () => api.close(),
    };
  },
};
