/**
 * sendFollowUp: re-evaluate the policy at send time → outbox → transport → record → reopen + assign, in two
 * halves: enqueueFollowUp writes the outbox entry (durable before anyone is told "Sending…"), deliverQueued
 * sends it. Delivery is serialised per contact (and a chatbot-initiated one per quota counter too), across
 * replicas on PostgreSQL, so two agents cannot overrun the WeChat cap or the Viber quota together, and
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
import { recordProviderClosedWindow } from '../store/index.js';
import type { SendResult } from '../transports/transport.js';
import { type FollowupDeps, OUTBOX_BY_PROVIDER_ID, type OutboxEntry } from './ports.js';
import { noAddressReason } from './no-address.js';
import { channelStatusAt } from './window-status.js';

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

async function load(deps: FollowupDeps, contactId: string, key: string) {
  const contact = await deps.store.contacts.get(contactId);
  const channel = contact?.channels.find((c) => channelKey(c) === key);
  return { contact, channel };
}

function statusOf(deps: FollowupDeps, channel: ContactChannel, now: Date) {
  return channelStatusAt(channel, now, { store: deps.store, rules: deps.settings.rules });
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
      return {
        ok: false,
        kind: 'queued',
        entry: queued,
        reason: result.reason,
        detail: result.detail,
        nextAttemptAt: next,
      };
    }
    const failed = await store.outbox.markFailed(entry.id, now, `${result.reason}: ${result.detail}`);
    await recordProviderClosedWindow(store.contacts, entry, result.reason, now.toISOString());
    return {
      ok: false,
      kind: 'failed',
      entry: failed,
      reason: result.reason,
      detail: result.detail,
      retryable: result.retryable,
    };
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
      // biome-ignore lint/complexity/useMathMinMax: ISO strings compared as text (Math.max would give NaN).
      lastActivityAt: stamp > current.lastActivityAt ? stamp : current.lastActivityAt,
      updatedAt: stamp,
      // A template or tag never moves the anchor; every business message counts toward caps.
      channels: current.channels.map((c) =>
        channelKey(c) === entry.channelKey
          ? { ...c, lastOutboundAt: stamp, outboundSinceInbound: c.outboundSinceInbound + 1 }
          : c,
      ),
    };
  });
  const sent = await store.outbox.markSent(entry.id, now, result.providerMessageId);
  if (!result.sandbox) await store.namespace(OUTBOX_BY_PROVIDER_ID).set(result.providerMessageId, sent.id);
  return { ok: true, duplicate: false, entry: sent, plan, contact: updated };
}

export type EnqueueFollowUpOutcome =
  /** `duplicate`: the entry was made by an earlier submit under the same key (a double click, a retry). */
  | { ok: true; entry: OutboxEntry; duplicate: boolean }
  | { ok: false; kind: 'refused'; refusal: RefusedSend; status: WindowStatus }
  | { ok: false; kind: 'not_found'; detail: string };

/**
 * The durable half of a send: decide with the policy, then write the outbox entry under its idempotency key.
 * Once this returns ok the follow-up survives a crash: the entry waits for `deliverQueued`, or for the
 * outbox worker if the process dies first. Not under the contact's lock, so it answers within Slack's 3 s
 * even while another send to this contact is with its provider; `deliverQueued` decides again under it.
 */
