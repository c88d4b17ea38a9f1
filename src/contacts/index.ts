/**
 * The in-memory contact search index: field-aware text search (names by folded word prefix, emails by
 * prefix, phones by digit suffix) with the inbox, status, channel and window-state filters, newest
 * activity first, keyset-paged.
 *
 * Sized for a million contacts, so no Contact object is kept. Per contact slot: typed-array columns for
 * the filters and the sort key, the few numbers `evaluateWindow` needs per channel (ChannelRows), its
 * normalised text (shared token arrays, address, reversed phone digits), and that text indexed in an
 * LSM-style set of immutable sorted dictionaries (segments) plus a small unsorted tail:
 * - an upsert whose text (names, email, phone) is unchanged only rewrites the columns, in place;
 * - a changed or new contact's text goes to the tail (scanned linearly) and its older postings become
 *   stale: each segment keeps a bitset of the slots whose text it still holds;
 * - the tail is flushed into a new segment when it grows, and segments of similar size are merged
 *   (binary-counter policy), dropping stale postings, so each posting is rewritten O(log n) times.
 * Names, domains and addresses are keyed whole; phones by their last 4 digits (a phone query has at least
 * 4, so it names one bucket of about n/10,000 contacts, each then checked against the slot's digits).
 *
 * A query builds the matches of its terms as bitsets over slots (postings read in order; the live bits
 * and the result small enough to stay in the CPU caches), intersects them, then reads the sort key and
 * filter columns of the matches in slot order. Reading each match's columns at random instead cost a
 * cache miss per match, which dominated large result sets (a 3-letter prefix matching 60k of 1M).
 *
 * Time is a parameter: window filters are evaluated at the query's `now`, never the wall clock.
 */
import type { RuleOverrides } from '../policy/index.js';
import { SlotSet, bitsetWords, clearBit, forEachBit, hasBit, setBit } from './bitset.js';
import { CHANNEL_INDEX, ChannelRows, type WindowFilter } from './channel-rows.js';
import type { Contact } from './model.js';
import {
  MIN_PHONE_DIGITS,
  type QueryTerm,
  classifyQuery,
  emailDomain,
  nameTokens,
  normaliseEmail,
  phoneSuffixKey,
  reverseDigits,
} from './normalize.js';
import { type IndexSearchResult, type ParsedSearchQuery, type SearchQuery, searchQuerySchema } from './query.js';
import { type CursorPosition, decodeCursor, encodeCursor } from './search-cursor.js';
import {
  DictionaryBuilder,
  EMPTY_DICTIONARY,
  type TokenDictionary,
  exactRange,
  mergeDictionaries,
  prefixRange,
} from './token-dictionary.js';

export { InvalidCursorError } from './search-cursor.js';

const HOUR_MS = 3_600_000;
/** Slot states, kept in the low bits of the sort key; 0 is a free slot. */
const FREE = 0;
const OPEN = 1;
const CLOSED = 2;
const STATUS_SPAN = 4;
/** Owner values that are not segment ids (those start at 1). */
const OWNER_TAIL = -1;
const OWNER_NONE = -2;
/** Tail size at which an upsert flushes it (bounds the tail during bulk loads). */
const TAIL_FLUSH_ON_UPSERT = 1 << 17;
/** Tail size above which a search flushes it first (keeps the linear scan well under a millisecond). */
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

interface Filters {
  status: number; // OPEN, CLOSED, or FREE for any
  assignee: number | null; // interned agent (-2: an agent with nothing assigned); null = any
  channelBit: number; // 0 = any
  window: WindowFilter | null;
}

/** Digits value[at .. at+len) as a number, or -1 when one is not a digit. */
function digitsAt(value: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Milliseconds of an ISO instant. Records carry `toISOString()`'s form (`2025-03-10T12:00:00.000Z`), read
 * here directly (Date.parse costs several times more, two or three times per contact in a bulk load);
 * any other form goes through Date.parse.
 */
function parseInstant(value: string): number {
  if (value.length === 24 && value.charCodeAt(23) === 90 && value.charCodeAt(10) === 84) {
    const y = digitsAt(value, 0, 4);
    const mo = digitsAt(value, 5, 2);
    const d = digitsAt(value, 8, 2);
    const h = digitsAt(value, 11, 2);
    const mi = digitsAt(value, 14, 2);
    const sec = digitsAt(value, 17, 2);
    const ms = digitsAt(value, 20, 3);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60 && sec >= 0 && sec < 60 && ms >= 0) {
      return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
    }
  }
  return Date.parse(value);
}

