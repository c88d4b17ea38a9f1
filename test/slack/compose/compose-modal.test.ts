import type { InputBlock, KnownBlock, ModalView, PlainTextInput, SectionBlock, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { english } from '../../../src/slack/i18n/index.js';
import type { ContactChannel } from '../../../src/contacts/model.js';
import {
  MESSAGE_TAG_USES,
  MESSENGER_TAGS,
  type WindowStatus,
  evaluateWindow,
  renderTemplate,
  ruleFor,
} from '../../../src/policy/index.js';
import {
  type ComposeModalModel,
  TEMPLATE_OPTIONS_MAX,
  buildComposeModalView,
  findTemplateByOptionValue,
  templateOptionValue,
} from '../../../src/slack/compose/compose-modal.js';
import { readComposeModalState } from '../../../src/slack/compose/compose-state.js';
import {
  ACTION,
  BLOCK,
  CALLBACK,
  actionPattern,
  variableActionId,
  variableBlockId,
} from '../../../src/slack/shared/ids.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import { escapeMrkdwn } from '../../../src/slack/shared/mrkdwn.js';
import {
  ARABIC_TEXT,
  DAY,
  HOUR,
  INJECTION,
  INJECTION_ESCAPED,
  NOW,
  ago,
  arabicTemplates,
  contact,
  expectNoRawControl,
  iso,
  template,
  vietnameseName,
} from '../fixtures.js';

function ch(
  type: ContactChannel['type'],
  lastInbound: Date | null,
  extra: Partial<ContactChannel> = {},
): ContactChannel {
  return {
    type,
    lastInboundAt: lastInbound ? iso(lastInbound) : null,
    lastOutboundAt: null,
    outboundSinceInbound: 0,
    ...extra,
  };
}

function model(
  status: WindowStatus,
  channel: ContactChannel,
  overrides: Partial<ComposeModalModel> = {},
): ComposeModalModel {
  return {
    contact: contact({ ...vietnameseName(1), language: 'ar', channels: [channel] }),
    channel,
    status,
    mode: 'text',
    rule: ruleFor(channel.type),
    templates: [],
    variableValues: {},
    tags: [],
    sandbox: false,
    privateMetadata: '{"k":"compose"}',
    now: NOW,
    ...overrides,
  };
}

const wa = ch('whatsapp', ago(3 * HOUR), { channelId: 'wa-1' });
const waOpen = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: ago(3 * HOUR) });
const waClosed = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: ago(2 * DAY) });
const fbChannel = ch('messenger', ago(3 * DAY));
const fbHuman = evaluateWindow({ channel: 'messenger', now: NOW, lastInboundAt: ago(3 * DAY) });
const fbTag = evaluateWindow({ channel: 'messenger', now: NOW, lastInboundAt: ago(9 * DAY) });
const igChannel = ch('instagram', ago(9 * DAY));
const igClosed = evaluateWindow({ channel: 'instagram', now: NOW, lastInboundAt: ago(9 * DAY) });
const tags = MESSENGER_TAGS.map((tag) => ({ tag, description: MESSAGE_TAG_USES[tag]! }));

const json = (v: unknown) => JSON.stringify(v);
const byId = (view: ModalView, id: string) =>
  view.blocks.find((b) => (b as KnownBlock).block_id === id) as KnownBlock | undefined;

