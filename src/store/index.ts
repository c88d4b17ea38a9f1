/** The keyv-backed store: one namespace per record kind, validated on read and write. */
export { openStore, storeUrlFrom, sqliteFileOf, DEFAULT_STORE_URL, RESERVED_NAMESPACES } from './store.js';
export type { Store, OpenStoreOptions, StoreAccess, StoreHealth, StoreKind } from './store.js';
export { StoreUnavailableError } from './unavailable.js';
export { StoreReachability } from './reachability.js';
export type { RawRecord, RawRecords } from './raw-records.js';
export { soleLeadership, DEFAULT_LEADER_RETRY_MS } from './leadership.js';
export type { Leadership, LeadershipOptions } from './leadership.js';
export type { Locks } from './mutex.js';
export {
  DEFAULT_POSTGRES_TUNING,
  isPostgresUrl,
  migratePostgres,
  postgresProblem,
  redactUrl,
} from './postgres/index.js';
export type { MigrationReport, PostgresTuning } from './postgres/index.js';
export { StoreLockedError, StoreOpenError, describeHeldLock, lockPathFor } from './lock.js';
export type { LockHolder } from './lock.js';
export { ContactRepository, ContactNotFoundError } from './contacts.js';
export type { ContactInput } from './contacts.js';
export { TemplateRepository, templateKey } from './templates.js';
export type { TemplateFilter } from './templates.js';
export { CounterRepository } from './counters.js';
export { FollowedCopy } from './followed-copy.js';
export { recordProviderClosedWindow } from './provider-closed-window.js';
export type { SendTarget } from './provider-closed-window.js';
export { OutboxRepository, outboxEntrySchema, OUTBOX_STATUSES } from './outbox.js';
export type { OutboxEntry, OutboxStatus, NewOutboxEntry } from './outbox.js';
export { AppliedEventRepository } from './events.js';
export { RecordCollection, StoreRecordError, formatZodError, formatIssuePath } from './records.js';
export { KeyedMutex } from './mutex.js';
export { DEFAULT_TUNING } from './sqlite.js';
export type { SqliteTuning } from './sqlite.js';
