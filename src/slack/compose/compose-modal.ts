/**
 * The compose modal: write a follow-up in the one form the channel allows now (free text, an approved
 * WhatsApp template with its variables, a Messenger tag, or nothing). The policy core decides the mode;
 * this only presents it. The send itself is re-checked at submit time (POLICY.md trap 3).
 */
import type { InputBlock, KnownBlock, ModalView, PlainTextInput, PlainTextOption } from '@slack/types';
import { type Contact, type ContactChannel, displayName } from '../../contacts/model.js';
import {
  type ChannelRule,
  type Template,
  type WindowStatus,
  measureText,
  renderTemplate,
  templateVariables,
} from '../../policy/index.js';
import { context, initialOption, option, plain, section } from '../shared/blocks.js';
import {
  CHANNEL_PRESENTATION,
  badge,
  channelAccountName,
  formatCount,
  messagesLeftText,
  reasonText,
  reopensText,
} from '../shared/format.js';
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
  tags: Array<{ tag: string; description: string }>;
  selectedTag?: string;
  draftText?: string;
  sandbox: boolean;
  privateMetadata: string;
  /** Shown first, as a warning, e.g. "The window closed while you were writing; now only a template can be sent." */
  notice?: string;
  now: Date;
}

/** Slack's plain_text_input holds at most 3,000 characters. */
export const INPUT_MAX = 3000;
export const TEMPLATE_OPTIONS_MAX = 100;
/** One input block per variable; more than this would crowd the 100-block modal. */
export const TEMPLATE_VARIABLES_MAX = 60;
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

function templateOption(t: Template): PlainTextOption {
  return option(`${t.name} · ${t.language}`, templateOptionValue(t), t.body);
}

function textInput(model: ComposeModalModel, label: string): KnownBlock[] {
  const { rule, channel } = model;
  const textLimit = rule.maxTextLength;
  const channelLabel = CHANNEL_PRESENTATION[channel.type].label;
  const max = textLimit === null ? INPUT_MAX : Math.min(textLimit, INPUT_MAX);
  const element: PlainTextInput = {
    type: 'plain_text_input',
    action_id: ACTION.text,
    multiline: true,
    focus_on_load: true,
    placeholder: plain(`Write to ${channelLabel}…`),
  };
  if (textLimit !== null) element.max_length = max;
  const blocks: KnownBlock[] = [];
  const draft = model.draftText;
  if (draft !== undefined && draft.length > 0) {
    // Never cut what the agent wrote: a draft the box cannot hold is reported, not shortened.
    if (draft.length <= max) element.initial_value = draft;
    else
      blocks.push(
        context([
          `:warning: Your draft (${formatCount(draft.length)} characters) is longer than this box holds ` +
            `(${formatCount(max)}); it was not kept.`,
        ]),
      );
  }
  const unit = rule.lengthUnit === 'utf16' ? ` (${channelLabel} counts UTF-16 units: most emoji count 2)` : '';
  const hint =
    textLimit === null
      ? `No length limit on ${channelLabel}; this box holds ${formatCount(INPUT_MAX)} characters.`
      : textLimit > INPUT_MAX
        ? `${channelLabel} accepts up to ${formatCount(textLimit)} characters${unit}; ` +
          `this box holds ${formatCount(INPUT_MAX)}.`
        : `Up to ${formatCount(textLimit)} characters on ${channelLabel}${unit}.`;
  const input: InputBlock = { type: 'input', block_id: BLOCK.text, label: plain(label), hint: plain(hint), element };
  return [input, ...blocks];
}