function parseTime(value: string | null | undefined, what: string, id: string): number {
  if (value === null || value === undefined) return NaN;
  const t = parseInstant(value);
  if (!Number.isFinite(t)) throw new TypeError(`Contact ${id}: ${what} "${value}" is not an ISO date-time.`);
  return t;
}

/**
 * Two independent 32-bit hashes (FNV-1a and a ×31 polynomial) of the searchable text, so an upsert
 * re-indexes only when names, email or phone really changed (a false "unchanged" needs both to collide).
 */
function textFingerprint(c: Contact, out: Int32Array): void {
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

function grown<T extends Int32Array | Float64Array>(arr: T, size: number, fill: number): T {
  const next = new (arr.constructor as new (n: number) => T)(size);
  next.set(arr);
  next.fill(fill, arr.length);
  return next;
}

export class ContactIndex {
  private readonly rules: RuleOverrides | undefined;

  // Slot allocation.
  private readonly slotOf = new Map<string, number>();
  private readonly idOf: (string | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private used = 0; // high-water mark of slots
  private capacity = 0;

  // Per-slot columns.
  /** lastActivityAt (ms) × STATUS_SPAN + status: one read for the sort and the status filter (exact: ms < 2^51). */
  private sortKey = new Float64Array(0);
  /** The segment holding the slot's text, or OWNER_TAIL / OWNER_NONE. */
  private owner = new Int32Array(0);
  private assignee = new Int32Array(0);
  private textHashA = new Int32Array(0);
  private textHashB = new Int32Array(0);
  private readonly channels: ChannelRows;
  private readonly agents = new Map<string, number>();

  // Text: per slot, then indexed.
  private readonly firstTokens: (readonly string[])[] = [];
  private readonly lastTokens: (readonly string[])[] = [];
  private readonly emailOf: string[] = [];
  private readonly phoneKeyOf: string[] = [];
  private segments: Segment[] = [];
  private readonly segmentById = new Map<number, Segment>();
  private nextSegmentId = 1;
  private readonly tail = new Set<number>();
  private readonly nameCache = new Map<string, readonly string[]>();
  /** Interned bucket keys by their 4-digit value: no string per contact when building. */
  private readonly phoneBuckets: string[] = [];

  // Scratch: the query's matches and one term's.
  private readonly matchSet = new SlotSet();
  private readonly termSet = new SlotSet();
  private readonly hash = new Int32Array(2);
  private readonly anchors: number[] = [];

  constructor(opts?: { rules?: RuleOverrides }) {
    this.rules = opts?.rules;
    this.channels = new ChannelRows(this.rules);
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  upsert(contact: Contact): void {
    // Read everything that can fail first, so a bad record leaves the index as it was.
    const activity = parseTime(contact.lastActivityAt, 'lastActivityAt', contact.id);
    const anchors = this.anchors;
    for (let i = 0; i < contact.channels.length; i++) {
      anchors[i] = parseTime(contact.channels[i]!.lastInboundAt, 'channel lastInboundAt', contact.id);
    }

    let slot = this.slotOf.get(contact.id);
    const isNew = slot === undefined;
    if (slot === undefined) {
      slot = this.allocate();
      this.slotOf.set(contact.id, slot);
      this.idOf[slot] = contact.id;
    }

    this.sortKey[slot] = activity * STATUS_SPAN + (contact.status === 'closed' ? CLOSED : OPEN);
    this.assignee[slot] = contact.assignee === null ? -1 : this.internAgent(contact.assignee);
    this.channels.write(slot, contact.channels, anchors);

    textFingerprint(contact, this.hash);
    if (isNew || this.textHashA[slot] !== this.hash[0] || this.textHashB[slot] !== this.hash[1]) {
      this.textHashA[slot] = this.hash[0]!;
      this.textHashB[slot] = this.hash[1]!;
      this.detachText(slot);
      this.firstTokens[slot] = this.cachedNameTokens(contact.firstName);
      this.lastTokens[slot] = this.cachedNameTokens(contact.lastName);
      this.emailOf[slot] = contact.email === '' ? '' : normaliseEmail(contact.email);
      this.phoneKeyOf[slot] = contact.phone === '' ? '' : phoneSuffixKey(contact.phone);
      this.owner[slot] = OWNER_TAIL;
      this.tail.add(slot);
      if (this.tail.size >= TAIL_FLUSH_ON_UPSERT) this.flushTail();
    }
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.detachText(slot);
    this.owner[slot] = OWNER_NONE;
    this.sortKey[slot] = FREE;
    this.slotOf.delete(id);
    this.idOf[slot] = undefined;
    this.firstTokens[slot] = NO_TOKENS;
    this.lastTokens[slot] = NO_TOKENS;
    this.emailOf[slot] = '';
    this.phoneKeyOf[slot] = '';
    this.assignee[slot] = -1;
    this.channels.clear(slot);
    this.freeSlots.push(slot);
  }

  search(query: SearchQuery, now: Date): IndexSearchResult {
    const q = searchQuerySchema.parse(query);
    if (!Number.isFinite(now.getTime())) throw new TypeError('search: `now` is not a valid Date.');
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor);
    const filters = this.compileFilters(q);

    if (this.tail.size > TAIL_FLUSH_ON_SEARCH) this.flushTail();

    const terms = classifyQuery(q.text);
    const matches = terms.length === 0 ? null : this.matchTerms(terms);
    return this.collectPage(matches, filters, after, q.limit, now);
  }

  /**
   * Filters the matching slots (every slot when `matches` is null), counts them, and keeps the page after
   * the cursor: newest first, then by id.
   */
  private collectPage(
    matches: SlotSet | null,
    filters: Filters,
    after: CursorPosition | null,
    limit: number,
    now: Date,
  ): IndexSearchResult {
    const { sortKey, idOf, assignee } = this;
    const channelMask = this.channels.mask;
    const windowCheck = filters.window === null ? null : this.channels.windowMatcher(filters.window, now);
    // The page, best first, as parallel lists of slots and activities.
    const page: number[] = [];
    const pageAct: number[] = [];
    let total = 0;
    let afterCursor = 0;

    const consider = (slot: number): void => {
      const key = sortKey[slot]!;
      const act = Math.floor(key / STATUS_SPAN);
      const st = key - act * STATUS_SPAN;
      if (st === FREE || (filters.status !== FREE && st !== filters.status)) return;
      if (filters.assignee !== null && assignee[slot] !== filters.assignee) return;
      if (filters.channelBit !== 0 && (channelMask[slot]! & filters.channelBit) === 0) return;
      if (windowCheck !== null && !windowCheck(slot)) return;
      total++;

      // Ids are read only to break ties of activity.
      if (after !== null && (act > after.activity || (act === after.activity && idOf[slot]! <= after.id))) return;
      afterCursor++;
      if (page.length === limit) {
        const wa = pageAct[limit - 1]!;
        if (act < wa || (act === wa && idOf[slot]! > idOf[page[limit - 1]!]!)) return;
        page.pop();
        pageAct.pop();
      }
      let pos = page.length;
      while (pos > 0) {
        const pa = pageAct[pos - 1]!;
        if (pa > act || (pa === act && idOf[page[pos - 1]!]! < idOf[slot]!)) break;
        pos--;
      }
      page.splice(pos, 0, slot);
      pageAct.splice(pos, 0, act);
    };

    if (matches === null) {
      for (let slot = 0; slot < this.used; slot++) consider(slot);
    } else {
      matches.forEach(consider);
    }

    const last = page.length - 1;
    return {
      total,
      ids: page.map((s) => idOf[s]!),
      nextCursor:
        afterCursor > limit && last >= 0 ? encodeCursor({ activity: pageAct[last]!, id: idOf[page[last]!]! }) : null,
    };
  }

  private compileFilters(q: ParsedSearchQuery): Filters {
    let assignee: number | null = null;
    if (q.inbox === 'mine') {
      if (q.agentId === undefined || q.agentId === '') {
        throw new Error('Inbox "mine" needs `agentId`, the asking agent\'s Slack user id.');
      }
      assignee = this.agents.get(q.agentId) ?? -2;
    }
    const channelType = q.channel === undefined ? -1 : CHANNEL_INDEX.get(q.channel)!;
    return {
      status: q.status === 'closed' ? CLOSED : q.status === 'open' ? OPEN : FREE,
      assignee,
      channelBit: channelType < 0 ? 0 : 1 << channelType,
      window:
        q.windowState === undefined
          ? null
          : { state: q.windowState, channelType, closingMs: q.closingWithinHours * HOUR_MS },
    };
  }

  // ---- text matching ----

  private compileTerm(term: QueryTerm): CompiledTerm {
    const name = term.kind === 'word' ? term.name : null;
    const byDomain = term.kind === 'email' && term.email.startsWith('@');
    const email = term.kind === 'phone' || byDomain ? null : term.email;
    const domain = byDomain ? term.email.slice(1) : null;
    const phones = term.kind === 'phone' ? term.suffixes.map(reverseDigits) : [];
    const ranges: PostingRange[] = [];
    let estimate = this.tail.size;
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
    for (const slot of this.tail) if (!set.has(slot) && this.slotMatches(slot, term)) set.add(slot);
  }

  /** The slots matching every term (scratch, valid until the next search). */
  private matchTerms(terms: QueryTerm[]): SlotSet {
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

  // ---- slots ----

  private allocate(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.capacity) this.growSlots(Math.max(1024, this.capacity * 2));
    const slot = this.used++;
    this.idOf.push(undefined);
    this.firstTokens.push(NO_TOKENS);
    this.lastTokens.push(NO_TOKENS);
    this.emailOf.push('');
    this.phoneKeyOf.push('');
    return slot;
  }

  private growSlots(size: number): void {
    this.sortKey = grown(this.sortKey, size, FREE);
    this.owner = grown(this.owner, size, OWNER_NONE);
    this.assignee = grown(this.assignee, size, -1);
    this.textHashA = grown(this.textHashA, size, 0);
    this.textHashB = grown(this.textHashB, size, 0);
    this.channels.growSlots(size);
    this.capacity = size;
  }

  private internAgent(agent: string): number {
    let n = this.agents.get(agent);
    if (n === undefined) {
      n = this.agents.size;
      this.agents.set(agent, n);
    }
    return n;
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

  // ---- segments ----

  /** A reversed phone's bucket key: its first PHONE_BUCKET digits (the number's last ones). */
  private phoneBucket(phoneKey: string): string {
    if (phoneKey.length <= PHONE_BUCKET) return phoneKey;
    let v = 0;
    for (let i = 0; i < PHONE_BUCKET; i++) v = v * 10 + phoneKey.charCodeAt(i) - 48;
    return (this.phoneBuckets[v] ??= phoneKey.slice(0, PHONE_BUCKET));
  }

  /** Marks a slot's indexed text stale wherever it is. */
  private detachText(slot: number): void {
    const owner = this.owner[slot]!;
    if (owner === OWNER_TAIL) {
      this.tail.delete(slot);
    } else if (owner > 0) {
      const seg = this.segmentById.get(owner);
      if (seg !== undefined) {
        clearBit(seg.liveBits, slot);
        seg.live--;
      }
    }
  }

  private flushTail(): void {
    if (this.tail.size === 0) return;
    const names = new DictionaryBuilder('grouped');
    const emails = new DictionaryBuilder('sorted');
    const domains = new DictionaryBuilder('grouped');
    const phones = new DictionaryBuilder('grouped');
    const id = this.nextSegmentId++;
    const liveBits = new Uint32Array(bitsetWords(this.capacity));
    let live = 0;
    for (const slot of this.tail) {
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
    this.tail.clear();
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
