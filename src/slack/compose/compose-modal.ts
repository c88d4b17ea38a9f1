/**
 * The compose modal: write a follow-up in the one form the channel allows now (free text, an approved
 * WhatsApp template with its variables, a Messenger tag, or nothing). The policy core decides the mode;
 * this only presents it, in the agent's language (`t`). The send itself is re-checked at submit time
 * (POLICY.md trap 3). Customer data (names, template names and bodies, variable values) is never translated.
 */
import type { InputBlock, KnownBlock, ModalView, PlainTextInput, PlainTextOption } from '@slack/types';
import { type Contact, type ContactChannel, displayName } from '../../contacts/model.js';
import {
  type ChannelRule,
  type LengthUnit,
  type Template,
  type WindowStatus,
  measureText,
  renderTemplate,
  templateVariables,
} from '../../policy/index.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { context, initialOption, option, plain, section } from '../shared/blocks.js';
import {
  badge,
  channelAccountName,
  channelLabel,
  messagesLeftText,
  reasonText,
  reopensText,
} from '../shared/format.js';
import { messageWithBlock } from './block-value.js';
import { ACTION, BLOCK, CALLBACK, optionValue, variableActionId, variableBlockId } from '../shared/ids.js';
import { blockquote, boldName, escapeMrkdwn, escapeTruncated, warningText } from '../shared/mrkdwn.js';

export type ComposeMode = 'text' | 'template' | 'tag' | 'closed';

export interface ComposeModalModel {
  contact: Contact;
  channel: ContactChannel;
  status: WindowStatus;
  mode: ComposeMode;
  /** The channel's rule in force (`ruleFor(channel, overrides)`): text limit, length unit, template body limit. */
  rule: ChannelRule;
  /** Already filtered to APPROVED templates in the contact's language. */
  templates: Template[];
  selectedTemplate?: Template;
  variableValues: Record<string, string>;
  /** The tags allowed after the window, each with what it is for in the agent's language. */
  tags: Array<{ tag: string; description: string }>;
  selectedTag?: string;
  draftText?: string;
  sandbox: boolean;
  privateMetadata: string;
  /**
   * Shown first, as a warning: mrkdwn, already escaped where it holds customer data (it may quote the agent's
   * draft), e.g. "The window closed while you were writing; now only a template can be sent."
   */
  notice?: string;
  now: Date;
}

/** Slack's plain_text_input holds at most 3,000 characters. */
export const INPUT_MAX = 3000;
export const TEMPLATE_OPTIONS_MAX = 100;
/** One input block per variable; more than this would crowd the 100-block modal. */
export const TEMPLATE_VARIABLES_MAX = 60;
/** Empty variables named in the note under the preview; more are counted. */
const MISSING_NAMED_MAX = 10;
const PREVIEW_MAX = 2800;

/**
 * A template's select value: `name|language` (what the listeners parse), or a stable hash when that is
 * longer than the 75 characters an option value may hold. Resolve with `findTemplateByOptionValue`.
 */
export function templateOptionValue(t: Pick<Template, 'name' | 'language'>): string {
  return optionValue(`${t.name}|${t.language}`);
}

export function findTemplateByOptionValue(
  templates: readonly Template[],
  value: string | undefined,
): Template | undefined {
  if (!value) return undefined;
  return templates.find((t) => templateOptionValue(t) === value);
}

/** What a message tag is for, in the agent's language (a tag the catalog does not know: "Message tag"). */
export function tagUse(t: Translator, tag: string): string {
  const key = `compose.tagUse.${tag}`;
  return t.t(t.has(key) ? key : 'compose.tagUse.other');
}

function templateOption(tpl: Template): PlainTextOption {
  return option(`${tpl.name} · ${tpl.language}`, templateOptionValue(tpl), tpl.body);
}

/** The text box's hint, by whether the channel takes more than the box holds and by how it counts length. */
const TEXT_HINTS: Readonly<Record<'boxSmaller' | 'upTo', Readonly<Record<LengthUnit, MessageKey>>>> = {
  boxSmaller: { utf16: 'compose.text.hintBoxSmallerUtf16', characters: 'compose.text.hintBoxSmaller' },
  upTo: { utf16: 'compose.text.hintUpToUtf16', characters: 'compose.text.hintUpTo' },
};

/** The hint under the text box: the channel's limit, and how it counts, against what the box holds. */
function textHint(t: Translator, rule: ChannelRule, channel: string): string {
  const limit = rule.maxTextLength;
  if (limit === null) return t.t('compose.text.hintNoLimit', { channel, max: INPUT_MAX });
  const key = TEXT_HINTS[limit > INPUT_MAX ? 'boxSmaller' : 'upTo'][rule.lengthUnit];
  return t.t(key, { channel, limit, max: INPUT_MAX });
}