describe('buildComposeModalView: text mode', () => {
  it('is the compose modal with a header line, a multiline input and Send', () => {
    const view = buildComposeModalView(english, model(waOpen, wa, { draftText: 'Xin chào' }));
    expect(view).toMatchObject({
      callback_id: CALLBACK.compose,
      title: { text: 'Follow up' },
      submit: { text: 'Send' },
      close: { text: 'Cancel' },
      private_metadata: '{"k":"compose"}',
    });
    const head = byId(view, BLOCK.composeHeader) as SectionBlock;
    const name = `${vietnameseName(1).firstName} ${vietnameseName(1).lastName}`;
    expect(name).toHaveLength(80);
    expect(head.text!.text.startsWith(`To *${name}* on 📱 WhatsApp (wa-1)\n🟢 WhatsApp · open until <!date^`)).toBe(
      true,
    );
    const input = byId(view, BLOCK.text) as InputBlock;
    expect(input.element).toMatchObject({
      type: 'plain_text_input',
      action_id: ACTION.text,
      multiline: true,
      max_length: 3000,
      initial_value: 'Xin chào',
    });
    expect(input.hint?.text).toBe('WhatsApp accepts up to 4,096 characters; this box holds 3,000.');
    assertBlockKitLimits('modal', view);
  });

  it('sets max_length to the channel limit when it is under 3,000, and explains UTF-16 counting on LINE', () => {
    const ig = ch('instagram', ago(HOUR));
    const igOpen = evaluateWindow({ channel: 'instagram', now: NOW, lastInboundAt: ago(HOUR) });
    const view = buildComposeModalView(english, model(igOpen, ig));
    const input = byId(view, BLOCK.text) as InputBlock;
    expect((input.element as PlainTextInput).max_length).toBe(1000);
    expect(input.hint?.text).toBe('Up to 1,000 characters on Instagram.');
    const line = ch('line', null);
    const lineOpen = evaluateWindow({ channel: 'line', now: NOW, lastInboundAt: null });
    const lineView = buildComposeModalView(english, model(lineOpen, line));
    expect((byId(lineView, BLOCK.text) as InputBlock).hint?.text).toMatch(/LINE counts UTF-16 units/);
  });

  it('takes the limits from the rule in force, with the operator’s overrides', () => {
    const ig = ch('instagram', ago(HOUR));
    const igOpen = evaluateWindow({ channel: 'instagram', now: NOW, lastInboundAt: ago(HOUR) });
    const shorter = ruleFor('instagram', { instagram: { maxTextLength: 800 } });
    const view = buildComposeModalView(english, model(igOpen, ig, { rule: shorter }));
    const input = byId(view, BLOCK.text) as InputBlock;
    expect((input.element as PlainTextInput).max_length).toBe(800);
    expect(input.hint?.text).toBe('Up to 800 characters on Instagram.');
    const t = template({ body: 'Hi {{1}}' });
    const filled = { mode: 'template' as const, templates: [t], selectedTemplate: t, variableValues: { '1': 'Linh' } };
    const rule = { ...ruleFor('whatsapp'), templateBodyMax: 5 };
    const templateView = buildComposeModalView(english, model(waClosed, wa, { ...filled, rule }));
    expect(json(templateView)).toContain(':warning: 7 characters: WhatsApp allows 5 in a template');
  });

  it('leaves max_length unset when the channel has no limit', () => {
    const email = ch('email', null);
    const emailOpen = evaluateWindow({ channel: 'email', now: NOW, lastInboundAt: null });
    const view = buildComposeModalView(english, model(emailOpen, email));
    const input = byId(view, BLOCK.text) as InputBlock;
    expect((input.element as PlainTextInput).max_length).toBeUndefined();
    expect(input.hint?.text).toMatch(/No length limit on Email/);
  });

  it('never cuts a draft: one longer than the box is reported, not shortened', () => {
    const view = buildComposeModalView(english, model(waOpen, wa, { draftText: 'x'.repeat(3500) }));
    expect((byId(view, BLOCK.text) as InputBlock).element).not.toHaveProperty('initial_value');
    expect(json(view)).toContain('Your draft (3,500 characters) is longer than this box holds (3,000)');
    assertBlockKitLimits('modal', view);
  });

  it('warns that Messenger HUMAN_AGENT messages must be written by a person', () => {
    const view = buildComposeModalView(english, model(fbHuman, fbChannel));
    expect(json(view)).toContain('Sent with the HUMAN_AGENT tag: write it yourself; automations may not use it.');
    expect(((byId(view, BLOCK.text) as InputBlock).element as PlainTextInput).max_length).toBe(2000);
  });

  it('warns that a Viber send counts as chatbot-initiated, or is billable', () => {
    const viber = ch('viber', ago(2 * DAY));
    const free = evaluateWindow({
      channel: 'viber',
      now: NOW,
      lastInboundAt: ago(2 * DAY),
      chatbotInitiatedThisMonth: 9_995,
    });
    const freeView = buildComposeModalView(english, model(free, viber));
    expect(json(freeView)).toContain('Counts as chatbot-initiated: 5 free left this month.');
    const billable = evaluateWindow({
      channel: 'viber',
      now: NOW,
      lastInboundAt: ago(2 * DAY),
      chatbotInitiatedThisMonth: 10_000,
      rules: { viber: { commercialTerms: true } },
    });
    const billableView = buildComposeModalView(english, model(billable, viber));
    expect(json(billableView)).toContain('Counts as chatbot-initiated and is billable');
  });

  it('shows WeChat messages left', () => {
    const wc = ch('wechat', ago(HOUR), { outboundSinceInbound: 18 });
    const status = evaluateWindow({ channel: 'wechat', now: NOW, lastInboundAt: ago(HOUR), outboundSinceInbound: 18 });
    expect(json(buildComposeModalView(english, model(status, wc)))).toContain('2 messages left in this window');
  });

  it('says "Send (sandbox)" in the sandbox and shows a notice first, as a warning', () => {
    const view = buildComposeModalView(
      english,
      model(waOpen, wa, {
        sandbox: true,
        notice: 'The window closed while you were writing; now only a template can be sent.',
      }),
    );
    expect(view.submit?.text).toBe('Send (sandbox)');
    expect(view.blocks[0]).toMatchObject({
      block_id: BLOCK.notice,
      text: { text: ':warning: The window closed while you were writing; now only a template can be sent.' },
    });
    expect(json(view)).toContain('Sandbox');
  });
});

