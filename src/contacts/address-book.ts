/**
 * Which contact holds a channel address (a WhatsApp number, a PSID, a Telegram chat id…). Webhooks know
 * senders only by address; this maps them to the contact the support platform already created, so an
 * inbound message moves that contact's window instead of creating a twin. Kept in memory, rebuilt from
 * the store at start and updated on every contact write, like the search index.
 */
import { compareKeyOrder } from './key-order.js';
import type { Contact, ContactChannel } from './model.js';

/** A contact as stored, or as a bulk load hands it on (its id and its channels' types and addresses). */
type AddressHolder = Pick<Contact, 'id'> & { channels: ReadonlyArray<Pick<ContactChannel, 'type' | 'address'>> };

export class AddressBook {
  private readonly byAddress = new Map<string, string>();
  private readonly byContact = new Map<string, string[]>();

  static key(type: string, address: string): string {
    // Email addresses compare case-insensitively; provider ids (PSIDs, chat ids) are exact.
    const a = type === 'email' ? address.trim().toLowerCase() : address.trim();
    return `${type}\u0000${a}`;
  }

  /** A contact as just written. */
  upsert(contact: AddressHolder): void {
    const keys = contact.channels.filter((c) => c.address).map((c) => AddressBook.key(c.type, c.address!));
    const previous = this.byContact.get(contact.id);
    if (previous && previous.length === keys.length && previous.every((k, i) => k === keys[i])) return;
    for (const k of previous ?? []) if (this.byAddress.get(k) === contact.id) this.byAddress.delete(k);
    // The first contact to claim an address keeps it: a later duplicate must not steal its messages.
    for (const k of keys) if (!this.byAddress.has(k)) this.byAddress.set(k, contact.id);
    if (keys.length) this.byContact.set(contact.id, keys);
    else this.byContact.delete(contact.id);
  }

  /**
   * A contact from the start-up load, which hands them on in no set order (several threads read the store):
   * an address several contacts hold goes to the one first in the store's key order, as it did when the load
   * read in key order. Each contact once, before any `upsert`.
   */
  load(contact: AddressHolder): void {
    const keys = contact.channels.filter((c) => c.address).map((c) => AddressBook.key(c.type, c.address!));
    for (const k of keys) {
      const holder = this.byAddress.get(k);
      if (holder === undefined || compareKeyOrder(contact.id, holder) < 0) this.byAddress.set(k, contact.id);
    }
    if (keys.length) this.byContact.set(contact.id, keys);
  }

  remove(id: string): void {
    for (const k of this.byContact.get(id) ?? []) if (this.byAddress.get(k) === id) this.byAddress.delete(k);
    this.byContact.delete(id);
  }

  resolve(type: string, address: string): string | undefined {
    return this.byAddress.get(AddressBook.key(type, address));
  }
}
