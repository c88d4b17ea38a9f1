/**
 * planOutbound against POLICY.md: length limits (trap 8), RESPONSE vs HUMAN_AGENT (trap 4), tags, templates
 * (trap 5), no fallback on Instagram (trap 6), WeChat/Viber counting, re-evaluation at send time (trap 3).
 */
import { describe, expect, it } from 'vitest';
import {
  type ChannelType,
  type OutboundMessage,
  type OutboundPlan,
  type PlannedSend,
  type RefusedSend,
  type RuleOverrides,
  type WindowStatus,
  TEMPLATE_STATUSES,
  describeReason,
  evaluateWindow,
  planOutbound,
} from '../../src/policy/index.js';
import { DAY, HOUR, MINUTE, T0, after, template } from './helpers.js';

function statusAt(
  channel: ChannelType,
  offsetMs: number | null,
  extra: Partial<Parameters<typeof evaluateWindow>[0]> = {},
) {
  return evaluateWindow({
    channel,
    now: offsetMs === null ? T0 : after(offsetMs),
    lastInboundAt: offsetMs === null ? null : T0,
    ...extra,
  });
}

function planned(plan: OutboundPlan): PlannedSend {
  if (!plan.ok) throw new Error(`expected a plan, got refusal ${plan.reason}: ${plan.detail}`);
  return plan;
}

function refused(plan: OutboundPlan): RefusedSend {
  if (plan.ok) throw new Error(`expected a refusal, got a ${plan.kind} plan`);
  return plan;
}

const text = (t: string, author?: 'agent' | 'automation'): OutboundMessage =>
  author ? { kind: 'text', text: t, author } : { kind: 'text', text: t };

describe('text length limits (characters; LINE in UTF-16 units); reject, never truncate', () => {
  const limits: Array<[ChannelType, number]> = [
    ['whatsapp', 4096],
    ['messenger', 2000],
    ['instagram', 1000],
    ['telegram', 4096],
    ['line', 5000],
    ['viber', 7000],
    ['sms', 1600],
  ];

  describe.each(limits)('%s: %i', (channel, limit) => {
    const status = statusAt(channel, HOUR);

    it('exactly at the limit: sent in full', () => {
      const body = 'a'.repeat(limit);
      const plan = planned(planOutbound(status, text(body)));
      expect(plan.text).toBe(body);
      expect(plan.kind).toBe('text');
      expect(plan.channel).toBe(channel);
    });

    it('limit + 1: refused with a field error on text, nothing cut', () => {
      const plan = refused(planOutbound(status, text('a'.repeat(limit + 1))));
      expect(plan.reason).toBe('text_too_long');
      expect(plan.field).toBe('text');
      expect(plan.channel).toBe(channel);
      expect(plan.detail).toContain(String(limit + 1));
      expect(plan.detail).toContain(String(limit));
      expect(plan).not.toHaveProperty('text');
    });
  });

  it('LINE counts UTF-16 units: an emoji counts 2', () => {
    const status = statusAt('line', HOUR);
    expect('😀'.length).toBe(2);
    expect(planned(planOutbound(status, text('a'.repeat(4998) + '😀'))).text).toHaveLength(5000);
    const over = refused(planOutbound(status, text('a'.repeat(4999) + '😀')));
    expect(over.reason).toBe('text_too_long');
    expect(over.detail).toContain('5001');
    expect(refused(planOutbound(status, text('😀'.repeat(2501)))).reason).toBe('text_too_long');
    expect(planned(planOutbound(status, text('😀'.repeat(2500)))).ok).toBe(true);
  });

  it('character channels count an emoji as one character', () => {
    const status = statusAt('instagram', HOUR);
    expect(planned(planOutbound(status, text('😀'.repeat(1000)))).ok).toBe(true);
    expect(refused(planOutbound(status, text('😀'.repeat(1001)))).reason).toBe('text_too_long');
  });

  it.each(['email', 'webchat', 'wechat'] as const)('%s: effectively unlimited', (channel) => {
    const body = 'x'.repeat(200_000);
    expect(planned(planOutbound(statusAt(channel, HOUR), text(body))).text).toHaveLength(200_000);
  });

  it('maxTextLength override applies', () => {
    const rules: RuleOverrides = { sms: { maxTextLength: 160 } };
    const status = statusAt('sms', HOUR, { rules });
    expect(planned(planOutbound(status, text('a'.repeat(160)), rules)).ok).toBe(true);
    expect(refused(planOutbound(status, text('a'.repeat(161)), rules)).reason).toBe('text_too_long');
  });

  it.each(['', '   ', '\n\t '])('empty text %j is refused', (body) => {
    const plan = refused(planOutbound(statusAt('telegram', HOUR), text(body)));
    expect(plan.reason).toBe('text_empty');
    expect(plan.field).toBe('text');
  });

  it('a tagged message is length-checked too', () => {
    const status = statusAt('messenger', 8 * DAY);
    const plan = refused(planOutbound(status, { kind: 'tag', tag: 'ACCOUNT_UPDATE', text: 'a'.repeat(2001) }));
    expect(plan.reason).toBe('text_too_long');
    expect(planned(planOutbound(status, { kind: 'tag', tag: 'ACCOUNT_UPDATE', text: 'a'.repeat(2000) })).ok).toBe(true);
  });
});

