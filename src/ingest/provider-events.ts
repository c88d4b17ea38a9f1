/**
 * What a provider webhook produced, applied like any other ingest: senders known only by address are mapped
 * to the contact holding that address (the support platform's id), delivery failures are recorded on the
 * outbox entry, and a failure that says the window is closed is written on the contact's channel so the
 * Slack UI stops offering free text at once (POLICY.md trap 9).
 */
import type { AddressBook } from '../contacts/address-book.js';
import { OUTBOX_BY_PROVIDER_ID } from '../contract/delivery-reports.js';
import type { RuleOverrides } from '../policy/index.js';
import { type Store, recordProviderClosedWindow } from '../store/index.js';
import type { DeliveryStatus } from '../contract/delivery-reports.js';
import type { IngestEventDraft } from '../contract/ingest-events.js';
import { type IngestResult, applyEvents } from './apply.js';

function parseAddressId(id: unknown): { type: string; address: string } | null {
  if (typeof id !== 'string' || !id.startsWith('addr:')) return null;
  const rest = id.slice(5);
  const i = rest.indexOf(':');
  return i > 0 ? { type: rest.slice(0, i), address: rest.slice(i + 1) } : null;
}

/** Rewrites `addr:<type>:<address>` contact ids to the contact that holds the address, where one does. */
export function resolveAddressedEvents(
  events: IngestEventDraft[],
  book: Pick<AddressBook, 'resolve'>,
): IngestEventDraft[] {
  return events.map((event) => {
    const contact = event.contact as Record<string, unknown> | undefined;
    const addressed = parseAddressId(event.contactId ?? contact?.id);
    if (!addressed) return event;
    const known = book.resolve(addressed.type, addressed.address);
    if (!known) return event;
    if (contact) {
      // The support platform's names win over a provider profile name ("Linh ✨"); keep the channel.
      const { firstName: _f, lastName: _l, ...kept } = contact;
      return { ...event, contact: { ...kept, id: known } };
    }
    return { ...event, contactId: known };
  });
}

export async function applyProviderEvents(
  store: Store,
  book: Pick<AddressBook, 'resolve'>,
  events: IngestEventDraft[],
  statuses: DeliveryStatus[],
  now: Date,
  rules?: RuleOverrides,
): Promise<IngestResult[]> {
  // The server's clock, not the system's: it bounds event times (and tests move it).
  const options = { now: () => now, ...(rules ? { rules } : {}) };
  const results = events.length ? await applyEvents(store, resolveAddressedEvents(events, book), options) : [];
  for (const status of statuses) {
    if (status.status !== 'failed') continue;
    const outboxId = (await store.namespace(OUTBOX_BY_PROVIDER_ID).get(status.providerMessageId)) as string | undefined;
    const entry = outboxId ? await store.outbox.get(outboxId) : undefined;
    if (!entry) continue;
    await store.outbox.markFailed(
      entry.id,
      now,
      `${status.reason ?? 'provider_error'}: ${status.detail ?? 'delivery failed'}`,
    );
    if (status.reason) {
      // A contact deleted since the send has no window to record.
      await recordProviderClosedWindow(store.contacts, entry, status.reason, status.at).catch(() => undefined);
    }
  }
  return results;
}
