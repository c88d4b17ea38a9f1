/**
 * planOutbound: may this concrete message go out on this channel now, and how.
 * It never guesses: it either returns the exact delivery plan a transport carries out, or a refusal
 * with a stable reason code and a plain-words detail.
 */
import { type ChannelType, type RuleOverrides, ruleFor } from './channels.js';
import { measureText } from './text.js';
import { type Template, missingVariables, renderTemplate, sameLanguage, templateVariables } from './templates.js';
import type { WindowStatus } from './window.js';

/** Who wrote the message: a person (HUMAN_AGENT is for them only) or an automation. */
export type Author = 'agent' | 'automation';

export type OutboundMessage =
  | { kind: 'text'; text: string; author?: Author }
  | {
      kind: 'template';
      template: Template;
      /** Values by variable name (`"1"`, `"2"`… or named), or positional in order. */
      variables?: Record<string, string> | string[];
      /** The contact's language; templates must match it. */
      contactLanguage?: string | null;
      author?: Author;
    }
  | { kind: 'tag'; tag: string; text: string; author?: Author };

export interface PlannedSend {
  ok: true;
  channel: ChannelType;
  kind: 'text' | 'template' | 'tag';
  /** Messenger/Instagram Send API fields. */
  messagingType: 'RESPONSE' | 'MESSAGE_TAG' | null;
  tag: string | null;
  /** The text to deliver (for templates: the rendered body, for the record and the preview). */
  text: string;
  template: { name: string; language: string; parameters: string[]; named: Record<string, string> } | null;
  /** Viber: counts toward the monthly chatbot-initiated quota. */
  chatbotInitiated: boolean;
  billable: boolean;
  /** WeChat: counts toward the outbound cap of this session. */
  countsTowardCap: boolean;
  /** Whether the send would reopen free-text messaging: never (only the contact's reply does). */
  state: WindowStatus['state'];
}

export interface RefusedSend {
  ok: false;
  channel: ChannelType;
  /** Stable code, e.g. 'text_too_long', 'template_not_approved', 'instagram.window_closed'. */
  reason: string;
  detail: string;
  /** What the channel allows now, so the UI can offer it instead. */
  allowed: WindowStatus['allowed'];
  /** The field the problem is in, for a modal field error. */
  field: 'text' | 'template' | 'variables' | 'tag' | null;
}

export type OutboundPlan = PlannedSend | RefusedSend;

function refuse(status: WindowStatus, reason: string, detail: string, field: RefusedSend['field'] = null): RefusedSend {
  return { ok: false, channel: status.channel, reason, detail, allowed: status.allowed, field };
}

export function planOutbound(status: WindowStatus, message: OutboundMessage, rules?: RuleOverrides): OutboundPlan {
  const rule = ruleFor(status.channel, rules);
  const author = message.author ?? 'agent';

  // A kind the channel never offers gets its own reason, not the window's.
  const supports = {
    text: true,
    template: rule.afterWindow === 'template',
    tag: rule.afterWindowTags.length > 0 || rule.afterWindow === 'tag',
  };
  if (status.allowed.length > 0 && !supports[message.kind]) {
    return refuse(
      status,
      `${status.channel}.${message.kind}_not_supported`,
      `${rule.label} does not support ${message.kind === 'template' ? 'templates' : 'message tags'}.`,
      message.kind === 'template' ? 'template' : 'tag',
    );
  }

  if (!status.allowed.includes(message.kind)) {
    if (status.allowed.length === 0) {
      return refuse(status, status.reason, `Nothing can be sent on ${rule.label} now.`);
    }
    const what = status.allowed.join(' or ');
    return refuse(
      status,
      status.reason,
      `${rule.label} accepts only ${what === 'tag' ? 'a tagged message' : what} now.`,
      message.kind === 'template' ? 'template' : message.kind === 'tag' ? 'tag' : 'text',
    );
  }

  const base = {
    ok: true as const,
    channel: status.channel,
    messagingType: null,
    tag: null,
    template: null,
    chatbotInitiated: status.state === 'chatbot_initiated',
    billable: status.billable,
    countsTowardCap: rule.maxOutbound !== null,
    state: status.state,
  };

  if (message.kind === 'template') {
    const { template } = message;
    if (template.status !== 'APPROVED') {
      return refuse(
        status,
        'template_not_approved',
        `Template “${template.name}” is ${template.status}, not APPROVED.`,
        'template',
      );
    }
    if (message.contactLanguage && !sameLanguage(template.language, message.contactLanguage)) {
      return refuse(
        status,
        'template_wrong_language',
        `Template “${template.name}” is in ${template.language}; the contact's language is ${message.contactLanguage}.`,
        'template',
      );
    }
    const names = templateVariables(template.body);
    const values = Array.isArray(message.variables)
      ? Object.fromEntries(names.map((n, i) => [n, (message.variables as string[])[i] ?? '']))
      : (message.variables ?? {});
    const missing = missingVariables(template.body, values);
    if (missing.length > 0) {
      return refuse(
        status,
        'template_missing_variables',
        `Fill in ${missing.map((m) => `{{${m}}}`).join(', ')}.`,
        'variables',
      );
    }
    // The provider receives trimmed values: render, measure and record exactly those.
    const filled = Object.fromEntries(names.map((n) => [n, values[n]!.trim()]));
    const text = renderTemplate(template.body, filled);
    if (rule.templateBodyMax !== null && measureText(text, rule.lengthUnit) > rule.templateBodyMax) {
      return refuse(
        status,
        'template_too_long',
        `The filled-in template is ${measureText(text, rule.lengthUnit)} characters; ` +
          `${rule.label} allows ${rule.templateBodyMax}.`,
        'variables',
      );
    }
    return {
      ...base,
      kind: 'template',
      text,
      template: {
        name: template.name,
        language: template.language,
        parameters: names.map((n) => filled[n]!),
        named: filled,
      },
    };
  }

  const text = message.text;
  if (!text.trim()) return refuse(status, 'text_empty', 'Write a message first.', 'text');
  if (rule.maxTextLength !== null) {
    const length = measureText(text, rule.lengthUnit);
    if (length > rule.maxTextLength) {
      return refuse(
        status,
        'text_too_long',
        `${length} characters; ${rule.label} allows ${rule.maxTextLength}. Shorten it (nothing is cut for you).`,
        'text',
      );
    }
  }

  if (message.kind === 'tag') {
    if (!rule.afterWindowTags.includes(message.tag)) {
      return refuse(status, 'tag_not_allowed', `The ${message.tag} tag is not accepted on ${rule.label}.`, 'tag');
    }
    return { ...base, kind: 'tag', text, messagingType: 'MESSAGE_TAG', tag: message.tag };
  }

  if (status.humanOnly) {
    // HUMAN_AGENT covers messages a person wrote; automations stay inside the standard window.
    if (author !== 'agent') {
      return refuse(
        status,
        'human_agent_requires_person',
        'Only a message written by a person may be sent now (HUMAN_AGENT).',
      );
    }
    return { ...base, kind: 'text', text, messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  }
  const metaChannel = status.channel === 'messenger' || status.channel === 'instagram';
  return { ...base, kind: 'text', text, messagingType: metaChannel ? 'RESPONSE' : null };
}
