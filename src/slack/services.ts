/** What the Slack listeners are given by the composition root; they know nothing of keyv or transports. */
import type { ContactIndex } from '../contacts/index.js';
import type { ContactChannel } from '../contacts/model.js';
import type { FollowupDeps } from '../followup/index.js';

export interface SlackServices extends FollowupDeps {
  index: Pick<ContactIndex, 'search'>;
  permissions: { allInbox: 'everyone' | string[]; send: 'everyone' | string[] };
  pageSize: number;
  clock: () => Date;
}

export function canSeeAll(s: SlackServices, userId: string): boolean {
  return s.permissions.allInbox === 'everyone' || s.permissions.allInbox.includes(userId);
}

export function canSend(s: SlackServices, userId: string): boolean {
  return s.permissions.send === 'everyone' || s.permissions.send.includes(userId);
}

export function isSandbox(s: SlackServices, channel: Pick<ContactChannel, 'type' | 'channelId'>): boolean {
  return s.transports.for(channel).sandbox;
}
