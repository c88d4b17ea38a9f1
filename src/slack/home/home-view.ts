/**
 * The App Home tab: where an agent starts (find a contact), what needs doing (their closed conversations
 * whose window is still open, soonest close first), what they sent lately, and the language Followup speaks
 * to them. Stays within 100 blocks whatever the input sizes: lists are capped and say how many more there are.
 * Every word is in `t`'s language; customer data is escaped and never translated.
 */
import type { HomeView, KnownBlock, PlainTextOption, StaticSelect } from '@slack/types';
import { displayName } from '../../contacts/model.js';
import type { ChannelType } from '../../policy/index.js';
import { LANGUAGES, type MessageKey, type Translator } from '../i18n/index.js';
import { AUTO } from '../language/language-choice.js';
import { openLabel } from '../search/search-modal.js';
import { actions, button, context, divider, header, initialOption, option, plain, section } from '../shared/blocks.js';
import {
  type ContactWithStatuses,
  assigneeText,
  channelEmoji,
  channelLabel,
  contactBadges,
  conversationText,
  dateIn,
  reachText,
  soonestClose,
} from '../shared/format.js';
import { ACTION, BLOCK, repeatedActionId } from '../shared/ids.js';
import { boldName, escapeTruncated, userMention } from '../shared/mrkdwn.js';

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
  /** Delivery status as recorded (queued, sent, failed): in words when known, else shown as is, escaped. */
  status: string;
}

export interface HomeModel {
  agentId: string;
  /** The agent's closed contacts whose window is still open or closing soon. */
  followUps: ContactWithStatuses[];
  recent: HomeRecentFollowUp[];
  sandbox: boolean;
  /** The language the agent chose; null when Followup follows their Slack language. */
  languageChoice: string | null;
  now: Date;
}

const STATUS_WORDS: Readonly<Record<string, MessageKey>> = {
  queued: 'home.recent.queued',
  sent: 'home.recent.sent',
  failed: 'home.recent.failed',
};

function followUpBlocks(t: Translator, item: ContactWithStatuses, index: number, now: Date): KnownBlock[] {
  const { contact } = item;
  const lines = [boldName(displayName(contact), 150)];
  const reach = reachText(t, contact);
  if (reach) lines.push(reach);
  lines.push(`${assigneeText(t, contact.assignee)} · ${conversationText(t, contact)}`);
  const badges = contactBadges(t, item.statuses, now);
  return [
    section(lines.join('\n'), {
      accessory: button(t.t('home.open'), repeatedActionId(ACTION.openContact, index), contact.id, {
        accessibilityLabel: openLabel(t, 'home.openLabel', displayName(contact)),
      }),
    }),
    context(badges.length ? badges : [t.t('home.noChannels')]),
  ];
}

function recentLine(t: Translator, r: HomeRecentFollowUp): string {
  const statusKey = Object.hasOwn(STATUS_WORDS, r.status) ? STATUS_WORDS[r.status] : undefined;
  return t.t('home.recent.line', {
    emoji: channelEmoji(r.channel),
    // Bold is the message's (a translation keeps it); the name inside is escaped, with no formatting of its own.
    name: boldName(r.contactName, 120).slice(1, -1) || '—',
    channel: channelLabel(t, r.channel),
    kind: r.kind,
    status: statusKey ? t.t(statusKey) : escapeTruncated(r.status, 40),
    when: dateIn(t, r.sentAt),
    sandbox: r.sandbox ? 'yes' : 'no',
  });
}

/** "Follow my Slack language", then every language in its own name; the agent's choice selected. */
function languagePicker(t: Translator, choice: string | null): StaticSelect {
  const options: PlainTextOption[] = [
    option(t.t('home.language.auto'), AUTO),
    ...LANGUAGES.map((l) => option(l.name, l.code)),
  ];
  const initial = initialOption(options, choice ?? AUTO) ?? options[0];
  return {
    type: 'static_select',
    action_id: ACTION.homeLanguage,
    placeholder: plain(t.t('home.language.placeholder')),
    options,
    ...(initial ? { initial_option: initial as PlainTextOption } : {}),
  };
}

export function buildHomeView(t: Translator, model: HomeModel): HomeView {
  const { now } = model;
  const blocks: KnownBlock[] = [
    header(t.t('home.title')),
    section(t.t('home.greeting', { agent: userMention(model.agentId) })),
    actions(
      [button(t.t('home.findContact'), ACTION.homeOpenSearch, 'search', { style: 'primary' })],
      BLOCK.homeActions,
    ),
  ];
  if (model.sandbox) blocks.push(context([t.t('home.sandbox')]));

  blocks.push(divider(), header(t.t('home.followUps.title')));
  const sorted = [...model.followUps].sort((a, b) => {
    const x = soonestClose(a.statuses.map((s) => s.status))?.getTime() ?? Number.POSITIVE_INFINITY;
    const y = soonestClose(b.statuses.map((s) => s.status))?.getTime() ?? Number.POSITIVE_INFINITY;
    return x - y;
  });
  if (sorted.length === 0) {
    blocks.push(section(t.t('home.followUps.none')));
  } else {
    blocks.push(context([t.t('home.followUps.intro')]));
    sorted.slice(0, HOME_FOLLOW_UPS_MAX).forEach((item, i) => {
      blocks.push(...followUpBlocks(t, item, i, now));
    });
    const more = sorted.length - HOME_FOLLOW_UPS_MAX;
    if (more > 0) blocks.push(context([t.t('home.followUps.more', { more })]));
  }

  blocks.push(divider(), header(t.t('home.recent.title')));
  if (model.recent.length === 0) {
    blocks.push(context([t.t('home.recent.none')]));
  } else {
    for (const r of model.recent.slice(0, HOME_RECENT_MAX)) blocks.push(context([recentLine(t, r)]));
    const more = model.recent.length - HOME_RECENT_MAX;
    if (more > 0) blocks.push(context([t.t('home.recent.more', { more })]));
  }

  blocks.push(
    divider(),
    section(t.t('home.language.text', { language: t.language.name }), {
      block_id: BLOCK.homeLanguage,
      accessory: languagePicker(t, model.languageChoice),
    }),
  );

  return { type: 'home', blocks };
}
