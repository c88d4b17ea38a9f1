/**
 * sendFollowUp: re-evaluate the policy at send time → outbox → transport → record → reopen + assign.
 * Serialised per contact, so two agents cannot overrun the WeChat cap or the Viber quota together, and
 * idempotent per compose view, so a double-clicked submit or a Slack retry never sends twice.
 * A retryable provider failure (network, 5xx, rate limit) stays queued; the outbox worker retries it.
 */
import { type Contact, type ContactChannel, channelKey, displayName } from '../contacts/model.js';
import {
  type OutboundMessage,
  type PlannedSend,
  type RefusedSend,
  type WindowStatus,
  afterOutboundSend,
  describeReason,
  planOutbound,
} from '../policy/index.js';
import type { SendResult } from '../transports/transport.js';
import { type FollowupDeps, OUTBOX_BY_PROVIDER_ID, type OutboxEntry } from './ports.js';
import { evaluateChannel, viberCounterKey } from './window-status.js';

export interface SendFollowUpInput {
  contactId: string;
  channelKey: string;
  message: OutboundMessage;
  senderId: string;
  idempotencyKey: string;
  now: Date;
}

export type SendFollowUpOutcome =
  | { ok: true; duplicate: boolean; entry: OutboxEntry; plan: PlannedSend | null; contact: Contact }
  | { ok: false; kind: 'refused'; refusal: RefusedSend; status: WindowStatus }
  | { ok: false; kind: 'queued'; entry: OutboxEntry; reason: string; detail: string; nextAttemptAt: Date }
  | { ok: false; kind: 'failed'; entry: OutboxEntry; reason: string; detail: string; retryable: boolean }
  | { ok: false; kind: 'not_found'; detail: string };

/** Attempts before a retryable failure is given up, and the backoff between them. */
export const MAX_ATTEMPTS = 6;
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/** Reasons that mean the provider sees the window closed: recorded on the channel (POLICY.md trap 9). */
const WINDOW_REASON = /\.(window_closed|window_expired|outbound_cap_reached|not_subscribed|person_unavailable)$/;

async function load(deps: FollowupDeps, contactId: string, key: string) {
  const contact = await deps.store.contacts.get(contactId);
  const channel = contact?.channels.find((c) => channelKey(c) === key);
  return { contact, channel };
}

async function statusOf(deps: FollowupDeps, channel: ContactChannel, now: Date) {
  const counterKey = channel.type === 'viber' ? viberCounterKey(channel.channelId, now) : null;
  const used = counterKey ? await deps.store.counters.get(counterKey) : 0;
  return { status: evaluateChannel(channel, now, deps.settings.rules, used), counterKey };
}

/**
 * One delivery attempt of a queued entry (the agent's send, or a retry): transport, then record the
 * outcome. Runs under the contact's lock.
 */
export async function attemptDelivery(
  entry: OutboxEntry,
  plan: PlannedSend,
  contact: Contact,
  channel: ContactChannel,
  counterKey: string | null,
  deps: FollowupDeps,
  now: Date,
): Promise<SendFollowUpOutcome> {
  const { store } = deps;
  const transport = deps.transports.for(channel);
  await store.outbox.update(entry.id, now, () => ({ inFlightSince: now.toISOString() }));
  let result: SendResult;
  try {
    result = await transport.send({ plan, contact, channel, idempotencyKey: entry.idempotencyKey });
  } catch (err) {
    result = { ok: false, reason: 'provider_error', detail: (err as Error).message, retryable: true };
  }
  if (!result.ok) {
    if (result.retryable && entry.attempts + 1 < MAX_ATTEMPTS) {
      const next = new Date(now.getTime() + backoffMs(entry.attempts + 1));
      const queued = await store.outbox.markRetry(entry.id, now, `${result.reason}: ${result.detail}`, next);
      return { ok: false, kind: 'queued', entry: queued, reason: result.reason, detail: result.detail, nextAttemptAt: next };
    }
    const failed = await store.outbox.markFailed(entry.id, now, `${result.reason}: ${result.detail}`);
    if (WINDOW_REASON.test(result.reason)) {
      // The provider knows better than our clock: stop offering free text until the contact writes again.
      await store.contacts.update(contact.id, (c) => ({
        ...c,
        channels: c.channels.map((ch) => (channelKey(ch) === entry.channelKey ? { ...ch, closedByProviderAt: now.toISOString() } : ch)),
      }));
    }
    return { ok: false, kind: 'failed', entry: failed, reason: result.reason, detail: result.detail, retryable: result.retryable };
  }

  if (counterKey && plan.chatbotInitiated) await store.counters.increment(counterKey, 1);
  const stamp = now.toISOString();
  const updated = await store.contacts.update(contact.id, (current) => {
    const conv = afterOutboundSend(
      { status: current.status, assignee: current.assignee, statusChangedAt: new Date(current.statusChangedAt) },
      entry.sentBy,
      now,
    );
    return {
      ...current,
      status: conv.status,
      assignee: conv.assignee,
      statusChangedAt: conv.statusChangedAt.toISOString(),
      lastActivityAt: stamp > current.lastActivityAt ? stamp : current.lastActivityAt,
      updatedAt: stamp,
      // A template or tag never moves the anchor; every business message counts toward caps.
      channels: current.channels.map((c) =>
        channelKey(c) === entry.channelKey ? { ...c, lastOutboundAt: stamp, outboundSinceInbound: c.outboundSinceInbound + 1 } : c,
      ),
    };
  });
  const sent = await store.outbox.markSent(entry.id, now, result.providerMessageId);
  if (!result.sandbox) await store.namespace(OUTBOX_BY_PROVIDER_ID).set(result.providerMessageId, sent.id);
  return { ok: true, duplicate: false, entry: sent, plan, contact: updated };
}

