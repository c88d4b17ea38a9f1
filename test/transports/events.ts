/** Reading the typed events a webhook produced. */
import { expect } from 'vitest';
import type { ContactUpsertedEvent, ProviderIngestEvent } from '../../src/contract/ingest-events.js';

/** The contact of a `contact.upserted` event (fails the test for any other event). */
export function contactOf(event: ProviderIngestEvent | undefined): ContactUpsertedEvent['contact'] {
  expect(event?.type).toBe('contact.upserted');
  return (event as ContactUpsertedEvent).contact;
}