describe('buildComposeModalView: template mode', () => {
  const templates = arabicTemplates(3);

  it('offers the templates in a dispatching select with name · language and a body preview', () => {
    const view = buildComposeModalView(english, model(waClosed, wa, { mode: 'template', templates }));
    const block = byId(view, BLOCK.template) as InputBlock;
    expect(block.dispatch_action).toBe(true);
    const select = block.element as StaticSelect;
    expect(select.action_id).toBe(ACTION.template);
    expect(select.options).toHaveLength(3);
    const first = select.options![0]!;
    expect(first.text.text.length).toBeLessThanOrEqual(75);
    expect(first.text.text).toBe(`${templates[0]!.name} · ar`);
    expect(first.description!.text.startsWith('مرحباً {{1}}')).toBe(true);
    expect(first.description!.text.length).toBeLessThanOrEqual(75);
    expect(first.value!.length).toBeLessThanOrEqual(75);
    expect(findTemplateByOptionValue(templates, first.value)).toBe(templates[0]);
    expect(select.initial_option).toBeUndefined();
    expect(view.submit?.text).toBe('Send');
    expect(json(view)).toContain('A template does not reopen free text');
    expect(byId(view, BLOCK.text)).toBeUndefined();
  });

  it('uses name|language as the option value when it fits', () => {
    expect(templateOptionValue(template({ name: 'order_update', language: 'en_US' }))).toBe('order_update|en_US');
  });

  it('renders one input per variable and an escaped preview once a template is chosen', () => {
    const t = template({ name: 'shipped', language: 'ar', body: 'مرحباً {{1}}، طلبك {{2}} في الطريق. {{first_name}}' });
    const view = buildComposeModalView(
      english,
      model(waClosed, wa, {
        mode: 'template',
        templates: [t],
        selectedTemplate: t,
        variableValues: { '1': INJECTION, '2': '' },
      }),
    );
    expect((byId(view, BLOCK.template) as InputBlock).element).toMatchObject({
      initial_option: { value: 'shipped|ar' },
    });
    const varBlocks = view.blocks.filter((b) => b.block_id?.startsWith('var:')) as InputBlock[];
    expect(varBlocks.map((b) => b.block_id)).toEqual([
      variableBlockId('1'),
      variableBlockId('2'),
      variableBlockId('first_name'),
    ]);
    expect(varBlocks.map((b) => b.label.text)).toEqual(['{{1}}', '{{2}}', '{{first_name}}']);
    for (const b of varBlocks) {
      expect(b.dispatch_action).toBe(true);
      expect(b.element).toMatchObject({
        type: 'plain_text_input',
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
      });
      expect(actionPattern(ACTION.variable).test((b.element as PlainTextInput).action_id!)).toBe(true);
    }
    expect((varBlocks[0]!.element as PlainTextInput).initial_value).toBe(INJECTION);
    const preview = byId(view, BLOCK.preview) as SectionBlock;
    expect(preview.text!.text).toBe(`*Preview*\n>مرحباً ${INJECTION_ESCAPED}، طلبك {{2}} في الطريق. {{first_name}}`);
    expect(json(view)).toContain('Fill in {{2}} and {{first_name}}');
    expect(json(view)).toMatch(/\d+ \/ 1,024 characters/);
    assertBlockKitLimits('modal', view);
  });

  it('warns when the filled-in template is longer than WhatsApp allows', () => {
    const t = template({ body: 'Hi {{1}}' });
    const view = buildComposeModalView(
      english,
      model(waClosed, wa, {
        mode: 'template',
        templates: [t],
        selectedTemplate: t,
        variableValues: { '1': 'x'.repeat(1100) },
      }),
    );
    expect(json(view)).toContain(':warning: 1,103 characters: WhatsApp allows 1,024 in a template');
  });

  it('lists at most 100 templates, says how many are hidden, and always lists the chosen one', () => {
    const many = arabicTemplates(130);
    const chosen = many[120]!;
    const view = buildComposeModalView(
      english,
      model(waClosed, wa, {
        mode: 'template',
        templates: many,
        selectedTemplate: chosen,
        variableValues: { '1': 'a', '2': 'b' },
      }),
    );
    const select = (byId(view, BLOCK.template) as InputBlock).element as StaticSelect;
    expect(select.options).toHaveLength(TEMPLATE_OPTIONS_MAX);
    expect(select.initial_option?.value).toBe(templateOptionValue(chosen));
    expect(json(view)).toContain('30 more templates are not listed');
    assertBlockKitLimits('modal', view);
  });

  it('handles template names too long for an option value', () => {
    const long = template({ name: 'n'.repeat(300), body: 'Hi {{1}}' });
    const view = buildComposeModalView(
      english,
      model(waClosed, wa, { mode: 'template', templates: [long], selectedTemplate: long }),
    );
    const value = ((byId(view, BLOCK.template) as InputBlock).element as StaticSelect).options![0]!.value!;
    expect(value.length).toBeLessThanOrEqual(75);
    expect(findTemplateByOptionValue([long], value)).toBe(long);
    assertBlockKitLimits('modal', view);
  });

  it('says so and offers no submit when no APPROVED template is in the contact language', () => {
    const view = buildComposeModalView(english, model(waClosed, wa, { mode: 'template', templates: [] }));
    expect(view.submit).toBeUndefined();
    expect(view.close?.text).toBe('Close');
    expect(json(view)).toContain('No APPROVED WhatsApp templates in ar.');
    assertBlockKitLimits('modal', view);
  });

  it('stays within limits with 60 Arabic templates and every variable filled with Arabic text', () => {
    const many = arabicTemplates(60);
    const view = buildComposeModalView(
      english,
      model(waClosed, wa, {
        mode: 'template',
        templates: many,
        selectedTemplate: many[59]!,
        variableValues: { '1': ARABIC_TEXT.slice(0, 3000), '2': ARABIC_TEXT.slice(0, 3000) },
        sandbox: true,
        notice: 'n'.repeat(2900),
        privateMetadata: 'm'.repeat(3000),
      }),
    );
    assertBlockKitLimits('modal', view);
    const preview = (byId(view, BLOCK.preview) as SectionBlock).text!.text;
    expect(preview.length).toBeLessThanOrEqual(3000);
    expect(renderTemplate(many[59]!.body, { '1': 'a', '2': 'b' })).not.toContain('{{');
  });

  it('caps the number of variable inputs', () => {
    const body = Array.from({ length: 80 }, (_, i) => `{{${i + 1}}}`).join(' ');
    const t = template({ body });
    const view = buildComposeModalView(
      english,
      model(waClosed, wa, { mode: 'template', templates: [t], selectedTemplate: t }),
    );
    assertBlockKitLimits('modal', view);
    expect(view.blocks.filter((b) => b.block_id?.startsWith('var:'))).toHaveLength(0);
    expect(json(view)).toContain('This template has 80 variables');
  });
});

