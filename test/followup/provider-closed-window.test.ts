/**
 * A provider's "window closed" (POLICY.md trap 9) is recorded on the contact's channel by one function,
 * driven by the channel rule's `providerClosedReasons`, from the send path and from delivery reports alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AddressBook } from '../../src/contacts/address-book.js';
import { sendFollowUp, windowStatusFor } from '../../src/followup/index.js';
import { applyEvents } from '../../src/ingest/index.js';
import { applyProviderEvents } from '../../src/ingest/provider-events.js';
import { type ChannelType, DEFAULT_RULES, providerClosedWindow } from '../../src/policy/index.js';
import { type Store, openStore, recordProviderClosedWindow } from '../../src/store/index.js';
import { graphFailureReasons } from '../../src/transports/meta/errors.js';
import { SandboxTransport } from '../../src/transports/sandbox/index.js';
import type { SendRequest, SendResult, Transport } from '../../src/transports/transport.js';
import { TransportRegistry } from '../../src/transports/transport.js';
import { VIBER_STATUSES } from '../../src/transports/viber/errors.js';
import { WECHAT_ERRORS } from '../../src/transports/wechat/errors.js';
import { WHATSAPP_ERROR_RULES } from '../../src/transports/whatsapp/errors.js';

const T = new Date('2026-11-21T12:00:00.000Z');
const at = (ms: number) => new Date(T.getTime() + ms);

/** Every failure reason each provider's error table can give. */
const PROVIDER_REASONS: Array<[ChannelType, string[]]> = [
  ['whatsapp', Object.values(WHATSAPP_ERROR_RULES).map((r) => r.reason)],
  ['messenger', graphFailureReasons('messenger')],
  ['instagram', graphFailureReasons('instagram')],
  ['viber', Object.values(VIBER_STATUSES).map((s) => s.reason)],
  ['wechat', Object.values(WECHAT_ERRORS).map((e) => e.reason)],
];

describe('providerClosedReasons against the providers’ error tables', () => {
  it('every listed reason is one its provider gives', () => {
    let checked = 0;
    for (const [channel, reasons] of PROVIDER_REASONS) {
      for (const listed of DEFAULT_RULES[channel].providerClosedReasons) {
        expect(reasons, channel).toContain(listed);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(PROVIDER_REASONS.length); // every provider lists at least one
  });

  it('closes the window for the same provider answers the suffix pattern it replaced did', () => {
    const replaced = /\.(window_closed|window_expired|outbound_cap_reached|not_subscribed|person_unavailable)$/;
    for (const [channel, reasons] of PROVIDER_REASONS) {
      for (const reason of reasons)
        expect(providerClosedWindow(channel, reason), `${channel} ${reason}`).toBe(replaced.test(reason));
    }
  });
});

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

describe('recording it (real store)', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'followup-provider-closed-'));
    store = await openStore(`sqlite://${join(dir, 's.sqlite')}`);
    await applyEvents(
      store,
      [
        {
          id: 'u',
          type: 'contact.upserted',
          at: at(-3_600_000).toISOString(),
          contact: {
            id: 'c1',
            channels: [
              { type: 'wechat', address: 'openid-1' },
              { type: 'viber', address: 'v-1' },
            ],
          },
        },
        { id: 'in-w', type: 'message.received', at: at(-3_600_000).toISOString(), contactId: 'c1', channel: 'wechat' },
        { id: 'in-v', type: 'message.received', at: at(-3_600_000).toISOString(), contactId: 'c1', channel: 'viber' },
      ],
      { now: () => T },
    );
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const closedAt = async (key: string) =>
    (await store.contacts.get('c1'))!.channels.find((c) => c.type === key)!.closedByProviderAt;
  const deps = (t: Transport) => {
    const transports = new TransportRegistry(new SandboxTransport());
    transports.register('wechat', undefined, t);
    transports.register('viber', undefined, t);
    return { store, transports, settings: { rules: {}, closingLogic: 'unassign' as const } };
  };
  const send = (t: Transport, channelKey: string, key: string) =>
    sendFollowUp(
      {
        contactId: 'c1',
        channelKey,
        message: { kind: 'text', text: 'Hi' },
        senderId: 'U1',
        idempotencyKey: key,
        now: T,
      },
      deps(t),
    );

  it('writes only the channel’s own listed reasons, on that channel only', async () => {
    const target = { contactId: 'c1', channel: 'wechat' as const, channelKey: 'wechat' };
    const record = (reason: string, ms: number) =>
      recordProviderClosedWindow(store.contacts, target, reason, at(ms).toISOString());
    expect(await record('whatsapp.window_closed', 1)).toBe(false);
    expect(await record('wechat.auth_failed', 1)).toBe(false);
    expect(await closedAt('wechat')).toBeUndefined();
    expect(await record('wechat.window_expired', 2)).toBe(true);
    expect(await closedAt('wechat')).toBe(at(2).toISOString());
    expect(await closedAt('viber')).toBeUndefined();
  });

  it('the send path: WeChat’s "out of response count" closes the window at once', async () => {
    const t = new ScriptedTransport([
      { ok: false, reason: 'wechat.outbound_cap_reached', detail: '45047', retryable: false },
    ]);
    expect(await send(t, 'wechat', 'k1')).toMatchObject({
      ok: false,
      kind: 'failed',
      reason: 'wechat.outbound_cap_reached',
    });
    expect(await closedAt('wechat')).toBe(T.toISOString());
    const [wechat] = await windowStatusFor((await store.contacts.get('c1'))!, at(1000), { store, rules: {} });
    expect(wechat!.status).toMatchObject({ state: 'closed', allowed: [] });
  });

  it('the send path: a failure that is not about the window records nothing', async () => {
    const t = new ScriptedTransport([
      { ok: false, reason: 'viber.free_quota_exhausted', detail: '23', retryable: false },
    ]);
    expect(await send(t, 'viber', 'k2')).toMatchObject({ ok: false, kind: 'failed' });
    expect(await closedAt('viber')).toBeUndefined();
  });

  it('delivery reports: Viber’s "not subscribed" closes it at the report’s time', async () => {
    await send(new ScriptedTransport([]), 'viber', 'k3');
    const report = {
      providerMessageId: 'pm-1',
      status: 'failed' as const,
      at: at(5000).toISOString(),
      reason: 'viber.not_subscribed',
      detail: '6',
    };
    await applyProviderEvents(store, new AddressBook(), [], [report], at(5000));
    expect((await store.outbox.list())[0]).toMatchObject({ status: 'failed' });
    expect(await closedAt('viber')).toBe(at(5000).toISOString());
  });
});
