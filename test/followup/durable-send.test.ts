/**
 * A follow-up is written to the outbox before anyone is told "Sending…" (enqueueFollowUp), then delivered
 * under the contact's lock (deliverQueued). What is written survives a crash and is sent exactly once; the
 * window is decided again at delivery; an attempt that started before a crash is in doubt, never resent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OutboxWorker,
  deliverQueued,
  enqueueFollowUp,
  evaluateChannel,
  retryQueued,
  sendFollowUp,
  windowStatusFor,
} from '../../src/followup/index.js';
import { applyEvents } from '../../src/ingest/index.js';
import type { RuleOverrides } from '../../src/policy/index.js';
import { type Store, openStore } from '../../src/store/index.js';
import { SandboxTransport } from '../../src/transports/sandbox/index.js';
import type { SendRequest, SendResult, Transport } from '../../src/transports/transport.js';
import { TransportRegistry } from '../../src/transports/transport.js';
import { wroteAt } from '../store/helpers.js';

const T = new Date('2026-11-21T12:00:00.000Z');
const at = (ms: number) => new Date(T.getTime() + ms);

class ScriptedTransport implements Transport {
  readonly name = 'scripted';
  readonly sandbox = false;
  readonly calls: SendRequest[] = [];
  constructor(public answers: SendResult[] = []) {}
  async send(req: SendRequest): Promise<SendResult> {
    this.calls.push(req);
    return this.answers.shift() ?? { ok: true, providerMessageId: `pm-${this.calls.length}`, sandbox: false };
  }
}

let dir: string;
let url: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followup-durable-'));
  url = `sqlite://${join(dir, 's.sqlite')}`;
  store = await openStore(url);
  await applyEvents(store, [
    ...wroteAt(at(-3_600_000), {}, '1'),
    { id: 'cl1', type: 'conversation.closed', at: at(-60_000).toISOString(), contactId: 'c1' },
    ...wroteAt(at(-3_600_000), { id: 'c2', firstName: 'Wei', type: 'wechat', address: 'openid-1' }, '2'),
  ]);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const deps = (t: Transport, rules: RuleOverrides = {}) => {
  const transports = new TransportRegistry(new SandboxTransport());
  transports.register('whatsapp', undefined, t);
  transports.register('wechat', undefined, t);
  return { store, transports, settings: { rules, closingLogic: 'unassign' as const } };
};
const input = (key: string, contactId = 'c1', channelKey = 'whatsapp', text = 'Xin chào') => ({
  contactId,
  channelKey,
  message: { kind: 'text' as const, text },
  senderId: 'U1',
  idempotencyKey: key,
  now: T,
});

describe('the write comes before the answer', () => {
  it('enqueueFollowUp stores the entry, queued and never attempted, and calls no transport', async () => {
    const t = new ScriptedTransport();
    const written = await enqueueFollowUp(input('k1'), deps(t));
    expect(written).toMatchObject({ ok: true, duplicate: false });
    expect(t.calls).toHaveLength(0);
    const stored = await store.outbox.findByIdempotencyKey('k1');
    expect(stored).toMatchObject({
      status: 'queued',
      attempts: 0,
      inFlightSince: null,
      nextAttemptAt: null,
      text: 'Xin chào',
    });
  });

  it('a crash between the write and the delivery: the worker delivers it after the restart, once', async () => {
    const t = new ScriptedTransport();
    const written = await enqueueFollowUp(input('k1'), deps(t));
    if (!written.ok) throw new Error('expected the entry to be written');
    await store.close(); // the process dies before deliverQueued
    store = await openStore(url);
    const worker = new OutboxWorker(
      deps(t),
      () => at(5_000),
      (e) => {
        throw e;
      },
    );
    expect(await worker.tick()).toBe(1);
    expect(t.calls).toHaveLength(1);
    expect(await store.outbox.findByIdempotencyKey('k1')).toMatchObject({
      status: 'sent',
      attempts: 1,
      providerMessageId: 'pm-1',
    });
    expect(await store.contacts.get('c1')).toMatchObject({ status: 'open', assignee: 'U1' });
    // The request resuming with what it wrote finds it sent: reported, not sent again.
    expect(await deliverQueued(written.entry, deps(t), at(6_000))).toMatchObject({
      ok: true,
      entry: { status: 'sent' },
    });
    expect(t.calls).toHaveLength(1);
  });

  it('an attempt that started before a crash is in doubt for the request too: failed, never resent', async () => {
    const hang: Transport = { name: 'hang', sandbox: false, send: () => new Promise<SendResult>(() => undefined) };
    const written = await enqueueFollowUp(input('k1'), deps(hang));
    if (!written.ok) throw new Error('expected the entry to be written');
    void deliverQueued(written.entry, deps(hang), T);
    await new Promise((r) => setTimeout(r, 100));
    await store.close();
    store = await openStore(url);
    const t = new ScriptedTransport();
    const outcome = await deliverQueued(written.entry, deps(t), at(60_000));
    expect(outcome).toMatchObject({ ok: false, kind: 'failed', reason: 'in_doubt' });
    expect(t.calls).toHaveLength(0);
    expect((await store.outbox.findByIdempotencyKey('k1'))!.error).toMatch(/^in_doubt/);
  });
});

describe('idempotency across the split', () => {
  it('two submits at once with one key: one entry, one delivery, one of them a duplicate', async () => {
    const t = new ScriptedTransport();
    const both = await Promise.all([sendFollowUp(input('k1'), deps(t)), sendFollowUp(input('k1'), deps(t))]);
    expect(t.calls).toHaveLength(1);
    expect(both.every((o) => o.ok)).toBe(true);
    expect(both.map((o) => o.ok && o.duplicate).sort()).toEqual([false, true]);
    expect(await store.outbox.list({ contactId: 'c1' })).toHaveLength(1);
  });

  it('a second submit while the first waits for a retry reports it queued and sends nothing', async () => {
    const t = new ScriptedTransport([{ ok: false, reason: 'provider_error', detail: '503', retryable: true }]);
    expect(await sendFollowUp(input('k1'), deps(t))).toMatchObject({ ok: false, kind: 'queued' });
    const again = await sendFollowUp({ ...input('k1'), now: at(1_000) }, deps(t));
    expect(again).toMatchObject({ ok: false, kind: 'queued', reason: 'provider_error', detail: '503' });
    expect(t.calls).toHaveLength(1);
  });

  it('two resubmissions at once after a failure send it once more, with the text decided now', async () => {
    const t = new ScriptedTransport([{ ok: false, reason: 'invalid_request', detail: 'bad', retryable: false }]);
    expect(await sendFollowUp(input('k1'), deps(t))).toMatchObject({ ok: false, kind: 'failed' });
    const fixed = { ...input('k1', 'c1', 'whatsapp', 'Xin chào lại'), now: at(1_000) };
    const both = await Promise.all([sendFollowUp(fixed, deps(t)), sendFollowUp(fixed, deps(t))]);
    expect(t.calls).toHaveLength(2);
    expect(t.calls[1]!.plan.text).toBe('Xin chào lại');
    expect(both.map((o) => o.ok && o.duplicate).sort()).toEqual([false, true]);
    expect(await store.outbox.findByIdempotencyKey('k1')).toMatchObject({ status: 'sent', text: 'Xin chào lại' });
  });

  it('the worker does not retry early an entry the request attempted after the worker listed it', async () => {
    const t = new ScriptedTransport([{ ok: false, reason: 'provider_error', detail: '503', retryable: true }]);
    const written = await enqueueFollowUp(input('k1'), deps(t));
    if (!written.ok) throw new Error('expected the entry to be written');
    const listedByWorker = written.entry; // due: never attempted
    expect(await deliverQueued(written.entry, deps(t), T)).toMatchObject({ ok: false, kind: 'queued' });
    expect(await retryQueued(listedByWorker, deps(t), at(1_000))).toMatchObject({ ok: false, kind: 'not_found' });
    expect(t.calls).toHaveLength(1);
    expect(await store.outbox.findByIdempotencyKey('k1')).toMatchObject({ status: 'queued', attempts: 1 });
  });
});

describe('the window is decided again at delivery', () => {
  it('two entries written while the WeChat cap allowed both: only one goes out, the other is refused', async () => {
    const t = new ScriptedTransport();
    const d = deps(t, { wechat: { maxOutbound: 1 } });
    const a = await enqueueFollowUp(input('ka', 'c2', 'wechat', 'one'), d);
    const b = await enqueueFollowUp(input('kb', 'c2', 'wechat', 'two'), d);
    if (!a.ok || !b.ok) throw new Error('expected both entries to be written');
    expect(await deliverQueued(a.entry, d, T)).toMatchObject({ ok: true });
    const second = await deliverQueued(b.entry, d, T);
    expect(second).toMatchObject({ ok: false, kind: 'refused', refusal: { reason: 'wechat.outbound_cap_reached' } });
    expect(t.calls.map((c) => c.plan.text)).toEqual(['one']);
    expect(await store.outbox.findByIdempotencyKey('kb')).toMatchObject({ status: 'failed' });
    expect((await store.contacts.get('c2'))!.channels[0]!.outboundSinceInbound).toBe(1);
  });
});

describe('a channel without an address', () => {
  it('shows as closed with the policy’s no_address reason before anyone types', async () => {
    await applyEvents(store, [
      {
        id: 'u3',
        type: 'contact.upserted',
        at: at(-60_000).toISOString(),
        contact: {
          id: 'c3',
          firstName: 'Zoé',
          channels: [{ type: 'telegram' }, { type: 'sms', address: '+33612345678' }],
        },
      },
      { id: 'in3', type: 'message.received', at: at(-60_000).toISOString(), contactId: 'c3', channel: 'telegram' },
    ]);
    const [telegram, sms] = await windowStatusFor((await store.contacts.get('c3'))!, T, { store, rules: {} });
    expect(telegram!.status).toMatchObject({
      state: 'closed',
      reason: 'telegram.no_address',
      allowed: [],
      changesAt: null,
    });
    expect(sms!.status).toMatchObject({ state: 'no_window', allowed: ['text'] });
    const withAddress = evaluateChannel({ ...telegram!.channel, address: '12345' }, T, {});
    expect(withAddress.allowed).toEqual(['text']);
  });
});

describe('a retry re-checks the plan by the same rule as the first delivery', () => {
  it('Messenger text planned as RESPONSE is not retried once only HUMAN_AGENT may carry it', async () => {
    await applyEvents(store, [
      {
        id: 'u3',
        type: 'contact.upserted',
        at: at(-3_600_000).toISOString(),
        contact: { id: 'c3', firstName: 'Ana', channels: [{ type: 'messenger', address: 'psid-3' }] },
      },
      { id: 'in3', type: 'message.received', at: at(-3_600_000).toISOString(), contactId: 'c3', channel: 'messenger' },
    ]);
    const t = new ScriptedTransport([{ ok: false, reason: 'provider_error', detail: '503', retryable: true }]);
    const d = deps(t);
    d.transports.register('messenger', undefined, t);
    const first = await sendFollowUp(input('m1', 'c3', 'messenger', 'Hello'), d);
    expect(first).toMatchObject({ ok: false, kind: 'queued' });
    const entry = (await store.outbox.findByIdempotencyKey('m1'))!;
    // 23 h later the 24 h standard window has closed: text is still allowed, but only as HUMAN_AGENT.
    const later = at(23 * 3_600_000);
    expect(
      (await windowStatusFor((await store.contacts.get('c3'))!, later, { ...d, rules: {} }))[0]!.status.state,
    ).toBe('human_agent');
    const retried = await retryQueued(entry, d, later);
    expect(retried).toMatchObject({ ok: false, kind: 'failed' });
    expect(t.calls).toHaveLength(1);
  });
});
