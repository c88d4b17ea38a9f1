/**
 * Messages (not views): help, send confirmations and refusals, and the window notifications posted to the
 * notification channel. Each returns `{ text, blocks }`; `text` is the escaped fallback that notifications
 * and screen readers show. Messages hold at most 50 blocks and about 12k characters of block text
 * (`msg_blocks_too_long`, research §1.1), so digests list the first items and count the rest.
 */
import type { KnownBlock } from '@slack/types';
import { type Contact, type ContactChannel, channelKey, displayName } from '../../contacts/model.js';
import { type ChannelType, type SendKind, WINDOW_STATES, type WindowStatus, describeReason } from '../../policy/index.js';
import { button, context, header, section } from './blocks.js';
import { NO_ADDRESS_BADGE } from '../../followup/no-address.js';
import {
  CHANNEL_PRESENTATION,
  NO_ADDRESS_EMOJI,
  WINDOW_STATE_PRESENTATION,
  assigneeText,
  badge,
  channelName,
  formatCount,
  reasonText,
} from './format.js';
import { ACTION, COMMAND, followUpValue, repeatedActionId } from './ids.js';
import { blockquote, boldName, dateToken, escapeMrkdwn, escapeTruncated } from './mrkdwn.js';

export interface SlackMessage {
  /** Fallback text, escaped. */
  text: string;
  blocks: KnownBlock[];
}

const NAME_MAX = 120;
const KIND_WORDS: Record<SendKind, string> = { text: 'message', template: 'template', tag: 'tagged message' };

// ---------------------------------------------------------------------------------------------------------
// Help

