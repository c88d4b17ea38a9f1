/** The rule field that says which channels an inbound may carry its own window on (Meta ad referrals). */
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_TYPES,
  DEFAULT_RULES,
  channelRuleOverrideSchema,
  evaluateWindow,
  ruleFor,
} from '../../src/policy/index.js';

describe('acceptsAnchorWindow', () => {
  it('is true for Messenger and Instagram only', () => {
    expect(CHANNEL_TYPES.filter((c) => DEFAULT_RULES[c].acceptsAnchorWindow)).toEqual(['messenger', 'instagram']);
    for (const c of CHANNEL_TYPES) expect(typeof DEFAULT_RULES[c].acceptsAnchorWindow).toBe('boolean');
  });

  it('is a provider fact, not an operator knob: overrides keep it and the config refuses it', () => {
    expect(ruleFor('messenger', { messenger: { windowHours: 12 } }).acceptsAnchorWindow).toBe(true);
    expect(ruleFor('whatsapp', { whatsapp: { windowHours: 48 } }).acceptsAnchorWindow).toBe(false);
    expect(channelRuleOverrideSchema.safeParse({ acceptsAnchorWindow: true }).success).toBe(false);
  });
});

describe('evaluateWindow honours a carried window only where the rule accepts one', () => {
  const at = new Date('2026-11-20T10:00:00.000Z');
  const hours = (h: number) => new Date(at.getTime() + h * 3_600_000);
  it('WhatsApp with a stored 168 h anchor window still closes its free text at 24 h', () => {
    const input = { channel: 'whatsapp' as const, lastInboundAt: at, anchorWindowHours: 168 };
    expect(evaluateWindow({ ...input, now: new Date(hours(24).getTime() - 1) }).state).toBe('open');
    expect(evaluateWindow({ ...input, now: hours(24) }).state).toBe('template_only');
    expect(evaluateWindow({ ...input, now: hours(1) }).windowClosesAt).toEqual(hours(24));
  });
  it('Messenger with a 168 h ad-referral window keeps RESPONSE open for 7 days', () => {
    const input = { channel: 'messenger' as const, lastInboundAt: at, anchorWindowHours: 168 };
    expect(evaluateWindow({ ...input, now: new Date(hours(168).getTime() - 1) }).state).toBe('open');
    expect(evaluateWindow({ ...input, now: hours(168) }).state).not.toBe('open');
  });
});
