/**
 * evaluateWindow against POLICY.md: every rule of the table at its boundaries (t+W−1ms, t+W, t+W+1ms;
 * strict: closed at exactly t+W), never-inbound contacts, counted limits and every override knob.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CHANNEL_TYPES,
  DEFAULT_RULES,
  type ChannelType,
  type WindowInput,
  type WindowStatus,
  evaluateWindow,
  nextUtcMonth,
} from '../../src/policy/index.js';
import { DAY, HOUR, MINUTE, SECOND, T0, after, boundaryInstants } from './helpers.js';

function evalAt(channel: ChannelType, now: Date, extra: Partial<WindowInput> = {}): WindowStatus {
  return evaluateWindow({ channel, now, lastInboundAt: T0, ...extra });
}

/** The fields of the public contract only. */
function contract(s: WindowStatus) {
  return {
    channel: s.channel,
    state: s.state,
    windowClosesAt: s.windowClosesAt,
    messagesLeft: s.messagesLeft,
    allowed: s.allowed,
    reason: s.reason,
  };
}

const NO_WINDOW_CHANNELS = ['telegram', 'line', 'webchat', 'sms', 'email'] as const satisfies readonly ChannelType[];

describe('rule table defaults (the seed article)', () => {
  it('covers exactly the ten channel types', () => {
    expect([...CHANNEL_TYPES].sort()).toEqual(Object.keys(DEFAULT_RULES).sort());
    expect(CHANNEL_TYPES).toHaveLength(10);
  });

  it.each(NO_WINDOW_CHANNELS)('%s has no window', (channel) => {
    expect(DEFAULT_RULES[channel].windowHours).toBeNull();
  });

  it('has the seed numbers', () => {
    expect(DEFAULT_RULES.whatsapp.windowHours).toBe(24);
    expect(DEFAULT_RULES.messenger.windowHours).toBe(24);
    expect(DEFAULT_RULES.messenger.humanAgentDays).toBe(7);
    expect(DEFAULT_RULES.messenger.afterWindowTags).toEqual([
      'ACCOUNT_UPDATE',
      'CONFIRMED_EVENT_UPDATE',
      'POST_PURCHASE_UPDATE',
    ]);
    expect(DEFAULT_RULES.instagram.windowHours).toBe(24);
    expect(DEFAULT_RULES.instagram.humanAgentDays).toBe(7);
    expect(DEFAULT_RULES.viber.windowHours).toBe(24);
    expect(DEFAULT_RULES.viber.freeMonthly).toBe(10_000);
    expect(DEFAULT_RULES.viber.commercialTerms).toBe(false);
    expect(DEFAULT_RULES.wechat.windowHours).toBe(48);
    expect(DEFAULT_RULES.wechat.maxOutbound).toBe(20);
  });
});

describe('channels without a window (Telegram, LINE, Website chat, SMS, Email)', () => {
  const instants: Array<[string, Date | null, Date]> = [
    ['never wrote', null, T0],
    ['wrote 13 h ago', T0, after(13 * HOUR)],
    ['wrote 30 days ago', T0, after(30 * DAY)],
    ['wrote 5 years ago', T0, after(5 * 365 * DAY)],
  ];
  describe.each(NO_WINDOW_CHANNELS)('%s', (channel) => {
    it.each(instants)('%s: text any time', (_label, lastInboundAt, now) => {
      const s = evaluateWindow({ channel, now, lastInboundAt });
      expect(contract(s)).toEqual({
        channel,
        state: 'no_window',
        windowClosesAt: null,
        messagesLeft: null,
        allowed: ['text'],
        reason: `${channel}.no_window`,
      });
    });

    it('ignores counters that belong to other channels', () => {
      const s = evaluateWindow({
        channel,
        now: after(DAY),
        lastInboundAt: T0,
        outboundSinceInbound: 500,
        chatbotInitiatedThisMonth: 50_000,
      });
      expect(s.state).toBe('no_window');
      expect(s.messagesLeft).toBeNull();
    });
  });
});

