/**
 * Posts window reminders and notices to Slack: one message per group the notifier hands over (a digest
 * when many windows close in the same minute), at most one message per second per channel (Slack's
 * chat.postMessage pace), optionally a DM to each assignee. 429s are retried by the Web API client after
 * `Retry-After`; any other failure is thrown so the notifier keeps the notices due for the next tick.
 *
 * Each channel post carries message metadata `followup_notice` with its notice id (the notifier's claim), so
 * after a crash between posting and recording it, `findPosted` reads the channel's recent history
 * (`conversations.history`, scopes channels:history / groups:history) and the notice is not posted twice.
 *
 * Channel posts are read by many people: they are in one language, config `notifications.language`. A DM is
 * read by its assignee alone: it is in their language (their choice, else their Slack locale), looked up after
 * the channel post and bounded, so a slow store or Slack never holds the channel post up.
 */
import type { MessageMetadata } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { type Contact, type ContactChannel, channelKey } from '../../contacts/model.js';
import type { Notice, NoticeGroup, NoticeSink } from '../../notify/index.js';
import type { AgentLanguageDeps } from '../i18n/agent-language.js';
import { type Translator, agentLanguage, lastKnownLanguage, translatorFor } from '../i18n/index.js';
import type { SlackMessage } from '../shared/blocks.js';
import {
  type WindowClosedNoticeInput,
  type WindowReminderInput,
  buildWindowClosedNotice,
  buildWindowDigest,
  buildWindowReminder,
} from './notice-messages.js';

const PACE_MS = 1_100;

/**
 * How long a DM waits for its assignee's language (a store read, at most one `users.info` of LOCALE_WAIT_MS)
 * before it goes in the language this process last knew for them.
 */
const DM_LANGUAGE_WAIT_MS = 2_000;

/** The metadata event type of our channel posts (Slack: lowercase letters, digits and underscores). */
export const NOTICE_EVENT_TYPE = 'followup_notice';

/**
 * How far back `findPosted` reads: a claim is looked up seconds to minutes after its post, and the channel
 * gets at most about one of our posts per second, so 1,000 messages reach well past it.
 */
const HISTORY_PAGE = 200;
const HISTORY_PAGES = 5;

/** Slack errors that mean "this token cannot read that channel": waiting does not change them. */
const CANNOT_READ_HISTORY: Record<string, string> = {
  missing_scope: 'add the channels:history and groups:history scopes (manifest.yml) and reinstall the app',
  not_in_channel: 'invite @followup to the channel',
  channel_not_found: 'check the notification channel id',
};

export interface SlackNoticeSinkOptions {
  client: WebClient;
  /** NOTIFY_CHANNEL: where notices without another route go. */
  channel: string;
  loadContacts: (ids: readonly string[]) => Promise<Array<Contact | undefined>>;
  dmAssignee: boolean;
  /** The language of channel posts (config `notifications.language`). */
  language: string;
  /** Where an assignee's language is read for a DM (the Slack services: preferences and clock). */
  agents: AgentLanguageDeps;
  logger: { warn: (...a: unknown[]) => void };
  /** Tests shorten the pause between two posts to one channel. */
  paceMs?: number;
  /** Tests shorten the wait for an assignee's language (DM_LANGUAGE_WAIT_MS). */
  dmLanguageWaitMs?: number;
}

type Item = { contact: Contact; channel: ContactChannel; notice: Notice };

export class SlackNoticeSink implements NoticeSink {
  private readonly lastPost = new Map<string, number>();

  constructor(private readonly opts: SlackNoticeSinkOptions) {}

  async post(group: NoticeGroup, noticeId: string): Promise<void> {
    const contacts = await this.opts.loadContacts(group.notices.map((n) => n.contactId));
    const items: Item[] = [];
    group.notices.forEach((notice, i) => {
      const contact = contacts[i];
      const channel = contact?.channels.find((c) => channelKey(c) === notice.channelKey);
      if (contact && channel) items.push({ contact, channel, notice });
    });
    if (!items.length) return;
    const target = this.targetOf(group.slackChannel);
    const t = translatorFor(this.opts.language);
    const message = items.length === 1 && !group.digest ? single(t, items[0]!) : digest(t, group, items);
    // The notice id travels with the message, so after a crash `findPosted` finds it instead of posting again.
    await this.postTo(target, message, {
      event_type: NOTICE_EVENT_TYPE,
      event_payload: { noticeId, group: group.key.slice(0, 200), count: items.length },
    });
    if (this.opts.dmAssignee) await this.dmAssignees(items);
  }

