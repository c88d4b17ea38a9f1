/** Ingest: the normalised event schema and its application to the store (HTTP endpoint, importer, webhooks). */
export { applyEvents } from './apply.js';
export type { ApplyOptions, IngestResult, IngestStatus, EventSource } from './apply.js';
export { parseEventPayload, parseNdjsonLine, applyEntries, ingestPayload, rejectedEntry } from './payload.js';
export type { PayloadEntry } from './payload.js';
export { ingestEventSchema, EVENT_TYPES, INBOUND_KINDS, MAX_INBOUND_WINDOW_HOURS, contactIdOf } from './events.js';
export type { IngestEvent, IngestEventInput, EventType, ContactEvent } from './events.js';
export { reduceContactEvent } from './reduce.js';
