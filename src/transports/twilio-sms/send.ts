/**
 * Outbound: create a Message resource
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource):
 * `POST {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP Basic auth (AccountSid:AuthToken or
 * API key SID:secret, https://www.twilio.com/docs/usage/requests-to-twilio), form-encoded `To`, `From` or
 * `MessagingServiceSid`, `Body`, and `StatusCallback` (our webhook) when configured. 201 answers the Message
 * as JSON (`sid: 'SM…'`, `status: 'queued' | 'accepted'`); errors answer `{ code, message, more_info, status }`.
 * The Messages API takes no idempotency key: the outbox's own dedupe is all there is.
 */
import type { GuardedSendRequest, ProviderDeps, SendGuard } from '../provider.js';
import { providerFailure, retryableStatus } from '../provider.js';
import type { SendResult } from '../transport.js';
import { twilioErrorRule } from './errors.js';
import { parseJson, request, withoutTrailingSlash } from '../http.js';
import type { TwilioSmsOptions } from './options.js';

interface TwilioAnswer {
  sid?: string;
  status?: string | number;
  code?: number;
  message?: string;
  more_info?: string;
}

export const TWILIO_SMS_SEND_GUARD: SendGuard = {
  channel: 'sms',
  supports: ['text'],
  noAddress: 'This contact has no phone number for SMS.',
  unsupported: (kind) => `SMS does not support ${kind} messages.`,
};

export async function sendTwilioSms(
  options: TwilioSmsOptions,
  deps: ProviderDeps,
  { plan, address }: GuardedSendRequest,
): Promise<SendResult> {
  const o = options;
  const user = o.apiKeySid ?? o.accountSid;
  const password = o.apiKeySid ? o.apiKeySecret! : o.authToken!;
  const form = new URLSearchParams();
  form.set('To', address);
  if (o.messagingServiceSid) form.set('MessagingServiceSid', o.messagingServiceSid);
  else form.set('From', o.from!);
  form.set('Body', plan.text);
  if (o.webhookUrl) form.set('StatusCallback', o.webhookUrl);

  const outcome = await request(
    deps,
    `${withoutTrailingSlash(o.baseUrl)}/2010-04-01/Accounts/${encodeURIComponent(o.accountSid)}/Messages.json`,
    {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
    },
    o.timeoutMs,
  );
  if (!outcome.ok) return providerFailure('provider_error', `Twilio: ${outcome.detail}`, true);

  const body = parseJson(outcome.text) as TwilioAnswer | undefined;
  if (outcome.status >= 200 && outcome.status < 300) {
    if (typeof body?.sid === 'string' && body.sid) return { ok: true, providerMessageId: body.sid, sandbox: false };
    return providerFailure('provider_error', `Twilio answered HTTP ${outcome.status} without a message sid.`, false);
  }
  const code = typeof body?.code === 'number' ? body.code : undefined;
  const rule = twilioErrorRule(code);
  const retryable = rule ? rule.retryable : retryableStatus(outcome.status);
  const what = body?.message ?? rule?.meaning ?? 'no error body';
  const moreInfo = body?.more_info ? ` (${body.more_info})` : '';
  const detail = `Twilio ${outcome.status}${code !== undefined ? ` error ${code}` : ''}: ${what}${moreInfo}`;
  return providerFailure(rule?.reason ?? 'provider_error', detail, retryable);
}