export function buildHelpMessage(): SlackMessage {
  const states = WINDOW_STATES.map((s) => {
    const p = WINDOW_STATE_PRESENTATION[s];
    return `${p.emoji} *${p.badge}*: ${p.meaning}`;
  });
  // Not a window state: no window helps when the provider has no address for the person.
  states.push(`${NO_ADDRESS_EMOJI} *${NO_ADDRESS_BADGE}*: ${describeReason('no_address').summary}`);
  return {
    text: `How to use ${COMMAND}: search contacts whose conversation is closed and follow up within each channel's rules.`,
    blocks: [
      header('Followup: follow up on closed conversations'),
      section(
        [
          `*\`${COMMAND}\`* opens the search. *\`${COMMAND} maria\`* searches right away. *\`${COMMAND} help\`* shows this message.`,
          'You can also start from the ⚡ shortcuts menu, or from the app’s Home tab.',
        ].join('\n'),
      ),
      section(
        [
          '*Search*',
          '• *Name*: the start of any part of the name, accents optional (`nguyen` finds “Nguyễn”, `jo` finds “Jo Smith”).',
          '• *Email*: any part of the address, or `@example.com` for everyone at a domain.',
          '• *Phone*: digits only, in any format; the last digits are enough (`4567`).',
          '• *Filters*: inbox (*Mine* or *All*), conversation status (*Closed* by default), channel, window state, and *closing within 24 h*.',
        ].join('\n'),
      ),
      section(['*What each channel allows now*', ...states].join('\n')),
      context([
        'Times show in your own time zone. Sending a follow-up reopens the conversation and assigns it to you. The rules are checked again at the moment you press Send.',
      ]),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// After a send

export interface SentConfirmationInput {
  contactName: string;
  channel: ChannelType;
  kind: SendKind;
  /** What was sent (for templates, the rendered body). Shown shortened; the message itself was never cut. */
  text: string;
  /** Recorded by the sandbox transport, delivered nowhere. */
  sandbox: boolean;
  /** The send reopened a closed conversation. */
  reopened: boolean;
  assignedTo: string | null;
}

export function buildSentConfirmation(input: SentConfirmationInput): SlackMessage {
  const name = escapeTruncated(input.contactName, NAME_MAX);
  const bold = boldName(input.contactName, NAME_MAX);
  const what = KIND_WORDS[input.kind];
  const lead = input.sandbox
    ? `🧪 *Recorded in the sandbox* (not delivered): ${what} to ${bold} on ${channelName(input.channel)}`
    : `✅ *Sent*: ${what} to ${bold} on ${channelName(input.channel)}`;
  const notes: string[] = [];
  if (input.reopened) {
    notes.push(`The conversation was reopened${input.assignedTo ? ` and assigned to ${assigneeText(input.assignedTo)}` : ''}.`);
  } else if (input.assignedTo) {
    notes.push(`Assigned to ${assigneeText(input.assignedTo)}.`);
  }
  if (input.kind === 'template') notes.push('Free text opens again only when the contact replies.');
  if (!input.sandbox) notes.push('“Sent” is not “delivered”: a later provider error will be reported.');
  const blocks: KnownBlock[] = [section(lead)];
  if (input.text.trim()) blocks.push(section(blockquote(escapeTruncated(input.text, 2500))));
  if (notes.length) blocks.push(context(notes));
  const verb = input.sandbox ? 'Recorded (sandbox)' : 'Sent';
  return { text: `${verb}: ${what} to ${name} on ${CHANNEL_PRESENTATION[input.channel].label}`, blocks };
}

export interface RefusalInput {
  contactName: string;
  channel: ChannelType;
  /** Stable reason code from the policy core (e.g. `whatsapp.window_closed`, `text_too_long`). */
  reason: string;
  /** The policy's detail sentence. */
  detail: string;
  /** What the channel allows now. */
  allowed: SendKind[];
}

const ALLOWED_WORDS: Record<SendKind, string> = { text: 'free text', template: 'an approved template', tag: 'a tagged message' };

export function buildRefusalMessage(input: RefusalInput): SlackMessage {
  const name = escapeTruncated(input.contactName, NAME_MAX);
  const bold = boldName(input.contactName, NAME_MAX);
  const why = describeReason(input.reason);
  const notes = [escapeMrkdwn(why.summary)];
  if (why.reopensWhen) notes.push(escapeMrkdwn(why.reopensWhen));
  notes.push(
    input.allowed.length
      ? `You can still send ${input.allowed.map((k) => ALLOWED_WORDS[k]).join(' or ')}.`
      : 'Nothing can be sent on this channel now.',
  );
  return {
    text: `Not sent to ${name} on ${CHANNEL_PRESENTATION[input.channel].label}: ${escapeTruncated(input.detail, 500)}`,
    blocks: [
      section(`⛔ *Not sent* to ${bold} on ${channelName(input.channel)}: ${escapeTruncated(input.detail, 1000)}`),
      context(notes),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Window notifications

export interface WindowReminderInput {
  contact: Contact;
  channel: ContactChannel;
  status: WindowStatus;
  /** The edge this reminder is about (end of free text, or end of the window). */
  closesAt: Date;
  assignee: string | null;
  /** Handed out after its due time (the app was down or busy): say so rather than pretend. */
  late: boolean;
}

export interface WindowClosedNoticeInput {
  contact: Contact;
  channel: ContactChannel;
  /** The status after closing: template_only, tag_only, chatbot_initiated (with quota) or closed. */
  status: WindowStatus;
  closedAt: Date;
  assignee: string | null;
  late: boolean;
}

export type WindowDigestInput =
  | { kind: 'reminder'; items: WindowReminderInput[]; minute: Date }
  | { kind: 'notice'; items: WindowClosedNoticeInput[]; minute: Date };

const LATE_REMINDER = 'Sent late: Followup was not running when this reminder was due.';
const LATE_NOTICE = 'Reported late: Followup was not running when the window closed.';

/** Messenger/Instagram: the reminder is for the end of the standard 24 h, with agent-only time after it. */
function isStandardEdge(input: WindowReminderInput): boolean {
  const end = input.status.windowClosesAt;
  return input.status.state === 'open' && end !== null && input.closesAt.getTime() < end.getTime();
}

/** `name` is already bold (boldName). */
function reminderSentence(input: WindowReminderInput, name: string): string {
  const label = CHANNEL_PRESENTATION[input.channel.type].label;
  if (isStandardEdge(input) && input.status.windowClosesAt) {
    return `Free text to ${name} on ${label} ends ${dateToken(input.closesAt)}; after that only a person can write (HUMAN_AGENT) until ${dateToken(input.status.windowClosesAt)}.`;
  }
  return `The ${label} window for ${name} closes ${dateToken(input.closesAt)}.`;
}

/** `name` is already bold (boldName). */
function noticeSentence(input: WindowClosedNoticeInput, name: string): string {
  const label = CHANNEL_PRESENTATION[input.channel.type].label;
  return `The ${label} window for ${name} closed ${dateToken(input.closedAt)}.`;
}

function assignedLine(assignee: string | null): string {
  return assignee ? `Assigned to ${assigneeText(assignee)}` : 'Unassigned';
}

function contactName(contact: Contact): string {
  return escapeTruncated(displayName(contact), NAME_MAX);
}

function contactBold(contact: Contact): string {
  return boldName(displayName(contact), NAME_MAX);
}

function followUpButton(contact: Contact, channel: ContactChannel, actionId: string = ACTION.notifyFollowUp) {
  return button('Follow up', actionId, followUpValue(contact.id, channelKey(channel)), {
    accessibilityLabel: `Follow up on ${CHANNEL_PRESENTATION[channel.type].label}`,
  });
}

export function buildWindowReminder(input: WindowReminderInput): SlackMessage {
  const name = contactBold(input.contact);
  const notes = [badge(input.status, input.closesAt), assignedLine(input.assignee)];
  if (input.late) notes.push(LATE_REMINDER);
  return {
    text: `⏳ ${stripTokens(reminderSentence(input, name))}`,
    blocks: [
      section(`⏳ ${reminderSentence(input, name)}`, { accessory: followUpButton(input.contact, input.channel) }),
      context(notes),
    ],
  };
}

export function buildWindowClosedNotice(input: WindowClosedNoticeInput): SlackMessage {
  const name = contactBold(input.contact);
  const now = `Now: ${badge(input.status, input.closedAt)}. ${reasonText(input.status)}`;
  const notes = [now, assignedLine(input.assignee)];
  if (input.late) notes.push(LATE_NOTICE);
  return {
    text: `🔴 ${stripTokens(noticeSentence(input, name))}`,
    blocks: [
      section(`🔴 ${noticeSentence(input, name)}`, { accessory: followUpButton(input.contact, input.channel) }),
      context(notes),
    ],
  };
}

/** Items a digest lists with buttons; with the header, context and "and N more" it stays ≤ 50 blocks. */
export const DIGEST_ITEMS_MAX = 40;
/** Block text budget for a digest, under the ~12k characters that trigger `msg_blocks_too_long`. */
export const DIGEST_TEXT_BUDGET = 10_000;

function digestLine(kind: WindowDigestInput['kind'], item: WindowReminderInput | WindowClosedNoticeInput): string {
  const label = `${CHANNEL_PRESENTATION[item.channel.type].emoji} ${CHANNEL_PRESENTATION[item.channel.type].label}`;
  const parts = [contactBold(item.contact), label];
  if (kind === 'reminder') {
    const r = item as WindowReminderInput;
    parts.push(`${isStandardEdge(r) ? 'free text ends' : 'closes'} ${dateToken(r.closesAt)}`);
  } else {
    const n = item as WindowClosedNoticeInput;
    parts.push(`closed ${dateToken(n.closedAt)}`, `now ${WINDOW_STATE_PRESENTATION[n.status.state].emoji} ${WINDOW_STATE_PRESENTATION[n.status.state].badge}`);
  }
  parts.push(assigneeText(item.assignee));
  if (item.late) parts.push('late');
  return parts.join(' · ');
}

export function buildWindowDigest(input: WindowDigestInput): SlackMessage {
  const count = input.items.length;
  const title =
    input.kind === 'reminder'
      ? `⏳ ${formatCount(count)} window${count === 1 ? '' : 's'} closing soon`
      : `🔴 ${formatCount(count)} window${count === 1 ? '' : 's'} closed`;
  const blocks: KnownBlock[] = [
    header(title),
    context([
      input.kind === 'reminder'
        ? `Closed conversations whose messaging window ends soon, as of ${dateToken(input.minute, '{time}')}. Follow up while free text is still allowed.`
        : `Messaging windows that closed, as of ${dateToken(input.minute, '{time}')}. What can still be sent is shown on each follow-up.`,
    ]),
  ];
  let used = title.length + 200;
  let listed = 0;
  const names: string[] = [];
  for (const item of input.items) {
    if (listed >= DIGEST_ITEMS_MAX) break;
    const line = digestLine(input.kind, item);
    if (used + line.length + 'Follow up'.length > DIGEST_TEXT_BUDGET) break;
    used += line.length + 'Follow up'.length;
    blocks.push(section(line, { accessory: followUpButton(item.contact, item.channel, repeatedActionId(ACTION.notifyFollowUp, listed)) }));
    if (names.length < 3) names.push(contactName(item.contact));
    listed++;
  }
  const more = count - listed;
  if (more > 0) blocks.push(context([`…and ${formatCount(more)} more. Find them with \`${COMMAND}\` and the window filter.`]));
  const fallbackNames = names.join(', ') + (count > names.length ? ` and ${formatCount(count - names.length)} more` : '');
  return { text: `${title}: ${fallbackNames}`, blocks };
}

/** Fallback text shows date tokens' fallback part: notifications render tokens poorly on some clients. */
function stripTokens(mrkdwn: string): string {
  return mrkdwn.replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1');
}
