import type { Button, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { type ContactChannel, channelKey } from '../../../src/contacts/model.js';
import { evaluateWindow } from '../../../src/policy/index.js';
import {
  DIGEST_ITEMS_MAX,
  type WindowClosedNoticeInput,
  type WindowReminderInput,
  buildWindowClosedNotice,
  buildWindowDigest,
  buildWindowReminder,
} from '../../../src/slack/notifications/notice-messages.js';
import { english as en } from '../../../src/slack/i18n/index.js';
import { ACTION, actionPattern, parseFollowUpValue } from '../../../src/slack/shared/ids.js';
import { LIMITS, assertBlockKitLimits, blocksTextLength } from '../../support/block-kit-limits.js';
import {
  DAY,
  HOUR,
  INJECTION,
  INJECTION_ESCAPED,
  NOW,
  ago,
  contact,
  expectNoRawControl,
  iso,
  vietnameseName,
  worstContact,
} from '../fixtures.js';

const json = (v: unknown) => JSON.stringify(v);
const at = (d: Date) => Math.floor(d.getTime() / 1000);

function waReminder(overrides: Partial<WindowReminderInput> = {}): WindowReminderInput {
  const lastIn = ago(23 * HOUR);
  const channel: ContactChannel = {
    type: 'whatsapp',
    channelId: 'wa-1',
    lastInboundAt: iso(lastIn),
    lastOutboundAt: null,
    outboundSinceInbound: 0,
  };
  const status = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: lastIn });
  return {
    contact: contact({ id: 'c-7', channels: [channel] }),
    channel,
    status,
    closesAt: status.windowClosesAt!,
    assignee: 'U0042',
    late: false,
    ...overrides,
  };
}

function waClosedNotice(overrides: Partial<WindowClosedNoticeInput> = {}): WindowClosedNoticeInput {
  const lastIn = ago(DAY + HOUR);
  const channel: ContactChannel = {
    type: 'whatsapp',
    lastInboundAt: iso(lastIn),
    lastOutboundAt: null,
    outboundSinceInbound: 0,
  };
  return {
    contact: contact({ id: 'c-8', channels: [channel] }),
    channel,
    status: evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: lastIn }),
    closedAt: ago(HOUR),
    assignee: null,
    late: false,
    ...overrides,
  };
}

describe('buildWindowReminder', () => {
  it('names the contact and assignee, shows the close time as a date token, and has a Follow up button', () => {
    const input = waReminder();
    const msg = buildWindowReminder(en, input);
    const section = msg.blocks[0] as SectionBlock;
    expect(section.text!.text).toBe(
      '⏳ The WhatsApp window for *Ana Silva* closes ' +
        `<!date^${at(input.closesAt)}^{date_short_pretty} {time}|Mar 10, 2026, 1:00 PM UTC>.`,
    );
    const button = section.accessory as Button;
    expect(button).toMatchObject({ type: 'button', action_id: ACTION.notifyFollowUp, text: { text: 'Follow up' } });
    expect(parseFollowUpValue(button.value!)).toEqual({ contactId: 'c-7', channelKey: channelKey(input.channel) });
    expect(button.value).toBe('c-7|whatsapp:wa-1');
    expect(json(msg.blocks[1])).toContain('Assigned to <@U0042>');
    expect(msg.text).toBe('⏳ The WhatsApp window for *Ana Silva* closes Mar 10, 2026, 1:00 PM UTC.');
    assertBlockKitLimits('message', msg);
  });

  it('says so when the reminder is late, and when nobody is assigned', () => {
    const msg = buildWindowReminder(en, waReminder({ late: true, assignee: null }));
    expect(json(msg.blocks)).toContain('Sent late');
    expect(json(msg.blocks[1])).toMatch(/"Unassigned"/);
  });

  it('words the Messenger standard-window edge as the end of free text, not of the window', () => {
    const lastIn = ago(22 * HOUR);
    const channel: ContactChannel = {
      type: 'messenger',
      lastInboundAt: iso(lastIn),
      lastOutboundAt: null,
      outboundSinceInbound: 0,
    };
    const status = evaluateWindow({ channel: 'messenger', now: NOW, lastInboundAt: lastIn });
    const msg = buildWindowReminder(en, waReminder({ channel, status, closesAt: status.changesAt! }));
    expect(json(msg.blocks)).toMatch(
      new RegExp(
        /Free text to \*Ana Silva\* on Messenger ends <!date[^>]+>; /.source +
          /after that only a person can write \(HUMAN_AGENT\) until <!date/.source,
      ),
    );
  });
});

