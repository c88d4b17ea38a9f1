/**
 * Delivery reports: a provider tells us, by its own message id, what became of a message we sent. The send
 * path (src/followup) records which outbox entry each provider message id belongs to; the webhook path
 * (src/ingest) looks the id up to mark that entry. Shared here so neither imports the other.
 */

/** Namespace mapping a provider's message id to our outbox entry id. */
export const OUTBOX_BY_PROVIDER_ID = 'outbox_by_provider';

/** A delivery report for a message we sent (by the provider's message id): the outbox records it. */
export interface DeliveryStatus {
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** Provider timestamp, ISO 8601. */
  at: string;
  /** For failures: the policy reason where the provider error maps to one (POLICY.md trap 9). */
  reason?: string;
  detail?: string;
}
