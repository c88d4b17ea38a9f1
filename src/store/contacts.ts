/**
 * Contacts: one record per contact (channels inside it, so a window anchor and its counters change in one
 * write). Every write is announced to `onChange` listeners, which is how the composition root keeps the
 * in-memory search index in step with the store. On PostgreSQL the writes of other replicas are announced
 * too, from the first listener on (subscribe before loading, so the load covers what came before).
 */
import type { z } from 'zod';
import { type ContactBatch, ContactBatchBuilder } from '../contacts/contact-batch.js';
import { readContactRecord } from '../contacts/contact-record.js';
import type { Contact, contactSchema } from '../contacts/model.js';
import type { RuleOverrides } from '../policy/index.js';
import { ChangeFeed } from './changes.js';
import { FollowedCopy } from './followed-copy.js';
import { LOAD_BATCH, contactBatchesInWorkers, loaderThreads, workerLoadAvailable } from './contact-batches.js';
import type { RecordCollection } from './records.js';

/** A contact as written: the schema's defaults fill what is left out. */
export type ContactInput = z.input<typeof contactSchema>;
type ContactCollection = RecordCollection<typeof contactSchema>;

export class ContactNotFoundError extends Error {
  constructor(readonly contactId: string) {
    super(`No contact with id ${JSON.stringify(contactId)}.`);
    this.name = 'ContactNotFoundError';
  }
}

/** Contacts kept for getManyForDisplay: a few pages for each of a few hundred agents. */
export const DISPLAY_CACHE_SIZE = 5000;

export class ContactRepository {
  private readonly changes = new ChangeFeed<Contact>();
  private readonly deletions = new ChangeFeed<string>();
  private watchingOthers = false;
  /** Contacts read for display; each leaves when a write of it is heard (own or other replicas'). */
  private readonly shown = new FollowedCopy<Contact>(DISPLAY_CACHE_SIZE);

  constructor(private readonly records: ContactCollection) {
    // Every read is validated; a million at start-up cost less through the equivalent precompiled check.
    records.decodeFastWith(readContactRecord);
    const forget = (id: string) => this.shown.wrote(id, undefined);
    this.changes.on((contact) => forget(contact.id));
    this.deletions.on(forget);
  }

  /**
   * Called after every successful write with the contact as stored (once per contact of a batch); on a
   * shared store (PostgreSQL) also, shortly after, for each write of another process.
   */
  onChange(listener: (contact: Contact) => void): () => void {
    this.watchOthers();
    return this.changes.on(listener);
  }

  onDelete(listener: (id: string) => void): () => void {
    this.watchOthers();
    return this.deletions.on(listener);
  }

  private watchOthers(): void {
    if (this.watchingOthers) return;
    this.watchingOthers = true;
    this.records.watch({
      change: (_, contact) => this.changes.emit([contact]),
      delete: (id) => this.deletions.emit([id]),
    });
  }

  get(id: string): Promise<Contact | undefined> {
    return this.records.get(id);
  }

  getMany(ids: readonly string[]): Promise<Array<Contact | undefined>> {
    return this.records.getMany(ids);
  }

  /**
   * getMany for showing a page of search results, through the contacts read for display lately: agents open
   * the same lists again and again, and reading and decoding 20 records was a fifth of a /followup's CPU. The
   * copy is as current as the change feed, like the search index that chose the page: a write of this process
   * is heard as it is announced, another replica's once its notification arrives. A read that any write
   * overtook is returned but not kept. The contacts returned are shared: do not change them.
   */
  getManyForDisplay(ids: readonly string[]): Promise<Array<Contact | undefined>> {
    this.watchOthers();
    return this.shown.getMany(ids, (missing) => this.records.getMany(missing));
  }

  has(id: string): Promise<boolean> {
    return this.records.has(id);
  }

  // Each write is announced inside `records.announcing`: other replicas' changes of the same ids wait until
  // this process has announced its own (records.ts).

  put(contact: ContactInput): Promise<Contact> {
    return this.records.announcing(
      [contact.id],
      () => this.records.put(contact.id, contact),
      (stored) => this.changes.emit([stored]),
    );
  }

