/**
 * The searchable text of every contact slot — folded name tokens, normalised address, reversed phone
 * digits — and its index: an LSM-style set of immutable sorted dictionaries (segments) plus a small
 * unsorted tail.
 * - Text unchanged since the last upsert (a fingerprint says so) costs nothing.
 * - A changed or new contact's text goes to the tail (scanned linearly) and its older postings become
 *   stale: each segment keeps a bitset of the slots whose text it still holds.
 * - The tail is flushed into a new segment when it grows, and segments of similar size are merged
 *   (binary-counter policy), dropping stale postings, so each posting is rewritten O(log n) times.
 * Names, domains and addresses are keyed whole; phones by their last 4 digits (a phone query has at least
 * 4, so it names one bucket of about n/10,000 contacts, each then checked against the slot's digits).
 * A query's matches are built as bitsets over slots (postings read in order; the live bits and the result
 * small enough to stay in the CPU caches) and intersected.
 */
import { SlotSet, bitsetWords, clearBit, forEachBit, hasBit, setBit } from './bitset.js';
import type { ContactBatch } from './contact-batch.js';
import { MIN_PHONE_DIGITS, type QueryTerm, emailDomain, nameTokens, reverseDigits } from './normalize.js';
import {
  DictionaryBuilder,
  EMPTY_DICTIONARY,
  type TokenDictionary,
  exactRange,
  mergeDictionaries,
  prefixRange,
} from './token-dictionary.js';

/** Owner values that are not segment ids (those start at 1). */
const OWNER_TAIL = -1;
const OWNER_NONE = -2;
/**
 * Tail size at which a change flushes it. The tail costs 5 bytes a slot (the text is per slot anyway), so a
 * bulk load builds a few large segments, merged as it goes: at start-up they are built while the index waits
 * for the loading thread's next batches, where one segment of a million was built after the last batch
 * (1.5–3 s more before the first search could run).
 */
const TAIL_FLUSH_ON_CHANGE = 1 << 18;
/** Tail length above which a search flushes it first (keeps the linear scan well under a millisecond). */
const TAIL_FLUSH_ON_SEARCH = 4096;
/** Phone bucket: its last digits; a phone query has at least this many, so it names one bucket. */
const PHONE_BUCKET = MIN_PHONE_DIGITS;
const NAME_CACHE_MAX = 100_000;
/**
 * In an AND, a term with this many times more postings than there are matches left is checked on each
 * match instead of building its own bitset (`le` in `Đức Ngọc Lê` has 150k postings at 1M).
 */
const DIRECT_CHECK_RATIO = 8;
const NO_TOKENS: readonly string[] = [];

/** The fields of a contact that are searched. */
export interface SearchableText {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

interface Segment {
  id: number;
  /** Folded name tokens. */
  names: TokenDictionary;
  /** Normalised addresses. */
  emails: TokenDictionary;
  /** Address domains (searched by a term starting with `@`). */
  domains: TokenDictionary;
  /** Phones by their last PHONE_BUCKET digits, reversed: a suffix query is a prefix here. */
  phones: TokenDictionary;
  /** Bit per slot: this segment holds the slot's current text (its other postings are stale). */
  liveBits: Uint32Array;
  /** Slots whose text this segment holds now. */
  live: number;
  /** Slots it held when built; rewritten once half are stale. */
  built: number;
}

/** Postings of one segment dictionary; `check` (when set) must also hold for the slot's full value. */
interface PostingRange {
  seg: Segment;
  dict: TokenDictionary;
  lo: number;
  hi: number;
  /** A phone suffix longer than the bucket: the slot's reversed digits must start with it. */
  check: string | null;
}

/** One term compiled for the current segments. */
interface CompiledTerm {
  name: string | null;
  email: string | null;
  domain: string | null;
  /** Reversed phone suffixes. */
  phones: string[];
  ranges: PostingRange[];
  /** Postings in the ranges plus the tail: an upper bound of the matches. */
  estimate: number;
}

/**
 * Two independent 32-bit hashes (FNV-1a and a ×31 polynomial) of the searchable text, so an upsert
 * re-indexes only when names, email or phone really changed (a false "unchanged" needs both to collide).
 */
export function textFingerprint(c: SearchableText, out: Int32Array): void {
  out[0] = 0x811c9dc5 | 0;
  out[1] = 17;
  hashField(c.firstName, out);
  hashField(c.lastName, out);
  hashField(c.email, out);
  hashField(c.phone, out);
}

function hashField(s: string, out: Int32Array): void {
  let a = out[0]!;
  let b = out[1]!;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = (b * 31 + ch) | 0;
  }
  // A field separator, so "ab"+"c" and "a"+"bc" differ.
  out[0] = Math.imul(a ^ 0x1f, 0x01000193);
  out[1] = (b * 31 + 0x1f) | 0;
}

