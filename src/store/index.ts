/** The keyv-backed store: one namespace per record kind, validated on read and write. */
export { openStore, storeUrlFrom, sqliteFileOf, DEFAULT_STORE_URL, RESERVED_NAMESPACES } from './store.js';
export type { Store, OpenStoreOptions, StoreAccess } from './store.js';
export { StoreLockedError, StoreOpenError, describeHeldLock, lockPathFor } from './lock.js';
export type { LockHolder } from './lock.js';
export { ContactRepository, ContactNotFoundError } from './contacts.js';
export type { ContactInput } from './contacts.js';
export { TemplateRepository, templateKey } from './templates.js';
export type { TemplateFilter } from './templates.js';
export { CounterRepository } from './counters.js';
export { recordProviderClosedWindow } from './provider-closed-window.js';
export type { SendTarget } from './provider-closed-window.js';
export { OutboxRepository, outboxEntrySchema, OUTBOX_STATUSES } from './outbox.js';
export type { OutboxEntry, OutboxStatus, NewOutboxEntry } from './outbox.js';
export { AppliedEventRepository } from './events.js';
export { RecordCollection, StoreRecordError, formatZodError, formatIssuePath } from './records.js';
export { KeyedMutex } from './mutex.js';
export { DEFAULT_TUNING } from './sqlite.js';
export type { SqliteTuning } from './sqlite.js';