describe('channels without a window: plain text, no Send API fields', () => {
  it.each(['telegram', 'line', 'webchat', 'sms', 'email'] as const)('%s', (channel) => {
    for (const status of [statusAt(channel, null), statusAt(channel, 90 * DAY)]) {
      const plan = planned(planOutbound(status, text('Following up on your ticket', 'automation')));
      expect(plan).toMatchObject({
        kind: 'text',
        messagingType: null,
        tag: null,
        template: null,
        chatbotInitiated: false,
        billable: false,
        countsTowardCap: false,
        state: 'no_window',
      });
    }
  });

  it.each(['telegram', 'email'] as const)('%s: a template is refused (templates are WhatsApp only)', (channel) => {
    const plan = refused(
      planOutbound(statusAt(channel, HOUR), { kind: 'template', template: template(), variables: ['A', 'B'] }),
    );
    expect(plan.field).toBe('template');
    expect(plan.allowed).toEqual(['text']);
  });
});

describe('Messenger: RESPONSE inside 24 h, MESSAGE_TAG + HUMAN_AGENT 24 h–7 d (people only), tags after', () => {
  it('inside 24 h (C5): RESPONSE, no tag, for agents and automations alike', () => {
    const status = statusAt('messenger', 13 * HOUR);
    for (const author of ['agent', 'automation'] as const) {
      const plan = planned(planOutbound(status, text('Hi', author)));
      expect(plan.messagingType).toBe('RESPONSE');
      expect(plan.tag).toBeNull();
      expect(plan.kind).toBe('text');
      expect(plan.state).toBe('open');
    }
  });

  it('author defaults to agent', () => {
    const plan = planned(planOutbound(statusAt('messenger', 3 * DAY), text('Hi')));
    expect(plan.messagingType).toBe('MESSAGE_TAG');
  });

  it('t+24h−1ms is still RESPONSE; exactly t+24h is HUMAN_AGENT', () => {
    expect(planned(planOutbound(statusAt('messenger', 24 * HOUR - 1), text('Hi'))).messagingType).toBe('RESPONSE');
    const plan = planned(planOutbound(statusAt('messenger', 24 * HOUR), text('Hi', 'agent')));
    expect(plan.messagingType).toBe('MESSAGE_TAG');
    expect(plan.tag).toBe('HUMAN_AGENT');
  });

  it('24 h–7 d (C6, 5 d): a person writes: MESSAGE_TAG + HUMAN_AGENT', () => {
    const plan = planned(planOutbound(statusAt('messenger', 5 * DAY), text('Any news?', 'agent')));
    expect(plan).toMatchObject({
      kind: 'text',
      messagingType: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      text: 'Any news?',
      state: 'human_agent',
    });
  });

  it('M1: 24 h–7 d, automation: refused (bots stay within 24 h)', () => {
    for (const offset of [24 * HOUR, 3 * DAY, 7 * DAY - 1]) {
      const plan = refused(planOutbound(statusAt('messenger', offset), text('Reminder', 'automation')));
      expect(plan.reason).toBe('human_agent_requires_person');
      expect(plan.allowed).toEqual(['text']);
      expect(plan.detail).not.toBe('');
    }
  });

  it('inside 24 h a tag is refused (send RESPONSE, not a tag)', () => {
    const plan = refused(planOutbound(statusAt('messenger', HOUR), { kind: 'tag', tag: 'ACCOUNT_UPDATE', text: 'Hi' }));
    expect(plan.field).toBe('tag');
    expect(plan.allowed).toEqual(['text']);
  });

  it('M2: 3 d, human, tag ACCOUNT_UPDATE: refused (HUMAN_AGENT text is the way)', () => {
    const plan = refused(
      planOutbound(statusAt('messenger', 3 * DAY), { kind: 'tag', tag: 'ACCOUNT_UPDATE', text: 'Hi' }),
    );
    expect(plan.field).toBe('tag');
  });

  describe('after 7 d: tag_only', () => {
    const status = statusAt('messenger', 8 * DAY);

    it.each(['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE'])(
      'allowed tag %s: MESSAGE_TAG',
      (tag) => {
        const plan = planned(
          planOutbound(status, { kind: 'tag', tag, text: 'Your order shipped.', author: 'automation' }),
        );
        expect(plan).toMatchObject({
          kind: 'tag',
          messagingType: 'MESSAGE_TAG',
          tag,
          text: 'Your order shipped.',
          state: 'tag_only',
        });
      },
    );

    it.each(['HUMAN_AGENT', 'CUSTOMER_FEEDBACK', 'account_update', ''])('unknown tag %j: tag_not_allowed', (tag) => {
      const plan = refused(planOutbound(status, { kind: 'tag', tag, text: 'Hi' }));
      expect(plan.reason).toBe('tag_not_allowed');
      expect(plan.field).toBe('tag');
      expect(plan.allowed).toEqual(['tag']);
    });

    it('C7: free text after 7 d is refused with the window reason', () => {
      const plan = refused(planOutbound(status, text('Hi', 'agent')));
      expect(plan.reason).toBe('messenger.window_closed');
      expect(plan.field).toBe('text');
      expect(plan.allowed).toEqual(['tag']);
    });

    it('a template is refused on Messenger', () => {
      const plan = refused(planOutbound(status, { kind: 'template', template: template(), variables: ['A', 'B'] }));
      expect(plan.field).toBe('template');
      expect(plan.allowed).toEqual(['tag']);
    });

    it('afterWindowTags override narrows the list', () => {
      const rules: RuleOverrides = { messenger: { afterWindowTags: ['ACCOUNT_UPDATE'] } };
      const s = statusAt('messenger', 8 * DAY, { rules });
      expect(planned(planOutbound(s, { kind: 'tag', tag: 'ACCOUNT_UPDATE', text: 'Hi' }, rules)).tag).toBe(
        'ACCOUNT_UPDATE',
      );
      expect(refused(planOutbound(s, { kind: 'tag', tag: 'POST_PURCHASE_UPDATE', text: 'Hi' }, rules)).reason).toBe(
        'tag_not_allowed',
      );
    });

    it('afterWindowTags [] (2026 provider change): closed after 7 d, everything refused', () => {
      const rules: RuleOverrides = { messenger: { afterWindowTags: [] } };
      const s = statusAt('messenger', 8 * DAY, { rules });
      const messages: OutboundMessage[] = [
        text('Hi'),
        { kind: 'tag', tag: 'ACCOUNT_UPDATE', text: 'Hi' },
        { kind: 'template', template: template(), variables: ['A', 'B'] },
      ];
      for (const message of messages) {
        const plan = refused(planOutbound(s, message, rules));
        expect(plan.reason).toBe('messenger.window_closed_no_tags');
        expect(plan.allowed).toEqual([]);
      }
    });
  });

  it('never wrote to us: everything refused', () => {
    const s = statusAt('messenger', null);
    const plan = refused(planOutbound(s, text('Hi')));
    expect(plan.reason).toBe('messenger.never_inbound');
    expect(plan.allowed).toEqual([]);
    expect(refused(planOutbound(s, { kind: 'tag', tag: 'ACCOUNT_UPDATE', text: 'Hi' })).reason).toBe(
      'messenger.never_inbound',
    );
  });

  it('ad-referral window (7 d): RESPONSE and automations allowed at 5 d', () => {
    const s = statusAt('messenger', 5 * DAY, { anchorWindowHours: 168 });
    const plan = planned(planOutbound(s, text('Hi', 'automation')));
    expect(plan.messagingType).toBe('RESPONSE');
    expect(plan.tag).toBeNull();
  });
});

