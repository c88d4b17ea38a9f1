/** SMTP for the contract suite: a real SMTP server on 127.0.0.1 answering each documented reply. */
import type { ContractFixture } from '../contract-fixture.js';
import { startSmtp } from './helpers.js';

type Reply = 'accept' | 'mailbox busy' | 'auth required' | 'mailbox unavailable';

const smtpReply = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

export const fixture: ContractFixture = {
  provider: 'smtp',
  withoutWebhook: 'inbound email reaches Followup through POST /api/events, built with emailToIngestEvents',
  async start() {
    let reply: Reply = 'accept';
    let transactions = 0;
    const fake = await startSmtp({
      allowInsecureAuth: true,
      onAuth: (_auth, _session, callback) => callback(smtpReply(535, '5.7.8 Authentication credentials invalid')),
      onMailFrom: (_address, _session, callback) => {
        transactions += 1;
        callback(reply === 'auth required' ? smtpReply(530, '5.7.0 Authentication required') : undefined);
      },
      onRcptTo: (_address, _session, callback) => {
        if (reply === 'mailbox busy') return callback(smtpReply(450, '4.2.1 Mailbox busy, try again later'));
        if (reply === 'mailbox unavailable') return callback(smtpReply(550, '5.1.1 Mailbox unavailable'));
        return callback();
      },
    });
    const answer = (next: Reply) => () => void (reply = next);
    return {
      account: {
        type: 'email',
        id: 'support',
        options: { host: '127.0.0.1', port: fake.port, from: { address: 'help@shop.example' }, timeoutMs: 2000 },
      },
      address: 'linh@example.vn',
      requestsReceived: () => transactions,
      success: {
        name: '250 queued',
        arrange: answer('accept'),
        expected: { ok: true, providerMessageId: '<fu-7c1e@shop.example>' },
      },
      failures: [
        {
          name: '450 mailbox busy',
          arrange: answer('mailbox busy'),
          expected: { ok: false, reason: 'email.deferred', retryable: true },
        },
        {
          name: '530 authentication required',
          arrange: answer('auth required'),
          expected: { ok: false, reason: 'email.auth_failed', retryable: false },
        },
        {
          name: '535 credentials invalid',
          arrange: answer('accept'),
          options: { auth: { user: 'help@shop.example', pass: 'wrong' } },
          expected: { ok: false, reason: 'email.auth_failed', retryable: false },
        },
        {
          name: '550 mailbox unavailable',
          arrange: answer('mailbox unavailable'),
          expected: { ok: false, reason: 'email.rejected', retryable: false },
        },
        {
          name: 'requireTLS, and the server offers no STARTTLS',
          arrange: answer('accept'),
          options: { requireTLS: true },
          expected: { ok: false, reason: 'email.tls_failed', retryable: false },
        },
        {
          name: 'an address that is not one (refused before the server is asked)',
          arrange: answer('accept'),
          address: 'linh at example.vn',
          expected: { ok: false, reason: 'email.invalid_address', retryable: false },
        },
      ],
      webhook: null,
      stop: () => fake.close(),
    };
  },
};