  /** Bulk write in one statement per call (use batches of a few thousand). */
  putMany(contacts: readonly ContactInput[]): Promise<Contact[]> {
    return this.records.announcing(
      contacts.map((c) => c.id),
      () => this.records.putMany(contacts.map((c) => [c.id, c] as const)),
      (stored) => this.changes.emit(stored),
    );
  }

  delete(id: string): Promise<boolean> {
    return this.records.announcing(
      [id],
      () => this.records.delete(id),
      (deleted) => {
        if (deleted) this.deletions.emit([id]);
      },
    );
  }

  /**
   * Serialised read-modify-write of an existing contact: `fn` gets the current record and returns the new
   * one, or undefined for no change. Concurrent updates of one id run one after another. Throws
   * ContactNotFoundError when there is no such contact.
   */
  async update(
    id: string,
    fn: (current: Contact) => ContactInput | undefined | Promise<ContactInput | undefined>,
  ): Promise<Contact> {
    const result = await this.updateOrCreate(id, (current) => {
      if (!current) throw new ContactNotFoundError(id);
      return fn(current);
    });
    return result!;
  }

  /** Like `update`, but `fn` also runs for an unknown id (with undefined) and may create the contact. */
  async updateOrCreate(
    id: string,
    fn: (current: Contact | undefined) => ContactInput | undefined | Promise<ContactInput | undefined>,
  ): Promise<Contact | undefined> {
    let changed = false;
    const write = () =>
      this.records.update(id, async (current) => {
        const next = await fn(current);
        if (next !== undefined && next.id !== id) {
          throw new Error(`contacts.update(${JSON.stringify(id)}) returned contact ${JSON.stringify(next.id)}`);
        }
        changed = next !== undefined;
        return next;
      });
    return this.records.announcing([id], write, (result) => {
      if (changed && result) this.changes.emit([result]);
    });
  }

  /** Batch read-modify-write under every id's lock: one read, one write. `fn` returns the changed contacts. */
  async updateMany(
    ids: readonly string[],
    fn: (current: Map<string, Contact>) => ContactInput[] | Promise<ContactInput[]>,
  ): Promise<Contact[]> {
    return this.records.announcing(
      ids,
      () => this.records.updateMany(ids, async (current) => (await fn(current)).map((c) => [c.id, c] as const)),
      (stored) => this.changes.emit(stored),
    );
  }

  /** Every contact, streamed in pages (for building the search index at start). */
  loadAll(): AsyncGenerator<Contact> {
    return this.records.values();
  }

  /**
   * Every contact derived for the search index (contacts/contact-batch.ts), a batch at a time: read, checked
   * and derived by worker threads over their own connections, one per part of the key range, where the store
   * allows it (SQLite file, PostgreSQL), so this thread only applies the batches; here otherwise. `count`: how
   * many there are (it sizes the parts); `threads` overrides how many read them. `forEach`: the batches also
   * carry what `LoadedContact` holds. Batches come in no set order.
   */
  async *loadBatches(opts: {
    rules?: RuleOverrides | undefined;
    forEach: boolean;
    count: number;
    threads?: number | undefined;
  }): AsyncGenerator<ContactBatch, void> {
    const source = this.records.workerSource();
    if (source === undefined || !workerLoadAvailable()) return yield* this.batchesHere(opts.rules, opts.forEach);
    const ranges = await this.records.keyRanges(opts.threads ?? loaderThreads(opts.count), opts.count);
    const { rules, forEach } = opts;
    yield* contactBatchesInWorkers({ source, namespace: this.records.name, ranges, rules, forEach });
  }

  private async *batchesHere(rules: RuleOverrides | undefined, forEach: boolean): AsyncGenerator<ContactBatch, void> {
    const builder = new ContactBatchBuilder(rules, LOAD_BATCH, forEach);
    for await (const contact of this.loadAll()) {
      builder.add(contact);
      if (builder.size >= LOAD_BATCH) yield builder.take();
    }
    if (builder.size > 0) yield builder.take();
  }

  count(): Promise<number> {
    return this.records.count();
  }
}