describe('Instagram: RESPONSE, HUMAN_AGENT, then nothing (trap 6)', () => {
  it('inside 24 h: RESPONSE', () => {
    const plan = planned(planOutbound(statusAt('instagram', HOUR), text('Hi', 'automation')));
    expect(plan.messagingType).toBe('RESPONSE');
    expect(plan.tag).toBeNull();
  });

  it('C19 exactly 24 h and 6 d: a person may write with HUMAN_AGENT; automation refused', () => {
    for (const offset of [24 * HOUR, 6 * DAY]) {
      const s = statusAt('instagram', offset);
      expect(planned(planOutbound(s, text('Hi', 'agent'))).tag).toBe('HUMAN_AGENT');
      expect(refused(planOutbound(s, text('Hi', 'automation'))).reason).toBe('human_agent_requires_person');
    }
  });

  it('a template is refused even inside the window (no templates on Instagram)', () => {
    const plan = refused(
      planOutbound(statusAt('instagram', HOUR), { kind: 'template', template: template(), variables: ['A', 'B'] }),
    );
    expect(plan.field).toBe('template');
  });

  it('after 7 days (C16, I1): text, tag and template all refused with a reason and an explanation', () => {
    for (const offset of [7 * DAY, 7 * DAY + 1, 8 * DAY]) {
      const s = statusAt('instagram', offset);
      const messages: OutboundMessage[] = [
        text('Hi', 'agent'),
        text('Hi', 'automation'),
        { kind: 'tag', tag: 'HUMAN_AGENT', text: 'Hi' },
        { kind: 'tag', tag: 'ACCOUNT_UPDATE', text: 'Hi' },
        { kind: 'template', template: template(), variables: ['A', 'B'] },
      ];
      for (const message of messages) {
        const plan = refused(planOutbound(s, message));
        expect(plan.reason).toBe('instagram.window_closed');
        expect(plan.allowed).toEqual([]);
        expect(plan.detail.length).toBeGreaterThan(0);
      }
      const why = describeReason('instagram.window_closed');
      expect(why.summary).toMatch(/Instagram/);
      expect(why.reopensWhen).toBeTruthy();
    }
  });

  it('never wrote to us: refused', () => {
    expect(refused(planOutbound(statusAt('instagram', null), text('Hi'))).reason).toBe('instagram.never_inbound');
  });
});

