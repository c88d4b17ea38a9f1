/**
 * The App Home tab: where an agent starts (find a contact), what needs doing (their closed conversations
 * whose window is still open, soonest close first) and what they sent lately. Stays within 100 blocks
 * whatever the input sizes: lists are capped and say how many more there are.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { displayName } from '../../contacts/model.js';
import type { ChannelType } from '../../policy/index.js';
import { actions, button, context, divider, header, section } from '../shared/blocks.js';
import {
  CHANNEL_PRESENTATION,
  type ContactWithStatuses,
  assigneeText,
  contactBadges,
  conversationText,
  formatCount,
  reachText,
  soonestClose,
} from '../shared/format.js';
import { ACTION, BLOCK, repeatedActionId } from '../shared/ids.js';
import { boldName, dateToken, escapeTruncated, plainSafe, userMention } from '../shared/mrkdwn.js';

/** 2 blocks each. */
export const HOME_FOLLOW_UPS_MAX = 20;
/** 1 block each. */
export const HOME_RECENT_MAX = 15;

export interface HomeRecentFollowUp {
  contactName: string;
  channel: ChannelType;
  sentAt: Date;
  kind: 'text' | 'template' | 'tag';
  sandbox: boolean;
  /** Delivery status as recorded (e.g. sent, delivered, failed); shown as is, escaped. */
  status: string;
}

export interface HomeModel {
  agentId: string;
  /** The agent's closed contacts whose window is still open or closing soon. */
  followUps: ContactWithStatuses[];
  recent: HomeRecentFollowUp[];
  sandbox: boolean;
  now: Date;
}

const KIND_WORDS: Record<HomeRecentFollowUp['kind'], string> = {
  text: 'text',
  template: 'template',
  tag: 'tagged message',
};

function followUpBlocks(item: ContactWithStatuses, index: number, now: Date): KnownBlock[] {
  const { contact } = item;
  const lines = [boldName(displayName(contact), 150)];
  const reach = reachText(contact);
  if (reach) lines.push(reach);
  lines.push(`${assigneeText(contact.assignee)} · ${conversationText(contact)}`);
  const badges = contactBadges(item.statuses, now);
  return [
    section(lines.join('\n'), {
      accessory: button('Open', repeatedActionId(ACTION.openContact, index), contact.id, {
        accessibilityLabel: `Open ${plainSafe(displayName(contact))}`,
      }),
    }),
    context(badges.length ? badges : ['No channels on record']),
  ];
}

function recentLine(r: HomeRecentFollowUp): string {
  const p = CHANNEL_PRESENTATION[r.channel];
  const parts = [
    `${p.emoji} ${boldName(r.contactName, 120)}`,
    p.label,
    KIND_WORDS[r.kind],
    escapeTruncated(r.status, 40),
    dateToken(r.sentAt),
  ];
  if (r.sandbox) parts.push('🧪 sandbox');
  return parts.join(' · ');
}

export function buildHomeView(model: HomeModel): HomeView {
  const { now } = model;
  const blocks: KnownBlock[] = [
    header('Followup'),
    section(
      `Hi ${userMention(model.agentId)}: find a contact whose conversation is closed, ` +
        'see what each channel allows now, and follow up within its rules.',
    ),
    actions([button('Find a contact', ACTION.homeOpenSearch, 'search', { style: 'primary' })], BLOCK.homeActions),
  ];
  if (model.sandbox) {
    blocks.push(
      context(['🧪 *Sandbox*: no channel is connected yet, so follow-ups are recorded here and delivered nowhere.']),
    );
  }

  blocks.push(divider(), header('Follow up before the window closes'));
  const sorted = [...model.followUps].sort((a, b) => {
    const x = soonestClose(a.statuses.map((s) => s.status))?.getTime() ?? Number.POSITIVE_INFINITY;
    const y = soonestClose(b.statuses.map((s) => s.status))?.getTime() ?? Number.POSITIVE_INFINITY;
    return x - y;
  });
  if (sorted.length === 0) {
    blocks.push(section('Nothing to follow up right now: none of your closed conversations has a window still open.'));
  } else {
    blocks.push(context(['Your closed conversations whose window is still open, soonest close first.']));
    sorted.slice(0, HOME_FOLLOW_UPS_MAX).forEach((item, i) => {
      blocks.push(...followUpBlocks(item, i, now));
    });
    const more = sorted.length - HOME_FOLLOW_UPS_MAX;
    if (more > 0) {
      blocks.push(
        context([`…and ${formatCount(more)} more. Use *Find a contact* with the window filter to see them all.`]),
      );
    }
  }

  blocks.push(divider(), header('Your recent follow-ups'));
  if (model.recent.length === 0) {
    blocks.push(context(['You have not sent any follow-ups yet.']));
  } else {
    for (const r of model.recent.slice(0, HOME_RECENT_MAX)) blocks.push(context([recentLine(r)]));
    const more = model.recent.length - HOME_RECENT_MAX;
    if (more > 0) blocks.push(context([`…and ${formatCount(more)} more.`]));
  }

  return { type: 'home', blocks };
}