describe('buildWindowClosedNotice', () => {
  it('says when it closed, what the channel allows now, who has it, and has a Follow up button', () => {
    const input = waClosedNotice();
    const msg = buildWindowClosedNotice(en, input);
    const section = msg.blocks[0] as SectionBlock;
    expect(section.text!.text).toMatch(/^🔴 The WhatsApp window for \*Ana Silva\* closed <!date\^\d+\^/);
    expect((section.accessory as Button).value).toBe('c-8|whatsapp');
    const notes = json(msg.blocks[1]);
    expect(notes).toContain('Now: 📝 WhatsApp · template only. The 24-hour window has closed');
    expect(notes).toContain('"Unassigned"');
    assertBlockKitLimits('message', msg);
  });

  it('shows the Viber quota after closing, and lateness', () => {
    const channel: ContactChannel = {
      type: 'viber',
      lastInboundAt: iso(ago(DAY + HOUR)),
      lastOutboundAt: null,
      outboundSinceInbound: 0,
    };
    const status = evaluateWindow({
      channel: 'viber',
      now: NOW,
      lastInboundAt: ago(DAY + HOUR),
      chatbotInitiatedThisMonth: 100,
    });
    const msg = buildWindowClosedNotice(en, waClosedNotice({ channel, status, late: true }));
    expect(json(msg.blocks)).toContain('🤖 Viber · chatbot-initiated · 9,900 free left');
    expect(json(msg.blocks)).toContain('Reported late');
  });

  it('escapes the contact everywhere, including the fallback text', () => {
    const evil = contact({ firstName: INJECTION, lastName: '' });
    for (const msg of [
      buildWindowClosedNotice(en, waClosedNotice({ contact: evil })),
      buildWindowReminder(en, waReminder({ contact: evil, assignee: '<!channel>' })),
    ]) {
      expect(expectNoRawControl(msg)).toEqual([]);
      expect(msg.text).toContain(INJECTION_ESCAPED);
      assertBlockKitLimits('message', msg);
    }
  });
});

describe('buildWindowDigest', () => {
  function manyReminders(n: number): WindowReminderInput[] {
    return Array.from({ length: n }, (_, i) => {
      const w = worstContact(i);
      const wc = w.statuses.find((s) => s.channel.type === 'wechat')!;
      return {
        contact: w.contact,
        channel: wc.channel,
        status: wc.status,
        closesAt: wc.status.windowClosesAt!,
        assignee: w.contact.assignee,
        late: i % 5 === 0,
      };
    });
  }

  it('summarises a few items, each with its own Follow up button', () => {
    const items = [waReminder(), waReminder({ contact: contact({ id: 'c-9', firstName: 'Bao', lastName: '' }) })];
    const msg = buildWindowDigest(en, { kind: 'reminder', items, minute: NOW });
    expect(msg.blocks[0]).toMatchObject({ type: 'header', text: { text: '⏳ 2 windows closing soon' } });
    expect(json(msg.blocks[1])).toContain(`as of <!date^${at(NOW)}^{time}|`);
    const sections = msg.blocks.filter((b): b is SectionBlock => b.type === 'section');
    expect(sections).toHaveLength(2);
    expect(sections[0]!.text!.text).toMatch(/^\*Ana Silva\* · 📱 WhatsApp · closes <!date[^>]+> · <@U0042>$/);
    const buttons = sections.map((s) => s.accessory as Button);
    expect(buttons.map((b) => b.value)).toEqual(['c-7|whatsapp:wa-1', 'c-9|whatsapp:wa-1']);
    for (const b of buttons) expect(actionPattern(ACTION.notifyFollowUp).test(b.action_id!)).toBe(true);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(2);
    expect(msg.text).toBe('⏳ 2 windows closing soon: Ana Silva and Bao');
    assertBlockKitLimits('message', msg);
  });

  it('summarises closed windows with what is allowed now', () => {
    const msg = buildWindowDigest(en, { kind: 'notice', items: [waClosedNotice()], minute: NOW });
    expect(msg.blocks[0]).toMatchObject({ text: { text: '🔴 1 window closed' } });
    expect(json(msg.blocks)).toMatch(/closed <!date[^>]+> · now 📝 template only · Unassigned/);
  });

  it('stays within 50 blocks and the text budget with a thousand worst-case items, then says "and N more"', () => {
    const items = manyReminders(1000);
    const msg = buildWindowDigest(en, { kind: 'reminder', items, minute: NOW });
    assertBlockKitLimits('message', msg);
    expect(msg.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(blocksTextLength(msg.blocks)).toBeLessThanOrEqual(LIMITS.messageBlocksText);
    const listed = msg.blocks.filter((b) => b.type === 'section').length;
    expect(listed).toBeGreaterThan(10);
    expect(listed).toBeLessThanOrEqual(DIGEST_ITEMS_MAX);
    expect(json(msg.blocks.at(-1))).toContain(`and ${(1000 - listed).toLocaleString('en-US')} more`);
    expect(msg.text).toMatch(/, and 997 others$/);
  });

  it('escapes contact names in the items and the fallback', () => {
    const evil = contact({ firstName: INJECTION, lastName: '' });
    const name = vietnameseName(3);
    const items = [waClosedNotice({ contact: evil }), waClosedNotice({ contact: contact({ ...name }) })];
    const msg = buildWindowDigest(en, { kind: 'notice', items, minute: NOW });
    expect(expectNoRawControl(msg)).toEqual([]);
    expect(msg.text).toContain(INJECTION_ESCAPED);
    assertBlockKitLimits('message', msg);
  });
});

const STARRY = { firstName: 'Ann*Marie', lastName: '_VIP_' };
const STARRY_BOLD = '*Ann\u2217Marie \u02CDVIP\u02CD*';

describe('names in bold', () => {
  it('keeps a name with * and _ in one bold run in every notification', () => {
    const starry = contact(STARRY);
    const messages = [
      buildWindowReminder(en, waReminder({ contact: starry })),
      buildWindowClosedNotice(en, waClosedNotice({ contact: starry })),
      buildWindowDigest(en, { kind: 'reminder', items: [waReminder({ contact: starry }), waReminder()], minute: NOW }),
    ];
    for (const msg of messages) {
      expect(json(msg.blocks)).toContain(STARRY_BOLD);
      expect(json(msg.blocks)).not.toContain('*Ann*');
    }
  });
});
