/**
 * windowInputFor / readStoredCounts: what evaluateWindow needs for one contact channel, gathered in one place
 * for sending, Slack, search and notifications. The counter is read only where the channel's rule keeps one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactChannel } from '../../src/contacts/model.js';
import { channelStatusAt, readStoredCounts, windowInputFor, windowStatusFor } from '../../src/followup/index.js';
import { applyEvents } from '../../src/ingest/index.js';
import { evaluateWindow, quotaCounterKey } from '../../src/policy/index.js';
import { type Store, openStore } from '../../src/store/index.js';

const T = new Date('2026-11-30T23:00:00.000Z');
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(T.getTime() - ms).toISOString();

function channel(type: ContactChannel['type'], extra: Partial<ContactChannel> = {}): ContactChannel {
  return { type, lastInboundAt: null, lastOutboundAt: null, outboundSinceInbound: 0, ...extra };
}

describe('windowInputFor (pure)', () => {
  it('carries every window field of the channel, the stored counts and the rules', () => {
    const ch = channel('messenger', {
      channelId: 'page-1',
      address: 'psid-1',
      lastInboundAt: ago(30 * HOUR),
      lastInboundWindowHours: 72,
      outboundSinceInbound: 4,
      subscribed: true,
      closedByProviderAt: ago(HOUR),
    });
    const rules = { messenger: { windowHours: 12 } };
    expect(windowInputFor(ch, T, { chatbotInitiatedThisMonth: 7 }, rules)).toEqual({
      channel: 'messenger',
      now: T,
      lastInboundAt: new Date(ago(30 * HOUR)),
      outboundSinceInbound: 4,
      chatbotInitiatedThisMonth: 7,
      subscribed: true,
      anchorWindowHours: 72,
      closedByProviderAt: new Date(ago(HOUR)),
      rules,
    });
  });

  it('leaves out what the channel does not know, so the policy’s defaults apply', () => {
    const input = windowInputFor(
      channel('whatsapp', { closedByProviderAt: null }),
      T,
      { chatbotInitiatedThisMonth: 0 },
      {},
    );
    expect(input).toEqual({
      channel: 'whatsapp',
      now: T,
      lastInboundAt: null,
      outboundSinceInbound: 0,
      chatbotInitiatedThisMonth: 0,
      rules: {},
    });
    expect(Object.keys(input)).not.toContain('subscribed');
    expect(Object.keys(input)).not.toContain('closedByProviderAt');
  });

  it('a provider’s "window closed" ends the window before the clock does', () => {
    const ch = channel('whatsapp', { lastInboundAt: ago(2 * HOUR), closedByProviderAt: ago(HOUR) });
    expect(evaluateWindow(windowInputFor(ch, T, { chatbotInitiatedThisMonth: 0 }, {})).state).toBe('template_only');
    const { closedByProviderAt: _, ...open } = ch;
    expect(evaluateWindow(windowInputFor(open, T, { chatbotInitiatedThisMonth: 0 }, {})).state).toBe('open');
  });

  it('the stored count decides Viber after the session: free, used up, billable', () => {
    const ch = channel('viber', { lastInboundAt: ago(48 * HOUR) });
    const state = (used: number, rules = {}) =>
      evaluateWindow(windowInputFor(ch, T, { chatbotInitiatedThisMonth: used }, rules));
    expect(state(9_999)).toMatchObject({ state: 'chatbot_initiated', messagesLeft: 1 });
    expect(state(10_000)).toMatchObject({ state: 'closed', reason: 'viber.free_quota_exhausted' });
    expect(state(10_000, { viber: { commercialTerms: true } })).toMatchObject({
      state: 'chatbot_initiated',
      billable: true,
    });
  });
});

describe('readStoredCounts and channelStatusAt (real store)', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'followup-window-input-'));
    store = await openStore(`sqlite://${join(dir, 's.sqlite')}`);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the Viber account’s counter for the UTC month of the instant, and nothing else', async () => {
    await store.counters.increment(quotaCounterKey('viber', 'bot-1', T)!, 3);
    const viber = channel('viber', { channelId: 'bot-1' });
    expect(await readStoredCounts(viber, T, store.counters)).toEqual({
      counterKey: 'viber:bot-1:2026-11',
      chatbotInitiatedThisMonth: 3,
    });
    // One hour later it is December in UTC: a new month, a new counter.
    const december = new Date(T.getTime() + HOUR);
    expect(await readStoredCounts(viber, december, store.counters)).toEqual({
      counterKey: 'viber:bot-1:2026-12',
      chatbotInitiatedThisMonth: 0,
    });
    // Another account's sends are not this one's.
    expect(await readStoredCounts(channel('viber', { channelId: 'bot-2' }), T, store.counters)).toMatchObject({
      chatbotInitiatedThisMonth: 0,
    });
  });

  it('reads no counter for channels that keep none', async () => {
    const reads: string[] = [];
    const counters = {
      get: async (key: string) => {
        reads.push(key);
        return store.counters.get(key);
      },
    };
    for (const type of ['whatsapp', 'wechat', 'telegram'] as const) {
      expect(await readStoredCounts(channel(type), T, counters)).toEqual({
        counterKey: null,
        chatbotInitiatedThisMonth: 0,
      });
    }
    expect(reads).toEqual([]);
  });

  it('channelStatusAt and windowStatusFor give the status evaluateWindow gives for the gathered input', async () => {
    await applyEvents(
      store,
      [
        {
          id: 'u',
          type: 'contact.upserted',
          at: ago(50 * HOUR),
          contact: {
            id: 'c1',
            channels: [
              { type: 'viber', address: 'v-1' },
              { type: 'wechat', address: 'o-1' },
            ],
          },
        },
        { id: 'in-v', type: 'message.received', at: ago(48 * HOUR), contactId: 'c1', channel: 'viber' },
        { id: 'in-w', type: 'message.received', at: ago(HOUR), contactId: 'c1', channel: 'wechat' },
      ],
      { now: () => T },
    );
    await store.counters.increment(quotaCounterKey('viber', undefined, T)!, 10_000);
    const contact = (await store.contacts.get('c1'))!;
    const deps = { store, rules: {} };
    const [viber, wechat] = await windowStatusFor(contact, T, deps);
    expect(viber!.status).toMatchObject({ state: 'closed', reason: 'viber.free_quota_exhausted', messagesLeft: 0 });
    expect(wechat!.status).toMatchObject({ state: 'open', messagesLeft: 20 });
    for (const ch of contact.channels) {
      const { counterKey, chatbotInitiatedThisMonth } = await readStoredCounts(ch, T, store.counters);
      const expected = evaluateWindow(windowInputFor(ch, T, { chatbotInitiatedThisMonth }, {}));
      expect(await channelStatusAt(ch, T, deps)).toEqual({ status: expected, counterKey });
    }
  });
});
