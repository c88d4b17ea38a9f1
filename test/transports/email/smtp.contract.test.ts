/**
 * Contract test of the `smtp` transport against a real SMTP server (smtp-server) on 127.0.0.1: the
 * envelope, the headers and the UTF-8 body that arrive, and how each kind of refusal maps to a reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpChannel } from '../../../src/transports/email/index.js';
import type { ProviderAccount } from '../../../src/transports/provider.js';
import type { Transport } from '../../../src/transports/transport.js';
import {
  type FakeSmtp,
  NOW,
  closedPort,
  parseMail,
  sendRequest,
  smtpError,
  startRawServer,
  startSmtp,
  testDeps,
} from './helpers.js';

const VI_AR =
  'Xin chào chị Linh, đơn hàng #4521 của chị đã được giao hôm nay. ' +
  'Nếu có gì chưa ổn, chị cứ trả lời email này nhé — cảm ơn chị!\n' +
  '.Dòng bắt đầu bằng dấu chấm\n' +
  'مرحبا أحمد، تم شحن طلبك رقم ٤٥٢١ اليوم. إذا كان لديك أي سؤال، يرجى الرد على هذه الرسالة. شكراً لك!';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function account(
  port: number,
  options: Record<string, unknown> = {},
  id: string | undefined = 'support',
): ProviderAccount {
  return {
    type: 'email',
    id,
    options: {
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      from: { address: 'help@shop.example', name: 'Cửa hàng Ánh Dương' },
      timeoutMs: 2000,
      ...options,
    },
  };
}

function transportFor(acct: ProviderAccount, deps = testDeps()): Transport {
  const channel = createSmtpChannel(acct, deps);
  const transport = channel.transport;
  cleanups.push(() => transport.close?.());
  return transport;
}

async function server(options: Parameters<typeof startSmtp>[0] = {}): Promise<FakeSmtp> {
  const fake = await startSmtp(options);
  cleanups.push(() => fake.close());
  return fake;
}

describe('smtp transport: delivery', () => {
  it('authenticates and delivers the exact envelope, headers and UTF-8 body (Vietnamese and Arabic)', async () => {
    const fake = await server({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer@shop.example' && auth.password === 's3cret-pass')
          callback(null, { user: auth.username });
        else callback(smtpError(535, 'Authentication credentials invalid'));
      },
    });
    const transport = transportFor(
      account(fake.port, {
        auth: { user: 'mailer@shop.example', pass: 's3cret-pass' },
        replyTo: 'support@shop.example',
      }),
    );

    const result = await transport.send(sendRequest(VI_AR, 'linh.nguyen@example.vn'));

    expect(result).toEqual({
      ok: true,
      providerMessageId: '<6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f@shop.example>',
      sandbox: false,
    });
    expect(fake.received).toHaveLength(1);
    const got = fake.received[0]!;
    expect(got.user).toBe('mailer@shop.example');
    expect(got.mailFrom).toBe('help@shop.example');
    expect(got.rcptTo).toEqual(['linh.nguyen@example.vn']);
    const mail = parseMail(got.raw);
    expect(mail.header('From')).toBe('Cửa hàng Ánh Dương <help@shop.example>');
    expect(mail.header('To')).toBe('linh.nguyen@example.vn');
    expect(mail.header('Reply-To')).toBe('support@shop.example');
    expect(mail.header('Subject')).toBe('Following up on your request');
    expect(mail.header('Message-ID')).toBe('<6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f@shop.example>');
    expect(new Date(mail.header('Date')!).toISOString()).toBe(NOW.toISOString());
    expect(mail.header('Content-Type')).toMatch(/^text\/plain; charset=utf-8$/i);
    expect(mail.text).toBe(VI_AR);
  });

  it('uses the subject and Message-ID domain options, and a plain From without a display name', async () => {
    const fake = await server();
    const transport = transportFor(
      account(fake.port, {
        subject: 'Cảm ơn bạn — متابعة طلبك',
        messageIdDomain: 'mail.shop.example',
        from: { address: 'help@shop.example' },
      }),
    );

    const result = await transport.send(sendRequest('Chào bạn!', 'ahmed@example.com', 'key-1'));

    expect(result).toMatchObject({ ok: true, providerMessageId: '<key-1@mail.shop.example>' });
    const mail = parseMail(fake.received[0]!.raw);
    expect(mail.header('Subject')).toBe('Cảm ơn bạn — متابعة طلبك');
    expect(mail.header('From')).toBe('help@shop.example');
    expect(mail.header('Reply-To')).toBeUndefined();
    expect(mail.text).toBe('Chào bạn!');
  });

  it('gives every attempt of one follow-up the same Message-ID, and other follow-ups other ones', async () => {
    const fake = await server();
    const transport = transportFor(account(fake.port));

    await transport.send(sendRequest('first try', 'linh@example.vn', 'followup-77'));
    await transport.send(sendRequest('first try', 'linh@example.vn', 'followup-77'));
    await transport.send(sendRequest('another', 'linh@example.vn', 'followup-78'));
    await transport.send(sendRequest('odd key', 'linh@example.vn', 'C01:U02 1700000000'));

    const ids = fake.received.map((m) => parseMail(m.raw).header('Message-ID'));
    expect(ids.slice(0, 3)).toEqual([
      '<followup-77@shop.example>',
      '<followup-77@shop.example>',
      '<followup-78@shop.example>',
    ]);
    // A key that is not a dot-atom is hashed into one.
    expect(ids[3]).toMatch(/^<fu\.[0-9a-f]{40}@shop\.example>$/);
  });

  it('keeps one pooled connection per account across sends', async () => {
    const fake = await server();
    const transport = transportFor(account(fake.port));

    for (const key of ['p-1', 'p-2', 'p-3']) {
      expect((await transport.send(sendRequest('hi', 'linh@example.vn', key))).ok).toBe(true);
    }

    expect(fake.received).toHaveLength(3);
    expect(fake.connections).toBe(1);
  });

  it('refuses a channel without an address, or with one that is not an email address, without connecting', async () => {
    const fake = await server();
    const transport = transportFor(account(fake.port));

    expect(await transport.send(sendRequest('hi', undefined))).toEqual({
      ok: false,
      reason: 'email.no_address',
      detail: expect.any(String),
      retryable: false,
    });
    expect(await transport.send(sendRequest('hi', 'linh@example.vn\r\nBcc: all@example.com'))).toMatchObject({
      ok: false,
      reason: 'email.invalid_address',
      retryable: false,
    });
    expect(await transport.send(sendRequest('hi', '+84912345678'))).toMatchObject({
      reason: 'email.invalid_address',
      retryable: false,
    });
    expect(fake.connections).toBe(0);
  });
});

describe('smtp transport: refusals and failures', () => {
  it('maps 550 on RCPT TO (mailbox unavailable) to email.rejected, not retryable', async () => {
    const fake = await server({ onRcptTo: (_a, _s, cb) => cb(smtpError(550, '5.1.1 Mailbox unavailable')) });
    const transport = transportFor(account(fake.port));

    const result = await transport.send(sendRequest('hi', 'nobody@example.vn'));

    expect(result).toEqual({
      ok: false,
      reason: 'email.rejected',
      detail: expect.stringContaining('550 5.1.1 Mailbox unavailable'),
      retryable: false,
    });
    expect(result.ok === false && result.detail).toMatch(/^RCPT TO: /);
    expect(fake.received).toHaveLength(0);
  });

  it('maps 553 on MAIL FROM (sender not allowed) to email.rejected', async () => {
    const fake = await server({ onMailFrom: (_a, _s, cb) => cb(smtpError(553, '5.7.1 Sender address rejected')) });
    const transport = transportFor(account(fake.port));

    expect(await transport.send(sendRequest('hi', 'linh@example.vn'))).toMatchObject({
      ok: false,
      reason: 'email.rejected',
      retryable: false,
    });
  });

  it('maps 451 on RCPT TO and 452 after DATA (transient) to a retryable email.deferred', async () => {
    const rcpt = await server({ onRcptTo: (_a, _s, cb) => cb(smtpError(451, '4.3.0 Try again later')) });
    const data = await server({
      onData(stream, _s, cb) {
        stream.resume();
        stream.on('end', () => cb(smtpError(452, '4.3.1 Insufficient system storage')));
      },
    });

    const r1 = await transportFor(account(rcpt.port)).send(sendRequest('hi', 'linh@example.vn'));
    const r2 = await transportFor(account(data.port)).send(sendRequest('hi', 'linh@example.vn'));

    expect(r1).toEqual({
      ok: false,
      reason: 'email.deferred',
      detail: expect.stringContaining('451 4.3.0 Try again later'),
      retryable: true,
    });
    expect(r2).toEqual({
      ok: false,
      reason: 'email.deferred',
      detail: expect.stringContaining('452 4.3.1'),
      retryable: true,
    });
  });

  it('maps a 421 greeting (service not available) to a retryable email.deferred', async () => {
    const raw = await startRawServer((socket) =>
      socket.end('421 mx.shop.example Service not available, closing transmission channel\r\n'),
    );
    cleanups.push(() => raw.close());

    const result = await transportFor(account(raw.port)).send(sendRequest('hi', 'linh@example.vn'));

    expect(result).toMatchObject({ ok: false, reason: 'email.deferred', retryable: true });
    expect(result.ok === false && result.detail).toContain('421');
  });

  it('maps 535 (credentials invalid) to email.auth_failed, not retryable', async () => {
    const fake = await server({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth: (_auth, _s, cb) => cb(smtpError(535, '5.7.8 Authentication credentials invalid')),
    });

    const result = await transportFor(account(fake.port, { auth: { user: 'mailer', pass: 'wrong' } })).send(
      sendRequest('hi', 'linh@example.vn'),
    );

    expect(result).toEqual({
      ok: false,
      reason: 'email.auth_failed',
      detail: expect.stringContaining('535 5.7.8'),
      retryable: false,
    });
    expect(result.ok === false && result.detail).not.toContain('wrong');
  });

  it('maps 530 (authentication required, no credentials configured) to email.auth_failed', async () => {
    const fake = await server({ authOptional: false, allowInsecureAuth: true });

    const result = await transportFor(account(fake.port)).send(sendRequest('hi', 'linh@example.vn'));

    expect(result).toMatchObject({ ok: false, reason: 'email.auth_failed', retryable: false });
    expect(result.ok === false && result.detail).toContain('530');
  });

  it('maps a refused connection (closed port) to a retryable provider_error', async () => {
    const port = await closedPort();

    const result = await transportFor(account(port)).send(sendRequest('hi', 'linh@example.vn'));

    expect(result).toEqual({
      ok: false,
      reason: 'provider_error',
      detail: expect.stringContaining('ECONNREFUSED'),
      retryable: true,
    });
  });

  it('gives up on a server that never greets after timeoutMs, retryable', async () => {
    const silent = await startRawServer(() => {});
    cleanups.push(() => silent.close());
    const started = performance.now();

    const result = await transportFor(account(silent.port, { timeoutMs: 200 })).send(
      sendRequest('hi', 'linh@example.vn'),
    );

    expect(result).toMatchObject({ ok: false, reason: 'provider_error', retryable: true });
    expect(result.ok === false && result.detail).toContain('ETIMEDOUT');
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
