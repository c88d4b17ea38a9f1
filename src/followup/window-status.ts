/** windowStatusFor: every channel of a contact evaluated at one instant, with the counters it needs. */
import { type Contact, type ContactChannel, channelKey } from '../contacts/model.js';
import { type RuleOverrides, type WindowStatus, evaluateWindow } from '../policy/index.js';
import { noAddressReason } from './no-address.js';
import type { FollowupStore } from './ports.js';

export interface ChannelStatus {
  channel: ContactChannel;
  key: string;
  status: WindowStatus;
}

/** Viber's free chatbot-initiated quota is per bot account and calendar month (UTC): the store keys it. */
export { viberMonthlyKey as viberCounterKey } from '../store/index.js';
import { viberMonthlyKey as viberCounterKey } from '../store/index.js';

/**
 * The channel's status at `now`. Without an address nothing can reach the person whatever the window says,
 * so every surface shows that (before anyone types) rather than a window that cannot be used.
 */
export function evaluateChannel(
  channel: ContactChannel,
  now: Date,
  rules: RuleOverrides,
  chatbotInitiatedThisMonth = 0,
): WindowStatus {
  const status = evaluateWindow({
    channel: channel.type,
    now,
    lastInboundAt: channel.lastInboundAt ? new Date(channel.lastInboundAt) : null,
    outboundSinceInbound: channel.outboundSinceInbound,
    chatbotInitiatedThisMonth,
    ...(channel.subscribed !== undefined ? { subscribed: channel.subscribed } : {}),
    ...(channel.lastInboundWindowHours !== undefined ? { anchorWindowHours: channel.lastInboundWindowHours } : {}),
    ...(channel.closedByProviderAt ? { closedByProviderAt: new Date(channel.closedByProviderAt) } : {}),
    rules,
  });
  if (channel.address) return status;
  return {
    ...status,
    state: 'closed',
    reason: noAddressReason(channel.type),
    allowed: [],
    windowClosesAt: null,
    changesAt: null,
    messagesLeft: null,
    humanOnly: false,
    billable: false,
  };
}

export async function windowStatusFor(
  contact: Contact,
  now: Date,
  deps: { store: { counters: Pick<FollowupStore['counters'], 'get'> }; rules: RuleOverrides },
): Promise<ChannelStatus[]> {
  return Promise.all(
    contact.channels.map(async (channel) => {
      const used = channel.type === 'viber' ? await deps.store.counters.get(viberCounterKey(channel.channelId, now)) : 0;
      return { channel, key: channelKey(channel), status: evaluateChannel(channel, now, deps.rules, used) };
    }),
  );
}