describe('WhatsApp: 24 h, then approved template only', () => {
  const { before, exactly, afterEnd } = boundaryInstants(24 * HOUR);

  it('t+24h−1ms: open, text and template, closes at t+24h', () => {
    expect(contract(evalAt('whatsapp', before))).toEqual({
      channel: 'whatsapp',
      state: 'open',
      windowClosesAt: after(24 * HOUR),
      messagesLeft: null,
      allowed: ['text', 'template'],
      reason: 'whatsapp.open',
    });
  });

  it.each([
    ['exactly t+24h (strict)', exactly],
    ['t+24h+1ms', afterEnd],
    ['25 h later', after(25 * HOUR)],
    ['30 days later', after(30 * DAY)],
  ])('%s: template_only', (_label, now) => {
    expect(contract(evalAt('whatsapp', now))).toEqual({
      channel: 'whatsapp',
      state: 'template_only',
      windowClosesAt: null,
      messagesLeft: null,
      allowed: ['template'],
      reason: 'whatsapp.window_closed',
    });
  });

  it('never wrote to us: template only (a distinct reason)', () => {
    const s = evaluateWindow({ channel: 'whatsapp', now: T0, lastInboundAt: null });
    expect(contract(s)).toEqual({
      channel: 'whatsapp',
      state: 'template_only',
      windowClosesAt: null,
      messagesLeft: null,
      allowed: ['template'],
      reason: 'whatsapp.never_inbound',
    });
  });

  it('C24 inbound 13 h ago: free text allowed', () => {
    expect(evalAt('whatsapp', after(13 * HOUR)).allowed).toContain('text');
  });

  it('W2 inbound 23 h 59 m 59 s ago: free text allowed', () => {
    expect(evalAt('whatsapp', after(24 * HOUR - SECOND)).state).toBe('open');
  });

  it('C26 the anchor is the inbound, not our later outbound (outbound count has no effect)', () => {
    const s = evalAt('whatsapp', after(6 * HOUR), { outboundSinceInbound: 40 });
    expect(s.state).toBe('open');
    expect(s.windowClosesAt).toEqual(after(24 * HOUR));
  });

  it('C27 an old inbound then a recent one: the recent one anchors', () => {
    const now = after(10 * DAY);
    const s = evaluateWindow({ channel: 'whatsapp', now, lastInboundAt: new Date(now.getTime() - 6 * HOUR) });
    expect(s.state).toBe('open');
    expect(s.windowClosesAt).toEqual(new Date(now.getTime() + 18 * HOUR));
  });

  it('the window reopens when a new inbound arrives after it closed', () => {
    const now = after(3 * DAY);
    expect(evalAt('whatsapp', now).state).toBe('template_only');
    const reopened = evaluateWindow({ channel: 'whatsapp', now, lastInboundAt: after(-1 * MINUTE, now) });
    expect(reopened.state).toBe('open');
  });
});

describe('Messenger: 24 h standard, 24 h–7 d HUMAN_AGENT, then message tags', () => {
  describe('24 h boundary', () => {
    const { before, exactly, afterEnd } = boundaryInstants(24 * HOUR);
    it('t+24h−1ms: open (RESPONSE), window closes at t+7d, changes at t+24h', () => {
      const s = evalAt('messenger', before);
      expect(contract(s)).toEqual({
        channel: 'messenger',
        state: 'open',
        windowClosesAt: after(7 * DAY),
        messagesLeft: null,
        allowed: ['text'],
        reason: 'messenger.open',
      });
      expect(s.changesAt).toEqual(after(24 * HOUR));
      expect(s.humanOnly).toBe(false);
    });
    it.each([
      ['exactly t+24h', exactly],
      ['t+24h+1ms', afterEnd],
    ])('%s: human_agent, person only, closes at t+7d', (_label, now) => {
      const s = evalAt('messenger', now);
      expect(contract(s)).toEqual({
        channel: 'messenger',
        state: 'human_agent',
        windowClosesAt: after(7 * DAY),
        messagesLeft: null,
        allowed: ['text'],
        reason: 'messenger.human_agent',
      });
      expect(s.humanOnly).toBe(true);
      expect(s.changesAt).toEqual(after(7 * DAY));
    });
  });

  describe('7 d boundary', () => {
    const { before, exactly, afterEnd } = boundaryInstants(7 * DAY);
    it('t+7d−1ms: still human_agent', () => {
      const s = evalAt('messenger', before);
      expect(s.state).toBe('human_agent');
      expect(s.windowClosesAt).toEqual(after(7 * DAY));
    });
    it.each([
      ['exactly t+7d', exactly],
      ['t+7d+1ms', afterEnd],
      ['8 days', after(8 * DAY)],
    ])('%s: tag_only', (_label, now) => {
      const s = evalAt('messenger', now);
      expect(contract(s)).toEqual({
        channel: 'messenger',
        state: 'tag_only',
        windowClosesAt: null,
        messagesLeft: null,
        allowed: ['tag'],
        reason: 'messenger.window_closed',
      });
      expect(s.humanOnly).toBe(false);
    });
  });

  it('C5/C6: 13 h open, 5 d human_agent', () => {
    expect(evalAt('messenger', after(13 * HOUR)).state).toBe('open');
    expect(evalAt('messenger', after(5 * DAY)).state).toBe('human_agent');
  });

  it('never wrote to us: closed (no page-scoped id), nothing allowed', () => {
    const s = evaluateWindow({ channel: 'messenger', now: T0, lastInboundAt: null });
    expect(contract(s)).toEqual({
      channel: 'messenger',
      state: 'closed',
      windowClosesAt: null,
      messagesLeft: null,
      allowed: [],
      reason: 'messenger.never_inbound',
    });
  });
});

