/** Account options: defaults, and one-line errors naming the option and the account. */
import { describe, expect, it } from 'vitest';
import {
  WHATSAPP_ERROR_RULES,
  createWhatsappChannel,
  whatsappErrorRule,
  whatsappOptionsSchema,
} from '../../../src/transports/whatsapp/index.js';
import { ACCESS_TOKEN, APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, testDeps } from './fake-graph.js';

const base = { phoneNumberId: PHONE_NUMBER_ID, accessToken: ACCESS_TOKEN };

/** `id: null` = the default account of the type (no id). */
function create(options: Record<string, unknown>, id: string | null = '123') {
  return createWhatsappChannel({ type: 'whatsapp', ...(id !== null ? { id } : {}), options }, testDeps());
}

describe('whatsapp-cloud options', () => {
  it('defaults to the public Graph API, a v21+ version and a 10 s timeout', () => {
    const parsed = whatsappOptionsSchema.parse(base);
    expect(parsed.baseUrl).toBe('https://graph.facebook.com');
    expect(parsed.apiVersion).toMatch(/^v\d+\.\d$/);
    expect(Number(parsed.apiVersion.slice(1))).toBeGreaterThanOrEqual(21);
    expect(parsed.timeoutMs).toBe(10_000);
  });

  it('names the missing option and the account', () => {
    expect(() => create({ phoneNumberId: PHONE_NUMBER_ID })).toThrow(
      'channels[whatsapp:123].options.accessToken is required',
    );
    expect(() => create({ accessToken: ACCESS_TOKEN }, null)).toThrow(
      'channels[whatsapp].options.phoneNumberId is required',
    );
  });

  it('names invalid and unknown options', () => {
    expect(() => create({ ...base, phoneNumberId: '+1 555 0100' })).toThrow(
      /^channels\[whatsapp:123\]\.options\.phoneNumberId must be the numeric phone number id/,
    );
    expect(() => create({ ...base, apiVersion: 'v18.0' })).toThrow(
      'channels[whatsapp:123].options.apiVersion must be v21.0 or newer',
    );
    expect(() => create({ ...base, baseUrl: 'not a url' })).toThrow(/options\.baseUrl must be a URL/);
    expect(() => create({ ...base, token: 'x' })).toThrow('channels[whatsapp:123].options has unknown option "token"');
  });

  it('needs appSecret and verifyToken together; with both the webhook is mounted', () => {
    expect(() => create({ ...base, appSecret: APP_SECRET })).toThrow(
      'channels[whatsapp:123].options.verifyToken is required when appSecret is set',
    );
    expect(() => create({ ...base, verifyToken: VERIFY_TOKEN })).toThrow(
      'channels[whatsapp:123].options.appSecret is required when verifyToken is set',
    );
    expect(create(base).webhook).toBeUndefined();
    expect(create({ ...base, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN }).webhook?.path).toBe(
      `whatsapp/${PHONE_NUMBER_ID}`,
    );
  });

  it('serves only whatsapp accounts and is a real (non-sandbox) transport', () => {
    expect(() => createWhatsappChannel({ type: 'sms', options: base }, testDeps())).toThrow(
      'channels[sms]: transport whatsapp-cloud serves channel type whatsapp, not sms',
    );
    const { transport } = create(base);
    expect(transport.name).toBe('whatsapp-cloud');
    expect(transport.sandbox).toBe(false);
  });
});

describe('whatsapp error table', () => {
  it('maps the policy codes and the retry rule', () => {
    expect(whatsappErrorRule(131047)).toEqual({ reason: 'whatsapp.window_closed', retryable: false });
    expect(whatsappErrorRule(190, 401)).toEqual({ reason: 'whatsapp.auth_failed', retryable: false });
    expect(whatsappErrorRule(130429, 400)).toEqual({ reason: 'whatsapp.rate_limited', retryable: true });
    expect(whatsappErrorRule(250, 403)).toEqual({ reason: 'whatsapp.permission_denied', retryable: false });
    expect(whatsappErrorRule(undefined, 429)).toEqual({ reason: 'provider_error', retryable: true });
    expect(whatsappErrorRule(undefined, 400)).toEqual({ reason: 'provider_error', retryable: false });
    expect(whatsappErrorRule(12345)).toEqual({ reason: 'provider_error', retryable: false });
    for (const rule of Object.values(WHATSAPP_ERROR_RULES))
      expect(rule.reason).toMatch(/^(whatsapp\.[a-z_]+|provider_error)$/);
  });
});