function textInput(t: Translator, model: ComposeModalModel): KnownBlock[] {
  const { rule } = model;
  const textLimit = rule.maxTextLength;
  const channel = channelLabel(t, model.channel.type);
  const max = textLimit === null ? INPUT_MAX : Math.min(textLimit, INPUT_MAX);
  const element: PlainTextInput = {
    type: 'plain_text_input',
    action_id: ACTION.text,
    multiline: true,
    focus_on_load: true,
    placeholder: plain(t.t('compose.text.placeholder', { channel })),
  };
  if (textLimit !== null) element.max_length = max;
  const blocks: KnownBlock[] = [];
  const draft = model.draftText;
  if (draft !== undefined && draft.length > 0) {
    // Never cut what the agent wrote: a draft the box cannot hold is reported, not shortened.
    if (draft.length <= max) element.initial_value = draft;
    else blocks.push(context([t.t('compose.text.draftTooLong', { length: draft.length, max })]));
  }
  const input: InputBlock = {
    type: 'input',
    block_id: BLOCK.text,
    label: plain(t.t('compose.text.label')),
    hint: plain(textHint(t, rule, channel)),
    element,
  };
  return [input, ...blocks];
}

function noTemplateBlocks(t: Translator, model: ComposeModalModel): KnownBlock[] {
  const channel = channelLabel(t, model.channel.type);
  // The language code is the contact's own data: shown as stored, escaped, never translated.
  const language = model.contact.language;
  return [
    section(
      language
        ? t.t('compose.template.none', { channel, language: escapeTruncated(language, 15) })
        : t.t('compose.template.noneLanguageUnknown', { channel }),
    ),
  ];
}

/** "a, b, c" without a final "and" (the sentence goes on with how many more), in the language's own style. */
function unitList(t: Translator, items: readonly string[]): string {
  return new Intl.ListFormat(t.language.intlLocale, { type: 'unit', style: 'short' }).format(
    items.map((i) => t.isolate(i)),
  );
}

/** The notes under the preview: which variables are still empty, and the length against the channel's limit. */
function previewNotes(t: Translator, model: ComposeModalModel, names: string[], rendered: string): string[] {
  const { rule } = model;
  const notes: string[] = [];
  const missing = names.filter((n) => !model.variableValues[n]?.trim());
  if (missing.length) {
    const shown = missing.slice(0, MISSING_NAMED_MAX).map((n) => escapeMrkdwn(`{{${n}}}`));
    const more = missing.length - MISSING_NAMED_MAX;
    notes.push(
      more > 0
        ? t.t('compose.template.fillInMore', { names: unitList(t, shown), more })
        : t.t('compose.template.fillIn', { names: t.list(shown) }),
    );
  }
  if (rule.templateBodyMax !== null) {
    const length = measureText(rendered, rule.lengthUnit);
    notes.push(
      length > rule.templateBodyMax
        ? t.t('compose.template.tooLong', {
            length,
            channel: channelLabel(t, model.channel.type),
            max: rule.templateBodyMax,
          })
        : t.t('compose.template.length', { length, max: rule.templateBodyMax }),
    );
  }
  return notes;
}

function templateBlocks(t: Translator, model: ComposeModalModel): KnownBlock[] {
  const { templates } = model;
  if (templates.length === 0) return noTemplateBlocks(t, model);

  const selected = model.selectedTemplate;
  // Unique by option value (a select rejects duplicates); the selected template is always listed.
  const seen = new Set<string>();
  const unique = templates.filter((tpl) => !seen.has(templateOptionValue(tpl)) && seen.add(templateOptionValue(tpl)));
  let listed = unique.slice(0, TEMPLATE_OPTIONS_MAX);
  const selectedValue = selected ? templateOptionValue(selected) : undefined;
  if (selected && !listed.some((tpl) => templateOptionValue(tpl) === selectedValue)) {
    listed = [...listed.slice(0, TEMPLATE_OPTIONS_MAX - 1), selected];
  }
  const options = listed.map(templateOption);
  const select: InputBlock = {
    type: 'input',
    block_id: BLOCK.template,
    // Choosing a template re-renders the modal with one input per variable and a preview.
    dispatch_action: true,
    label: plain(t.t('compose.template.label')),
    element: {
      type: 'static_select',
      action_id: ACTION.template,
      placeholder: plain(t.t('compose.template.placeholder')),
      options,
      ...(selectedValue ? { initial_option: initialOption(options, selectedValue) as PlainTextOption } : {}),
    },
  };
  const blocks: KnownBlock[] = [select];
  const hidden = unique.length - listed.length;
  if (hidden > 0) blocks.push(context([t.t('compose.template.hidden', { hidden, max: TEMPLATE_OPTIONS_MAX })]));
  blocks.push(context([t.t('compose.template.noReopen')]));
  if (!selected) return blocks;

  const names = templateVariables(selected.body);
  if (names.length > TEMPLATE_VARIABLES_MAX) {
    blocks.push(
      section(t.t('compose.template.tooManyVariables', { count: names.length, max: TEMPLATE_VARIABLES_MAX })),
    );
    return blocks;
  }
  for (const name of names) {
    const value = model.variableValues[name] ?? '';
    blocks.push({
      type: 'input',
      block_id: variableBlockId(name),
      // Typing updates the preview below.
      dispatch_action: true,
      label: plain(`{{${name}}}`, 2000),
      element: {
        type: 'plain_text_input',
        action_id: variableActionId(name),
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
        ...(value ? { initial_value: value.slice(0, INPUT_MAX) } : {}),
      },
    });
  }
  const filled = Object.fromEntries(Object.entries(model.variableValues).filter(([, v]) => v.trim().length > 0));
  const rendered = renderTemplate(selected.body, filled);
  const preview = blockquote(escapeTruncated(rendered, PREVIEW_MAX));
  blocks.push(
    section(messageWithBlock(t, 'compose.template.preview', 'preview', preview), { block_id: BLOCK.preview }),
  );
  const notes = previewNotes(t, model, names, rendered);
  if (notes.length) blocks.push(context(notes));
  return blocks;
}

