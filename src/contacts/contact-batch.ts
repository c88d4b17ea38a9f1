/**
 * Contacts as the search index takes them in: what an upsert derives from a record (its instants read, each
 * channel's window segments computed, email and phone normalised, the text fingerprint), laid out in columns
 * — typed arrays and lists of strings — for a batch of contacts. A worker thread derives batches while the
 * index applies the previous ones (loading a million contacts at start-up: store/contact-batches.ts), and
 * hands each over by transferring its typed arrays, not copying objects. `ContactIndex.upsert` derives a batch
 * of one and applies it the same way, so the bulk load and a single upsert cannot drift apart.
 */
import { CHANNEL_TYPES, type ChannelType, type RuleOverrides } from '../policy/index.js';
import { CHANNEL_INDEX, WINDOW_STATE_INDEX } from './channel-rows.js';
import { parseInstant } from './instant.js';
import type { Contact, ContactChannel } from './model.js';
import { normaliseEmail, phoneSuffixKey } from './normalize.js';
import { textFingerprint } from './text-index.js';
import { MAX_SEGMENTS, type WindowSegments, emptySegments, windowSegments } from './window-segments.js';

/** Segment bounds per channel row: segment i + 1 starts at bound i. */
export const SEGMENT_BOUNDS = MAX_SEGMENTS - 1;

/** `count` contacts, derived; per-contact columns have `count` entries, per-row ones one per channel. */
export interface ContactBatch {
  count: number;
  ids: string[];
  /** Names as stored: the index folds each distinct name once. */
  firstNames: string[];
  lastNames: string[];
  /** The address normalised (normalize.ts), '' for none. */
  emails: string[];
  /** The phone's reversed digits (normalize.ts), '' for none. */
  phoneKeys: string[];
  assignees: Array<string | null>;
  /** lastActivityAt, ms. */
  activity: Float64Array;
  /** 1 for a closed conversation, 0 for an open one. */
  closed: Uint8Array;
  /** Two 32-bit hashes of the searchable text per contact (text-index.ts's fingerprint). */
  textHash: Int32Array;
  /** Contact i's channel rows are rows rowStart[i] .. rowStart[i + 1] (count + 1 entries). */
  rowStart: Int32Array;
  /** Per row: index in CHANNEL_TYPES. */
  rowType: Uint8Array;
  /** Per row MAX_SEGMENTS states (WINDOW_STATES index; 0 past the row's segments). */
  segState: Uint8Array;
  /** Per row MAX_SEGMENTS windowClosesAt, ms (NaN: none, or past the row's segments). */
  segCloses: Float64Array;
  /** Per row SEGMENT_BOUNDS instants: segment i + 1 starts at bound i (+Infinity: it never does). */
  segBounds: Float64Array;
  /** What `LoadedContact` needs, when the batch was built for it: updatedAt per contact, address per row. */
  updatedAt?: string[];
  addresses?: Array<string | null>;
}

/** What a bulk load hands on besides the index (the address book, the notification keeper). */
export interface LoadedContact {
  id: string;
  updatedAt: string;
  channels: ReadonlyArray<Pick<ContactChannel, 'type' | 'address'>>;
}