describe('buildComposeModalView: tag mode', () => {
  it('offers the allowed tags with their use, plus the text input', () => {
    const tagged = { mode: 'tag' as const, tags, selectedTag: 'POST_PURCHASE_UPDATE', draftText: 'Your order shipped' };
    const view = buildComposeModalView(english, model(fbTag, fbChannel, tagged));
    const select = (byId(view, BLOCK.tag) as InputBlock).element as StaticSelect;
    expect(select.action_id).toBe(ACTION.tag);
    expect(select.options!.map((o) => o.value)).toEqual([
      'ACCOUNT_UPDATE',
      'CONFIRMED_EVENT_UPDATE',
      'POST_PURCHASE_UPDATE',
    ]);
    expect(select.options![2]!.description!.text).toMatch(/^An update about a purchase/);
    expect(select.initial_option?.value).toBe('POST_PURCHASE_UPDATE');
    expect(((byId(view, BLOCK.text) as InputBlock).element as PlainTextInput).initial_value).toBe('Your order shipped');
    expect(view.submit?.text).toBe('Send');
    expect(json(view)).toContain('🏷️ Messenger · tag only');
    assertBlockKitLimits('modal', view);
  });

  it('offers nothing when no tag is enabled', () => {
    const view = buildComposeModalView(english, model(fbTag, fbChannel, { mode: 'tag', tags: [] }));
    expect(view.submit).toBeUndefined();
    expect(json(view)).toContain('No message tags are enabled');
  });
});