describe('Instagram: 24 h standard, 24 h–7 d HUMAN_AGENT, then nothing', () => {
  describe('24 h boundary', () => {
    const { before, exactly, afterEnd } = boundaryInstants(24 * HOUR);
    it('t+24h−1ms: open, closes at t+7d', () => {
      expect(contract(evalAt('instagram', before))).toEqual({
        channel: 'instagram',
        state: 'open',
        windowClosesAt: after(7 * DAY),
        messagesLeft: null,
        allowed: ['text'],
        reason: 'instagram.open',
      });
    });
    it.each([
      ['exactly t+24h (C19: still allowed for a person)', exactly],
      ['t+24h+1ms', afterEnd],
    ])('%s: human_agent', (_label, now) => {
      const s = evalAt('instagram', now);
      expect(contract(s)).toEqual({
        channel: 'instagram',
        state: 'human_agent',
        windowClosesAt: after(7 * DAY),
        messagesLeft: null,
        allowed: ['text'],
        reason: 'instagram.human_agent',
      });
      expect(s.humanOnly).toBe(true);
    });
  });

  describe('7 d boundary', () => {
    const { before, exactly, afterEnd } = boundaryInstants(7 * DAY);
    it('t+7d−1ms: human_agent (C15: 6 d too)', () => {
      expect(evalAt('instagram', before).state).toBe('human_agent');
      expect(evalAt('instagram', after(6 * DAY)).state).toBe('human_agent');
    });
    it.each([
      ['exactly t+7d', exactly],
      ['t+7d+1ms', afterEnd],
      ['C16: 8 days', after(8 * DAY)],
    ])('%s: closed, no fallback at all', (_label, now) => {
      expect(contract(evalAt('instagram', now))).toEqual({
        channel: 'instagram',
        state: 'closed',
        windowClosesAt: null,
        messagesLeft: null,
        allowed: [],
        reason: 'instagram.window_closed',
      });
    });
  });

  it('never wrote to us: closed', () => {
    expect(contract(evaluateWindow({ channel: 'instagram', now: T0, lastInboundAt: null }))).toEqual({
      channel: 'instagram',
      state: 'closed',
      windowClosesAt: null,
      messagesLeft: null,
      allowed: [],
      reason: 'instagram.never_inbound',
    });
  });

  it('Messenger message tags do not leak into Instagram, even when configured', () => {
    const s = evalAt('instagram', after(8 * DAY), { rules: { instagram: { afterWindowTags: ['ACCOUNT_UPDATE'] } } });
    expect(s.state).toBe('closed');
    expect(s.allowed).toEqual([]);
  });
});