describe('WhatsApp templates (trap 5)', () => {
  const closed = statusAt('whatsapp', 25 * HOUR);

  it('C25/C23: free text refused after 24 h and for a contact who never wrote, templates offered', () => {
    for (const s of [closed, statusAt('whatsapp', null)]) {
      const plan = refused(planOutbound(s, text('Hi')));
      expect(plan.allowed).toEqual(['template']);
      expect(plan.field).toBe('text');
      expect(plan.reason).toMatch(/^whatsapp\.(window_closed|never_inbound)$/);
    }
  });

  it('an approved template with positional array variables', () => {
    const plan = planned(
      planOutbound(closed, {
        kind: 'template',
        template: template(),
        variables: ['Ann', 'A-1001'],
        contactLanguage: 'en_US',
      }),
    );
    expect(plan).toMatchObject({
      ok: true,
      kind: 'template',
      text: 'Hello Ann, your order A-1001 has shipped.',
      template: {
        name: 'order_update',
        language: 'en_US',
        parameters: ['Ann', 'A-1001'],
        named: { '1': 'Ann', '2': 'A-1001' },
      },
      messagingType: null,
      tag: null,
      state: 'template_only',
    });
  });

  it('positional variables keyed by number in an object', () => {
    const plan = planned(
      planOutbound(closed, { kind: 'template', template: template(), variables: { '2': 'A-1', '1': 'Bo' } }),
    );
    expect(plan.template?.parameters).toEqual(['Bo', 'A-1']);
  });

  it('positional placeholders out of order in the body: array values map to {{1}}, {{2}} by number', () => {
    const t = template({ body: 'Order {{2}} for {{1}} is ready; thanks {{1}}.' });
    const plan = planned(planOutbound(closed, { kind: 'template', template: t, variables: ['Ann', 'A-7'] }));
    expect(plan.text).toBe('Order A-7 for Ann is ready; thanks Ann.');
    expect(plan.template?.parameters).toEqual(['Ann', 'A-7']);
  });

  it('named variables', () => {
    const t = template({ body: 'Hi {{first_name}}, ticket {{ ticket_id }} is solved.' });
    const plan = planned(
      planOutbound(closed, { kind: 'template', template: t, variables: { first_name: 'Ann', ticket_id: '42' } }),
    );
    expect(plan.text).toBe('Hi Ann, ticket 42 is solved.');
    expect(plan.template?.named).toEqual({ first_name: 'Ann', ticket_id: '42' });
    expect(plan.template?.parameters).toEqual(['Ann', '42']);
  });

  it('a template without variables needs none', () => {
    const t = template({ body: 'We have an update on your request. Reply to continue.' });
    expect(planned(planOutbound(closed, { kind: 'template', template: t })).text).toBe(t.body);
  });

  it.each(TEMPLATE_STATUSES.filter((s) => s !== 'APPROVED'))('W3: status %s is refused', (status) => {
    const plan = refused(
      planOutbound(closed, { kind: 'template', template: template({ status }), variables: ['A', 'B'] }),
    );
    expect(plan.reason).toBe('template_not_approved');
    expect(plan.field).toBe('template');
    expect(plan.allowed).toEqual(['template']);
    expect(plan.detail).toContain(status);
  });

  it.each([
    ['en_US', 'fr'],
    ['en_US', 'fr_FR'],
    ['pt_BR', 'pt_PT'],
    ['en_GB', 'en-US'],
    ['es', 'en'],
  ])('template in %s, contact speaks %s: template_wrong_language', (language, contactLanguage) => {
    const plan = refused(
      planOutbound(closed, {
        kind: 'template',
        template: template({ language }),
        variables: ['A', 'B'],
        contactLanguage,
      }),
    );
    expect(plan.reason).toBe('template_wrong_language');
    expect(plan.field).toBe('template');
  });

  it.each([
    ['en_US', 'en_US'],
    ['en_US', 'en-US'],
    ['pt_BR', 'pt-br'],
    ['en_US', 'en'],
    ['fr', 'fr_FR'],
  ])('template in %s, contact speaks %s: accepted', (language, contactLanguage) => {
    expect(
      planned(
        planOutbound(closed, {
          kind: 'template',
          template: template({ language }),
          variables: ['A', 'B'],
          contactLanguage,
        }),
      ).ok,
    ).toBe(true);
  });

  it('unknown contact language: not checked', () => {
    for (const contactLanguage of [null, undefined, '']) {
      expect(
        planned(
          planOutbound(closed, {
            kind: 'template',
            template: template({ language: 'de' }),
            variables: ['A', 'B'],
            contactLanguage,
          }),
        ).ok,
      ).toBe(true);
    }
  });

  describe('missing variables', () => {
    it.each([
      ['no variables at all', undefined, ['1', '2']],
      ['array too short', ['Ann'], ['2']],
      ['empty string', ['Ann', ''], ['2']],
      ['whitespace only', ['   ', 'A-1'], ['1']],
      ['object missing a key', { '1': 'Ann' }, ['2']],
    ] as const)('positional: %s', (_label, variables, missing) => {
      const plan = refused(
        planOutbound(closed, {
          kind: 'template',
          template: template(),
          variables: variables as Record<string, string> | string[] | undefined,
        }),
      );
      expect(plan.reason).toBe('template_missing_variables');
      expect(plan.field).toBe('variables');
      for (const m of missing) expect(plan.detail).toContain(`{{${m}}}`);
    });

    it('named: a missing and a blank value', () => {
      const t = template({ body: 'Hi {{first_name}}, ticket {{ticket_id}} about {{topic}}.' });
      const plan = refused(
        planOutbound(closed, { kind: 'template', template: t, variables: { first_name: 'Ann', topic: ' ' } }),
      );
      expect(plan.reason).toBe('template_missing_variables');
      expect(plan.detail).toContain('{{ticket_id}}');
      expect(plan.detail).toContain('{{topic}}');
      expect(plan.detail).not.toContain('{{first_name}}');
    });

    it('named template given positional array values: filled in order of appearance', () => {
      const t = template({ body: 'Hi {{first_name}}, ticket {{ticket_id}}.' });
      const plan = planned(planOutbound(closed, { kind: 'template', template: t, variables: ['Ann', '42'] }));
      expect(plan.text).toBe('Hi Ann, ticket 42.');
    });
  });

  describe('rendered body limit 1024', () => {
    const t = template({ body: 'Hi {{1}}' }); // 3 characters of fixed text

    it('exactly 1024 after filling in: sent', () => {
      const plan = planned(planOutbound(closed, { kind: 'template', template: t, variables: ['a'.repeat(1021)] }));
      expect(plan.text).toHaveLength(1024);
    });

    it('1025 after filling in: template_too_long, field variables', () => {
      const plan = refused(planOutbound(closed, { kind: 'template', template: t, variables: ['a'.repeat(1022)] }));
      expect(plan.reason).toBe('template_too_long');
      expect(plan.field).toBe('variables');
      expect(plan.detail).toContain('1025');
      expect(plan.detail).toContain('1024');
    });

    it('surrounding whitespace of a value (trimmed for the provider) does not count', () => {
      const plan = planned(
        planOutbound(closed, { kind: 'template', template: t, variables: [`  ${'a'.repeat(1021)}  `] }),
      );
      expect(plan.text).toHaveLength(1024);
      expect(plan.template?.parameters).toEqual(['a'.repeat(1021)]);
    });
  });

  it('a value containing a placeholder is not expanded again', () => {
    const plan = planned(planOutbound(closed, { kind: 'template', template: template(), variables: ['{{2}}', 'X'] }));
    expect(plan.text).toBe('Hello {{2}}, your order X has shipped.');
  });

  it('inside the window a template is allowed too, and text is free', () => {
    const open = statusAt('whatsapp', HOUR);
    expect(planned(planOutbound(open, { kind: 'template', template: template(), variables: ['A', 'B'] })).state).toBe(
      'open',
    );
    const plan = planned(planOutbound(open, text('Hi')));
    expect(plan.messagingType).toBeNull();
    expect(plan.kind).toBe('text');
  });

  it('a tag is refused on WhatsApp', () => {
    expect(refused(planOutbound(closed, { kind: 'tag', tag: 'ACCOUNT_UPDATE', text: 'Hi' })).field).toBe('tag');
  });

  it('sending a template does not reopen free text: only the contact reply does', () => {
    const now = after(2 * DAY);
    const before = evaluateWindow({ channel: 'whatsapp', now, lastInboundAt: T0 });
    planned(planOutbound(before, { kind: 'template', template: template(), variables: ['A', 'B'] }));
    // After the template went out (our outbound is not an anchor) the window is unchanged.
    const afterTemplate = evaluateWindow({
      channel: 'whatsapp',
      now: after(MINUTE, now),
      lastInboundAt: T0,
      outboundSinceInbound: 1,
    });
    expect(afterTemplate.state).toBe('template_only');
    expect(refused(planOutbound(afterTemplate, text('Hi'))).allowed).toEqual(['template']);
    // The contact replies: free text again.
    const replied = evaluateWindow({
      channel: 'whatsapp',
      now: after(10 * MINUTE, now),
      lastInboundAt: after(5 * MINUTE, now),
    });
    expect(planned(planOutbound(replied, text('Thanks!'))).ok).toBe(true);
  });
});