export async function sendFollowUp(input: SendFollowUpInput, deps: FollowupDeps): Promise<SendFollowUpOutcome> {
  const { store, settings } = deps;
  return store.withLock(`contact:${input.contactId}`, async () => {
    const previous = await store.outbox.findByIdempotencyKey(input.idempotencyKey);
    if (previous && previous.status !== 'failed') {
      const contact = await store.contacts.get(input.contactId);
      if (contact) return { ok: true, duplicate: true, entry: previous, plan: null, contact };
    }

    const { contact, channel } = await load(deps, input.contactId, input.channelKey);
    if (!contact) return { ok: false, kind: 'not_found', detail: `No contact with id ${input.contactId}.` };
    if (!channel) return { ok: false, kind: 'not_found', detail: `${displayName(contact)} has no ${input.channelKey} channel any more.` };

    // The window may have moved since the modal was built: decide again, now.
    const { status, counterKey } = await statusOf(deps, channel, input.now);
    const message =
      input.message.kind === 'template' && input.message.contactLanguage === undefined
        ? { ...input.message, contactLanguage: contact.language || null }
        : input.message;
    const plan = planOutbound(status, message, settings.rules);
    if (!plan.ok) return { ok: false, kind: 'refused', refusal: plan, status };
    if (!channel.address) {
      // Nothing can be delivered without the provider's address for this person (on Telegram and LINE it
      // only exists once they wrote to the bot first).
      const reason = `${channel.type}.no_address`;
      return {
        ok: false,
        kind: 'refused',
        status,
        refusal: { ok: false, channel: channel.type, reason, detail: describeReason(reason).summary, allowed: [], field: null },
      };
    }

    const transport = deps.transports.for(channel);
    const { entry: queued } = await store.outbox.enqueue(
      {
        idempotencyKey: input.idempotencyKey,
        contactId: contact.id,
        contactName: displayName(contact),
        channel: channel.type,
        channelId: channel.channelId,
        channelKey: input.channelKey,
        plan,
        sentBy: input.senderId,
        transport: transport.name,
        sandbox: transport.sandbox,
        reopened: contact.status === 'closed',
      },
      input.now,
    );
    // A resubmission after a failure retries under the same key.
    const entry = queued.status === 'failed' ? await store.outbox.update(queued.id, input.now, () => ({ status: 'queued', error: null })) : queued;
    return attemptDelivery(entry, plan, contact, channel, counterKey, deps, input.now);
  });
}

/**
 * Retries one queued entry whose time has come (the outbox worker). The window is evaluated again: a plan
 * the policy no longer allows is failed with the policy's reason, never sent late.
 */
export async function retryQueued(entry: OutboxEntry, deps: FollowupDeps, now: Date): Promise<SendFollowUpOutcome> {
  return deps.store.withLock(`contact:${entry.contactId}`, async () => {
    const current = await deps.store.outbox.get(entry.id);
    if (!current || current.status !== 'queued') return { ok: false, kind: 'not_found', detail: 'No longer queued.' };
    if (current.inFlightSince) {
      // The app stopped while a provider held this message: it may have gone out. Never send it twice;
      // the agent sees it as failed (in doubt) and can check the conversation before sending again.
      const detail = 'Followup stopped while sending this; it may or may not have reached the contact. Check before sending again.';
      const failed = await deps.store.outbox.markFailed(current.id, now, `in_doubt: ${detail}`);
      return { ok: false, kind: 'failed', entry: failed, reason: 'in_doubt', detail, retryable: false };
    }
    const { contact, channel } = await load(deps, current.contactId, current.channelKey);
    if (!contact || !channel || !current.plan) {
      const failed = await deps.store.outbox.markFailed(current.id, now, 'not_found: the contact or channel is gone');
      return { ok: false, kind: 'failed', entry: failed, reason: 'not_found', detail: 'The contact or channel is gone.', retryable: false };
    }
    const stored = current.plan as unknown as PlannedSend;
    const { status, counterKey } = await statusOf(deps, channel, now);
    if (!status.allowed.includes(stored.kind) || (stored.chatbotInitiated === false && status.state === 'chatbot_initiated')) {
      const failed = await deps.store.outbox.markFailed(current.id, now, `${status.reason}: the window changed before a retry could deliver it`);
      return { ok: false, kind: 'failed', entry: failed, reason: status.reason, detail: 'The window changed before a retry could deliver it.', retryable: false };
    }
    return attemptDelivery(current, { ...stored, chatbotInitiated: status.state === 'chatbot_initiated' }, contact, channel, counterKey, deps, now);
  });
}
