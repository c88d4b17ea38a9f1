/** windowStatusFor: every channel of a contact evaluated at one instant, with the counters it needs. */
import { type Contact, type ContactChannel, channelKey } from '../contacts/model.js';
import { type RuleOverrides, type WindowStatus, evaluateWindow } from '../policy/index.js';
import type { FollowupStore } from './ports.js';

export interface ChannelStatus {
  channel: ContactChannel;
  key: string;
  status: WindowStatus;
}

/** Viber's free chatbot-initiated quota is per bot account and calendar month (UTC): the store keys it. */
export { viberMonthlyKey as viberCounterKey } from '../store/index.js';
import { viberMonthlyKey as viberCounterKey } from '../store/index.js';

export function evaluateChannel(
  channel: ContactChannel,
  now: Date,
  rules: RuleOverrides,
  chatbotInitiatedThisMonth = 0,
): WindowStatus {
  return evaluateWindow({
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
