/**
 * The window notifications posted to the notification channel: a reminder before a window closes, a notice
 * when it has closed, and a digest when many come at once. Each returns `{ text, blocks }`; `text` is the
 * escaped fallback that notifications and screen readers show. Messages hold at most 50 blocks and about 12k
 * characters of block text (`msg_blocks_too_long`, research §1.1), so digests list the first items and count
 * the rest. Pure.
 */
import type { KnownBlock } from '@slack/types';
import { type Contact, type ContactChannel, channelKey, displayName } from '../../contacts/model.js';
import type { WindowStatus } from '../../policy/index.js';
import { type SlackMessage, button, context, header, section } from '../shared/blocks.js';
import {
  CHANNEL_PRESENTATION,
  WINDOW_STATE_PRESENTATION,
  assigneeText,
  badge,
  formatCount,
  reasonText,
} from '../shared/format.js';
import { ACTION, COMMAND, followUpValue, repeatedActionId } from '../shared/ids.js';
import { boldName, dateToken, escapeTruncated } from '../shared/mrkdwn.js';

const NAME_MAX = 120;

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
    return (
      `Free text to ${name} on ${label} ends ${dateToken(input.closesAt)}; ` +
      `after that only a person can write (HUMAN_AGENT) until ${dateToken(input.status.windowClosesAt)}.`
    );
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
    parts.push(
      `closed ${dateToken(n.closedAt)}`,
      `now ${WINDOW_STATE_PRESENTATION[n.status.state].emoji} ${WINDOW_STATE_PRESENTATION[n.status.state].badge}`,
    );
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
        ? `Closed conversations whose messaging window ends soon, as of ${dateToken(input.minute, '{time}')}. ` +
          'Follow up while free text is still allowed.'
        : `Messaging windows that closed, as of ${dateToken(input.minute, '{time}')}. ` +
          'What can still be sent is shown on each follow-up.',
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
    blocks.push(
      section(line, {
        accessory: followUpButton(item.contact, item.channel, repeatedActionId(ACTION.notifyFollowUp, listed)),
      }),
    );
    if (names.length < 3) names.push(contactName(item.contact));
    listed++;
  }
  const more = count - listed;
  if (more > 0)
    blocks.push(context([`…and ${formatCount(more)} more. Find them with \`${COMMAND}\` and the window filter.`]));
  const fallbackNames =
    names.join(', ') + (count > names.length ? ` and ${formatCount(count - names.length)} more` : '');
  return { text: `${title}: ${fallbackNames}`, blocks };
}

/** Fallback text shows date tokens' fallback part: notifications render tokens poorly on some clients. */
function stripTokens(mrkdwn: string): string {
  return mrkdwn.replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1');
}