describe('templates on other channels are refused', () => {
  it.each([
    ['messenger', HOUR],
    ['messenger', 3 * DAY],
    ['instagram', HOUR],
    ['viber', HOUR],
    ['viber', 3 * DAY],
    ['wechat', HOUR],
    ['telegram', HOUR],
    ['line', HOUR],
    ['webchat', HOUR],
    ['sms', HOUR],
    ['email', HOUR],
  ] as const)('%s (%i ms after inbound)', (channel, offset) => {
    const s = statusAt(channel, offset);
    const plan = refused(planOutbound(s, { kind: 'template', template: template(), variables: ['A', 'B'] }));
    expect(plan.field).toBe('template');
    expect(plan.allowed).not.toContain('template');
  });
});

describe('WeChat: count and time', () => {
  it('open: counts toward the cap', () => {
    const plan = planned(planOutbound(statusAt('wechat', HOUR, { outboundSinceInbound: 19 }), text('Hi')));
    expect(plan.countsTowardCap).toBe(true);
    expect(plan.messagingType).toBeNull();
  });

  it('closed by count (20 sent): refused with the count reason', () => {
    const plan = refused(planOutbound(statusAt('wechat', HOUR, { outboundSinceInbound: 20 }), text('Hi')));
    expect(plan.reason).toBe('wechat.outbound_cap_reached');
    expect(plan.allowed).toEqual([]);
  });

  it('closed by time (48 h): refused with the time reason', () => {
    const plan = refused(planOutbound(statusAt('wechat', 48 * HOUR), text('Hi')));
    expect(plan.reason).toBe('wechat.window_expired');
  });

  it('never wrote: refused', () => {
    expect(refused(planOutbound(statusAt('wechat', null), text('Hi'))).reason).toBe('wechat.never_inbound');
  });

  it('maxOutbound 5 override: the 5th is the last one', () => {
    const rules: RuleOverrides = { wechat: { maxOutbound: 5 } };
    expect(
      planned(planOutbound(statusAt('wechat', HOUR, { rules, outboundSinceInbound: 4 }), text('Hi'), rules)).ok,
    ).toBe(true);
    expect(
      refused(planOutbound(statusAt('wechat', HOUR, { rules, outboundSinceInbound: 5 }), text('Hi'), rules)).reason,
    ).toBe('wechat.outbound_cap_reached');
  });
});

