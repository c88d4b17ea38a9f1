/**
 * Why the policy refused a follow-up, in the agent's language: a field error under the input at fault, or the
 * notice over the compose view. The policy gives a stable reason code (its own `detail` is English); the
 * numbers and names a sentence needs are read again from the message and the channel's rule. Pure.
 */
import {
  type ChannelRule,
  type OutboundMessage,
  type RefusedSend,
  isChannelType,
  measureText,
  missingVariables,
  renderTemplate,
  templateVariables,
} from '../../policy/index.js';
import type { Translator } from '../i18n/index.js';
import { channelLabel, reasonText } from '../shared/format.js';
import { escapeMrkdwn } from '../shared/mrkdwn.js';

export interface RefusalContext {
  /** What the agent tried to send (null: nothing could be built, e.g. no template picked). */
  message: OutboundMessage | null;
  rule: ChannelRule;
  /** `plain` for a field error (Slack shows it as typed), `mrkdwn` for a notice (values escaped). */
  format: 'plain' | 'mrkdwn';
}

type Refusal = Pick<RefusedSend, 'reason' | 'channel' | 'allowed'>;
type Words = (t: Translator, refusal: Refusal, ctx: RefusalContext, value: (s: string) => string) => string | null;

function templateValues(message: Extract<OutboundMessage, { kind: 'template' }>): Record<string, string> {
  const names = templateVariables(message.template.body);
  const given = message.variables ?? {};
  return Array.isArray(given) ? Object.fromEntries(names.map((n, i) => [n, given[i] ?? ''])) : given;
}

/** The refusals whose sentence needs the message's own numbers or names, by reason code. */
const SPECIFIC: Readonly<Record<string, Words>> = {
  text_empty: (t) => t.t('compose.refusal.textEmpty'),
  text_too_long: (t, r, { message, rule }) =>
    message && message.kind !== 'template' && rule.maxTextLength !== null
      ? t.t('compose.refusal.textTooLong', {
          length: measureText(message.text, rule.lengthUnit),
          channel: channelLabel(t, r.channel),
          max: rule.maxTextLength,
        })
      : null,
  tag_not_allowed: (t, r, { message }, value) =>
    message?.kind === 'tag'
      ? t.t('compose.refusal.tagNotAllowed', { tag: value(message.tag), channel: channelLabel(t, r.channel) })
      : null,
  template_not_approved: (t, _r, { message }, value) =>
    message?.kind === 'template'
      ? t.t('compose.refusal.templateNotApproved', {
          template: value(message.template.name),
          status: message.template.status,
        })
      : null,
  template_wrong_language: (t, _r, { message }, value) =>
    message?.kind === 'template' && message.contactLanguage
      ? t.t('compose.refusal.templateWrongLanguage', {
          template: value(message.template.name),
          templateLanguage: value(message.template.language),
          contactLanguage: value(message.contactLanguage),
        })
      : null,
  template_missing_variables: (t, _r, { message }, value) => {
    if (message?.kind !== 'template') return null;
    const missing = missingVariables(message.template.body, templateValues(message));
    if (missing.length === 0) return null;
    return t.t('compose.refusal.missingVariables', { names: t.list(missing.map((n) => value(`{{${n}}}`))) });
  },
  template_too_long: (t, r, { message, rule }) => {
    if (message?.kind !== 'template' || rule.templateBodyMax === null) return null;
    const values = templateValues(message);
    const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]));
    return t.t('compose.refusal.templateTooLong', {
      length: measureText(renderTemplate(message.template.body, trimmed), rule.lengthUnit),
      channel: channelLabel(t, r.channel),
      max: rule.templateBodyMax,
    });
  },
};

/** The reason code without its channel (`whatsapp.text_too_long` → `text_too_long`). */
function bareCode(code: string): string {
  const [first, ...rest] = code.split('.');
  return isChannelType(first) && rest.length ? rest.join('.') : code;
}

export function refusalText(t: Translator, refusal: Refusal, ctx: RefusalContext): string {
  const value = ctx.format === 'mrkdwn' ? escapeMrkdwn : (s: string) => s;
  const specific = SPECIFIC[bareCode(refusal.reason)]?.(t, refusal, ctx, value);
  if (specific) return specific;
  const reason = reasonText(t, refusal);
  if (refusal.allowed.length === 0) {
    return t.t('compose.refusal.nothing', { channel: channelLabel(t, refusal.channel), reason });
  }
  const kind = ctx.message?.kind;
  // The window allows other kinds than this one (a kind the channel never offers has its own reason words).
  if (kind && !refusal.allowed.includes(kind) && !refusal.reason.endsWith('_not_supported')) {
    const kinds = t.list(
      refusal.allowed.map((k) => t.t(`allowed.kind.${k}`)),
      'disjunction',
    );
    return t.t('compose.refusal.onlyKinds', { channel: channelLabel(t, refusal.channel), kinds });
  }
  return reason;
}