describe('Viber: 24 h session, then chatbot-initiated against the monthly quota', () => {
  const { before, exactly, afterEnd } = boundaryInstants(24 * HOUR);

  it('t+24h−1ms: open session, free text, closes at t+24h; free quota left shown', () => {
    const s = evalAt('viber', before, { chatbotInitiatedThisMonth: 120 });
    expect(contract(s)).toEqual({
      channel: 'viber',
      state: 'open',
      windowClosesAt: after(24 * HOUR),
      messagesLeft: 9_880,
      allowed: ['text'],
      reason: 'viber.open',
    });
    expect(s.billable).toBe(false);
  });

  it.each([
    ['exactly t+24h', exactly],
    ['t+24h+1ms', afterEnd],
    ['V2: 30 h', after(30 * HOUR)],
  ])('%s: chatbot_initiated, text still allowed', (_label, now) => {
    const s = evalAt('viber', now);
    expect(contract(s)).toEqual({
      channel: 'viber',
      state: 'chatbot_initiated',
      windowClosesAt: null,
      messagesLeft: 10_000,
      allowed: ['text'],
      reason: 'viber.chatbot_initiated',
    });
    expect(s.billable).toBe(false);
  });

  it('never wrote to us (subscribed): chatbot_initiated', () => {
    const s = evaluateWindow({ channel: 'viber', now: T0, lastInboundAt: null });
    expect(s.state).toBe('chatbot_initiated');
    expect(s.allowed).toEqual(['text']);
    expect(s.messagesLeft).toBe(10_000);
    expect(s.windowClosesAt).toBeNull();
  });

  it('undefined counter means none used yet', () => {
    expect(evalAt('viber', after(2 * DAY)).messagesLeft).toBe(10_000);
  });

  describe('quota', () => {
    it('V2: 9,999 used: one free chatbot-initiated message left', () => {
      const s = evalAt('viber', after(30 * HOUR), { chatbotInitiatedThisMonth: 9_999 });
      expect(s.state).toBe('chatbot_initiated');
      expect(s.messagesLeft).toBe(1);
      expect(s.billable).toBe(false);
      expect(s.reason).toBe('viber.chatbot_initiated');
    });

    it('V3: 10,000 used without commercial terms: closed until next month, changesAt 1st of next month UTC', () => {
      const s = evalAt('viber', after(30 * HOUR), { chatbotInitiatedThisMonth: 10_000 });
      expect(contract(s)).toEqual({
        channel: 'viber',
        state: 'closed',
        windowClosesAt: null,
        messagesLeft: 0,
        allowed: [],
        reason: 'viber.free_quota_exhausted',
      });
      expect(s.changesAt).toEqual(new Date(Date.UTC(2026, 3, 1)));
    });

    it('more than 10,000 used (counter over the cap) behaves like exhausted, never negative', () => {
      const s = evalAt('viber', after(30 * HOUR), { chatbotInitiatedThisMonth: 12_345 });
      expect(s.state).toBe('closed');
      expect(s.messagesLeft).toBe(0);
    });

    it('V3: 10,000 used with commercial terms: still allowed, billable', () => {
      const s = evalAt('viber', after(30 * HOUR), {
        chatbotInitiatedThisMonth: 10_000,
        rules: { viber: { commercialTerms: true } },
      });
      expect(contract(s)).toEqual({
        channel: 'viber',
        state: 'chatbot_initiated',
        windowClosesAt: null,
        messagesLeft: 0,
        allowed: ['text'],
        reason: 'viber.chatbot_initiated_billable',
      });
      expect(s.billable).toBe(true);
    });

    it('9,999 used with commercial terms: the free one is used first (not billable)', () => {
      const s = evalAt('viber', after(30 * HOUR), {
        chatbotInitiatedThisMonth: 9_999,
        rules: { viber: { commercialTerms: true } },
      });
      expect(s.state).toBe('chatbot_initiated');
      expect(s.messagesLeft).toBe(1);
      expect(s.billable).toBe(false);
    });

    it('inside the session the quota does not matter (session messages are free)', () => {
      const s = evalAt('viber', after(HOUR), { chatbotInitiatedThisMonth: 10_000 });
      expect(s.state).toBe('open');
      expect(s.allowed).toEqual(['text']);
      expect(s.messagesLeft).toBe(0);
      expect(s.billable).toBe(false);
    });

    it('the month boundary is irrelevant inside evaluateWindow: the counter is an input', () => {
      const lastInboundAt = new Date(Date.UTC(2026, 0, 20));
      const endOfJanuary = new Date(Date.UTC(2026, 0, 31, 23, 59, 59, 999));
      const startOfFebruary = new Date(Date.UTC(2026, 1, 1, 0, 0, 0, 0));
      for (const used of [0, 9_999, 10_000]) {
        const a = evaluateWindow({
          channel: 'viber',
          now: endOfJanuary,
          lastInboundAt,
          chatbotInitiatedThisMonth: used,
        });
        const b = evaluateWindow({
          channel: 'viber',
          now: startOfFebruary,
          lastInboundAt,
          chatbotInitiatedThisMonth: used,
        });
        expect(contract(b)).toEqual(contract(a));
      }
      // With the caller's counter reset for the new month, the quota is back.
      const reset = evaluateWindow({
        channel: 'viber',
        now: startOfFebruary,
        lastInboundAt,
        chatbotInitiatedThisMonth: 0,
      });
      expect(reset.messagesLeft).toBe(10_000);
    });

    it('quota reset instant is the 1st of the next calendar month at 00:00 UTC (not local)', () => {
      const s = evaluateWindow({
        channel: 'viber',
        now: new Date(Date.UTC(2026, 11, 31, 23, 30)),
        lastInboundAt: null,
        chatbotInitiatedThisMonth: 10_000,
      });
      expect(s.changesAt).toEqual(new Date(Date.UTC(2027, 0, 1)));
    });
  });

  it('V4: unsubscribed receiver: closed even inside the session', () => {
    for (const now of [after(HOUR), after(30 * HOUR)]) {
      const s = evalAt('viber', now, { subscribed: false });
      expect(s.state).toBe('closed');
      expect(s.allowed).toEqual([]);
      expect(s.reason).toBe('viber.not_subscribed');
    }
    expect(evaluateWindow({ channel: 'viber', now: T0, lastInboundAt: null, subscribed: false }).state).toBe('closed');
  });
});

describe('nextUtcMonth', () => {
  it.each([
    [Date.UTC(2026, 0, 15, 10), Date.UTC(2026, 1, 1)],
    [Date.UTC(2026, 1, 28, 23, 59, 59, 999), Date.UTC(2026, 2, 1)],
    [Date.UTC(2026, 2, 1, 0, 0, 0, 0), Date.UTC(2026, 3, 1)],
    [Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2027, 0, 1)],
  ])('%i → %i', (now, expected) => {
    expect(nextUtcMonth(new Date(now)).getTime()).toBe(expected);
  });
});

