import { describe, expect, it } from 'vitest';
import {
  SMTP_ERROR_RULES,
  createSmtpChannel,
  messageIdFor,
  smtpFailure,
  smtpOptionsSchema,
} from '../../../src/transports/email/index.js';
import type { ProviderAccount } from '../../../src/transports/provider.js';
import { testDeps } from './helpers.js';

const valid = { host: 'smtp.example.net', from: { address: 'help@shop.example' } };

function create(options: Record<string, unknown>, id?: string, type: ProviderAccount['type'] = 'email') {
  return () => {
    const channel = createSmtpChannel({ type, ...(id ? { id } : {}), options }, testDeps());
    void channel.transport.close?.();
    return channel;
  };
}

describe('smtp options', () => {
  it('applies the documented defaults', () => {
    expect(smtpOptionsSchema.parse(valid)).toEqual({
      host: 'smtp.example.net',
      from: { address: 'help@shop.example' },
      secure: false,
      requireTLS: false,
      ignoreTLS: false,
      subject: 'Following up on your request',
      timeoutMs: 30_000,
    });
  });

  it('builds a transport named smtp, not sandboxed, and no webhook (inbound email goes through /api/events)', () => {
    const channel = create(valid, 'support')();
    expect(channel.transport.name).toBe('smtp');
    expect(channel.transport.sandbox).toBe(false);
    expect(channel.webhook).toBeUndefined();
  });

  it('names the option and the account in every error', () => {
    expect(create({ from: { address: 'help@shop.example' } }, 'support')).toThrow(
      'channels[email:support].options.host is required',
    );
    expect(create({ host: 'smtp.example.net' })).toThrow('channels[email].options.from is required');
    expect(create({ ...valid, from: { address: 'not an address' } }, 'support')).toThrow(
      'channels[email:support].options.from.address Invalid email address',
    );
    expect(create({ ...valid, auth: { user: 'u' } }, 'support')).toThrow(
      'channels[email:support].options.auth.pass is required',
    );
    expect(create({ ...valid, password: 'x' }, 'support')).toThrow(
      'channels[email:support].options has unknown option "password" (known: host, port',
    );
    expect(create({ ...valid, port: '587' }, 'support')).toThrow('channels[email:support].options.port');
    expect(create({ ...valid, requireTLS: true, ignoreTLS: true }, 'support')).toThrow(
      'channels[email:support].options.ignoreTLS cannot set both requireTLS and ignoreTLS',
    );
    expect(create({ ...valid, messageIdDomain: 'bad domain' }, 'support')).toThrow(
      'channels[email:support].options.messageIdDomain must be a host name',
    );
  });

  it('refuses to serve another channel type', () => {
    expect(create(valid, 'x', 'sms')).toThrow('channels[sms:x]: transport smtp serves channel type email, not sms');
  });
});

describe('messageIdFor', () => {
  it('keeps a dot-atom key (a UUID) as the left-hand side', () => {
    expect(messageIdFor('6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f', 'shop.example')).toBe(
      '<6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f@shop.example>',
    );
  });

  it('hashes a key that is not a dot-atom or is too long, stably', () => {
    const a = messageIdFor('C01:U02 <x>', 'shop.example');
    expect(a).toMatch(/^<fu\.[0-9a-f]{40}@shop\.example>$/);
    expect(messageIdFor('C01:U02 <x>', 'shop.example')).toBe(a);
    expect(messageIdFor('C01:U02 <y>', 'shop.example')).not.toBe(a);
    expect(messageIdFor('a'.repeat(129), 'shop.example')).toMatch(/^<fu\.[0-9a-f]{40}@shop\.example>$/);
    expect(messageIdFor('a..b', 'shop.example')).toMatch(/^<fu\./);
  });
});

describe('SMTP error table', () => {
  const cases: Array<[string, Record<string, unknown>, string, boolean]> = [
    ['421 greeting', { code: 'EPROTOCOL', responseCode: 421, command: 'CONN' }, 'email.deferred', true],
    ['450 mailbox busy', { code: 'EENVELOPE', responseCode: 450 }, 'email.deferred', true],
    ['454 temporary auth failure', { code: 'EAUTH', responseCode: 454 }, 'email.deferred', true],
    ['535 credentials invalid', { code: 'EAUTH', responseCode: 535 }, 'email.auth_failed', false],
    ['534 mechanism too weak', { code: 'EAUTH', responseCode: 534 }, 'email.auth_failed', false],
    ['EAUTH without a reply', { code: 'EAUTH' }, 'email.auth_failed', false],
    ['ENOAUTH', { code: 'ENOAUTH' }, 'email.auth_failed', false],
    ['503 bad sequence', { code: 'EENVELOPE', responseCode: 503 }, 'provider_error', true],
    ['550 mailbox unavailable', { code: 'EENVELOPE', responseCode: 550 }, 'email.rejected', false],
    ['552 storage exceeded', { code: 'EMESSAGE', responseCode: 552 }, 'email.rejected', false],
    ['554 transaction failed', { code: 'EMESSAGE', responseCode: 554 }, 'email.rejected', false],
    ['ECONNREFUSED', { code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'provider_error', true],
    ['ETIMEDOUT', { code: 'ETIMEDOUT' }, 'provider_error', true],
    ['EDNS', { code: 'EDNS' }, 'provider_error', true],
    ['our deadline (EABORT)', { code: 'EABORT', name: 'AbortError' }, 'provider_error', true],
    ['TLS handshake', { code: 'ETLS' }, 'email.tls_failed', false],
    [
      'requireTLS, the server has no STARTTLS',
      { code: 'ETLS', responseCode: 500, command: 'STARTTLS' },
      'email.tls_failed',
      false,
    ],
    ['ECONFIG', { code: 'ECONFIG' }, 'provider_error', false],
    ['something unknown', { message: 'boom' }, 'provider_error', true],
  ];
  it.each(cases)('%s', (_name, err, reason, retryable) => {
    expect(smtpFailure(Object.assign(new Error(String(err.message ?? 'x')), err))).toMatchObject({
      ok: false,
      reason,
      retryable,
    });
  });

  it('is data: every rule names its reason and why', () => {
    for (const rule of SMTP_ERROR_RULES) {
      expect(rule.reason).toMatch(/^(email\.[a-z_]+|provider_error)$/);
      expect(rule.note.length).toBeGreaterThan(10);
    }
  });
});
