/**
 * Delivery through a provider: retryable failures stay queued and are retried with backoff (also after a
 * restart); a window failure from the provider closes the window in our records at once; delivery reports
 * from webhooks reach the outbox; webhook senders are matched to existing contacts by address.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AddressBook } from '../../src/contacts/address-book.js';
import { MAX_ATTEMPTS, OutboxWorker, sendFollowUp, windowStatusFor } from '../../src/followup/index.js';
import { applyEvents } from '../../src/ingest/index.js';
import { applyProviderEvents } from '../../src/ingest/provider-events.js';
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
  constructor(public answers: SendResult[]) {}
  async send(req: SendRequest): Promise<SendResult> {
    this.calls.push(req);
    return this.answers.shift() ?? { ok: true, providerMessageId: `pm-${this.calls.length}`, sandbox: false };
  }
}

let dir: string;
let url: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followup-delivery-'));
  url = `sqlite://${join(dir, 's.sqlite')}`;
  store = await openStore(url);
  await applyEvents(store, [
    ...wroteAt(at(-3_600_000)),
    { id: 'cl', type: 'conversation.closed', at: at(-60_000).toISOString(), contactId: 'c1' },
  ]);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const deps = (t: Transport) => {
  const transports = new TransportRegistry(new SandboxTransport());
  transports.register('whatsapp', undefined, t);
  return { store, transports, settings: { rules: {}, closingLogic: 'unassign' as const } };
};
const send = (t: Transport, key = 'k1', now = T) =>
  sendFollowUp(
    {
      contactId: 'c1',
      channelKey: 'whatsapp',
      message: { kind: 'text', text: 'Xin chào' },
      senderId: 'U1',
      idempotencyKey: key,
      now,
    },
    deps(t),
  );

describe('retryable failures', () => {
  it('stay queued with backoff, and the worker delivers them when due — even after a restart', async () => {
    const t = new ScriptedTransport([{ ok: false, reason: 'provider_error', detail: '503', retryable: true }]);
    const first = await send(t);
    expect(first).toMatchObject({ ok: false, kind: 'queued' });
    if (first.ok || first.kind !== 'queued') throw new Error('expected queued');
    expect(first.nextAttemptAt.getTime()).toBe(T.getTime() + 30_000);
    expect((await store.contacts.get('c1'))!.status).toBe('closed');

    // Restart: a new store handle and a new worker find the queued entry.
    await store.close();
    store = await openStore(url);
    let now = at(10_000);
    const worker = new OutboxWorker(
      deps(t),
      () => now,
      (e) => {
        throw e;
      },
    );
    expect(await worker.tick()).toBe(0);
    now = at(30_000);
    expect(await worker.tick()).toBe(1);
    expect(t.calls).toHaveLength(2);
    const entry = (await store.outbox.list({ contactId: 'c1' }))[0]!;
    expect(entry).toMatchObject({ status: 'sent', attempts: 2, providerMessageId: 'pm-2' });
    expect(await store.contacts.get('c1')).toMatchObject({ status: 'open', assignee: 'U1' });
  });

  it(`give up after ${MAX_ATTEMPTS} attempts`, async () => {
    const fail = (): SendResult => ({ ok: false, reason: 'provider_error', detail: 'timeout', retryable: true });
    const t = new ScriptedTransport(Array.from({ length: 10 }, fail));
    await send(t);
    let now = T;
    const worker = new OutboxWorker(
      deps(t),
      () => now,
      () => undefined,
    );
    for (let i = 0; i < 10; i++) {
      now = at((i + 1) * 3_600_000);
      await worker.tick();
    }
    expect(t.calls).toHaveLength(MAX_ATTEMPTS);
    expect((await store.outbox.list())[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('a retry never sends what the window no longer allows', async () => {
    const t = new ScriptedTransport([{ ok: false, reason: 'provider_error', detail: '503', retryable: true }]);
    await send(t);
    const worker = new OutboxWorker(
      deps(t),
      () => at(24 * 3_600_000),
      () => undefined,
    );
    await worker.tick();
    expect(t.calls).toHaveLength(1);
    expect((await store.outbox.list())[0]).toMatchObject({ status: 'failed' });
    expect((await store.outbox.list())[0]!.error).toMatch(/whatsapp\.window_closed/);
  });
});

describe('provider window failures', () => {
  it('a send refused as outside the window closes it in our records until the contact writes again', async () => {
    const t = new ScriptedTransport([
      { ok: false, reason: 'whatsapp.window_closed', detail: '131047', retryable: false },
    ]);
    expect(await send(t)).toMatchObject({ ok: false, kind: 'failed', reason: 'whatsapp.window_closed' });
    const [s] = await windowStatusFor((await store.contacts.get('c1'))!, at(1000), { store, rules: {} });
    expect(s!.status.state).toBe('template_only');
    await applyEvents(store, [
      { id: 'in2', type: 'message.received', at: at(2000).toISOString(), contactId: 'c1', channel: 'whatsapp' },
    ]);
    const [again] = await windowStatusFor((await store.contacts.get('c1'))!, at(3000), { store, rules: {} });
    expect(again!.status.state).toBe('open');
  });

  it('a failed delivery report from a webhook marks the entry failed and closes the window', async () => {
    const t = new ScriptedTransport([]);
    await send(t);
    const book = new AddressBook();
    await applyProviderEvents(
      store,
      book,
      [],
      [
        {
          providerMessageId: 'pm-1',
          status: 'failed',
          at: at(5000).toISOString(),
          reason: 'whatsapp.window_closed',
          detail: '131047',
        },
      ],
      at(5000),
    );
    expect((await store.outbox.list())[0]).toMatchObject({ status: 'failed' });
    expect((await store.contacts.get('c1'))!.channels[0]!.closedByProviderAt).toBe(at(5000).toISOString());
  });
});

describe('webhook senders are matched by address', () => {
  it('an inbound from a known number moves that contact’s window; profile names do not overwrite ours', async () => {
    const book = new AddressBook();
    for await (const c of store.contacts.loadAll()) book.upsert(c);
    const results = await applyProviderEvents(
      store,
      book,
      [
        {
          id: 'wa:1',
          type: 'contact.upserted',
          at: at(1000).toISOString(),
          contact: {
            id: 'addr:whatsapp:84912345678',
            firstName: 'Linh ✨',
            channels: [{ type: 'whatsapp', address: '84912345678' }],
          },
        },
        {
          id: 'wa:2',
          type: 'message.received',
          at: at(1000).toISOString(),
          contactId: 'addr:whatsapp:84912345678',
          channel: 'whatsapp',
        },
        {
          id: 'wa:3',
          type: 'message.received',
          at: at(1000).toISOString(),
          contactId: 'addr:whatsapp:84900000000',
          channel: 'whatsapp',
        },
      ],
      [],
      at(1000),
    );
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const c1 = (await store.contacts.get('c1'))!;
    expect(c1.firstName).toBe('Linh');
    expect(c1.channels[0]!.lastInboundAt).toBe(at(1000).toISOString());
    expect(await store.contacts.get('addr:whatsapp:84900000000')).toBeTruthy();
  });
});

describe('a restart while a provider held a message', () => {
  it('does not resend it: the entry is failed as in doubt', async () => {
    // A transport that never answers stands for the app dying mid-send.
    const hang: Transport = { name: 'hang', sandbox: false, send: () => new Promise<SendResult>(() => undefined) };
    void send(hang);
    await new Promise((r) => setTimeout(r, 100));
    expect((await store.outbox.list())[0]).toMatchObject({ status: 'queued' });
    expect((await store.outbox.list())[0]!.inFlightSince).not.toBeNull();
    await store.close();
    store = await openStore(url);
    const t = new ScriptedTransport([]);
    const worker = new OutboxWorker(
      deps(t),
      () => at(60_000),
      () => undefined,
    );
    expect(await worker.tick()).toBe(1);
    expect(t.calls).toHaveLength(0);
    const e = (await store.outbox.list())[0]!;
    expect(e.status).toBe('failed');
    expect(e.error).toMatch(/^in_doubt/);
  });
});

describe('a channel without an address', () => {
  it('is refused before anything is queued, whatever the channel type', async () => {
    await applyEvents(store, [
      {
        id: 'u2',
        type: 'contact.upserted',
        at: at(-60_000).toISOString(),
        contact: { id: 'c2', firstName: 'Zoé', channels: [{ type: 'sms' }] },
      },
    ]);
    const t = new ScriptedTransport([]);
    const out = await sendFollowUp(
      {
        contactId: 'c2',
        channelKey: 'sms',
        message: { kind: 'text', text: 'Bonjour' },
        senderId: 'U1',
        idempotencyKey: 'k-na',
        now: T,
      },
      deps(t),
    );
    expect(out).toMatchObject({ ok: false, kind: 'refused', refusal: { reason: 'sms.no_address' } });
    expect(t.calls).toHaveLength(0);
    expect(await store.outbox.list({ contactId: 'c2' })).toEqual([]);
  });
});
