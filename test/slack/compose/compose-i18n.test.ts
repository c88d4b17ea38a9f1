/**
 * Compose in every language Followup speaks, with worst-case data: 80-character Vietnamese and Arabic names,
 * 60 (and 130) Arabic templates, a draft longer than the box, every channel's text limits. Every Block Kit
 * limit holds, and the words the block helpers would cut at a limit (option descriptions, titles) arrive
 * whole: a translation too long fails here, it is never cut.
 */
import type { InputBlock, KnownBlock, ModalView, PlainTextInput, SectionBlock, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { ContactChannel } from '../../../src/contacts/model.js';
import {
  CHANNEL_TYPES,
  type ChannelType,
  type RefusedSend,
  type WindowStatus,
  evaluateWindow,
  ruleFor,
} from '../../../src/policy/index.js';
import {
  type ComposeModalModel,
  buildComposeModalView,
  tagUse,
  templateOptionValue,
} from '../../../src/slack/compose/compose-modal.js';
import { messageWithBlock } from '../../../src/slack/compose/block-value.js';
import { refusalText } from '../../../src/slack/compose/refusal-text.js';
import { buildSentConfirmation } from '../../../src/slack/compose/send-messages.js';
import { LANGUAGES, type MessageKey, english, translatorFor } from '../../../src/slack/i18n/index.js';
import { BLOCK } from '../../../src/slack/shared/ids.js';
import { channelLabel } from '../../../src/slack/shared/format.js';
import { escapeMrkdwn, oneLine } from '../../../src/slack/shared/mrkdwn.js';
import { buildLoadingModalView, buildMessageModalView } from '../../../src/slack/shared/notice-modal.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import {
  ARABIC_TEXT,
  DAY,
  HOUR,
  NOW,
  ago,
  arabicTemplates,
  contact,
  iso,
  longEmail,
  template,
  vietnameseName,
} from '../fixtures.js';

const CODES = LANGUAGES.map((l) => [l.code] as const);
const ARABIC_NAME = { firstName: 'عبد الرحمن بن محمد', lastName: 'آل سعود '.repeat(10).slice(0, 61).trim() };

function ch(type: ChannelType, lastInbound: Date | null, extra: Partial<ContactChannel> = {}): ContactChannel {
  return {
    type,
    lastInboundAt: lastInbound ? iso(lastInbound) : null,
    lastOutboundAt: null,
    outboundSinceInbound: 0,
    channelId: `${type}-account-${'9'.repeat(40)}`,
    ...extra,
  };
}

function model(status: WindowStatus, channel: ContactChannel, overrides: Partial<ComposeModalModel> = {}) {
  return {
    contact: contact({ ...vietnameseName(7), email: longEmail(7), language: 'ar', channels: [channel] }),
    channel,
    status,
    mode: 'text',
    rule: ruleFor(channel.type),
    templates: [],
    variableValues: {},
    tags: [],
    sandbox: true,
    privateMetadata: 'm'.repeat(3000),
    now: NOW,
    ...overrides,
  } satisfies ComposeModalModel;
}

const byId = (view: ModalView, id: string) =>
  view.blocks.find((b) => (b as KnownBlock).block_id === id) as KnownBlock | undefined;
const json = (v: unknown) => JSON.stringify(v);
/** `text` as it appears inside the view's JSON. */
const inJson = (text: string) => JSON.stringify(text).slice(1, -1);

const wa = ch('whatsapp', ago(2 * DAY));
const waClosed = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: ago(2 * DAY) });
const fb = ch('messenger', ago(9 * DAY));
const fbTag = evaluateWindow({ channel: 'messenger', now: NOW, lastInboundAt: ago(9 * DAY) });

/** The view's own words (title, close, submit) are the language's, whole. */
function expectOwnWords(t: ReturnType<typeof translatorFor>, view: ModalView, submit: MessageKey | null) {
  expect(view.title.text).toBe(t.t('compose.title'));
  if (submit) {
    expect(view.submit?.text).toBe(t.t(submit));
    expect(view.close?.text).toBe(t.t('compose.cancel'));
  } else {
    expect(view.submit).toBeUndefined();
    expect(view.close?.text).toBe(t.t('compose.close'));
  }
}