describe('WeChat: 48 h and at most 20 outbound since the last inbound', () => {
  const { before, exactly, afterEnd } = boundaryInstants(48 * HOUR);

  it('t+48h−1ms: open, 20 left, closes at t+48h', () => {
    expect(contract(evalAt('wechat', before))).toEqual({
      channel: 'wechat',
      state: 'open',
      windowClosesAt: after(48 * HOUR),
      messagesLeft: 20,
      allowed: ['text'],
      reason: 'wechat.open',
    });
  });

  it.each([
    ['exactly t+48h', exactly],
    ['t+48h+1ms', afterEnd],
    ['X3: 49 h', after(49 * HOUR)],
  ])('%s: closed by time', (_label, now) => {
    const s = evalAt('wechat', now, { outboundSinceInbound: 3 });
    expect(s.state).toBe('closed');
    expect(s.allowed).toEqual([]);
    expect(s.windowClosesAt).toBeNull();
    expect(s.reason).toBe('wechat.window_expired');
  });

  it('19 sent: 1 left', () => {
    const s = evalAt('wechat', after(47 * HOUR), { outboundSinceInbound: 19 });
    expect(s.state).toBe('open');
    expect(s.messagesLeft).toBe(1);
    expect(s.allowed).toEqual(['text']);
  });

  it('20 sent: closed by count, 0 left, with a reason distinct from the time limit', () => {
    const s = evalAt('wechat', after(HOUR), { outboundSinceInbound: 20 });
    expect(contract(s)).toEqual({
      channel: 'wechat',
      state: 'closed',
      windowClosesAt: null,
      messagesLeft: 0,
      allowed: [],
      reason: 'wechat.outbound_cap_reached',
    });
    expect(s.reason).not.toBe(evalAt('wechat', after(49 * HOUR)).reason);
  });

  it('over the cap (concurrent sends) stays closed, never negative', () => {
    const s = evalAt('wechat', after(HOUR), { outboundSinceInbound: 23 });
    expect(s.state).toBe('closed');
    expect(s.messagesLeft).toBe(0);
  });

  it('each outbound lowers the count by one', () => {
    for (let sent = 0; sent < 20; sent++) {
      expect(evalAt('wechat', after(HOUR), { outboundSinceInbound: sent }).messagesLeft).toBe(20 - sent);
    }
  });

  it('a new inbound resets both the time and the count', () => {
    const old = evalAt('wechat', after(47 * HOUR), { outboundSinceInbound: 20 });
    expect(old.state).toBe('closed');
    // The contact replies at T0+47h: the caller passes the new anchor and a count since it (0).
    const newInbound = after(47 * HOUR);
    const s = evaluateWindow({
      channel: 'wechat',
      now: after(60 * HOUR),
      lastInboundAt: newInbound,
      outboundSinceInbound: 0,
    });
    expect(s.state).toBe('open');
    expect(s.messagesLeft).toBe(20);
    expect(s.windowClosesAt).toEqual(after(48 * HOUR, newInbound));
  });

  it('never wrote to us: closed', () => {
    const s = evaluateWindow({ channel: 'wechat', now: T0, lastInboundAt: null });
    expect(s.state).toBe('closed');
    expect(s.allowed).toEqual([]);
    expect(s.windowClosesAt).toBeNull();
    expect(s.reason).toBe('wechat.never_inbound');
  });
});

describe('never-inbound contacts (trap 1: imported or agent-started contacts)', () => {
  it.each([
    ['whatsapp', 'template_only', ['template']],
    ['messenger', 'closed', []],
    ['instagram', 'closed', []],
    ['wechat', 'closed', []],
    ['viber', 'chatbot_initiated', ['text']],
    ['telegram', 'no_window', ['text']],
    ['line', 'no_window', ['text']],
    ['webchat', 'no_window', ['text']],
    ['sms', 'no_window', ['text']],
    ['email', 'no_window', ['text']],
  ] as const)('%s → %s', (channel, state, allowed) => {
    for (const now of [T0, after(400 * DAY)]) {
      const s = evaluateWindow({ channel, now, lastInboundAt: null, outboundSinceInbound: 0 });
      expect(s.state).toBe(state);
      expect(s.allowed).toEqual(allowed);
      expect(s.windowClosesAt).toBeNull();
    }
  });

  it('W4: a template sent 2 h ago with no inbound does not open WhatsApp (outbound is not an anchor)', () => {
    const s = evaluateWindow({
      channel: 'whatsapp',
      now: after(2 * HOUR),
      lastInboundAt: null,
      outboundSinceInbound: 1,
    });
    expect(s.state).toBe('template_only');
  });
});

