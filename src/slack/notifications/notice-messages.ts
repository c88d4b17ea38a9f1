/**
 * The window notifications posted to the notification channel: a reminder before a window closes, a notice
 * when it has closed, and a digest when many come at once. Each returns `{ text, blocks }`; `text` is the
 * escaped fallback that notifications and screen readers show. Messages hold at most 50 blocks and about 12k
 * characters of block text (`msg_blocks_too_long`, research §1.1), so digests list the first items and count
 * the rest. Each takes the translator of its reader: the channel's language (config `notifications.language`)
 * or, for a DM, the assignee's own. Pure.
 */
import type { KnownBlock } from '@slack/types';
import { type Contact, type ContactChannel, channelKey, displayName } from '../../contacts/model.js';
import type { WindowStatus } from '../../policy/index.js';
import type { Translator } from '../i18n/index.js';
import { type SlackMessage, button, context, header, section } from '../shared/blocks.js';
import {
  WINDOW_STATE_EMOJI,
  assigneeText,
  badge,
  channelLabel,
  channelName,
  dateIn,
  reasonText,
  windowStateText,
} from '../shared/format.js';
import { ACTION, COMMAND, followUpValue, repeatedActionId } from '../shared/ids.js';
import { boldName, escapeTruncated } from '../shared/mrkdwn.js';

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

/** Messenger/Instagram: the reminder is for the end of the standard 24 h, with agent-only time after it. */
function isStandardEdge(input: WindowReminderInput): boolean {
  const end = input.status.windowClosesAt;
  return input.status.state === 'open' && end !== null && input.closesAt.getTime() < end.getTime();
}

/** "⏳ The WhatsApp window for *Ana* closes <date>." (`name` is already bold: boldName). */
function reminderSentence(t: Translator, input: WindowReminderInput, name: string): string {
  const channel = channelLabel(t, input.channel.type);
  const when = dateIn(t, input.closesAt);
  if (isStandardEdge(input) && input.status.windowClosesAt) {
    const until = dateIn(t, input.status.windowClosesAt);
    return t.t('notifications.reminderFreeTextEnds', { name, channel, when, until });
  }
  return t.t('notifications.reminder', { name, channel, when });
}

/** "🔴 The WhatsApp window for *Ana* closed <date>." (`name` is already bold: boldName). */
function noticeSentence(t: Translator, input: WindowClosedNoticeInput, name: string): string {
  return t.t('notifications.closed', {
    name,
    channel: channelLabel(t, input.channel.type),
    when: dateIn(t, input.closedAt),
  });
}

function assignedLine(t: Translator, assignee: string | null): string {
  return assignee ? t.t('notifications.assigned', { assignee: assigneeText(t, assignee) }) : assigneeText(t, null);
}

function contactName(contact: Contact): string {
  return escapeTruncated(displayName(contact), NAME_MAX);
}

function contactBold(contact: Contact): string {
  return boldName(displayName(contact), NAME_MAX);
}

function followUpButton(
  t: Translator,
  contact: Contact,
  channel: ContactChannel,
  actionId: string = ACTION.notifyFollowUp,
) {
  return button(t.t('notifications.followUp'), actionId, followUpValue(contact.id, channelKey(channel)), {
    accessibilityLabel: t.t('notifications.followUpOn', { channel: channelLabel(t, channel.type) }),
  });
}

export function buildWindowReminder(t: Translator, input: WindowReminderInput): SlackMessage {
  const sentence = reminderSentence(t, input, contactBold(input.contact));
  const notes = [badge(t, input.status, input.closesAt), assignedLine(t, input.assignee)];
  if (input.late) notes.push(t.t('notifications.lateReminder'));
  return {
    text: stripTokens(sentence),
    blocks: [section(sentence, { accessory: followUpButton(t, input.contact, input.channel) }), context(notes)],
  };
}

