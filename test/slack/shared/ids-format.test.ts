import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES, WINDOW_STATES, type WindowStatus, evaluateWindow } from '../../../src/policy/index.js';
import { english as t } from '../../../src/slack/i18n/index.js';
import {
  WINDOW_STATE_EMOJI,
  allowedText,
  assigneeText,
  badge,
  channelAccountName,
  channelEmoji,
  channelLabel,
  conversationText,
  messagesLeftText,
  reasonText,
  reopensText,
  soonestClose,
  windowStateText,
} from '../../../src/slack/shared/format.js';
import {
  ACTION,
  ACTION_MATCH,
  BLOCK,
  CALLBACK,
  COMMAND,
  SHORTCUT_CALLBACK,
  actionPattern,
  followUpValue,
  optionValue,
  parseFollowUpValue,
  repeatedActionId,
  variableActionId,
  variableBlockId,
} from '../../../src/slack/shared/ids.js';
import { DAY, HOUR, NOW, ago, allChannelSetups, statusOf } from '../fixtures.js';

describe('ids', () => {
  it('names the command, shortcut and every callback', () => {
    expect(COMMAND).toBe('/followup');
    expect(SHORTCUT_CALLBACK).toBe('followup_global');
    expect(CALLBACK).toEqual({ search: 'followup_search', contact: 'followup_contact', compose: 'followup_compose' });
  });

  it('keeps every id unique within its table, prefixed and ≤ 255 characters', () => {
    for (const table of [ACTION, BLOCK, CALLBACK]) {
      const values = Object.values(table);
      expect(new Set(values).size).toBe(values.length);
      for (const v of values) {
        expect(v).toMatch(/^followup_[a-z_]+$/);
        expect(v.length).toBeLessThanOrEqual(255);
      }
    }
  });

  it('matches repeated action ids with actionPattern, and nothing else', () => {
    const p = actionPattern(ACTION.openContact);
    expect(p.test(ACTION.openContact)).toBe(true);
    expect(p.test(repeatedActionId(ACTION.openContact, 12))).toBe(true);
    expect(p.test(`${ACTION.openContact}_x`)).toBe(false);
    expect(actionPattern(ACTION.text).test(ACTION.template)).toBe(false);
    expect(actionPattern(ACTION.variable).test(variableActionId('first_name'))).toBe(true);
    expect(variableBlockId('1')).toBe('var:1');
    expect(ACTION_MATCH.composeOpen.test(repeatedActionId(ACTION.composeOpen, 0))).toBe(true);
    expect(ACTION_MATCH.notifyFollowUp.test(ACTION.notifyFollowUp)).toBe(true);
    expect(ACTION_MATCH.openContact.test(ACTION.composeOpen)).toBe(false);
  });

  it('round-trips follow-up button values, splitting on the last |', () => {
    expect(followUpValue('c-1', 'whatsapp:123')).toBe('c-1|whatsapp:123');
    expect(parseFollowUpValue('c|odd|whatsapp')).toEqual({ contactId: 'c|odd', channelKey: 'whatsapp' });
    expect(parseFollowUpValue('nothing')).toBeNull();
    // A forged block action may carry any JSON as the button's value (found by the ingress fuzz).
    for (const forged of [null, 42, { a: 1 }, ['c|whatsapp']]) expect(parseFollowUpValue(forged)).toBeNull();
    expect(parseFollowUpValue('|x')).toBeNull();
  });

  it('keeps option values ≤ 75 characters, stable and distinct', () => {
    expect(optionValue('short')).toBe('short');
    const a = optionValue('a'.repeat(512));
    const b = optionValue(`${'a'.repeat(511)}b`);
    expect(a.length).toBeLessThanOrEqual(75);
    expect(a).toBe(optionValue('a'.repeat(512)));
    expect(a).not.toBe(b);
  });
});

