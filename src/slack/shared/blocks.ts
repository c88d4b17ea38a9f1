/**
 * Block Kit primitives shared by the view builders: small constructors that apply the limits once
 * (STYLE.md table) so each surface only decides what to say. Text passed as `mrkdwn` must already be
 * escaped; plain_text is never parsed for mentions or links by Slack.
 */
import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ConfirmationDialog,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  Option,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';
import { oneLine, truncate } from './mrkdwn.js';

/** A message (not a view). `text` is the escaped fallback that notifications and screen readers show. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The Block Kit limits these constructors apply (STYLE.md table). */
export const LIMIT = {
  sectionText: 3000,
  sectionField: 2000,
  header: 150,
  optionText: 75,
  optionDescription: 75,
  buttonText: 75,
  contextElements: 10,
} as const;

export function plain(text: string, max?: number): PlainTextElement {
  return { type: 'plain_text', text: max === undefined ? text : truncate(text, max), emoji: true };
}

export function md(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}

/** A section of already-escaped mrkdwn; cut at the limit (display only) so a long field cannot break the view. */
export function section(text: string, extra: Partial<SectionBlock> = {}): SectionBlock {
  return { type: 'section', text: md(clip(text, LIMIT.sectionText)), ...extra };
}

export function fields(items: string[], extra: Partial<SectionBlock> = {}): SectionBlock {
  return { type: 'section', fields: items.slice(0, 10).map((t) => md(clip(t, LIMIT.sectionField))), ...extra };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, LIMIT.header) };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

/**
 * A context block of already-escaped mrkdwn elements. More than 10 elements are packed into 10 so the
 * block stays valid and nothing is dropped.
 */
export function context(elements: string[], blockId?: string): ContextBlock {
  const packed = pack(
    elements.filter((e) => e.length > 0),
    LIMIT.contextElements,
    '   ',
  );
  return {
    type: 'context',
    elements: (packed.length ? packed : [' ']).map((e) => md(clip(e, LIMIT.sectionText))),
    ...(blockId ? { block_id: blockId } : {}),
  };
}

export function button(
  text: string,
  actionId: string,
  value?: string,
  extra: { style?: 'primary' | 'danger'; confirm?: ConfirmationDialog; accessibilityLabel?: string } = {},
): Button {
  return {
    type: 'button',
    text: plain(text, LIMIT.buttonText),
    action_id: actionId,
    ...(value !== undefined ? { value } : {}),
    ...(extra.style ? { style: extra.style } : {}),
    ...(extra.confirm ? { confirm: extra.confirm } : {}),
    ...(extra.accessibilityLabel ? { accessibility_label: truncate(extra.accessibilityLabel, 75) } : {}),
  };
}

export function actions(elements: ActionsBlockElement[], blockId?: string): ActionsBlock {
  return { type: 'actions', elements: elements.slice(0, 25), ...(blockId ? { block_id: blockId } : {}) };
}

/** A plain_text option; `description` is flattened to one line and shortened for display. */
export function option(text: string, value: string, description?: string): PlainTextOption {
  const o: PlainTextOption = { text: plain(oneLine(text), LIMIT.optionText), value };
  if (description !== undefined && oneLine(description))
    o.description = plain(oneLine(description), LIMIT.optionDescription);
  return o;
}

/** The option among `options` with this value (Slack requires `initial_option` to equal one of them). */
export function initialOption(options: Option[], value: string | undefined): Option | undefined {
  return value === undefined ? undefined : options.find((o) => o.value === value);
}

export function confirmDialog(title: string, text: string, confirm: string, deny = 'Cancel'): ConfirmationDialog {
  return {
    title: plain(title, 100),
    // Slack documents the dialog text as plain_text; keep customer text out of it (it is never escaped).
    text: plain(text, 300),
    confirm: plain(confirm, 30),
    deny: plain(deny, 30),
    style: 'danger',
  };
}

/**
 * Cut mrkdwn to a hard limit (exported for tests). Callers escape and truncate customer text before composing,
 * so this rarely acts.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not leave a broken entity or token behind: cut before an unmatched `&` or `<`.
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const lt = cut.lastIndexOf('<');
  if (lt >= 0 && !cut.slice(lt).includes('>')) cut = cut.slice(0, lt);
  return `${cut}…`;
}

/** Join items into at most `n` groups, keeping order. */
export function pack(items: string[], n: number, separator: string): string[] {
  if (items.length <= n) return items;
  const per = Math.ceil(items.length / n);
  const out: string[] = [];
  for (let i = 0; i < items.length; i += per) out.push(items.slice(i, i + per).join(separator));
  return out;
}

/**
 * The part of `view.state.values` the listeners read (structurally compatible with Bolt's type, without
 * importing Bolt here).
 */
export type ViewStateValues = Record<
  string,
  Record<string, { type?: string; value?: string | null; selected_option?: { value?: string } | null }>
>;

export function stateText(values: ViewStateValues | undefined, blockId: string, actionId: string): string | undefined {
  const v = values?.[blockId]?.[actionId]?.value;
  return typeof v === 'string' ? v : undefined;
}

export function stateSelected(
  values: ViewStateValues | undefined,
  blockId: string,
  actionId: string,
): string | undefined {
  const v = values?.[blockId]?.[actionId]?.selected_option?.value;
  return typeof v === 'string' ? v : undefined;
}