describe('Viber: chatbot-initiated and billing flags', () => {
  it('V1 inside the session: free, not chatbot-initiated', () => {
    const plan = planned(planOutbound(statusAt('viber', 2 * HOUR), text('Hi')));
    expect(plan.chatbotInitiated).toBe(false);
    expect(plan.billable).toBe(false);
    expect(plan.countsTowardCap).toBe(false);
  });

  it('V2 after the session with quota left: chatbot-initiated, not billable', () => {
    const plan = planned(planOutbound(statusAt('viber', 30 * HOUR, { chatbotInitiatedThisMonth: 9_999 }), text('Hi')));
    expect(plan.chatbotInitiated).toBe(true);
    expect(plan.billable).toBe(false);
    expect(plan.state).toBe('chatbot_initiated');
  });

  it('never wrote: chatbot-initiated', () => {
    expect(planned(planOutbound(statusAt('viber', null), text('Hi'))).chatbotInitiated).toBe(true);
  });

  it('V3 quota used, no commercial terms: refused', () => {
    const plan = refused(planOutbound(statusAt('viber', 30 * HOUR, { chatbotInitiatedThisMonth: 10_000 }), text('Hi')));
    expect(plan.reason).toBe('viber.free_quota_exhausted');
    expect(plan.allowed).toEqual([]);
  });

  it('V3 quota used, commercial terms: chatbot-initiated and billable', () => {
    const rules: RuleOverrides = { viber: { commercialTerms: true } };
    const s = statusAt('viber', 30 * HOUR, { chatbotInitiatedThisMonth: 10_000, rules });
    const plan = planned(planOutbound(s, text('Hi'), rules));
    expect(plan.chatbotInitiated).toBe(true);
    expect(plan.billable).toBe(true);
  });

  it('V4 unsubscribed: refused', () => {
    expect(refused(planOutbound(statusAt('viber', HOUR, { subscribed: false }), text('Hi'))).reason).toBe(
      'viber.not_subscribed',
    );
  });

  it('7000 characters limit (viber) applies to chatbot-initiated messages too', () => {
    expect(refused(planOutbound(statusAt('viber', 30 * HOUR), text('a'.repeat(7001)))).reason).toBe('text_too_long');
  });
});