/** `list` lengthened to `size` with `fill`: filling a new array costs a fifth of pushing a million entries. */
export function grownList<T>(list: T[], size: number, fill: T): T[] {
  if (list.length >= size) return list;
  const next = new Array<T>(size).fill(fill);
  for (let i = 0; i < list.length; i++) next[i] = list[i]!;
  return next;
}

export class TextIndex {
  private capacity = 0;
  // Per slot.
  /** The segment holding the slot's text, or OWNER_TAIL / OWNER_NONE. */
  private owner: Int32Array = new Int32Array(0);
  private textHashA: Int32Array = new Int32Array(0);
  private textHashB: Int32Array = new Int32Array(0);
  private firstTokens: (readonly string[])[] = [];
  private lastTokens: (readonly string[])[] = [];
  private emailOf: string[] = [];
  private phoneKeyOf: string[] = [];

  private segments: Segment[] = [];
  private readonly segmentById = new Map<number, Segment>();
  private nextSegmentId = 1;
  // The tail: slots whose text changed since the last flush, listed in typed arrays rather than a Set
  // (hashing a million slots during a bulk load cost more than all the folding). A slot is in the tail
  // while its owner is OWNER_TAIL; `inTailList` keeps it listed once across leave-and-return.
  private tailList = new Int32Array(1024);
  private tailListed = 0;
  private tailSize = 0;
  private inTailList = new Uint8Array(0);
  private readonly nameCache = new Map<string, readonly string[]>();
  /** Interned bucket keys by their 4-digit value: no string per contact when building. */
  private readonly phoneBuckets: string[] = [];

  // Scratch: a query's matches and one term's.
  private readonly matchSet = new SlotSet();
  private readonly termSet = new SlotSet();

  /** Makes room for slots below `size`. */
  growSlots(size: number): void {
    const grownInts = (arr: Int32Array, fill: number): Int32Array => {
      const next = new Int32Array(size);
      next.set(arr);
      next.fill(fill, arr.length);
      return next;
    };
    this.owner = grownInts(this.owner, OWNER_NONE);
    this.textHashA = grownInts(this.textHashA, 0);
    this.textHashB = grownInts(this.textHashB, 0);
    const inTail = new Uint8Array(size);
    inTail.set(this.inTailList);
    this.inTailList = inTail;
    this.firstTokens = grownList(this.firstTokens, size, NO_TOKENS);
    this.lastTokens = grownList(this.lastTokens, size, NO_TOKENS);
    this.emailOf = grownList(this.emailOf, size, '');
    this.phoneKeyOf = grownList(this.phoneKeyOf, size, '');
    this.capacity = size;
  }

