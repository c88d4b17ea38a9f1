import { type Contact, contactSchema } from '../../src/contacts/model.js';

export const NOW = new Date('2025-03-10T12:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A valid contact; `activityAgo` is how long before NOW its last activity was. */
export function makeContact(
  fields: Omit<Partial<Contact>, 'channels'> & {
    id: string;
    activityAgo?: number;
    channels?: Record<string, unknown>[];
  },
): Contact {
  const { activityAgo = HOUR, ...rest } = fields;
  return contactSchema.parse({
    status: 'closed',
    statusChangedAt: iso(NOW.getTime() - DAY),
    createdAt: iso(NOW.getTime() - 30 * DAY),
    updatedAt: iso(NOW.getTime() - activityAgo),
    lastActivityAt: iso(NOW.getTime() - activityAgo),
    ...rest,
  });
}

/** Inbound `ago` milliseconds before NOW, as a channel's `lastInboundAt`. */
export function inboundAgo(ago: number): string {
  return iso(NOW.getTime() - ago);
}
