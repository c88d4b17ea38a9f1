/** windowStatusFor: every channel of a contact evaluated at one instant, with the counters it needs. */
import { type Contact, type ContactChannel, channelKey } from '../contacts/model.js';
import { type RuleOverrides, type WindowStatus, evaluateWindow } from '../policy/index.js';
import { noAddressReason } from './no-address.js';
import type { FollowupStore } from './ports.js';
import { readStoredCounts, windowInputFor } from './window-input.js';

export interface ChannelStatus {
  channel: ContactChannel;
  key: string;
  status: WindowStatus;
}

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
  const status = evaluateWindow(windowInputFor(channel, now, { chatbotInitiatedThisMonth }, rules));
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

export interface WindowStatusDeps {
  store: { counters: Pick<FollowupStore['counters'], 'get'> };
  rules: RuleOverrides;
}

/**
 * One channel's status at `now` with the stored counts it depends on, and the counter a chatbot-initiated
 * send now would add to (null when the channel keeps none).
 */
export async function channelStatusAt(
  channel: ContactChannel,
  now: Date,
  deps: WindowStatusDeps,
): Promise<{ status: WindowStatus; counterKey: string | null }> {
  const { counterKey, chatbotInitiatedThisMonth } = await readStoredCounts(channel, now, deps.store.counters);
  return { status: evaluateChannel(channel, now, deps.rules, chatbotInitiatedThisMonth), counterKey };
}

export async function windowStatusFor(contact: Contact, now: Date, deps: WindowStatusDeps): Promise<ChannelStatus[]> {
  return Promise.all(
    contact.channels.map(async (channel) => {
      const { status } = await channelStatusAt(channel, now, deps);
      return { channel, key: channelKey(channel), status };
    }),
  );
}
