/**
 * What one event does to one contact record. Pure: the record, the event and our clock in, the new record
 * (or a refusal) out, so the batch importer and the webhook path share every rule.
 *
 * Rules (POLICY.md): the window anchor is the channel's last *inbound* at the provider's time, and only
 * moves forward; business messages count toward caps and never move it; unknown channels are created on
 * the contact; an upsert never wipes a channel's window fields; a status older than the stored one's last
 * change never undoes it.
 */
import { type Contact, type ContactChannel, channelKey } from '../contacts/model.js';
import { type ChannelType, type RuleOverrides, evaluateWindow, quotaCounterKey } from '../policy/index.js';
import type { ContactEvent } from './events.js';

export interface ReduceContext {
  /** Our clock: `updatedAt` of changed records. */
  now: Date;
  rules?: RuleOverrides | undefined;
}

export type Reduced =
  | {
      ok: true;
      contact: Contact;
      /** Counters to add one to (a `monthly_free` channel's chatbot-initiated month counter). */
      counters: string[];
    }
  | { ok: false; reason: string };

const time = (iso: string): number => Date.parse(iso);
const laterOf = (a: string, b: string): string => (time(b) > time(a) ? b : a);

function newChannel(type: ChannelType, channelId: string | undefined): ContactChannel {
  return {
    type,
    ...(channelId ? { channelId } : {}),
    lastInboundAt: null,
    lastOutboundAt: null,
    outboundSinceInbound: 0,
  };
}

/** A contact known only by id: created when a message arrives before its contact.upserted. */
function bareContact(id: string, at: string, now: string): Contact {
  return {
    id,
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    language: '',
    assignee: null,
    status: 'open',
    statusChangedAt: at,
    lastActivityAt: at,
    createdAt: at,
    updatedAt: now,
    channels: [],
  };
}

/** The contact with the channel `type`/`channelId` changed by `fn` (added first when absent). */
function withChannel(
  contact: Contact,
  type: ChannelType,
  channelId: string | undefined,
  fn: (channel: ContactChannel) => ContactChannel,
): Contact {
  const key = channelKey({ type, channelId });
  const index = contact.channels.findIndex((c) => channelKey(c) === key);
  const channels = [...contact.channels];
  if (index === -1) channels.push(fn(newChannel(type, channelId)));
  else channels[index] = fn(channels[index]!);
  return { ...contact, channels };
}

function findChannel(contact: Contact, type: ChannelType, channelId: string | undefined): ContactChannel | undefined {
  const key = channelKey({ type, channelId });
  return contact.channels.find((c) => channelKey(c) === key);
}

function unknownContact(id: string): Reduced {
  return { ok: false, reason: `unknown contact "${id}": send contact.upserted first` };
}

export function reduceContactEvent(current: Contact | undefined, event: ContactEvent, ctx: ReduceContext): Reduced {
  const at = new Date(event.at).toISOString();
  const now = ctx.now.toISOString();
  const done = (contact: Contact, counters: string[] = []): Reduced => ({
    ok: true,
    contact: { ...contact, updatedAt: now },
    counters,
  });

  switch (event.type) {
    case 'contact.upserted': {
      const { id, channels = [], ...fields } = event.contact;
      // Like conversation.opened/closed: a status older than the stored one's change does not undo it.
      const staleStatus = current !== undefined && time(at) < time(current.statusChangedAt);
      const given = Object.fromEntries(
        Object.entries(fields).filter(([key, v]) => v !== undefined && !(key === 'status' && staleStatus)),
      ) as Partial<Contact>;
      let next: Contact = { ...(current ?? bareContact(id, at, now)), ...given };
      if (current && given.status !== undefined && given.status !== current.status)
        next = { ...next, statusChangedAt: at };
      // Channels merge by key: an address may change, window fields never come from an upsert.
      for (const ch of channels) {
        next = withChannel(next, ch.type, ch.channelId, (c) => (ch.address ? { ...c, address: ch.address } : c));
      }
      return done(next);
    }

    case 'message.received': {
      const base = current ?? bareContact(event.contactId, at, now);
      const next = withChannel(base, event.channel, event.channelId, (c) => {
        // An older inbound never moves the anchor back.
        if (c.lastInboundAt !== null && time(at) <= time(c.lastInboundAt)) return c;
        const { lastInboundWindowHours: _previous, ...rest } = c;
        return {
          ...rest,
          lastInboundAt: at,
          ...(event.windowHours !== undefined ? { lastInboundWindowHours: event.windowHours } : {}),
          outboundSinceInbound: 0,
          // Writing to a Viber bot again is what makes it reachable after an unsubscribe.
          ...(c.subscribed === false ? { subscribed: true } : {}),
        };
      });
      return done({ ...next, lastActivityAt: laterOf(base.lastActivityAt, at) });
    }

    case 'message.sent': {
      const base = current ?? bareContact(event.contactId, at, now);
      const before = findChannel(base, event.channel, event.channelId);
      const counters: string[] = [];
      const counterKey = quotaCounterKey(event.channel, event.channelId, new Date(at));
      if (counterKey) {
        // Outside the session window a message is chatbot-initiated and counts toward the month's quota (Viber).
        const window = evaluateWindow({
          channel: event.channel,
          now: new Date(at),
          lastInboundAt: before?.lastInboundAt ? new Date(before.lastInboundAt) : null,
          ...(before?.lastInboundWindowHours !== undefined ? { anchorWindowHours: before.lastInboundWindowHours } : {}),
          ...(before?.subscribed !== undefined ? { subscribed: before.subscribed } : {}),
          rules: ctx.rules,
        });
        if (window.state !== 'open') counters.push(counterKey);
      }
      const next = withChannel(base, event.channel, event.channelId, (c) => ({
        ...c,
        lastOutboundAt: c.lastOutboundAt === null ? at : laterOf(c.lastOutboundAt, at),
        // A message sent before the latest inbound belongs to the previous session: it no longer counts.
        outboundSinceInbound:
          c.lastInboundAt === null || time(at) >= time(c.lastInboundAt)
            ? c.outboundSinceInbound + 1
            : c.outboundSinceInbound,
      }));
      return done({ ...next, lastActivityAt: laterOf(base.lastActivityAt, at) }, counters);
    }

    case 'conversation.opened':
    case 'conversation.closed': {
      if (!current) return unknownContact(event.contactId);
      const status = event.type === 'conversation.opened' ? 'open' : 'closed';
      // Status changes apply in provider time: a late, older event does not undo a newer one.
      if (time(at) < time(current.statusChangedAt)) return { ok: true, contact: current, counters: [] };
      const changed = status !== current.status;
      return done({
        ...current,
        status,
        statusChangedAt: changed ? at : current.statusChangedAt,
        lastActivityAt: laterOf(current.lastActivityAt, at),
      });
    }

    case 'contact.assigned':
      if (!current) return unknownContact(event.contactId);
      return done({ ...current, assignee: event.assignee });

    case 'contact.unsubscribed':
    case 'contact.subscribed': {
      if (!current) return unknownContact(event.contactId);
      const subscribed = event.type === 'contact.subscribed';
      return done(withChannel(current, event.channel, event.channelId, (c) => ({ ...c, subscribed })));
    }
  }
}