  async findPosted(slackChannel: string, noticeIds: readonly string[]): Promise<ReadonlySet<string> | null> {
    const target = this.targetOf(slackChannel);
    const wanted = new Set(noticeIds);
    const found = new Set<string>();
    let cursor: string | undefined;
    try {
      for (let page = 0; page < HISTORY_PAGES && found.size < wanted.size; page++) {
        const history = await this.opts.client.conversations.history({
          channel: target,
          limit: HISTORY_PAGE,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        });
        for (const message of history.messages ?? []) {
          if (message.metadata?.event_type !== NOTICE_EVENT_TYPE) continue;
          const id = (message.metadata.event_payload as { noticeId?: unknown } | undefined)?.noticeId;
          if (typeof id === 'string' && wanted.has(id)) found.add(id);
        }
        cursor = history.response_metadata?.next_cursor || undefined;
        if (!history.has_more || !cursor) break;
      }
    } catch (err) {
      const error = (err as { data?: { error?: string } }).data?.error ?? '';
      const todo = CANNOT_READ_HISTORY[error];
      if (!todo) throw err;
      this.opts.logger.warn(
        `Cannot read ${target}'s history (${error}) to check for notices posted before a restart: ${todo}; ` +
          'posting them again, flagged as possibly repeated',
      );
      return null;
    }
    return found;
  }

  private targetOf(slackChannel: string): string {
    return slackChannel === 'default' ? this.opts.channel : slackChannel;
  }

  private async dmAssignees(items: Item[]): Promise<void> {
    const languages = new Map<string, Promise<Translator>>();
    for (const item of items) {
      const assignee = item.notice.assignee;
      if (!assignee) continue;
      try {
        let t = languages.get(assignee);
        if (!t) {
          t = this.languageOf(assignee);
          languages.set(assignee, t);
        }
        await this.postTo(assignee, single(await t, item));
      } catch (err) {
        // The channel post is the record; a DM that fails (app not allowed to DM) must not repeat it.
        this.opts.logger.warn(`Could not DM ${assignee} about ${item.notice.contactId}`, (err as Error).message);
      }
    }
  }

  /** The assignee's language for a DM: never fails, never waits longer than DM_LANGUAGE_WAIT_MS. */
  private async languageOf(userId: string): Promise<Translator> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.opts.dmLanguageWaitMs ?? DM_LANGUAGE_WAIT_MS);
    });
    const read = agentLanguage(this.opts.client, this.opts.agents, userId).catch((err: unknown) => {
      this.opts.logger.warn(`Could not read ${userId}'s language for a DM: ${(err as Error).message}`);
      return null;
    });
    const code = await Promise.race([read, waited]).finally(() => clearTimeout(timer));
    return translatorFor(code ?? lastKnownLanguage(userId));
  }

  /** One message to a channel or a user, no sooner than the pace allows. */
  private async postTo(channel: string, message: SlackMessage, metadata?: MessageMetadata): Promise<void> {
    await this.pace(channel);
    await this.opts.client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      ...(metadata ? { metadata } : {}),
    });
  }

  private async pace(channel: string): Promise<void> {
    const pace = this.opts.paceMs ?? PACE_MS;
    const wait = (this.lastPost.get(channel) ?? 0) + pace - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.lastPost.set(channel, Date.now());
  }
}

/** What a reminder and a closed-window notice both say about one contact-channel. */
function noticeSubject({ contact, channel, notice }: Item) {
  return { contact, channel, assignee: notice.assignee, late: notice.late };
}

function reminderInput(item: Item): WindowReminderInput {
  return { ...noticeSubject(item), status: item.notice.current, closesAt: item.notice.windowClosesAt };
}

function closedNoticeInput(item: Item): WindowClosedNoticeInput {
  return { ...noticeSubject(item), status: item.notice.after, closedAt: item.notice.windowClosesAt };
}

function single(t: Translator, item: Item): SlackMessage {
  return item.notice.kind === 'reminder'
    ? buildWindowReminder(t, reminderInput(item))
    : buildWindowClosedNotice(t, closedNoticeInput(item));
}

function digest(t: Translator, { kind, minute }: NoticeGroup, items: Item[]): SlackMessage {
  return kind === 'reminder'
    ? buildWindowDigest(t, { kind, minute, items: items.map(reminderInput) })
    : buildWindowDigest(t, { kind, minute, items: items.map(closedNoticeInput) });
}