describe('overrides (config `policy.<channel>`)', () => {
  it('windowHours: WhatsApp 12 h, strict at the new boundary', () => {
    const rules = { whatsapp: { windowHours: 12 } };
    const { before, exactly, afterEnd } = boundaryInstants(12 * HOUR);
    expect(evalAt('whatsapp', before, { rules }).state).toBe('open');
    expect(evalAt('whatsapp', before, { rules }).windowClosesAt).toEqual(after(12 * HOUR));
    expect(evalAt('whatsapp', exactly, { rules }).state).toBe('template_only');
    expect(evalAt('whatsapp', afterEnd, { rules }).state).toBe('template_only');
  });

  it('windowHours: WeChat 24 h', () => {
    const rules = { wechat: { windowHours: 24 } };
    expect(evalAt('wechat', after(24 * HOUR - 1), { rules }).state).toBe('open');
    expect(evalAt('wechat', after(24 * HOUR), { rules }).reason).toBe('wechat.window_expired');
  });

  it('windowHours: Viber 12 h session', () => {
    const rules = { viber: { windowHours: 12 } };
    expect(evalAt('viber', after(12 * HOUR - 1), { rules }).state).toBe('open');
    expect(evalAt('viber', after(12 * HOUR), { rules }).state).toBe('chatbot_initiated');
  });

  it('windowHours: Messenger 48 h standard, HUMAN_AGENT still until 7 d', () => {
    const rules = { messenger: { windowHours: 48 } };
    expect(evalAt('messenger', after(48 * HOUR - 1), { rules }).state).toBe('open');
    expect(evalAt('messenger', after(48 * HOUR), { rules }).state).toBe('human_agent');
    expect(evalAt('messenger', after(7 * DAY), { rules }).state).toBe('tag_only');
  });

  it('humanAgentDays 3: Messenger HUMAN_AGENT ends at t+3d', () => {
    const rules = { messenger: { humanAgentDays: 3 } };
    const { before, exactly, afterEnd } = boundaryInstants(3 * DAY);
    const s = evalAt('messenger', before, { rules });
    expect(s.state).toBe('human_agent');
    expect(s.windowClosesAt).toEqual(after(3 * DAY));
    expect(evalAt('messenger', exactly, { rules }).state).toBe('tag_only');
    expect(evalAt('messenger', afterEnd, { rules }).state).toBe('tag_only');
    expect(evalAt('messenger', after(HOUR), { rules }).windowClosesAt).toEqual(after(3 * DAY));
  });

  it('humanAgentDays 0 (C11/C12: HUMAN_AGENT off): Messenger goes from open straight to tag_only at 24 h', () => {
    const rules = { messenger: { humanAgentDays: 0 } };
    const open = evalAt('messenger', after(13 * HOUR), { rules });
    expect(open.state).toBe('open');
    expect(open.windowClosesAt).toEqual(after(24 * HOUR));
    expect(evalAt('messenger', after(24 * HOUR - 1), { rules }).state).toBe('open');
    expect(evalAt('messenger', after(24 * HOUR), { rules }).state).toBe('tag_only');
    expect(evalAt('messenger', after(4 * DAY), { rules }).state).toBe('tag_only');
  });

  it('humanAgentDays 0: Instagram closes at 24 h', () => {
    const rules = { instagram: { humanAgentDays: 0 } };
    expect(evalAt('instagram', after(24 * HOUR - 1), { rules }).windowClosesAt).toEqual(after(24 * HOUR));
    const s = evalAt('instagram', after(24 * HOUR), { rules });
    expect(s.state).toBe('closed');
    expect(s.reason).toBe('instagram.window_closed');
  });

  it('humanAgentDays 10: Instagram HUMAN_AGENT until t+10d', () => {
    const rules = { instagram: { humanAgentDays: 10 } };
    expect(evalAt('instagram', after(10 * DAY - 1), { rules }).state).toBe('human_agent');
    expect(evalAt('instagram', after(10 * DAY), { rules }).state).toBe('closed');
  });

  it('maxOutbound 5 (providers since 2023): X1 4 sent → 1 left, X2 5 sent → closed by count', () => {
    const rules = { wechat: { maxOutbound: 5 } };
    const x1 = evalAt('wechat', after(47 * HOUR), { rules, outboundSinceInbound: 4 });
    expect(x1.state).toBe('open');
    expect(x1.messagesLeft).toBe(1);
    const x2 = evalAt('wechat', after(47 * HOUR), { rules, outboundSinceInbound: 5 });
    expect(x2.state).toBe('closed');
    expect(x2.reason).toBe('wechat.outbound_cap_reached');
    expect(evalAt('wechat', after(HOUR), { rules }).messagesLeft).toBe(5);
  });

  it('X5: 5 sent, then a new user message: quota refreshed', () => {
    const rules = { wechat: { maxOutbound: 5 } };
    const s = evaluateWindow({
      channel: 'wechat',
      now: after(2 * HOUR),
      lastInboundAt: after(HOUR),
      outboundSinceInbound: 0,
      rules,
    });
    expect(s.state).toBe('open');
    expect(s.messagesLeft).toBe(5);
  });

  it('maxOutbound 0: WeChat closed by count even inside 48 h', () => {
    const s = evalAt('wechat', after(MINUTE), { rules: { wechat: { maxOutbound: 0 } } });
    expect(s.state).toBe('closed');
    expect(s.reason).toBe('wechat.outbound_cap_reached');
  });

  it('freeMonthly 0 (bots created since 2024-02-05): no free chatbot-initiated messages', () => {
    const rules = { viber: { freeMonthly: 0 } };
    const s = evalAt('viber', after(30 * HOUR), { rules });
    expect(s.state).toBe('closed');
    expect(s.reason).toBe('viber.free_quota_exhausted');
    expect(s.messagesLeft).toBe(0);
    // Inside the session text is still free.
    expect(evalAt('viber', after(HOUR), { rules }).state).toBe('open');
  });

  it('freeMonthly 0 + commercialTerms: every chatbot-initiated message is billable', () => {
    const rules = { viber: { freeMonthly: 0, commercialTerms: true } };
    const s = evalAt('viber', after(30 * HOUR), { rules });
    expect(s.state).toBe('chatbot_initiated');
    expect(s.billable).toBe(true);
    expect(s.messagesLeft).toBe(0);
    expect(s.allowed).toEqual(['text']);
    const never = evaluateWindow({ channel: 'viber', now: T0, lastInboundAt: null, rules });
    expect(never.state).toBe('chatbot_initiated');
    expect(never.billable).toBe(true);
  });

  it('freeMonthly 500: 499 used → 1 left, 500 used → closed', () => {
    const rules = { viber: { freeMonthly: 500 } };
    expect(evalAt('viber', after(2 * DAY), { rules, chatbotInitiatedThisMonth: 499 }).messagesLeft).toBe(1);
    expect(evalAt('viber', after(2 * DAY), { rules, chatbotInitiatedThisMonth: 500 }).state).toBe('closed');
  });

  it('afterWindowTags []: Messenger closed after 7 days (tags rejected since 2026-04-27)', () => {
    const rules = { messenger: { afterWindowTags: [] } };
    expect(evalAt('messenger', after(7 * DAY - 1), { rules }).state).toBe('human_agent');
    const s = evalAt('messenger', after(7 * DAY), { rules });
    expect(contract(s)).toEqual({
      channel: 'messenger',
      state: 'closed',
      windowClosesAt: null,
      messagesLeft: null,
      allowed: [],
      reason: 'messenger.window_closed_no_tags',
    });
    const never = evaluateWindow({ channel: 'messenger', now: T0, lastInboundAt: null, rules });
    expect(never.state).toBe('closed');
    expect(never.allowed).toEqual([]);
  });

  it('afterWindowTags [] with humanAgentDays 0: Messenger closed right at 24 h', () => {
    const rules = { messenger: { afterWindowTags: [], humanAgentDays: 0 } };
    expect(evalAt('messenger', after(24 * HOUR), { rules }).state).toBe('closed');
  });

  it('afterWindowTags with one tag: still tag_only', () => {
    const rules = { messenger: { afterWindowTags: ['ACCOUNT_UPDATE'] } };
    expect(evalAt('messenger', after(8 * DAY), { rules }).state).toBe('tag_only');
  });

  it('an override for one channel does not affect another', () => {
    const rules = { whatsapp: { windowHours: 1 }, wechat: { maxOutbound: 1 } };
    expect(evalAt('messenger', after(2 * HOUR), { rules }).state).toBe('open');
    expect(evalAt('viber', after(2 * HOUR), { rules }).state).toBe('open');
  });

  it('overrides do not leak into later calls without them (defaults are not mutated)', () => {
    evalAt('whatsapp', after(HOUR), { rules: { whatsapp: { windowHours: 1 } } });
    evalAt('messenger', after(HOUR), { rules: { messenger: { afterWindowTags: [] } } });
    expect(evalAt('whatsapp', after(HOUR)).state).toBe('open');
    expect(evalAt('messenger', after(8 * DAY)).state).toBe('tag_only');
    expect(DEFAULT_RULES.whatsapp.windowHours).toBe(24);
    expect(DEFAULT_RULES.messenger.afterWindowTags).toHaveLength(3);
  });

  it('an explicitly undefined override keeps the default', () => {
    const s = evalAt('whatsapp', after(23 * HOUR), { rules: { whatsapp: { windowHours: undefined } } });
    expect(s.state).toBe('open');
  });
});