describe.each(CODES)('compose in %s', (code) => {
  const t = translatorFor(code);

  it('free text on every channel, with its hint, warnings and an over-long draft, within limits', () => {
    for (const type of CHANNEL_TYPES) {
      const inbound = type === 'viber' ? ago(2 * DAY) : type === 'messenger' ? ago(3 * DAY) : ago(HOUR);
      const channel = ch(type, inbound, type === 'wechat' ? { outboundSinceInbound: 18 } : {});
      const status = evaluateWindow({
        channel: type,
        now: NOW,
        lastInboundAt: inbound,
        ...(type === 'wechat' ? { outboundSinceInbound: 18 } : {}),
        ...(type === 'viber' ? { chatbotInitiatedThisMonth: 9_995 } : {}),
      });
      for (const draftText of ['Xin chào', 'x'.repeat(5000)]) {
        const notice = `${t.t('compose.windowChanged')} ${escapeMrkdwn(ARABIC_TEXT.slice(0, 1500))}`;
        const view = buildComposeModalView(t, model(status, channel, { draftText, notice }));
        assertBlockKitLimits('modal', view);
        expectOwnWords(t, view, 'compose.sendSandbox');
        const input = byId(view, BLOCK.text) as InputBlock;
        expect(input.label.text).toBe(t.t('compose.text.label'));
      }
    }
  });

  it('60 Arabic templates, one chosen with its variables filled, and an Arabic contact name', () => {
    const many = arabicTemplates(60);
    const view = buildComposeModalView(
      t,
      model(waClosed, wa, {
        contact: contact({ ...ARABIC_NAME, language: 'ar', channels: [wa] }),
        mode: 'template',
        templates: many,
        selectedTemplate: many[59]!,
        variableValues: { '1': ARABIC_TEXT.slice(0, 3000), '2': '' },
        notice: 'n'.repeat(2900),
      }),
    );
    assertBlockKitLimits('modal', view);
    expectOwnWords(t, view, 'compose.sendSandbox');
    const select = (byId(view, BLOCK.template) as InputBlock).element as StaticSelect;
    expect(select.placeholder?.text).toBe(t.t('compose.template.placeholder'));
    expect(select.initial_option?.value).toBe(templateOptionValue(many[59]!));
    expect(json(view)).toContain(inJson(t.t('compose.template.fillIn', { names: t.list(['{{2}}']) })));
    // The preview is a quote in every language: no isolate mark before a line's `>` (Arabic isolates values).
    const preview = (byId(view, BLOCK.preview) as SectionBlock).text!.text.split('\n');
    expect(preview.length).toBeGreaterThan(1);
    for (const line of preview.slice(1)) expect(line.startsWith('>'), line.slice(0, 20)).toBe(true);
  });

  it('130 templates (some not listed), 80 variables, none in the contact language, known or not', () => {
    const views = [
      buildComposeModalView(t, model(waClosed, wa, { mode: 'template', templates: arabicTemplates(130) })),
      buildComposeModalView(
        t,
        model(waClosed, wa, {
          mode: 'template',
          templates: [template({ body: Array.from({ length: 80 }, (_, i) => `{{${i + 1}}}`).join(' ') })],
          selectedTemplate: template({ body: Array.from({ length: 80 }, (_, i) => `{{${i + 1}}}`).join(' ') }),
        }),
      ),
    ];
    expect(json(views[0])).toContain(inJson(t.t('compose.template.hidden', { hidden: 30, max: 100 })));
    expect(json(views[1])).toContain(inJson(t.t('compose.template.tooManyVariables', { count: 80, max: 60 })));
    for (const language of ['ar', '']) {
      const c = contact({ ...vietnameseName(3), language, channels: [wa] });
      const view = buildComposeModalView(t, model(waClosed, wa, { contact: c, mode: 'template', templates: [] }));
      views.push(view);
      expectOwnWords(t, view, null);
      const key = language ? 'compose.template.none' : 'compose.template.noneLanguageUnknown';
      expect(json(view)).toContain(inJson(t.t(key, { channel: channelLabel(t, 'whatsapp'), language })));
    }
    for (const view of views) assertBlockKitLimits('modal', view);
  });

  it('message tags: each tag’s use arrives whole (75 characters at most), with the text box', () => {
    const tags = ruleFor('messenger').afterWindowTags.map((tag) => ({ tag, description: tagUse(t, tag) }));
    expect(tags.length).toBeGreaterThan(0);
    const view = buildComposeModalView(t, model(fbTag, fb, { mode: 'tag', tags, selectedTag: tags[0]!.tag }));
    assertBlockKitLimits('modal', view);
    expectOwnWords(t, view, 'compose.sendSandbox');
    const select = (byId(view, BLOCK.tag) as InputBlock).element as StaticSelect;
    // Whole: only blanks are made plain spaces (a French narrow no-break space before a colon).
    expect(select.options!.map((o) => o.description?.text)).toEqual(tags.map((x) => oneLine(x.description)));
    for (const tag of ['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'HUMAN_AGENT', 'OTHER']) {
      expect(tagUse(t, tag).length, `${code} ${tag}`).toBeLessThanOrEqual(75);
    }
    const none = buildComposeModalView(t, model(fbTag, fb, { mode: 'tag', tags: [] }));
    assertBlockKitLimits('modal', none);
    expectOwnWords(t, none, null);
  });

  it('nothing may be sent: the reason and what reopens it, or that this agent may not send', () => {
    const ig = ch('instagram', ago(9 * DAY));
    const igClosed = evaluateWindow({ channel: 'instagram', now: NOW, lastInboundAt: ago(9 * DAY) });
    const closed = buildComposeModalView(t, model(igClosed, ig, { mode: 'closed' }));
    assertBlockKitLimits('modal', closed);
    expectOwnWords(t, closed, null);
    expect(json(closed)).toContain(inJson(t.t('compose.closed.nothing', { channel: channelLabel(t, 'instagram') })));
    const notYou = buildComposeModalView(
      t,
      model(waClosed, wa, {
        mode: 'closed',
        notice: t.t('compose.notAllowedNotice', { name: escapeMrkdwn('<!channel> Nguyễn') }),
      }),
    );
    assertBlockKitLimits('modal', notYou);
    expect(json(notYou)).not.toContain('<!channel>');
  });

  it('the answers to a submission are titled within 24 characters and fit', () => {
    const answers: Array<[MessageKey, string]> = [
      ['compose.title', t.t('compose.outOfDate')],
      ['compose.notAllowedTitle', t.t('compose.notAllowedNothingSent')],
      ['compose.notSent.title', t.t('compose.notSent.checkFailed', { why: 'x'.repeat(200) })],
      [
        'compose.sent.title',
        t.t('compose.sent.text', {
          kind: 'template',
          template: 'n'.repeat(512),
          tag: '',
          name: '*x*',
          channel: 'WhatsApp',
        }),
      ],
      ['compose.sent.titleSandbox', t.t('compose.sent.reopened')],
      [
        'compose.queued.title',
        t.t('compose.queued.text', { channel: 'WhatsApp', name: '*x*', detail: 'd', time: 't' }),
      ],
    ];
    for (const [title, text] of answers) {
      const view = buildMessageModalView(t, t.t(title), text, { context: t.t('compose.sent.sandbox') });
      assertBlockKitLimits('modal', view);
      expect(view.title.text).toBe(t.t(title));
    }
    assertBlockKitLimits('modal', buildLoadingModalView(t, t.t('compose.title'), t.t('compose.sending')));
  });

  it('the confirmation DM, for every kind, sandboxed or not, within message limits', () => {
    for (const kind of ['text', 'template', 'tag'] as const) {
      for (const sandbox of [true, false]) {
        const name = `${ARABIC_NAME.firstName} ${ARABIC_NAME.lastName}`;
        const msg = buildSentConfirmation(t, {
          contactName: name,
          channel: kind === 'tag' ? 'messenger' : 'whatsapp',
          kind,
          text: ARABIC_TEXT,
          sandbox,
          reopened: true,
          assignedTo: 'U0001',
        });
        assertBlockKitLimits('message', msg);
        const fallback = sandbox ? 'compose.confirm.fallbackSandbox' : 'compose.confirm.fallback';
        const channel = channelLabel(t, kind === 'tag' ? 'messenger' : 'whatsapp');
        expect(msg.text).toBe(t.t(fallback, { kind, name, channel }));
      }
    }
  });

  it('words every refusal, with no placeholder left', () => {
    for (const refusal of refusals()) {
      for (const format of ['plain', 'mrkdwn'] as const) {
        const text = refusalText(t, refusal.refusal, {
          message: refusal.message,
          rule: ruleFor(refusal.refusal.channel),
          format,
        });
        expect(text, `${code} ${refusal.refusal.reason}`).toMatch(/\S/);
        expect(text.replace(/\{\{\w+\}\}/g, ''), `${code} ${refusal.refusal.reason}`).not.toMatch(/[{}]/);
      }
    }
  });
});

type Refusal = {
  refusal: Pick<RefusedSend, 'reason' | 'channel' | 'allowed'>;
  message: Parameters<typeof refusalText>[2]['message'];
};

/** One refusal of each kind the policy gives, with the message that would get it. */
function refusals(): Refusal[] {
  const tpl = template({ name: 'order_update', body: 'Hi {{1}}, order {{2}}' });
  const text = { kind: 'text' as const, text: 'á'.repeat(1601) };
  return [
    { refusal: { reason: 'text_empty', channel: 'sms', allowed: ['text'] }, message: { kind: 'text', text: ' ' } },
    { refusal: { reason: 'text_too_long', channel: 'sms', allowed: ['text'] }, message: text },
    {
      refusal: { reason: 'template_missing_variables', channel: 'whatsapp', allowed: ['template'] },
      message: { kind: 'template', template: tpl, variables: { '1': 'Linh' } },
    },
    {
      refusal: { reason: 'template_too_long', channel: 'whatsapp', allowed: ['template'] },
      message: { kind: 'template', template: tpl, variables: { '1': 'x'.repeat(1100), '2': 'y' } },
    },
    {
      refusal: { reason: 'template_not_approved', channel: 'whatsapp', allowed: ['template'] },
      message: { kind: 'template', template: { ...tpl, status: 'PAUSED' } },
    },
    {
      refusal: { reason: 'template_wrong_language', channel: 'whatsapp', allowed: ['template'] },
      message: { kind: 'template', template: tpl, contactLanguage: 'vi' },
    },
    {
      refusal: { reason: 'tag_not_allowed', channel: 'messenger', allowed: ['tag'] },
      message: { kind: 'tag', tag: 'CUSTOMER_FEEDBACK', text: 'hi' },
    },
    {
      refusal: { reason: 'whatsapp.window_closed', channel: 'whatsapp', allowed: ['template'] },
      message: { kind: 'text', text: 'hi' },
    },
    { refusal: { reason: 'instagram.window_closed', channel: 'instagram', allowed: [] }, message: text },
    { refusal: { reason: 'telegram.no_address', channel: 'telegram', allowed: [] }, message: text },
    { refusal: { reason: 'sms.template_not_supported', channel: 'sms', allowed: ['text'] }, message: null },
    { refusal: { reason: 'human_agent_requires_person', channel: 'messenger', allowed: ['text'] }, message: null },
    { refusal: { reason: 'a_code_no_catalog_knows', channel: 'sms', allowed: ['text'] }, message: null },
  ];
}

describe('refusals in English', () => {
  const say = (r: Refusal, format: 'plain' | 'mrkdwn' = 'plain') =>
    refusalText(english, r.refusal, { message: r.message, rule: ruleFor(r.refusal.channel), format });
  const [empty, tooLong, missing, templateTooLong, notApproved, wrongLanguage, tag, onlyTemplate, nothing, noAddress] =
    refusals() as [Refusal, Refusal, Refusal, Refusal, Refusal, Refusal, Refusal, Refusal, Refusal, Refusal];

  it('say what is wrong with the numbers and names of this message', () => {
    expect(say(empty)).toBe('Write a message first.');
    expect(say(tooLong)).toBe('1,601 characters; SMS allows 1,600. Shorten it (nothing is cut for you).');
    expect(say(missing)).toBe('Fill in {{2}}.');
    expect(say(templateTooLong)).toBe('The filled-in template is 1,112 characters; WhatsApp allows 1,024.');
    expect(say(notApproved)).toBe('Template “order_update” is PAUSED, not APPROVED.');
    expect(say(wrongLanguage)).toBe('Template “order_update” is in ar; the contact’s language is vi.');
    expect(say(tag)).toBe('The CUSTOMER_FEEDBACK tag is not accepted on Messenger.');
  });

  it('say what the window allows instead, or why nothing can be sent', () => {
    expect(say(onlyTemplate)).toBe('WhatsApp accepts only an approved template now.');
    expect(say(nothing)).toBe(
      'Nothing can be sent on Instagram now. The 7-day window has closed: Instagram allows nothing until the ' +
        'contact writes again.',
    );
    expect(say(noAddress)).toMatch(/^Nothing can be sent on Telegram now\. This contact has no address/);
  });

  it('escape customer data for a notice, not for a field error', () => {
    const r: Refusal = {
      refusal: { reason: 'template_wrong_language', channel: 'whatsapp', allowed: ['template'] },
      message: { kind: 'template', template: template({ name: 'a&b' }), contactLanguage: '<!here>' },
    };
    expect(say(r, 'mrkdwn')).toBe('Template “a&amp;b” is in ar; the contact’s language is &lt;!here&gt;.');
    expect(say(r, 'plain')).toBe('Template “a&b” is in ar; the contact’s language is <!here>.');
  });
});

describe('a quoted block inside a message', () => {
  it.each(CODES)('%s: each quoted line starts with `>`, even where values are isolated', (code) => {
    const t = translatorFor(code);
    const text = messageWithBlock(t, 'compose.draftKept', 'quote', '> line 1\n> line 2 $& $1');
    expect(text.split('\n').slice(-2)).toEqual(['> line 1', '> line 2 $& $1']);
  });
});

describe('the text box hint', () => {
  it('says the channel limit against what the box holds, and how LINE counts', () => {
    const hint = (type: ChannelType) => {
      const status = evaluateWindow({ channel: type, now: NOW, lastInboundAt: ago(HOUR) });
      const view = buildComposeModalView(english, model(status, ch(type, ago(HOUR))));
      return (byId(view, BLOCK.text) as InputBlock).hint?.text;
    };
    expect(hint('line')).toBe(
      'LINE accepts up to 5,000 characters (LINE counts UTF-16 units: most emoji count 2); this box holds 3,000.',
    );
    expect(hint('sms')).toBe('Up to 1,600 characters on SMS.');
    expect(hint('webchat')).toBe('No length limit on Website chat; this box holds 3,000 characters.');
    const box = (byId(buildComposeModalView(english, model(waClosed, wa)), BLOCK.text) as InputBlock)
      .element as PlainTextInput;
    expect(box.placeholder?.text).toBe('Write to WhatsApp…');
  });

  it('a preview note names ten empty variables and counts the rest', () => {
    const body = Array.from({ length: 14 }, (_, i) => `{{${i + 1}}}`).join(' ');
    const tpl = template({ body });
    const view = buildComposeModalView(
      english,
      model(waClosed, wa, { mode: 'template', templates: [tpl], selectedTemplate: tpl }),
    );
    expect(json(view)).toContain(
      'Fill in {{1}}, {{2}}, {{3}}, {{4}}, {{5}}, {{6}}, {{7}}, {{8}}, {{9}}, {{10}} and 4 more',
    );
    expect((byId(view, BLOCK.preview) as SectionBlock).text!.text.startsWith('*Preview*\n>')).toBe(true);
  });
});