export function buildWindowClosedNotice(t: Translator, input: WindowClosedNoticeInput): SlackMessage {
  const sentence = noticeSentence(t, input, contactBold(input.contact));
  const now = t.t('notifications.now', {
    badge: badge(t, input.status, input.closedAt),
    reason: reasonText(t, input.status),
  });
  const notes = [now, assignedLine(t, input.assignee)];
  if (input.late) notes.push(t.t('notifications.lateNotice'));
  return {
    text: stripTokens(sentence),
    blocks: [section(sentence, { accessory: followUpButton(t, input.contact, input.channel) }), context(notes)],
  };
}

/** Items a digest lists with buttons; with the header, context and "and N more" it stays ≤ 50 blocks. */
export const DIGEST_ITEMS_MAX = 40;
/**
 * Block text budget for a digest, under the ~12k characters that trigger `msg_blocks_too_long`: the header,
 * the introduction and the "and N more" line are counted first, then items are listed while they fit.
 */
export const DIGEST_TEXT_BUDGET = 10_000;

/** One item: facts joined by " · " (each fact one phrase of its own, so a translation words each whole). */
function digestLine(
  t: Translator,
  kind: WindowDigestInput['kind'],
  item: WindowReminderInput | WindowClosedNoticeInput,
): string {
  const parts = [contactBold(item.contact), channelName(t, item.channel.type)];
  if (kind === 'reminder') {
    const r = item as WindowReminderInput;
    const when = dateIn(t, r.closesAt);
    parts.push(t.t(isStandardEdge(r) ? 'notifications.digest.freeTextEnds' : 'notifications.digest.closes', { when }));
  } else {
    const n = item as WindowClosedNoticeInput;
    const state = `${WINDOW_STATE_EMOJI[n.status.state]} ${windowStateText(t, n.status.state, 'badge')}`;
    parts.push(
      t.t('notifications.digest.closed', { when: dateIn(t, n.closedAt) }),
      t.t('notifications.digest.now', { state }),
    );
  }
  parts.push(assigneeText(t, item.assignee));
  if (item.late) parts.push(t.t('notifications.digest.late'));
  return parts.join(' · ');
}

function moreLine(t: Translator, count: number): string {
  return t.t('notifications.digest.more', { count, command: COMMAND });
}

export function buildWindowDigest(t: Translator, input: WindowDigestInput): SlackMessage {
  const count = input.items.length;
  const title = t.t(
    input.kind === 'reminder' ? 'notifications.digest.reminderTitle' : 'notifications.digest.noticeTitle',
    { count },
  );
  const time = dateIn(t, input.minute, '{time}');
  const intro = t.t(
    input.kind === 'reminder' ? 'notifications.digest.reminderIntro' : 'notifications.digest.noticeIntro',
    { time },
  );
  const blocks: KnownBlock[] = [header(title), context([intro])];
  const buttonText = t.t('notifications.followUp');
  // The "and N more" line is reserved with `count` (a plural form for fewer may be a little longer: the
  // budget's 2,000 characters below Slack's limit absorb that).
  let used = title.length + intro.length + moreLine(t, count).length;
  let listed = 0;
  const names: string[] = [];
  for (const item of input.items) {
    if (listed >= DIGEST_ITEMS_MAX) break;
    const line = digestLine(t, input.kind, item);
    if (used + line.length + buttonText.length > DIGEST_TEXT_BUDGET) break;
    used += line.length + buttonText.length;
    blocks.push(
      section(line, {
        accessory: followUpButton(t, item.contact, item.channel, repeatedActionId(ACTION.notifyFollowUp, listed)),
      }),
    );
    if (names.length < 3) names.push(contactName(item.contact));
    listed++;
  }
  const more = count - listed;
  if (more > 0) blocks.push(context([moreLine(t, more)]));
  const others = count - names.length;
  const shown = others > 0 ? [...names, t.t('notifications.digest.others', { count: others })] : names;
  return { text: t.t('notifications.digest.fallback', { title, names: t.list(shown) }), blocks };
}

/** Fallback text shows date tokens' fallback part: notifications render tokens poorly on some clients. */
function stripTokens(mrkdwn: string): string {
  return mrkdwn.replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1');
}