  /**
   * Records a slot's text, contact `i` of a batch (a new slot's, or a changed one's; unchanged text is left
   * as indexed).
   */
  set(slot: number, batch: ContactBatch, i: number, isNew: boolean): void {
    const hashA = batch.textHash[2 * i]!;
    const hashB = batch.textHash[2 * i + 1]!;
    if (!isNew && this.textHashA[slot] === hashA && this.textHashB[slot] === hashB) return;
    this.textHashA[slot] = hashA;
    this.textHashB[slot] = hashB;
    this.detach(slot);
    this.firstTokens[slot] = this.cachedNameTokens(batch.firstNames[i]!);
    this.lastTokens[slot] = this.cachedNameTokens(batch.lastNames[i]!);
    this.emailOf[slot] = batch.emails[i]!;
    this.phoneKeyOf[slot] = batch.phoneKeys[i]!;
    this.addToTail(slot);
    if (this.tailSize >= TAIL_FLUSH_ON_CHANGE) this.flushTail();
  }

  clear(slot: number): void {
    this.detach(slot);
    this.owner[slot] = OWNER_NONE;
    this.firstTokens[slot] = NO_TOKENS;
    this.lastTokens[slot] = NO_TOKENS;
    this.emailOf[slot] = '';
    this.phoneKeyOf[slot] = '';
  }

  /** The slots matching every term (AND), as a scratch set: valid until the next call. */
  match(terms: QueryTerm[]): SlotSet {
    // Listed, not live: a search scans the list, including slots removed since they were listed.
    if (this.tailListed > TAIL_FLUSH_ON_SEARCH) this.flushTail();
    const compiled = terms.map((t) => this.compileTerm(t)).sort((a, b) => a.estimate - b.estimate);
    const matches = this.matchSet;
    matches.reset(this.capacity);
    this.markTerm(compiled[0]!, matches); // the most selective term first
    let count = matches.count();

    // Every other term keeps those it matches too: checked one by one when the matches are few next to
    // the term's postings, else through its own set.
    for (let t = 1; t < compiled.length && count > 0; t++) {
      const term = compiled[t]!;
      if (term.estimate > count * DIRECT_CHECK_RATIO) {
        matches.forEach((slot) => {
          if (!this.slotMatches(slot, term)) matches.delete(slot);
        });
      } else {
        const other = this.termSet;
        other.reset(this.capacity);
        this.markTerm(term, other);
        matches.intersect(other);
      }
      count = matches.count();
    }
    return matches;
  }

  private compileTerm(term: QueryTerm): CompiledTerm {
    const name = term.kind === 'word' ? term.name : null;
    const byDomain = term.kind === 'email' && term.email.startsWith('@');
    const email = term.kind === 'phone' || byDomain ? null : term.email;
    const domain = byDomain ? term.email.slice(1) : null;
    const phones = term.kind === 'phone' ? term.suffixes.map(reverseDigits) : [];
    const ranges: PostingRange[] = [];
    let estimate = this.tailSize;
    const add = (seg: Segment, dict: TokenDictionary, prefix: string, bucket: number): void => {
      // A prefix no longer than the bucket is a range of whole buckets; a longer one is one bucket, checked.
      const exact = bucket > 0 && prefix.length > bucket;
      const [lo, hi] = exact ? exactRange(dict, prefix.slice(0, bucket)) : prefixRange(dict, prefix);
      if (hi > lo) {
        ranges.push({ seg, dict, lo, hi, check: exact ? prefix : null });
        estimate += dict.offsets[hi]! - dict.offsets[lo]!;
      }
    };
    for (const seg of this.segments) {
      if (name !== null) add(seg, seg.names, name, 0);
      if (email !== null) add(seg, seg.emails, email, 0);
      if (domain !== null) add(seg, seg.domains, domain, 0);
      for (const p of phones) add(seg, seg.phones, p, PHONE_BUCKET);
    }
    return { name, email, domain, phones, ranges, estimate };
  }

  /** Whether a live slot's current text matches a term: the dictionaries' answer, computed directly. */
  private slotMatches(slot: number, t: CompiledTerm): boolean {
    if (t.name !== null) {
      for (const tok of this.firstTokens[slot]!) if (tok.startsWith(t.name)) return true;
      for (const tok of this.lastTokens[slot]!) if (tok.startsWith(t.name)) return true;
    }
    const email = this.emailOf[slot]!;
    if (t.email !== null && email !== '' && email.startsWith(t.email)) return true;
    if (t.domain !== null && email !== '') {
      const at = email.lastIndexOf('@');
      if (at >= 0 && at + 1 < email.length && email.startsWith(t.domain, at + 1)) return true;
    }
    const phone = this.phoneKeyOf[slot]!;
    if (phone !== '') {
      for (const p of t.phones) if (phone.startsWith(p)) return true;
    }
    return false;
  }

