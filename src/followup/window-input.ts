/**
 * What evaluateWindow needs for one contact channel at one instant: the channel's own fields, plus the counts
 * the store keeps beside it. Every surface (sending, Slack, search, notifications) gathers it here, so a
 * channel's counting rule (`ChannelRule.quota`) is read in one place.
 */
import type { ContactChannel } from '../contacts/model.js';
import { type RuleOverrides, type WindowInput, quotaCounterKey } from '../policy/index.js';
import type { FollowupStore } from './ports.js';

/** Counts a channel's window depends on that live in the store, not on the contact's channel. */
export interface StoredCounts {
  /** `monthly_free` channels (Viber): chatbot-initiated messages already sent this month on the account. */
  chatbotInitiatedThisMonth: number;
}

export interface StoredCountsAt extends StoredCounts {
  /** The counter a chatbot-initiated send at that instant adds to; null when the channel keeps none. */
  counterKey: string | null;
}

/** The evaluateWindow input for a contact channel at `at`. Pure: the stored counts are passed in. */
export function windowInputFor(
  channel: ContactChannel,
  at: Date,
  counts: StoredCounts,
  rules: RuleOverrides,
): WindowInput {
  return {
    channel: channel.type,
    now: at,
    lastInboundAt: channel.lastInboundAt ? new Date(channel.lastInboundAt) : null,
    outboundSinceInbound: channel.outboundSinceInbound,
    chatbotInitiatedThisMonth: counts.chatbotInitiatedThisMonth,
    ...(channel.subscribed !== undefined ? { subscribed: channel.subscribed } : {}),
    ...(channel.lastInboundWindowHours !== undefined ? { anchorWindowHours: channel.lastInboundWindowHours } : {}),
    ...(channel.closedByProviderAt ? { closedByProviderAt: new Date(channel.closedByProviderAt) } : {}),
    rules,
  };
}

/** Reads the stored counts of a contact channel at `at`: one counter read for `monthly_free` channels, none else. */
export async function readStoredCounts(
  channel: Pick<ContactChannel, 'type' | 'channelId'>,
  at: Date,
  counters: Pick<FollowupStore['counters'], 'get'>,
): Promise<StoredCountsAt> {
  const counterKey = quotaCounterKey(channel.type, channel.channelId, at);
  return { counterKey, chatbotInitiatedThisMonth: counterKey ? await counters.get(counterKey) : 0 };
}
