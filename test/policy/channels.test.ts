/** The rule table's override knobs: config schema and ruleFor merging. */
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_TYPES,
  DEFAULT_RULES,
  channelRuleOverrideSchema,
  isChannelType,
  ruleFor,
  ruleOverridesSchema,
} from '../../src/policy/index.js';

describe('ruleFor', () => {
  it('returns the defaults without overrides', () => {
    for (const channel of CHANNEL_TYPES) {
      expect(ruleFor(channel)).toEqual(DEFAULT_RULES[channel]);
      expect(ruleFor(channel, {})).toEqual(DEFAULT_RULES[channel]);
    }
  });

  it('applies every knob', () => {
    expect(ruleFor('whatsapp', { whatsapp: { windowHours: 12 } }).windowHours).toBe(12);
    expect(ruleFor('messenger', { messenger: { humanAgentDays: 0 } }).humanAgentDays).toBe(0);
    expect(ruleFor('wechat', { wechat: { maxOutbound: 5 } }).maxOutbound).toBe(5);
    expect(ruleFor('viber', { viber: { freeMonthly: 0 } }).freeMonthly).toBe(0);
    expect(ruleFor('viber', { viber: { commercialTerms: true } }).commercialTerms).toBe(true);
    expect(ruleFor('messenger', { messenger: { afterWindowTags: [] } }).afterWindowTags).toEqual([]);
    expect(ruleFor('sms', { sms: { maxTextLength: 160 } }).maxTextLength).toBe(160);
  });

  it('keeps the other fields', () => {
    const r = ruleFor('wechat', { wechat: { maxOutbound: 5 } });
    expect(r.windowHours).toBe(48);
    expect(r.afterWindow).toBe('nothing');
    expect(r.label).toBe('WeChat');
  });

  it('does not mutate the defaults', () => {
    ruleFor('messenger', { messenger: { afterWindowTags: ['X'] } });
    expect(DEFAULT_RULES.messenger.afterWindowTags).toEqual([
      'ACCOUNT_UPDATE',
      'CONFIRMED_EVENT_UPDATE',
      'POST_PURCHASE_UPDATE',
    ]);
  });
});

describe('override schema (config file)', () => {
  it('accepts every documented knob', () => {
    const config = {
      wechat: { maxOutbound: 5 },
      viber: { freeMonthly: 0, commercialTerms: true },
      messenger: { afterWindowTags: [], humanAgentDays: 0 },
      whatsapp: { windowHours: 24 },
      line: { maxTextLength: 5000 },
    };
    expect(ruleOverridesSchema.parse(config)).toEqual(config);
  });

  it.each([
    ['unknown key', { windowHour: 24 }],
    ['windowHours 0', { windowHours: 0 }],
    ['negative humanAgentDays', { humanAgentDays: -1 }],
    ['fractional maxOutbound', { maxOutbound: 2.5 }],
    ['negative freeMonthly', { freeMonthly: -10 }],
    ['commercialTerms as string', { commercialTerms: 'yes' }],
    ['empty tag', { afterWindowTags: [''] }],
    ['maxTextLength 0', { maxTextLength: 0 }],
  ])('rejects %s', (_label, value) => {
    expect(channelRuleOverrideSchema.safeParse(value).success).toBe(false);
  });

  it('rejects an unknown channel', () => {
    expect(ruleOverridesSchema.safeParse({ tiktok: { windowHours: 48 } }).success).toBe(false);
  });
});

describe('isChannelType', () => {
  it('recognises the ten channels only', () => {
    for (const c of CHANNEL_TYPES) expect(isChannelType(c)).toBe(true);
    for (const v of ['WhatsApp', 'tiktok', '', null, 3, undefined]) expect(isChannelType(v)).toBe(false);
  });
});