  /** Adds to `set` the slots matching a term: live postings passing their check, and tail slots. */
  private markTerm(term: CompiledTerm, set: SlotSet): void {
    const bits = set.bits;
    for (const range of term.ranges) {
      const live = range.seg.liveBits;
      const { postings, offsets } = range.dict;
      const check = range.check;
      for (let p = offsets[range.lo]!, end = offsets[range.hi]!; p < end; p++) {
        const slot = postings[p]!;
        const w = slot >>> 5;
        const m = 1 << (slot & 31);
        if ((live[w]! & m) === 0 || (bits[w]! & m) !== 0) continue;
        // A live posting's slot still holds the text its segment indexed, so the per-slot value is current.
        if (check !== null && !this.phoneKeyOf[slot]!.startsWith(check)) continue;
        set.add(slot);
      }
    }
    const { owner, tailList } = this;
    for (let i = 0; i < this.tailListed; i++) {
      const slot = tailList[i]!;
      if (owner[slot] === OWNER_TAIL && !set.has(slot) && this.slotMatches(slot, term)) set.add(slot);
    }
  }

  private cachedNameTokens(name: string): readonly string[] {
    if (name === '') return NO_TOKENS;
    let tokens = this.nameCache.get(name);
    if (tokens === undefined) {
      // Names repeat (Zipf): folding each distinct spelling once makes bulk loads several times faster,
      // and slots with the same name share one token array.
      if (this.nameCache.size >= NAME_CACHE_MAX) this.nameCache.clear();
      tokens = nameTokens(name);
      this.nameCache.set(name, tokens);
    }
    return tokens;
  }

  /** A reversed phone's bucket key: its first PHONE_BUCKET digits (the number's last ones). */
  private phoneBucket(phoneKey: string): string {
    if (phoneKey.length <= PHONE_BUCKET) return phoneKey;
    let v = 0;
    for (let i = 0; i < PHONE_BUCKET; i++) v = v * 10 + phoneKey.charCodeAt(i) - 48;
    return (this.phoneBuckets[v] ??= phoneKey.slice(0, PHONE_BUCKET));
  }

  private addToTail(slot: number): void {
    this.owner[slot] = OWNER_TAIL;
    this.tailSize++;
    if (this.inTailList[slot] === 1) return;
    this.inTailList[slot] = 1;
    if (this.tailListed === this.tailList.length) {
      const list = new Int32Array(this.tailList.length * 2);
      list.set(this.tailList);
      this.tailList = list;
    }
    this.tailList[this.tailListed++] = slot;
  }

  /** Marks a slot's indexed text stale wherever it is. */
  private detach(slot: number): void {
    const owner = this.owner[slot]!;
    if (owner === OWNER_TAIL) {
      this.tailSize--;
    } else if (owner > 0) {
      const seg = this.segmentById.get(owner);
      if (seg !== undefined) {
        clearBit(seg.liveBits, slot);
        seg.live--;
      }
    }
  }

