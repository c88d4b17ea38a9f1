/**
 * A provider's "the window is closed" answer (POLICY.md trap 9), written on the contact's channel: the provider
 * knows better than our clock, so free text is not offered again until the contact writes. Which failure
 * reasons mean that is the channel rule's `providerClosedReasons`; the send path and provider delivery reports
 * both record it here.
 */
import { channelKey } from '../contacts/model.js';
import { type ChannelType, providerClosedWindow } from '../policy/index.js';
import type { ContactRepository } from './contacts.js';

/** The contact channel a failed send went to (an outbox entry is one). */
export interface SendTarget {
  contactId: string;
  channel: ChannelType;
  channelKey: string;
}

/**
 * Records that the provider closed the window at `at` when `reason` says so on the target's channel; returns
 * whether it did. Throws ContactNotFoundError when the contact is gone.
 */
export async function recordProviderClosedWindow(
  contacts: Pick<ContactRepository, 'update'>,
  target: SendTarget,
  reason: string,
  at: string,
): Promise<boolean> {
  if (!providerClosedWindow(target.channel, reason)) return false;
  await contacts.update(target.contactId, (c) => ({
    ...c,
    channels: c.channels.map((ch) => (channelKey(ch) === target.channelKey ? { ...ch, closedByProviderAt: at } : ch)),
  }));
  return true;
}