/** The typed arrays a batch holds, to transfer to another thread instead of copying them. */
export function batchBuffers(batch: ContactBatch): ArrayBuffer[] {
  const arrays = [
    batch.activity,
    batch.closed,
    batch.textHash,
    batch.rowStart,
    batch.rowType,
    batch.segState,
    batch.segCloses,
    batch.segBounds,
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

function parseTime(value: string | null | undefined, what: string, id: string): number {
  if (value === null || value === undefined) return NaN;
  const t = parseInstant(value);
  if (!Number.isFinite(t)) throw new TypeError(`Contact ${id}: ${what} "${value}" is not an ISO date-time.`);
  return t;
}

function grownTo<T extends Uint8Array | Int32Array | Float64Array>(arr: T, size: number): T {
  const next = new (arr.constructor as new (n: number) => T)(size);
  next.set(arr.subarray(0, Math.min(arr.length, size)));
  return next;
}

/**
 * Derives contacts into a batch. `add` reads everything that can fail (instants, the policy's segments)
 * before it writes anything, so a contact that throws leaves the batch as it was.
 */
export class ContactBatchBuilder {
  private count = 0;
  private rows = 0;
  private ids: string[] = [];
  private firstNames: string[] = [];
  private lastNames: string[] = [];
  private emails: string[] = [];
  private phoneKeys: string[] = [];
  private assignees: Array<string | null> = [];
  private updatedAt: string[] = [];
  private addresses: Array<string | null> = [];
  private activity: Float64Array;
  private closed: Uint8Array;
  private textHash: Int32Array;
  private rowStart: Int32Array;
  private rowType: Uint8Array;
  private segState: Uint8Array;
  private segCloses: Float64Array;
  private segBounds: Float64Array;

  // Scratch of one contact: its channels' instants and segments.
  private readonly inbound: number[] = [];
  private readonly closedByProvider: number[] = [];
  private readonly segments: WindowSegments[] = [];
  private readonly hash = new Int32Array(2);

  /**
   * `capacity` contacts before the columns grow (1.6 channel rows each); `forEach`: also keep what
   * `LoadedContact` needs.
   */
  constructor(
    private readonly rules: RuleOverrides | undefined,
    capacity: number,
    private readonly forEach = false,
  ) {
    const rows = Math.ceil(capacity * 1.6);
    this.activity = new Float64Array(capacity);
    this.closed = new Uint8Array(capacity);
    this.textHash = new Int32Array(capacity * 2);
    this.rowStart = new Int32Array(capacity + 1);
    this.rowType = new Uint8Array(rows);
    this.segState = new Uint8Array(rows * MAX_SEGMENTS);
    this.segCloses = new Float64Array(rows * MAX_SEGMENTS);
    this.segBounds = new Float64Array(rows * SEGMENT_BOUNDS);
  }

  get size(): number {
    return this.count;
  }

  add(contact: Contact): void {
    const id = contact.id;
    const activity = parseTime(contact.lastActivityAt, 'lastActivityAt', id);
    const channels = contact.channels;
    const n = channels.length;
    for (let k = 0; k < n; k++) {
      const channel = channels[k]!;
      this.inbound[k] = parseTime(channel.lastInboundAt, 'channel lastInboundAt', id);
      this.closedByProvider[k] = parseTime(channel.closedByProviderAt, 'channel closedByProviderAt', id);
    }
    for (let k = 0; k < n; k++) {
      const channel = channels[k]!;
      windowSegments(
        {
          channel: channel.type,
          lastInboundAt: this.inbound[k]!,
          anchorWindowHours: channel.lastInboundWindowHours,
          outboundSinceInbound: channel.outboundSinceInbound,
          subscribed: channel.subscribed,
          closedByProviderAt: this.closedByProvider[k]!,
        },
        this.rules,
        (this.segments[k] ??= emptySegments()),
      );
    }

    // Nothing below throws.
    const i = this.count++;
    if (i >= this.activity.length) this.growContacts(2 * this.activity.length + 1);
    this.ids[i] = id;
    this.firstNames[i] = contact.firstName;
    this.lastNames[i] = contact.lastName;
    this.emails[i] = contact.email === '' ? '' : normaliseEmail(contact.email);
    this.phoneKeys[i] = contact.phone === '' ? '' : phoneSuffixKey(contact.phone);
    this.assignees[i] = contact.assignee;
    this.activity[i] = activity;
    this.closed[i] = contact.status === 'closed' ? 1 : 0;
    textFingerprint(contact, this.hash);
    this.textHash[2 * i] = this.hash[0]!;
    this.textHash[2 * i + 1] = this.hash[1]!;
    if (this.forEach) this.updatedAt[i] = contact.updatedAt;

    const first = this.rows;
    this.rows += n;
    if (this.rows > this.rowType.length) this.growRows(Math.max(this.rows, 2 * this.rowType.length));
    for (let k = 0; k < n; k++) {
      const r = first + k;
      const s = this.segments[k]!;
      this.rowType[r] = CHANNEL_INDEX.get(channels[k]!.type)!;
      for (let j = 0; j < MAX_SEGMENTS; j++) {
        const live = j < s.count;
        this.segState[r * MAX_SEGMENTS + j] = live ? WINDOW_STATE_INDEX.get(s.states[j]!)! : 0;
        this.segCloses[r * MAX_SEGMENTS + j] = live ? s.closesAt[j]! : NaN;
        if (j < SEGMENT_BOUNDS) this.segBounds[r * SEGMENT_BOUNDS + j] = j < s.count - 1 ? s.bounds[j]! : Infinity;
      }
      if (this.forEach) this.addresses[r] = channels[k]!.address ?? null;
    }
    this.rowStart[i + 1] = this.rows;
  }

  /** The batch so far, sharing this builder's columns: valid until the next `add` or `reset`. */
  view(): ContactBatch {
    const n = this.count;
    const rows = this.rows;
    const batch: ContactBatch = {
      count: n,
      ids: this.ids,
      firstNames: this.firstNames,
      lastNames: this.lastNames,
      emails: this.emails,
      phoneKeys: this.phoneKeys,
      assignees: this.assignees,
      activity: this.activity.subarray(0, n),
      closed: this.closed.subarray(0, n),
      textHash: this.textHash.subarray(0, 2 * n),
      rowStart: this.rowStart.subarray(0, n + 1),
      rowType: this.rowType.subarray(0, rows),
      segState: this.segState.subarray(0, rows * MAX_SEGMENTS),
      segCloses: this.segCloses.subarray(0, rows * MAX_SEGMENTS),
      segBounds: this.segBounds.subarray(0, rows * SEGMENT_BOUNDS),
    };
    if (this.forEach) {
      batch.updatedAt = this.updatedAt;
      batch.addresses = this.addresses;
    }
    return batch;
  }

  /** Empties the builder, keeping its columns (a batch of one per upsert). */
  reset(): void {
    this.count = 0;
    this.rows = 0;
    this.ids.length = 0;
    this.firstNames.length = 0;
    this.lastNames.length = 0;
    this.emails.length = 0;
    this.phoneKeys.length = 0;
    this.assignees.length = 0;
    this.updatedAt.length = 0;
    this.addresses.length = 0;
  }

  /**
   * The batch, owned by the caller (its buffers may be transferred to another thread); the builder goes on in
   * `next`, the buffers of a batch taken before and handed back (batchBuffers), or in new columns. Recycling
   * them spares the allocator a million contacts' worth of columns made in one thread and freed in another.
   */
  take(next?: ArrayBuffer[]): ContactBatch {
    const batch = this.view();
    const [activity, closed, textHash, rowStart, rowType, segState, segCloses, segBounds] = next ?? [];
    const contacts = this.activity.length;
    const rows = this.rowType.length;
    this.activity = activity ? new Float64Array(activity) : new Float64Array(contacts);
    this.closed = closed ? new Uint8Array(closed) : new Uint8Array(contacts);
    this.textHash = textHash ? new Int32Array(textHash) : new Int32Array(contacts * 2);
    this.rowStart = rowStart ? new Int32Array(rowStart) : new Int32Array(contacts + 1);
    this.rowType = rowType ? new Uint8Array(rowType) : new Uint8Array(rows);
    this.segState = segState ? new Uint8Array(segState) : new Uint8Array(rows * MAX_SEGMENTS);
    this.segCloses = segCloses ? new Float64Array(segCloses) : new Float64Array(rows * MAX_SEGMENTS);
    this.segBounds = segBounds ? new Float64Array(segBounds) : new Float64Array(rows * SEGMENT_BOUNDS);
    this.rowStart[0] = 0;
    this.ids = [];
    this.firstNames = [];
    this.lastNames = [];
    this.emails = [];
    this.phoneKeys = [];
    this.assignees = [];
    this.updatedAt = [];
    this.addresses = [];
    this.count = 0;
    this.rows = 0;
    return batch;
  }

  /** Room for `size` contacts in every per-contact column. */
  private growContacts(size: number): void {
    this.activity = grownTo(this.activity, size);
    this.closed = grownTo(this.closed, size);
    this.textHash = grownTo(this.textHash, size * 2);
    this.rowStart = grownTo(this.rowStart, size + 1);
  }

  /** Room for `rows` channel rows in every per-row column. */
  private growRows(rows: number): void {
    this.rowType = grownTo(this.rowType, rows);
    this.segState = grownTo(this.segState, rows * MAX_SEGMENTS);
    this.segCloses = grownTo(this.segCloses, rows * MAX_SEGMENTS);
    this.segBounds = grownTo(this.segBounds, rows * SEGMENT_BOUNDS);
  }
}

/** A channel without an address, shared: most channels have none, and `each` only reads them. */
const BARE_CHANNELS: ReadonlyArray<Pick<ContactChannel, 'type' | 'address'>> = CHANNEL_TYPES.map((type) =>
  Object.freeze({ type }),
);

/** Calls `each` with every contact of a batch built `forEach`, in order. */
export function forEachLoaded(batch: ContactBatch, each: (contact: LoadedContact) => void): void {
  const { ids, updatedAt, addresses, rowStart, rowType } = batch;
  if (updatedAt === undefined || addresses === undefined) throw new Error('This batch was built without `forEach`.');
  for (let i = 0; i < batch.count; i++) {
    const channels: Array<Pick<ContactChannel, 'type' | 'address'>> = [];
    for (let r = rowStart[i]!, end = rowStart[i + 1]!; r < end; r++) {
      const address = addresses[r];
      const type = CHANNEL_TYPES[rowType[r]!]! as ChannelType;
      channels.push(address === null || address === undefined ? BARE_CHANNELS[rowType[r]!]! : { type, address });
    }
    each({ id: ids[i]!, updatedAt: updatedAt[i]!, channels });
  }
}