describe('format', () => {
  it('has an emoji and label for every channel type and window state', () => {
    for (const c of CHANNEL_TYPES) {
      expect(channelLabel(t, c).length).toBeGreaterThan(0);
      expect(channelEmoji(c).length).toBeGreaterThan(0);
    }
    expect([channelEmoji('whatsapp'), channelLabel(t, 'whatsapp')]).toEqual(['📱', 'WhatsApp']);
    for (const s of WINDOW_STATES) {
      expect(WINDOW_STATE_EMOJI[s].length).toBeGreaterThan(0);
      for (const what of ['badge', 'filter', 'meaning'] as const) {
        expect(windowStateText(t, s, what).length).toBeGreaterThan(0);
      }
    }
    expect(WINDOW_STATE_EMOJI.open).toBe('🟢');
    expect([WINDOW_STATE_EMOJI.human_agent, windowStateText(t, 'human_agent', 'badge')]).toEqual(['🟡', 'agent only']);
    expect([WINDOW_STATE_EMOJI.no_window, windowStateText(t, 'no_window', 'badge')]).toEqual(['⚪', 'any time']);
  });

  it('badges an open window with its close time as a date token', () => {
    const s = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: ago(3 * HOUR) });
    const end = Math.floor((NOW.getTime() + 21 * HOUR) / 1000);
    expect(badge(t, s, NOW)).toBe(
      `🟢 WhatsApp · open until <!date^${end}^{date_short_pretty} {time}|Mar 11, 2026, 9:00 AM UTC>`,
    );
  });

  it('flags a window closing within 2 hours', () => {
    const s = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: ago(23 * HOUR) });
    expect(badge(t, s, NOW)).toMatch(/ ⏳$/);
  });

  it('badges every state', () => {
    const by = Object.fromEntries(
      allChannelSetups().map((setup) => [setup.channel.type, badge(t, statusOf(setup), NOW)]),
    );
    expect(by.whatsapp).toBe('📝 WhatsApp · template only');
    expect(by.messenger).toMatch(/^🟡 Messenger · agent only until <!date\^\d+\^/);
    expect(by.instagram).toBe('🔴 Instagram · closed');
    expect(by.viber).toBe('🤖 Viber · chatbot-initiated · 9,988 free left');
    expect(by.wechat).toMatch(/^🟢 WeChat · open until <!date.*> · 17 left$/);
    expect(by.telegram).toBe('⚪ Telegram · any time');
    const billable = evaluateWindow({
      channel: 'viber',
      now: NOW,
      lastInboundAt: null,
      chatbotInitiatedThisMonth: 10_000,
      rules: { viber: { commercialTerms: true } },
    });
    expect(badge(t, billable, NOW)).toBe('🤖 Viber · chatbot-initiated · billable');
    const exhausted = evaluateWindow({
      channel: 'viber',
      now: NOW,
      lastInboundAt: null,
      chatbotInitiatedThisMonth: 10_000,
    });
    expect(badge(t, exhausted, NOW)).toMatch(/^🔴 Viber · closed · changes <!date/);
  });

  it('explains reasons, reopening, counters and what can be sent in plain words', () => {
    const wa = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: ago(2 * DAY) });
    expect(reasonText(t, wa)).toMatch(/only an approved WhatsApp template/);
    expect(reopensText(t, wa)).toMatch(/replies/);
    expect(allowedText(t, wa)).toBe('Can send now: an approved template.');
    const fb = evaluateWindow({ channel: 'messenger', now: NOW, lastInboundAt: ago(2 * DAY) });
    expect(allowedText(t, fb)).toBe('Can send now: free text written by you (HUMAN_AGENT).');
    const ig = evaluateWindow({ channel: 'instagram', now: NOW, lastInboundAt: ago(8 * DAY) });
    expect(allowedText(t, ig)).toBe('Nothing can be sent now.');
    const wc = evaluateWindow({ channel: 'wechat', now: NOW, lastInboundAt: ago(HOUR), outboundSinceInbound: 19 });
    expect(messagesLeftText(t, wc)).toBe('1 message left in this window');
    const vb = evaluateWindow({ channel: 'viber', now: NOW, lastInboundAt: null, chatbotInitiatedThisMonth: 1 });
    expect(messagesLeftText(t, vb)).toBe('9,999 free chatbot-initiated messages left this month');
    expect(messagesLeftText(t, evaluateWindow({ channel: 'sms', now: NOW, lastInboundAt: null }))).toBeNull();
  });

  it('names assignees, conversations and channel accounts safely', () => {
    expect(assigneeText(t, null)).toBe('Unassigned');
    expect(assigneeText(t, 'U1234')).toBe('<@U1234>');
    expect(conversationText(t, { status: 'closed', statusChangedAt: NOW.toISOString() })).toMatch(/^Closed <!date\^/);
    expect(conversationText(t, { status: 'open', statusChangedAt: NOW.toISOString() })).toMatch(/^Open since <!date\^/);
    expect(channelAccountName(t, { type: 'whatsapp', channelId: '<!here>' })).toBe('📱 WhatsApp (&lt;!here&gt;)');
  });

  it('finds the soonest close among statuses', () => {
    const a = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: ago(20 * HOUR) });
    const b = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: ago(2 * HOUR) });
    const none: WindowStatus = evaluateWindow({ channel: 'sms', now: NOW, lastInboundAt: null });
    expect(soonestClose([b, none, a])).toEqual(a.changesAt);
    expect(soonestClose([none])).toBeNull();
  });
});
