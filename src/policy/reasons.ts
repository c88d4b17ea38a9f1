/**
 * Plain words for the stable reason codes, shared by Slack and the CLI. Keyed by `<channel>.<code>` first,
 * then by `<code>` alone, so a channel only needs an entry where its wording differs.
 */
import { DEFAULT_RULES, isChannelType } from './channels.js';

interface ReasonText {
  /** What the state means for the agent. */
  summary: string;
  /** What would open free-text messaging again (closed states only). */
  reopensWhen?: string;
}

const BY_CODE: Record<string, ReasonText> = {
  no_window: { summary: 'No messaging window: you can write any time.' },
  open: { summary: 'The messaging window is open: free text allowed.' },
  human_agent: {
    summary: 'Standard window over; a person may still reply (sent with the HUMAN_AGENT tag). Automations may not.',
  },
  window_closed: {
    summary: 'The messaging window has closed.',
    reopensWhen: 'The window reopens when the contact writes again.',
  },
  never_inbound: {
    summary: 'The contact has never written on this channel, so no window was ever opened.',
    reopensWhen: 'A window opens when the contact writes first.',
  },
  window_closed_no_tags: {
    summary: 'The 7-day window has closed and no message tags are enabled for after it.',
    reopensWhen: 'The window reopens when the contact writes again.',
  },
  never_inbound_no_tags: {
    summary: 'The contact has never written on this channel.',
    reopensWhen: 'A window opens when the contact writes first.',
  },
  window_expired: {
    summary: 'The 48-hour window has expired; messages sent now would not be delivered.',
    reopensWhen: 'The window and the message count reset when the contact writes again.',
  },
  outbound_cap_reached: {
    summary: 'The outbound limit for this window is used up; more messages would not be delivered.',
    reopensWhen: 'The window and the message count reset when the contact writes again.',
  },
  not_subscribed: {
    summary: 'The contact is not subscribed to the bot (or unsubscribed), so nothing reaches them.',
    reopensWhen: 'Messaging is possible again when the contact subscribes or writes again.',
  },
  chatbot_initiated: {
    summary: 'Session over: a message now counts as chatbot-initiated against the free monthly quota.',
  },
  chatbot_initiated_billable: {
    summary: 'Session over and the free monthly quota is used: a message now is billable (Chatbot Commercial Terms).',
  },
  free_quota_exhausted: {
    summary: 'Session over and the free chatbot-initiated quota for this month is used up.',
    reopensWhen:
      'Free text reopens when the contact writes again; the quota resets on the 1st of next month (UTC), ' +
      'or accept the Chatbot Commercial Terms.',
  },
  // provider answers (transports map provider error codes to these; POLICY.md trap 9)
  provider_error: {
    summary: 'The provider did not take the message (network or server error); it is retried automatically.',
  },
  no_address: { summary: 'This contact has no address on this channel, so the provider cannot reach them.' },
  auth_failed: { summary: 'The provider refused our credentials: an admin must renew the channel’s token.' },
  permission_denied: {
    summary: 'The provider says this account may not send this message: check the channel’s permissions.',
  },
  rate_limited: { summary: 'The provider is rate-limiting us; the message is retried automatically.' },
  pair_rate_limited: {
    summary: 'Too many messages to this contact in a short time; the message is retried automatically.',
  },
  undeliverable: { summary: 'The provider could not deliver the message to this contact.' },
  person_unavailable: {
    summary: 'This person is not available on the channel (blocked the page or deleted the account).',
  },
  tag_not_accepted: { summary: 'The provider rejected the message tag (Meta retired most tags in 2026).' },
  invalid_request: { summary: 'The provider rejected the request as invalid.' },
  template_not_found: {
    summary: 'The provider does not know this template (any more): sync templates and pick another.',
  },
  template_params_mismatch: { summary: 'The template’s variables do not match what the provider expects.' },
  template_paused: { summary: 'The provider paused this template.' },
  template_disabled: { summary: 'The provider disabled this template.' },
  no_balance: { summary: 'The provider account has no balance for billable messages.' },
  blocked: { summary: 'The contact blocked the bot.' },
  quota_exhausted: { summary: 'The account’s monthly message quota is used up.' },
  opted_out: { summary: 'The contact opted out (replied STOP); nothing may be sent until they opt in again.' },
  invalid_address: { summary: 'The contact’s address is not valid for this channel.' },
  rejected: { summary: 'The receiving side rejected the message.' },
  in_doubt: {
    summary: 'Followup stopped while sending; the message may have reached the contact. Check before sending again.',
  },
  // planOutbound refusals
  template_not_supported: { summary: 'This channel has no message templates (they are a WhatsApp feature).' },
  tag_not_supported: { summary: 'This channel has no message tags (they are a Messenger feature).' },
  text_empty: { summary: 'The message is empty.' },
  text_too_long: { summary: 'The message is longer than the channel accepts.' },
  template_not_approved: { summary: 'Only APPROVED templates can be sent.' },
  template_wrong_language: { summary: "The template is not in the contact's language." },
  template_missing_variables: { summary: 'Every template variable needs a value.' },
  template_too_long: { summary: 'The filled-in template is longer than the channel accepts.' },
  tag_not_allowed: { summary: 'That message tag is not accepted.' },
  human_agent_requires_person: { summary: 'Only a person may write after the standard 24-hour window.' },
};

const BY_CHANNEL_CODE: Record<string, ReasonText> = {
  'whatsapp.window_closed': {
    summary: 'The 24-hour window has closed: only an approved WhatsApp template can be sent.',
    reopensWhen: 'Free text reopens when the contact replies (a template alone does not reopen it).',
  },
  'whatsapp.never_inbound': {
    summary: 'The contact has never written on WhatsApp: only an approved template can be sent.',
    reopensWhen: 'Free text opens when the contact replies.',
  },
  'messenger.window_closed': {
    summary: 'The 7-day window has closed: only a tagged message can be sent.',
    reopensWhen: 'Free text reopens when the contact writes again.',
  },
  'messenger.never_inbound': {
    summary: 'The contact has never written on Messenger, so the page cannot message them.',
    reopensWhen: 'Messaging opens when the contact writes to the page.',
  },
  'instagram.window_closed': {
    summary: 'The 7-day window has closed: Instagram allows nothing until the contact writes again.',
    reopensWhen: 'The window reopens when the contact writes again.',
  },
  'instagram.never_inbound': {
    summary: 'The contact has never written on Instagram, so nothing can be sent.',
    reopensWhen: 'Messaging opens when the contact writes first.',
  },
  'viber.open': { summary: 'The 24-hour session is open: free text allowed, not counted.' },
};

export function describeReason(code: string): ReasonText {
  const [maybeChannel, ...rest] = code.split('.');
  const suffix = isChannelType(maybeChannel) ? rest.join('.') : code;
  return BY_CHANNEL_CODE[code] ?? BY_CODE[suffix] ?? { summary: code };
}

export function channelLabel(channel: keyof typeof DEFAULT_RULES): string {
  return DEFAULT_RULES[channel].label;
}

/** Every reason code with words of its own (`<code>` or `<channel>.<code>`): what a UI's catalog must cover. */
export const REASON_CODES: readonly string[] = [...Object.keys(BY_CODE), ...Object.keys(BY_CHANNEL_CODE)];