  private flushTail(): void {
    if (this.tailListed === 0) return;
    const names = new DictionaryBuilder('grouped');
    const emails = new DictionaryBuilder('sorted');
    const domains = new DictionaryBuilder('grouped');
    const phones = new DictionaryBuilder('grouped');
    const id = this.nextSegmentId++;
    const liveBits = new Uint32Array(bitsetWords(this.capacity));
    let live = 0;
    for (let i = 0; i < this.tailListed; i++) {
      const slot = this.tailList[i]!;
      this.inTailList[slot] = 0;
      if (this.owner[slot] !== OWNER_TAIL) continue; // left the tail (removed) since it was listed
      const first = this.firstTokens[slot]!;
      const last = this.lastTokens[slot]!;
      const email = this.emailOf[slot]!;
      const phone = this.phoneKeyOf[slot]!;
      if (first.length === 0 && last.length === 0 && email === '' && phone === '') {
        this.owner[slot] = OWNER_NONE; // nothing to find it by; it still lists under empty text
        continue;
      }
      for (const t of first) names.add(t, slot);
      for (const t of last) if (!first.includes(t)) names.add(t, slot);
      if (email !== '') {
        emails.add(email, slot);
        const domain = emailDomain(email);
        if (domain !== '') domains.add(domain, slot);
      }
      if (phone !== '') phones.add(this.phoneBucket(phone), slot);
      this.owner[slot] = id;
      setBit(liveBits, slot);
      live++;
    }
    this.tailListed = 0;
    this.tailSize = 0;
    if (live === 0) return;
    const seg: Segment = {
      id,
      names: names.build(),
      emails: emails.build(),
      domains: domains.build(),
      phones: phones.build(),
      liveBits,
      live,
      built: live,
    };
    this.segments.push(seg);
    this.segmentById.set(id, seg);
    this.rebalance();
  }

  /**
   * Binary-counter merging: merge the newest segment into the previous one while it is at least as large,
   * so there are O(log n) segments and each posting is rewritten O(log n) times; a segment more than half
   * stale (its contacts re-indexed or removed) is merged with a neighbour, or rewritten alone.
   */
  private rebalance(): void {
    for (;;) {
      const segs = this.segments;
      const stale = segs.findIndex((s) => s.live * 2 < s.built);
      if (stale >= 0) {
        if (segs.length === 1) this.merge(stale, null);
        else if (stale + 1 < segs.length) this.merge(stale, stale + 1);
        else this.merge(stale - 1, stale);
        continue;
      }
      const n = segs.length;
      if (n >= 2 && segs[n - 1]!.live >= segs[n - 2]!.live) {
        this.merge(n - 2, n - 1);
        continue;
      }
      return;
    }
  }

  /** Replaces segment i and its successor j (or, with j null, segment i alone) by one without stale postings. */
  private merge(i: number, j: number | null): void {
    const a = this.segments[i]!;
    const b = j === null ? null : this.segments[j]!;
    const id = this.nextSegmentId++;
    // A posting is live only in the segment whose live bits hold its slot: a contact re-indexed from a
    // into b has stale postings in a and live ones in b.
    const keepA = (slot: number): boolean => hasBit(a.liveBits, slot);
    const keepB = b === null ? keepA : (slot: number): boolean => hasBit(b.liveBits, slot);
    const names = mergeDictionaries(a.names, b?.names ?? EMPTY_DICTIONARY, keepA, keepB);
    const emails = mergeDictionaries(a.emails, b?.emails ?? EMPTY_DICTIONARY, keepA, keepB);
    const domains = mergeDictionaries(a.domains, b?.domains ?? EMPTY_DICTIONARY, keepA, keepB);
    const phones = mergeDictionaries(a.phones, b?.phones ?? EMPTY_DICTIONARY, keepA, keepB);

    const liveBits = new Uint32Array(bitsetWords(this.capacity));
    liveBits.set(a.liveBits);
    if (b !== null) for (let w = 0; w < b.liveBits.length; w++) liveBits[w] = liveBits[w]! | b.liveBits[w]!;
    let live = 0;
    forEachBit(liveBits, (slot) => {
      this.owner[slot] = id;
      live++;
    });

    this.segmentById.delete(a.id);
    if (b !== null) this.segmentById.delete(b.id);
    const merged: Segment = { id, names, emails, domains, phones, liveBits, live, built: live };
    const segs = this.segments.slice();
    segs.splice(i, b === null ? 1 : 2, ...(live > 0 ? [merged] : []));
    this.segments = segs;
    if (live > 0) this.segmentById.set(id, merged);
  }
}