describe('buildComposeModalView: closed mode', () => {
  it('has no submit and explains the reason and what would reopen it', () => {
    const view = buildComposeModalView(english, model(igClosed, igChannel, { mode: 'closed' }));
    expect(view.submit).toBeUndefined();
    expect(view.blocks.some((b) => b.type === 'input')).toBe(false);
    const text = json(view);
    expect(text).toContain('Nothing can be sent on Instagram now.');
    expect(text).toContain('Instagram allows nothing until the contact writes again.');
    expect(text).toContain('_The window reopens when the contact writes again._');
    assertBlockKitLimits('modal', view);
  });

  it('when closed for this agent only, relies on the notice', () => {
    const view = buildComposeModalView(
      english,
      model(waOpen, wa, { mode: 'closed', notice: 'You are not allowed to send follow-ups.' }),
    );
    expect(view.submit).toBeUndefined();
    expect(json(view)).toContain('You cannot send this follow-up.');
    expect(json(view)).toContain('You are not allowed');
  });
});

describe('buildComposeModalView: injection', () => {
  it('escapes the contact name and channel account in every mode; the notice comes escaped (mrkdwn)', () => {
    const evilChannel = ch('whatsapp', ago(2 * DAY), { channelId: '<!here>' });
    const c = contact({ firstName: INJECTION, lastName: '', language: '<!channel>' });
    const t = template({ body: 'Hi {{1}}' });
    for (const m of [
      model(waOpen, evilChannel, { contact: c, notice: `Assign ${escapeMrkdwn(INJECTION)} first` }),
      model(waClosed, evilChannel, { contact: c, mode: 'template', templates: [t], selectedTemplate: t }),
      model(waClosed, evilChannel, { contact: c, mode: 'template', templates: [] }),
      model(fbTag, evilChannel, { contact: c, mode: 'tag', tags }),
      model(igClosed, evilChannel, { contact: c, mode: 'closed' }),
    ]) {
      const view = buildComposeModalView(english, m);
      expect(expectNoRawControl(view)).toEqual([]);
      expect(json(view)).toContain(INJECTION_ESCAPED);
      assertBlockKitLimits('modal', view);
    }
  });
});

describe('readComposeModalState', () => {
  it('reads text, template, tag and variables back', () => {
    expect(
      readComposeModalState({
        [BLOCK.text]: { [ACTION.text]: { type: 'plain_text_input', value: 'hello' } },
        [BLOCK.template]: { [ACTION.template]: { type: 'static_select', selected_option: { value: 'shipped|ar' } } },
        [BLOCK.tag]: { [ACTION.tag]: { type: 'static_select', selected_option: null } },
        [variableBlockId('1')]: { [variableActionId('1')]: { type: 'plain_text_input', value: 'Ana' } },
        [variableBlockId('first_name')]: {
          [variableActionId('first_name')]: { type: 'plain_text_input', value: null },
        },
      }),
    ).toEqual({ text: 'hello', templateValue: 'shipped|ar', variables: { '1': 'Ana' } });
    expect(readComposeModalState(undefined)).toEqual({ variables: {} });
  });
});

const STARRY = { firstName: 'Ann*Marie', lastName: '_VIP_' };
const STARRY_BOLD = '*Ann\u2217Marie \u02CDVIP\u02CD*';

describe('buildComposeModalView: notices and names', () => {
  it('shows the :warning: icon once when the notice already carries it', () => {
    const notice = ':warning: The window changed while you were writing.';
    const view = buildComposeModalView(english, model(waOpen, wa, { notice }));
    expect(view.blocks[0]).toMatchObject({ block_id: BLOCK.notice, text: { text: notice } });
  });

  it('keeps a name with * and _ in one bold run', () => {
    const view = buildComposeModalView(english, model(waOpen, wa, { contact: contact(STARRY) }));
    const header = (byId(view, BLOCK.composeHeader) as SectionBlock).text!.text;
    expect(header).toMatch(new RegExp(`^To ${escapeRegExp(STARRY_BOLD)} on `));
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