function templateBlocks(model: ComposeModalModel): KnownBlock[] {
  const { templates, contact, channel, rule } = model;
  const channelLabel = CHANNEL_PRESENTATION[channel.type].label;
  if (templates.length === 0) {
    const language = contact.language ? escapeTruncated(contact.language, 15) : 'the contact’s language (unknown)';
    return [
      section(
        `:warning: *No APPROVED ${channelLabel} templates in ${language}.*\n` +
          'A template must be approved and in the contact’s language before it can be sent. ' +
          `Ask an admin to add or approve one; nothing else can be sent on ${channelLabel} ` +
          'until the contact writes again.',
      ),
    ];
  }

  const selected = model.selectedTemplate;
  // Unique by option value (a select rejects duplicates); the selected template is always listed.
  const seen = new Set<string>();
  const unique = templates.filter((t) => !seen.has(templateOptionValue(t)) && seen.add(templateOptionValue(t)));
  let listed = unique.slice(0, TEMPLATE_OPTIONS_MAX);
  const selectedValue = selected ? templateOptionValue(selected) : undefined;
  if (selected && !listed.some((t) => templateOptionValue(t) === selectedValue)) {
    listed = [...listed.slice(0, TEMPLATE_OPTIONS_MAX - 1), selected];
  }
  const options = listed.map(templateOption);
  const select: InputBlock = {
    type: 'input',
    block_id: BLOCK.template,
    // Choosing a template re-renders the modal with one input per variable and a preview.
    dispatch_action: true,
    label: plain('Template'),
    element: {
      type: 'static_select',
      action_id: ACTION.template,
      placeholder: plain('Choose an approved template'),
      options,
      ...(selectedValue ? { initial_option: initialOption(options, selectedValue) as PlainTextOption } : {}),
    },
  };
  const blocks: KnownBlock[] = [select];
  const hidden = unique.length - listed.length;
  if (hidden > 0) {
    blocks.push(
      context([
        `${formatCount(hidden)} more template${hidden === 1 ? ' is' : 's are'} not listed ` +
          `(a menu holds ${TEMPLATE_OPTIONS_MAX}).`,
      ]),
    );
  }
  blocks.push(context(['A template does not reopen free text: only the contact’s reply does.']));
  if (!selected) return blocks;

  const names = templateVariables(selected.body);
  if (names.length > TEMPLATE_VARIABLES_MAX) {
    blocks.push(
      section(
        `:warning: This template has ${names.length} variables; ` +
          `at most ${TEMPLATE_VARIABLES_MAX} fit in this form. Choose another template.`,
      ),
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
  blocks.push(section(`*Preview*\n${blockquote(escapeTruncated(rendered, PREVIEW_MAX))}`, { block_id: BLOCK.preview }));
  const notes: string[] = [];
  const missing = names.filter((n) => !filled[n]);
  if (missing.length)
    notes.push(
      `Fill in ${missing
        .slice(0, 10)
        .map((n) => escapeMrkdwn(`{{${n}}}`))
        .join(', ')}${missing.length > 10 ? '…' : ''}`,
    );
  if (rule.templateBodyMax !== null) {
    const length = measureText(rendered, rule.lengthUnit);
    notes.push(
      length > rule.templateBodyMax
        ? `:warning: ${formatCount(length)} characters: ` +
            `${channelLabel} allows ${formatCount(rule.templateBodyMax)} in a template`
        : `${formatCount(length)} / ${formatCount(rule.templateBodyMax)} characters`,
    );
  }
  if (notes.length) blocks.push(context(notes));
  return blocks;
}

function tagBlocks(model: ComposeModalModel): KnownBlock[] {
  const channelLabel = CHANNEL_PRESENTATION[model.channel.type].label;
  if (model.tags.length === 0) {
    return [
      section(
        `:no_entry: No message tags are enabled for ${channelLabel} after the window, so nothing can be sent now.`,
      ),
    ];
  }
  const seen = new Set<string>();
  const options = model.tags
    .filter((t) => !seen.has(optionValue(t.tag)) && seen.add(optionValue(t.tag)))
    .slice(0, TEMPLATE_OPTIONS_MAX)
    .map((t) => option(t.tag, optionValue(t.tag), t.description));
  const select: InputBlock = {
    type: 'input',
    block_id: BLOCK.tag,
    label: plain('Message tag'),
    hint: plain('Use a tag only for what it is for; Meta may refuse the message or restrict the page otherwise.'),
    element: {
      type: 'static_select',
      action_id: ACTION.tag,
      placeholder: plain('Choose what this message is about'),
      options,
      ...(model.selectedTag && initialOption(options, optionValue(model.selectedTag))
        ? { initial_option: initialOption(options, optionValue(model.selectedTag)) as PlainTextOption }
        : {}),
    },
  };
  return [select, ...textInput(model, 'Message')];
}

function textWarnings(model: ComposeModalModel): string[] {
  const { status } = model;
  const out: string[] = [];
  if (status.humanOnly) out.push('Sent with the HUMAN_AGENT tag: write it yourself; automations may not use it.');
  if (status.state === 'chatbot_initiated') {
    out.push(
      status.billable
        ? ':warning: Counts as chatbot-initiated and is billable (free monthly quota used; Chatbot Commercial Terms).'
        : `:warning: Counts as chatbot-initiated: ${formatCount(status.messagesLeft ?? 0)} free left this month.`,
    );
  } else if (model.rule.quota === 'session_cap') {
    const left = messagesLeftText(status);
    if (left) out.push(left);
  }
  return out;
}

function closedBlocks(model: ComposeModalModel): KnownBlock[] {
  const { status } = model;
  const channelLabel = CHANNEL_PRESENTATION[model.channel.type].label;
  if (status.allowed.length > 0) {
    // The policy would allow a send, but this agent may not (the notice says why).
    return [section(':no_entry: You cannot send this follow-up.')];
  }
  const lines = [`:no_entry: *Nothing can be sent on ${channelLabel} now.*`, reasonText(status)];
  const reopens = reopensText(status);
  if (reopens) lines.push(`_${reopens}_`);
  return [section(lines.join('\n'))];
}

export function buildComposeModalView(model: ComposeModalModel): ModalView {
  const { contact, channel, status } = model;
  const blocks: KnownBlock[] = [];
  if (model.notice) blocks.push(section(warningText(escapeMrkdwn(model.notice)), { block_id: BLOCK.notice }));
  blocks.push(
    section(
      `To ${boldName(displayName(contact), 150)} on ${channelAccountName(channel)}\n${badge(status, model.now)}`,
      {
        block_id: BLOCK.composeHeader,
      },
    ),
  );
  const about = [reasonText(status)];
  if (model.sandbox) about.unshift('🧪 *Sandbox*: this follow-up is recorded, not delivered.');
  if (model.mode !== 'closed') blocks.push(context(about));

  switch (model.mode) {
    case 'text': {
      const warnings = textWarnings(model);
      if (warnings.length) blocks.push(context(warnings));
      blocks.push(...textInput(model, 'Message'));
      break;
    }
    case 'template':
      blocks.push(...templateBlocks(model));
      break;
    case 'tag':
      blocks.push(...tagBlocks(model));
      break;
    case 'closed':
      blocks.push(...closedBlocks(model));
      break;
  }
  // Something to send exactly when there is an input; Slack also requires submit whenever one is present.
  const canSubmit = blocks.some((b) => b.type === 'input');

  const view: ModalView = {
    type: 'modal',
    callback_id: CALLBACK.compose,
    title: plain('Follow up'),
    close: plain(canSubmit ? 'Cancel' : 'Close'),
    private_metadata: model.privateMetadata,
    blocks,
  };
  if (canSubmit) view.submit = plain(model.sandbox ? 'Send (sandbox)' : 'Send');
  return view;
}