export async function enqueueFollowUp(input: SendFollowUpInput, deps: FollowupDeps): Promise<EnqueueFollowUpOutcome> {
  const { store, settings } = deps;
  const previous = await store.outbox.findByIdempotencyKey(input.idempotencyKey);
  if (previous && previous.status !== 'failed') return { ok: true, entry: previous, duplicate: true };

  const { contact, channel } = await load(deps, input.contactId, input.channelKey);
  if (!contact) return { ok: false, kind: 'not_found', detail: `No contact with id ${input.contactId}.` };
  if (!channel) {
    const detail = `${displayName(contact)} has no ${input.channelKey} channel any more.`;
    return { ok: false, kind: 'not_found', detail };
  }

  // The window may have moved since the modal was built: decide again, now.
  const { status } = await statusOf(deps, channel, input.now);
  if (!channel.address) {
    // Nothing can be delivered without the provider's address for this person (on Telegram and LINE it
    // only exists once they wrote to the bot first).
    return { ok: false, kind: 'refused', status, refusal: refusalFor(noAddressReason(channel.type), status) };
  }
  const message =
    input.message.kind === 'template' && input.message.contactLanguage === undefined
      ? { ...input.message, contactLanguage: contact.language || null }
      : input.message;
  const plan = planOutbound(status, message, settings.rules);
  if (!plan.ok) return { ok: false, kind: 'refused', refusal: plan, status };

  const transport = deps.transports.for(channel);
  const { entry, created } = await store.outbox.enqueue(
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
  if (created) return { ok: true, entry, duplicate: false };
  if (entry.status !== 'failed') return { ok: true, entry, duplicate: true };
  // A resubmission after a failure sends again under the same key, with what was decided now. Two such
  // resubmissions at once: only the one that finds it failed re-queues it; the other is a duplicate.
  let requeued = false;
  const again = await store.outbox.update(entry.id, input.now, (current) => {
    if (current.status !== 'failed') return {};
    requeued = true;
    return {
      status: 'queued',
      error: null,
      nextAttemptAt: null,
      kind: plan.kind,
      text: plan.text,
      templateName: plan.template?.name ?? null,
      tag: plan.tag,
      plan: { ...plan },
    };
  });
  return { ok: true, entry: again, duplicate: !requeued };
}

/** A refusal with the policy's reason and its plain words (nothing is offered instead). */
function refusalFor(reason: string, status: WindowStatus): RefusedSend {
  const detail = describeReason(reason).summary;
  return { ok: false, channel: status.channel, reason, detail, allowed: [], field: null };
}

/** Written, and no attempt started or scheduled: what the agent's own request delivers. */
function awaitsFirstAttempt(e: OutboxEntry): boolean {
  return e.status === 'queued' && e.inFlightSince === null && e.error === null && e.nextAttemptAt === null;
}

/**
 * The plan decided when the entry was written is still exactly what the policy decides now: same window
 * state and billing (the plan depends on the status through nothing else), and its kind still allowed.
 */
function planStillHolds(plan: PlannedSend, status: WindowStatus): boolean {
  return status.state === plan.state && status.billable === plan.billable && status.allowed.includes(plan.kind);
}

/** `reason: detail` as the outbox records an error, split again for the outcome. */
function splitError(error: string | null): { reason: string; detail: string } {
  const text = error ?? '';
  const at = text.indexOf(': ');
  if (at < 0) return { reason: text || 'unknown', detail: text };
  return { reason: text.slice(0, at), detail: text.slice(at + 2) };
}

/** What became of an entry someone else already attempted (the other click, the outbox worker). */
async function outcomeOf(entry: OutboxEntry, duplicate: boolean, deps: FollowupDeps): Promise<SendFollowUpOutcome> {
  const { reason, detail } = splitError(entry.error);
  if (entry.status === 'sent') {
    const contact = await deps.store.contacts.get(entry.contactId);
    if (!contact) return { ok: false, kind: 'not_found', detail: `No contact with id ${entry.contactId}.` };
    return { ok: true, duplicate, entry, plan: (entry.plan as unknown as PlannedSend | undefined) ?? null, contact };
  }
  if (entry.status === 'failed') return { ok: false, kind: 'failed', entry, reason, detail, retryable: false };
  const nextAttemptAt = new Date(entry.nextAttemptAt ?? entry.updatedAt);
  return { ok: false, kind: 'queued', entry, reason, detail, nextAttemptAt };
}

/**
 * The delivery half: under the contact's lock, sends an entry `enqueueFollowUp` wrote, once. The window is
 * decided again first (another send may have used the WeChat cap or the Viber quota meanwhile); a plan the
 * policy no longer gives is refused and the entry failed, never sent. An entry someone else already
 * attempted is not attempted again: its outcome is reported.
 */
export async function deliverQueued(
  written: OutboxEntry,
  deps: FollowupDeps,
  now: Date,
  duplicate = false,
): Promise<SendFollowUpOutcome> {
  const { store } = deps;
  return store.withLock(`contact:${written.contactId}`, async () => {
    const entry = await store.outbox.get(written.id);
    if (!entry) return { ok: false, kind: 'not_found', detail: 'The follow-up is no longer in the outbox.' };
    if (!awaitsFirstAttempt(entry)) {
      if (entry.status === 'queued' && entry.inFlightSince) return failInDoubt(entry, deps, now);
      return outcomeOf(entry, duplicate, deps);
    }
    const { contact, channel } = await load(deps, entry.contactId, entry.channelKey);
    if (!contact || !channel || !entry.plan) {
      await store.outbox.markFailed(entry.id, now, 'not_found: the contact or channel is gone');
      return { ok: false, kind: 'not_found', detail: 'The contact or this channel no longer exists.' };
    }
    const plan = entry.plan as unknown as PlannedSend;
    return underQuotaLock(deps, channel, now, async ({ status, counterKey }) => {
      if (!planStillHolds(plan, status)) {
        await store.outbox.markFailed(entry.id, now, `${status.reason}: the window changed before it could be sent`);
        const refusal = { ...refusalFor(status.reason, status), allowed: status.allowed };
        return { ok: false, kind: 'refused', status, refusal };
      }
      return attemptDelivery(entry, plan, contact, channel, counterKey, deps, now);
    });
  });
}

/**
 * Runs `send` with the channel's status at `now`. A chatbot-initiated send spends the account's monthly quota
 * (Viber), which every contact of the account shares: the contact's lock does not cover it, so the status is
 * read again and the send made under the quota counter's lock too (across replicas on PostgreSQL), and two
 * sends to different contacts cannot both take the last message. Other sends need only the contact's lock.
 */
async function underQuotaLock(
  deps: FollowupDeps,
  channel: ContactChannel,
  now: Date,
  send: (at: { status: WindowStatus; counterKey: string | null }) => Promise<SendFollowUpOutcome>,
): Promise<SendFollowUpOutcome> {
  const first = await statusOf(deps, channel, now);
  if (first.counterKey === null || first.status.state !== 'chatbot_initiated') return send(first);
  return deps.store.withLock(`quota:${first.counterKey}`, async () => send(await statusOf(deps, channel, now)));
}

/**
 * Decide, write the outbox entry, deliver: `enqueueFollowUp` then `deliverQueued`. A front-end that must
 * answer before delivery (Slack's 3 s) calls the two itself and answers between them.
 */
export async function sendFollowUp(input: SendFollowUpInput, deps: FollowupDeps): Promise<SendFollowUpOutcome> {
  const queued = await enqueueFollowUp(input, deps);
  if (!queued.ok) return queued;
  return deliverQueued(queued.entry, deps, input.now, queued.duplicate);
}

/** The app stopped while a provider held this message: it may have gone out. Never send it twice. */
async function failInDoubt(entry: OutboxEntry, deps: FollowupDeps, now: Date): Promise<SendFollowUpOutcome> {
  // The agent sees it as failed (in doubt) and can check the conversation before sending again.
  const detail =
    'Followup stopped while sending this; it may or may not have reached the contact. Check before sending again.';
  const failed = await deps.store.outbox.markFailed(entry.id, now, `in_doubt: ${detail}`);
  return { ok: false, kind: 'failed', entry: failed, reason: 'in_doubt', detail, retryable: false };
}

/**
 * Retries one queued entry whose time has come (the outbox worker). The window is evaluated again: a plan
 * the policy no longer allows is failed with the policy's reason, never sent late.
 */
export async function retryQueued(entry: OutboxEntry, deps: FollowupDeps, now: Date): Promise<SendFollowUpOutcome> {
  return deps.store.withLock(`contact:${entry.contactId}`, async () => {
    const current = await deps.store.outbox.get(entry.id);
    if (!current || current.status !== 'queued') return { ok: false, kind: 'not_found', detail: 'No longer queued.' };
    if (current.inFlightSince) return failInDoubt(current, deps, now);
    // Listed as due, but attempted meanwhile (by the agent's own request) and rescheduled: not due yet.
    if (current.nextAttemptAt && new Date(current.nextAttemptAt).getTime() > now.getTime()) {
      return { ok: false, kind: 'not_found', detail: 'Not due yet.' };
    }
    const { contact, channel } = await load(deps, current.contactId, current.channelKey);
    if (!contact || !channel || !current.plan) {
      const failed = await deps.store.outbox.markFailed(current.id, now, 'not_found: the contact or channel is gone');
      return {
        ok: false,
        kind: 'failed',
        entry: failed,
        reason: 'not_found',
        detail: 'The contact or channel is gone.',
        retryable: false,
      };
    }
    const stored = current.plan as unknown as PlannedSend;
    return underQuotaLock(deps, channel, now, async ({ status, counterKey }) => {
      // The same rule as the agent's own delivery: the plan decided at the write must still be the policy's.
      if (!planStillHolds(stored, status)) {
        const failed = await deps.store.outbox.markFailed(
          current.id,
          now,
          `${status.reason}: the window changed before a retry could deliver it`,
        );
        return {
          ok: false,
          kind: 'failed',
          entry: failed,
          reason: status.reason,
          detail: 'The window changed before a retry could deliver it.',
          retryable: false,
        };
      }
      return attemptDelivery(current, stored, contact, channel, counterKey, deps, now);
    });
  });
}
