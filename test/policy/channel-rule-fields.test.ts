/**
 * The rule fields that replaced channel-name branches outside the policy core: what a channel counts down
 * (`quota`), the counter a chatbot-initiated send counts in, and which provider failures close the window.
 */
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_TYPES,
  DEFAULT_RULES,
  channelQuota,
  channelRuleOverrideSchema,
  describeReason,
  evaluateWindow,
  providerClosedWindow,
  quotaCounterKey,
  ruleFor,
} from '../../src/policy/index.js';

describe('quota', () => {
  it('WeChat caps sends per session, Viber counts free sends per month, the rest count nothing', () => {
    const counted = Object.fromEntries(CHANNEL_TYPES.map((c) => [c, channelQuota(c)]).filter(([, q]) => q !== null));
    expect(counted).toEqual({ wechat: 'session_cap', viber: 'monthly_free' });
    for (const c of CHANNEL_TYPES) expect(channelQuota(c)).toBe(DEFAULT_RULES[c].quota);
  });

  it('is the provider’s model, not an override: numbers change, what is counted does not', () => {
    expect(ruleFor('viber', { viber: { freeMonthly: 0, commercialTerms: true } }).quota).toBe('monthly_free');
    expect(ruleFor('wechat', { wechat: { maxOutbound: 5 } }).quota).toBe('session_cap');
    expect(channelRuleOverrideSchema.safeParse({ quota: null }).success).toBe(false);
  });

  it('matches what evaluateWindow reports in messagesLeft', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    const lastInboundAt = new Date('2026-11-21T11:00:00Z');
    for (const channel of CHANNEL_TYPES) {
      const status = evaluateWindow({ channel, now, lastInboundAt });
      expect(status.messagesLeft !== null, channel).toBe(channelQuota(channel) !== null);
    }
  });
});

describe('quotaCounterKey', () => {
  it('is one counter per Viber account and calendar month in UTC', () => {
    expect(quotaCounterKey('viber', 'bot-2', new Date('2026-11-30T23:59:59.999Z'))).toBe('viber:bot-2:2026-11');
    expect(quotaCounterKey('viber', 'bot-2', new Date('2026-12-01T00:00:00.000Z'))).toBe('viber:bot-2:2026-12');
    // 23:30 on 30 November in New York is already December in UTC.
    expect(quotaCounterKey('viber', 'bot-2', new Date('2026-11-30T23:30:00-05:00'))).toBe('viber:bot-2:2026-12');
  });

  it('puts sends without an account on the default one', () => {
    const at = new Date('2026-11-15T00:00:00Z');
    expect(quotaCounterKey('viber', undefined, at)).toBe('viber:default:2026-11');
    expect(quotaCounterKey('viber', null, at)).toBe('viber:default:2026-11');
    expect(quotaCounterKey('viber', '', at)).toBe('viber:default:2026-11');
  });

  it('is null for every channel whose quota is not monthly', () => {
    const at = new Date('2026-11-15T00:00:00Z');
    const keyed = CHANNEL_TYPES.filter((c) => quotaCounterKey(c, 'acct', at) !== null);
    expect(keyed).toEqual(CHANNEL_TYPES.filter((c) => channelQuota(c) === 'monthly_free'));
    expect(quotaCounterKey('wechat', 'acct', at)).toBeNull();
  });
});

describe('providerClosedReasons', () => {
  it('lists each provider’s "window closed" answers, on its own channel, each with plain words', () => {
    expect(DEFAULT_RULES.whatsapp.providerClosedReasons).toEqual(['whatsapp.window_closed']);
    expect(DEFAULT_RULES.viber.providerClosedReasons).toEqual(['viber.not_subscribed']);
    for (const c of CHANNEL_TYPES) {
      for (const reason of DEFAULT_RULES[c].providerClosedReasons) {
        expect(reason.startsWith(`${c}.`), reason).toBe(true);
        expect(describeReason(reason).summary, reason).not.toBe(reason);
      }
    }
  });

  it('is empty where there is no window to close', () => {
    const windowless = CHANNEL_TYPES.filter((t) => DEFAULT_RULES[t].windowHours === null);
    expect(windowless.length).toBeGreaterThan(0);
    for (const c of windowless) {
      expect(DEFAULT_RULES[c].providerClosedReasons, c).toEqual([]);
    }
  });

  it('providerClosedWindow: only the channel’s own listed reasons', () => {
    expect(providerClosedWindow('whatsapp', 'whatsapp.window_closed')).toBe(true);
    expect(providerClosedWindow('wechat', 'wechat.outbound_cap_reached')).toBe(true);
    expect(providerClosedWindow('instagram', 'instagram.person_unavailable')).toBe(true);
    // Another channel's reason, a failure that is not about the window, a near miss.
    expect(providerClosedWindow('whatsapp', 'messenger.window_closed')).toBe(false);
    expect(providerClosedWindow('viber', 'viber.free_quota_exhausted')).toBe(false);
    expect(providerClosedWindow('whatsapp', 'rate_limited')).toBe(false);
    expect(providerClosedWindow('whatsapp', 'whatsapp.window_closed_extra')).toBe(false);
    expect(providerClosedWindow('telegram', 'telegram.window_closed')).toBe(false);
  });
});
