/** Ingest: the normalised event schema and its application to the store (HTTP endpoint, importer, webhooks). */
export { applyEvents } from './apply.js';
export type { ApplyOptions, IngestResult, IngestStatus, EventSource } from './apply.js';
export { parseEventPayload, parseNdjsonLine, applyEntries, ingestPayload, rejectedEntry } from './payload.js';
export type { PayloadEntry, PayloadOutcome } from './payload.js';
export { stripByteOrderMark } from './byte-order-mark.js';
export {
  ingestEventSchema,
  EVENT_TYPES,
  INBOUND_KINDS,
  MAX_INBOUND_WINDOW_HOURS,
  MAX_CLOCK_SKEW_MS,
  contactIdOf,
  eventProblem,
} from './events.js';
export type { IngestEvent, IngestEventInput, EventType, ContactEvent, EventProblem } from './events.js';
export { reduceContactEvent } from './reduce.js';
