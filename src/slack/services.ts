/**
 * What the Slack screens are given by the composition root: the follow-up use cases, who may do what, the
 * page size, the clock, and each agent's language preferences. Nothing here reaches the store or the
 * transports except through the use cases.
 */
import type { AgentPreferences, FollowupUseCases } from '../followup/index.js';

export interface SlackPermissions {
  allInbox: 'everyone' | string[];
  send: 'everyone' | string[];
}

export interface SlackServices {
  followup: FollowupUseCases;
  permissions: SlackPermissions;
  pageSize: number;
  clock: () => Date;
  /** Each agent's language choice and Slack locale (src/slack/i18n/agent-language.ts reads them). */
  preferences: AgentPreferences;
  /** The language of channel messages (reminders, notices, digests): config `notifications.language`. */
  notificationLanguage: string;
}

export function canSeeAll(s: Pick<SlackServices, 'permissions'>, userId: string): boolean {
  return s.permissions.allInbox === 'everyone' || s.permissions.allInbox.includes(userId);
}

export function canSend(s: Pick<SlackServices, 'permissions'>, userId: string): boolean {
  return s.permissions.send === 'everyone' || s.permissions.send.includes(userId);
}
