/**
 * Posts window reminders and notices to Slack: one message per group the notifier hands over (a digest
 * when many windows close in the same minute), at most one message per second per channel (Slack's
 * chat.postMessage pace), optionally a DM to each assignee. 429s are retried by the Web API client after
 * `Retry-After`; any other failure is thrown so the notifier keeps the notices due for the next tick.
 */
import type { WebClient } from '@slack/web-api';
import { type Contact, type ContactChannel, channelKey } from '../../contacts/model.js';
import type { Notice, NoticeGroup, NoticeSink } from '../../notify/index.js';
import type { SlackMessage } from '../shared/blocks.js';
import { buildWindowClosedNotice, buildWindowDigest, buildWindowReminder } from './notice-messages.js';

const PACE_MS = 1_100;

export interface SlackNoticeSinkOptions {
  client: WebClient;
  /** NOTIFY_CHANNEL: where notices without another route go. */
  channel: string;
  loadContacts: (ids: readonly string[]) => Promise<Array<Contact | undefined>>;
  dmAssignee: boolean;
  logger: { warn: (...a: unknown[]) => void };
  /** Tests shorten the pause between two posts to one channel. */
  paceMs?: number;
}

type Item = { contact: Contact; channel: ContactChannel; notice: Notice };

export class SlackNoticeSink implements NoticeSink {
  private readonly lastPost = new Map<string, number>();

  constructor(private readonly opts: SlackNoticeSinkOptions) {}

  async post(group: NoticeGroup): Promise<void> {
    const contacts = await this.opts.loadContacts(group.notices.map((n) => n.contactId));
    const items: Item[] = [];
    group.notices.forEach((notice, i) => {
      const contact = contacts[i];
      const channel = contact?.channels.find((c) => channelKey(c) === notice.channelKey);
      if (contact && channel) items.push({ contact, channel, notice });
    });
    if (!items.length) return;
    const target = group.slackChannel === 'default' ? this.opts.channel : group.slackChannel;
    const message = items.length === 1 && !group.digest ? single(items[0]!) : digest(group, items);
    await this.pace(target);
    await this.opts.client.chat.postMessage({
      channel: target,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      // The schedule's idempotency keys travel with the message, so a repeat after a crash can be spotted.
      metadata: {
        event_type: 'followup_window_notice',
        event_payload: { group: group.key.slice(0, 200), count: items.length },
      },
    });
    if (this.opts.dmAssignee) await this.dmAssignees(items);
  }

  private async dmAssignees(items: Item[]): Promise<void> {
    for (const item of items) {
      const assignee = item.notice.assignee;
      if (!assignee) continue;
      try {
        const m = single(item);
        await this.pace(assignee);
        await this.opts.client.chat.postMessage({
          channel: assignee,
          text: m.text,
          blocks: m.blocks,
          unfurl_links: false,
        });
      } catch (err) {
        // The channel post is the record; a DM that fails (app not allowed to DM) must not repeat it.
        this.opts.logger.warn(`Could not DM ${assignee} about ${item.notice.contactId}`, (err as Error).message);
      }
    }
  }

  private async pace(channel: string): Promise<void> {
    const pace = this.opts.paceMs ?? PACE_MS;
    const wait = (this.lastPost.get(channel) ?? 0) + pace - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.lastPost.set(channel, Date.now());
  }
}

function single({ contact, channel, notice }: Item): SlackMessage {
  return notice.kind === 'reminder'
    ? buildWindowReminder({
        contact,
        channel,
        status: notice.current,
        closesAt: notice.windowClosesAt,
        assignee: notice.assignee,
        late: notice.late,
      })
    : buildWindowClosedNotice({
        contact,
        channel,
        status: notice.after,
        closedAt: notice.windowClosesAt,
        assignee: notice.assignee,
        late: notice.late,
      });
}

function digest(group: NoticeGroup, items: Item[]): SlackMessage {
  return group.kind === 'reminder'
    ? buildWindowDigest({
        kind: 'reminder',
        minute: group.minute,
        items: items.map(({ contact, channel, notice }) => ({
          contact,
          channel,
          status: notice.current,
          closesAt: notice.windowClosesAt,
          assignee: notice.assignee,
          late: notice.late,
        })),
      })
    : buildWindowDigest({
        kind: 'notice',
        minute: group.minute,
        items: items.map(({ contact, channel, notice }) => ({
          contact,
          channel,
          status: notice.after,
          closedAt: notice.windowClosesAt,
          assignee: notice.assignee,
          late: notice.late,
        })),
      });
}
