/**
 * sendFollowUp: re-evaluate the policy at send time → outbox → transport → record → reopen + assign.
 * Serialised per contact, so two agents cannot overrun the WeChat cap or the Viber quota together, and
 * idempotent per compose view, so a double-clicked submit or a Slack retry never sends twice.
 */
import { type Contact, channelKey, displayName } from '../contacts/model.js';
import {
  type OutboundMessage,
  type PlannedSend,
  type RefusedSend,
  type WindowStatus,
  afterOutboundSend,
  planOutbound,
} from '../policy/index.js';
import type { SendResult } from '../transports/transport.js';
import type { FollowupDeps, OutboxEntry } from './ports.js';
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
  | { ok: false; kind: 'failed'; entry: OutboxEntry; reason: string; detail: string; retryable: boolean }
  | { ok: false; kind: 'not_found'; detail: string };

export async function sendFollowUp(input: SendFollowUpInput, deps: FollowupDeps): Promise<SendFollowUpOutcome> {
  const { store, settings } = deps;
  return store.withLock(`contact:${input.contactId}`, async () => {
    const previous = await store.outbox.findByIdempotencyKey(input.idempotencyKey);
    if (previous) {
      const contact = await store.contacts.get(input.contactId);
      if (previous.status !== 'failed' && contact) return { ok: true, duplicate: true, entry: previous, plan: null, contact };
    }

    const contact = await store.contacts.get(input.contactId);
    if (!contact) return { ok: false, kind: 'not_found', detail: `No contact with id ${input.contactId}.` };
    const channel = contact.channels.find((c) => channelKey(c) === input.channelKey);
    if (!channel) {
      return { ok: false, kind: 'not_found', detail: `${displayName(contact)} has no ${input.channelKey} channel any more.` };
    }

    // The window may have moved since the modal was built: decide again, now.
    const counterKey = channel.type === 'viber' ? viberCounterKey(channel.channelId, input.now) : null;
    const used = counterKey ? await store.counters.get(counterKey) : 0;
    const status = evaluateChannel(channel, input.now, settings.rules, used);
    const message =
      input.message.kind === 'template' && input.message.contactLanguage === undefined
        ? { ...input.message, contactLanguage: contact.language || null }
        : input.message;
    const plan = planOutbound(status, message, settings.rules);
    if (!plan.ok) return { ok: false, kind: 'refused', refusal: plan, status };
    if (!channel.address && (channel.type === 'telegram' || channel.type === 'line')) {
      return {
        ok: false,
        kind: 'refused',
        status,
        refusal: {
          ok: false,
          channel: channel.type,
          reason: `${channel.type}.no_address`,
          detail: `${status.channel === 'telegram' ? 'Telegram' : 'LINE'} can only reach people who wrote to the bot first; this contact has no chat id.`,
          allowed: [],
          field: null,
        },
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
    // A resubmission after a failure retries under the same key (the entry counts its attempts).
    const entry =
      queued.status === 'failed'
        ? await store.outbox.update(queued.id, input.now, (e) => ({ status: 'queued', error: null, attempts: e.attempts + 1 }))
        : await store.outbox.update(queued.id, input.now, (e) => ({ attempts: e.attempts + 1 }));

    let result: SendResult;
    try {
      result = await transport.send({ plan, contact, channel, idempotencyKey: input.idempotencyKey });
    } catch (err) {
      result = { ok: false, reason: 'provider_error', detail: (err as Error).message, retryable: true };
    }
    if (!result.ok) {
      const failed = await store.outbox.markFailed(entry.id, input.now, `${result.reason}: ${result.detail}`);
      return { ok: false, kind: 'failed', entry: failed, reason: result.reason, detail: result.detail, retryable: result.retryable };
    }

    if (counterKey && plan.chatbotInitiated) await store.counters.increment(counterKey, 1);
    const updated = await store.contacts.update(contact.id, (current) => {
      const conv = afterOutboundSend(
        { status: current.status, assignee: current.assignee, statusChangedAt: new Date(current.statusChangedAt) },
        input.senderId,
        input.now,
      );
      const stamp = input.now.toISOString();
      return {
        ...current,
        status: conv.status,
        assignee: conv.assignee,
        statusChangedAt: conv.statusChangedAt.toISOString(),
        lastActivityAt: stamp > current.lastActivityAt ? stamp : current.lastActivityAt,
        updatedAt: stamp,
        // A template or tag never moves the anchor; every business message counts toward caps.
        channels: current.channels.map((c) =>
          channelKey(c) === input.channelKey
            ? { ...c, lastOutboundAt: stamp, outboundSinceInbound: c.outboundSinceInbound + 1 }
            : c,
        ),
      };
    });
    const sent = await store.outbox.markSent(entry.id, input.now, result.providerMessageId);
    return { ok: true, duplicate: false, entry: sent, plan, contact: updated };
  });
}