describe('anchorWindowHours (an inbound event carrying its own window, e.g. ad referral up to 7 days)', () => {
  it('M3: Messenger, first message after a click-to-Messenger ad, 7-day window: open (RESPONSE) at 5 d', () => {
    const s = evalAt('messenger', after(5 * DAY), { anchorWindowHours: 168 });
    expect(s.state).toBe('open');
    expect(s.humanOnly).toBe(false);
    expect(s.windowClosesAt).toEqual(after(7 * DAY));
  });

  it('Messenger 168 h ad window: strict boundary at t+7d, then tags', () => {
    const { before, exactly, afterEnd } = boundaryInstants(7 * DAY);
    expect(evalAt('messenger', before, { anchorWindowHours: 168 }).state).toBe('open');
    expect(evalAt('messenger', exactly, { anchorWindowHours: 168 }).state).toBe('tag_only');
    expect(evalAt('messenger', afterEnd, { anchorWindowHours: 168 }).state).toBe('tag_only');
  });

  it('Instagram 72 h ad window: open until t+72h, then HUMAN_AGENT until t+7d, then closed', () => {
    const { before, exactly } = boundaryInstants(72 * HOUR);
    const open = evalAt('instagram', before, { anchorWindowHours: 72 });
    expect(open.state).toBe('open');
    expect(open.changesAt).toEqual(after(72 * HOUR));
    expect(open.windowClosesAt).toEqual(after(7 * DAY));
    expect(evalAt('instagram', exactly, { anchorWindowHours: 72 }).state).toBe('human_agent');
    expect(evalAt('instagram', after(7 * DAY), { anchorWindowHours: 72 }).state).toBe('closed');
  });

  it('a shorter carried window never shortens the rule (24 h still applies)', () => {
    const s = evalAt('messenger', after(23 * HOUR), { anchorWindowHours: 1 });
    expect(s.state).toBe('open');
    expect(s.changesAt).toEqual(after(24 * HOUR));
  });

  it('ignored on channels without a window', () => {
    expect(evalAt('telegram', after(10 * DAY), { anchorWindowHours: 1 }).state).toBe('no_window');
  });

  it('ignored when the contact never wrote', () => {
    expect(evaluateWindow({ channel: 'messenger', now: T0, lastInboundAt: null, anchorWindowHours: 168 }).state).toBe(
      'closed',
    );
  });
});