describe('re-evaluate at send time (trap 3)', () => {
  it('a modal built at 23 h 59 m must not send free text at 24 h 01 m', () => {
    const atOpen: WindowStatus = statusAt('whatsapp', 23 * HOUR + 59 * MINUTE);
    expect(planned(planOutbound(atOpen, text('Hi'))).ok).toBe(true);
    const atSend = statusAt('whatsapp', 24 * HOUR + MINUTE);
    const plan = refused(planOutbound(atSend, text('Hi')));
    expect(plan.reason).toBe('whatsapp.window_closed');
    expect(plan.allowed).toEqual(['template']);
  });

  it('Messenger automation drafted at 23 h 59 m is refused at 24 h 01 m', () => {
    expect(planned(planOutbound(statusAt('messenger', 24 * HOUR - MINUTE), text('Hi', 'automation'))).ok).toBe(true);
    expect(refused(planOutbound(statusAt('messenger', 24 * HOUR + MINUTE), text('Hi', 'automation'))).reason).toBe(
      'human_agent_requires_person',
    );
  });
});

describe('every refusal reason has plain words', () => {
  it('describeReason knows every code planOutbound and evaluateWindow produce', () => {
    const codes = [
      'text_empty',
      'text_too_long',
      'template_not_approved',
      'template_wrong_language',
      'template_missing_variables',
      'template_too_long',
      'tag_not_allowed',
      'human_agent_requires_person',
      'whatsapp.window_closed',
      'whatsapp.never_inbound',
      'messenger.open',
      'messenger.human_agent',
      'messenger.window_closed',
      'messenger.window_closed_no_tags',
      'messenger.never_inbound',
      'messenger.never_inbound_no_tags',
      'instagram.window_closed',
      'instagram.never_inbound',
      'viber.open',
      'viber.chatbot_initiated',
      'viber.chatbot_initiated_billable',
      'viber.free_quota_exhausted',
      'viber.not_subscribed',
      'wechat.open',
      'wechat.window_expired',
      'wechat.outbound_cap_reached',
      'wechat.never_inbound',
      'telegram.no_window',
      'email.no_window',
    ];
    for (const code of codes) {
      const d = describeReason(code);
      expect(d.summary, code).not.toBe(code);
      expect(d.summary.length, code).toBeGreaterThan(0);
    }
    for (const code of [
      'wechat.window_expired',
      'wechat.outbound_cap_reached',
      'viber.free_quota_exhausted',
      'instagram.window_closed',
    ]) {
      expect(describeReason(code).reopensWhen, code).toBeTruthy();
    }
    expect(describeReason('wechat.window_expired').summary).not.toBe(
      describeReason('wechat.outbound_cap_reached').summary,
    );
  });

  it('unknown codes fall back to the code itself', () => {
    expect(describeReason('something.odd').summary).toBe('something.odd');
  });
});