function tagBlocks(t: Translator, model: ComposeModalModel): KnownBlock[] {
  if (model.tags.length === 0) {
    return [section(t.t('compose.tag.none', { channel: channelLabel(t, model.channel.type) }))];
  }
  const seen = new Set<string>();
  const options = model.tags
    .filter((tag) => !seen.has(optionValue(tag.tag)) && seen.add(optionValue(tag.tag)))
    .slice(0, TEMPLATE_OPTIONS_MAX)
    .map((tag) => option(tag.tag, optionValue(tag.tag), tag.description));
  const initial = model.selectedTag ? initialOption(options, optionValue(model.selectedTag)) : undefined;
  const select: InputBlock = {
    type: 'input',
    block_id: BLOCK.tag,
    label: plain(t.t('compose.tag.label')),
    hint: plain(t.t('compose.tag.hint')),
    element: {
      type: 'static_select',
      action_id: ACTION.tag,
      placeholder: plain(t.t('compose.tag.placeholder')),
      options,
      ...(initial ? { initial_option: initial as PlainTextOption } : {}),
    },
  };
  return [select, ...textInput(t, model)];
}

/** What the agent should know before writing: HUMAN_AGENT, the Viber quota, the WeChat cap. */
function textWarnings(t: Translator, model: ComposeModalModel): string[] {
  const { status } = model;
  const out: string[] = [];
  if (status.humanOnly) out.push(t.t('compose.text.humanAgent'));
  if (status.state === 'chatbot_initiated') {
    out.push(
      status.billable
        ? t.t('compose.text.chatbotBillable')
        : t.t('compose.text.chatbotFree', { left: status.messagesLeft ?? 0 }),
    );
  } else if (model.rule.quota === 'session_cap') {
    const left = messagesLeftText(t, status);
    if (left) out.push(left);
  }
  return out;
}

function closedBlocks(t: Translator, model: ComposeModalModel): KnownBlock[] {
  const { status } = model;
  if (status.allowed.length > 0) {
    // The policy would allow a send, but this agent may not (the notice says why).
    return [section(t.t('compose.closed.notYou'))];
  }
  const lines = [
    t.t('compose.closed.nothing', { channel: channelLabel(t, model.channel.type) }),
    reasonText(t, status),
  ];
  const reopens = reopensText(t, status);
  if (reopens) lines.push(`_${reopens}_`);
  return [section(lines.join('\n'))];
}

function modeBlocks(t: Translator, model: ComposeModalModel): KnownBlock[] {
  switch (model.mode) {
    case 'text': {
      const warnings = textWarnings(t, model);
      return [...(warnings.length ? [context(warnings)] : []), ...textInput(t, model)];
    }
    case 'template':
      return templateBlocks(t, model);
    case 'tag':
      return tagBlocks(t, model);
    case 'closed':
      return closedBlocks(t, model);
  }
}

export function buildComposeModalView(t: Translator, model: ComposeModalModel): ModalView {
  const { contact, channel, status } = model;
  const blocks: KnownBlock[] = [];
  if (model.notice) blocks.push(section(warningText(model.notice), { block_id: BLOCK.notice }));
  const head = t.t('compose.header', {
    name: boldName(displayName(contact), 150),
    channel: channelAccountName(t, channel),
    badge: badge(t, status, model.now),
  });
  blocks.push(section(head, { block_id: BLOCK.composeHeader }));
  const about = [reasonText(t, status)];
  if (model.sandbox) about.unshift(t.t('compose.sandbox'));
  if (model.mode !== 'closed') blocks.push(context(about));
  blocks.push(...modeBlocks(t, model));
  // Something to send exactly when there is an input; Slack also requires submit whenever one is present.
  const canSubmit = blocks.some((b) => b.type === 'input');

  const view: ModalView = {
    type: 'modal',
    callback_id: CALLBACK.compose,
    title: plain(t.t('compose.title')),
    close: plain(t.t(canSubmit ? 'compose.cancel' : 'compose.close')),
    private_metadata: model.privateMetadata,
    blocks,
  };
  if (canSubmit) view.submit = plain(t.t(model.sandbox ? 'compose.sendSandbox' : 'compose.send'));
  return view;
}