describe('purity of evaluateWindow', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('depends on `now` only, not the wall clock', () => {
    const input: WindowInput = { channel: 'whatsapp', now: after(23 * HOUR), lastInboundAt: T0 };
    vi.useFakeTimers();
    vi.setSystemTime(new Date(Date.UTC(2000, 0, 1)));
    const a = evaluateWindow(input);
    vi.setSystemTime(new Date(Date.UTC(2099, 0, 1)));
    const b = evaluateWindow(input);
    expect(b).toEqual(a);
    expect(a.state).toBe('open');
  });

  it('does not mutate its input', () => {
    const rules = { messenger: { afterWindowTags: ['ACCOUNT_UPDATE'] } };
    const input: WindowInput = { channel: 'messenger', now: after(8 * DAY), lastInboundAt: T0, rules };
    const snapshot = structuredClone(input);
    evaluateWindow(input);
    expect(input).toEqual(snapshot);
  });

  it('returned dates are fresh objects (mutating them does not change later results)', () => {
    const s = evalAt('whatsapp', after(HOUR));
    s.windowClosesAt!.setTime(0);
    expect(evalAt('whatsapp', after(HOUR)).windowClosesAt).toEqual(after(24 * HOUR));
    expect(T0.getTime()).toBe(Date.UTC(2026, 2, 10, 12));
  });

  it('every state is one of the seven', () => {
    const states = new Set<string>();
    for (const channel of CHANNEL_TYPES) {
      for (const lastInboundAt of [null, T0]) {
        for (const offset of [0, 23 * HOUR, 24 * HOUR, 3 * DAY, 7 * DAY, 30 * DAY]) {
          states.add(evaluateWindow({ channel, now: after(offset), lastInboundAt }).state);
        }
      }
    }
    expect([...states].sort()).toEqual(
      ['chatbot_initiated', 'closed', 'human_agent', 'no_window', 'open', 'tag_only', 'template_only'].sort(),
    );
  });

  it('allowed follows the state (contract)', () => {
    for (const channel of CHANNEL_TYPES) {
      for (const lastInboundAt of [null, T0]) {
        for (const offset of [0, 23 * HOUR, 24 * HOUR, 3 * DAY, 7 * DAY, 30 * DAY]) {
          const s = evaluateWindow({ channel, now: after(offset), lastInboundAt });
          const expected: Record<string, string[]> = {
            no_window: ['text'],
            open: channel === 'whatsapp' ? ['text', 'template'] : ['text'],
            human_agent: ['text'],
            chatbot_initiated: ['text'],
            template_only: ['template'],
            tag_only: ['tag'],
            closed: [],
          };
          expect(s.allowed, `${channel} ${s.state}`).toEqual(expected[s.state]);
          if (
            s.state === 'closed' ||
            s.state === 'no_window' ||
            s.state === 'template_only' ||
            s.state === 'tag_only'
          ) {
            expect(s.windowClosesAt, `${channel} ${s.state}`).toBeNull();
          }
          if (channel !== 'wechat' && channel !== 'viber') expect(s.messagesLeft).toBeNull();
        }
      }
    }
  });
});
