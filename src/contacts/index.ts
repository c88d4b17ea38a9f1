/**
 * The in-memory contact search index: field-aware text search (names by folded word prefix, emails by
 * prefix, phones by digit suffix) with the inbox, status, channel and window-state filters, newest
 * activity first, keyset-paged.
 *
 * Sized for a million contacts, so no Contact object is kept. Per contact slot: typed-array columns for
 * the filters and the sort key, the few numbers `evaluateWindow` needs per channel, and its text in an
 * LSM-style set of immutable sorted dictionaries (segments) plus a small unsorted tail:
 * - an upsert whose text (names, email, phone) is unchanged only rewrites the columns, in place;
 * - a changed or new contact's text goes to the tail (scanned linearly) and its older postings become
 *   stale, recognised by `owner[slot]` no longer naming their segment;
 * - the tail is flushed into a new segment when it grows, and segments of similar size are merged
 *   (binary-counter policy), dropping stale postings, so each posting is rewritten O(log n) times.
 * Time is a parameter: window filters are evaluated at the query's `now`, never the wall clock.
 */
import {
  CHANNEL_TYPES,
  type ChannelType,
  type RuleOverrides,
  type WindowInput,
  type WindowState,
  type WindowStatus,
  evaluateWindow,
  ruleFor,
} from '../policy/index.js';
import type { Contact, ContactChannel } from './model.js';
import { type IndexSearchResult, type ParsedSearchQuery, type SearchQuery, searchQuerySchema } from './query.js';
import {
  type QueryTerm,
  classifyQuery,
  emailDomain,
  nameTokens,
  normaliseEmail,
  phoneSuffixKey,
  reverseDigits,
} from './normalize.js';
import {
  DictionaryBuilder,
  EMPTY_DICTIONARY,
  type TokenDictionary,
  mergeDictionaries,
  prefixRange,
} from './token-dictionary.js';

/** Thrown for a `cursor` this index did not produce; the caller should restart from the first page. */
export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`Invalid search cursor "${cursor.slice(0, 40)}": start the search again without a cursor.`);
    this.name = 'InvalidCursorError';
  }
}

const HOUR_MS = 3_600_000;
/** Slot states; 0 is a free slot. */
const FREE = 0;
const OPEN = 1;
const CLOSED = 2;
/** `owner` values that are not segment ids. */
const OWNER_TAIL = -1;
const OWNER_NONE = -2;
/** Tail size at which an upsert flushes it (bounds the tail's memory during bulk loads). */
const TAIL_FLUSH_ON_UPSERT = 1 << 17;
/** Tail size above which a search flushes it first (keeps the linear scan well under a millisecond). */
const TAIL_FLUSH_ON_SEARCH = 4096;
const CHANNEL_INDEX = new Map<ChannelType, number>(CHANNEL_TYPES.map((t, i) => [t, i]));
const NAME_CACHE_MAX = 100_000;

/** A re-indexed contact's text until the next flush: what the dictionaries will hold. */
interface TailEntry {
  first: readonly string[];
  last: readonly string[];
  /** Normalised address and its domain, '' when none. */
  email: string;
  domain: string;
  /** Reversed phone digits, '' when none. */
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
  /** Reversed phone digits: a suffix query is a prefix range here. */
  phones: TokenDictionary;
  /** Slots whose text this segment holds now. */
  live: number;
  /** Slots it held when built; merged once half are stale. */
  built: number;
}

/** One term compiled for the current segments: the posting ranges it matches, plus how to test a tail entry. */
interface CompiledTerm {
  term: QueryTerm;
  name: string | null;
  email: string | null;
  domain: string | null;
  phones: string[];
  ranges: { seg: Segment; dict: TokenDictionary; lo: number; hi: number }[];
  estimate: number;
}

interface Filters {
  status: number; // OPEN, CLOSED or FREE for any
  assignee: number | null; // interned agent, -2 when the agent has nothing assigned; null = all
  channelBit: number; // 0 = any
  channelType: number; // -1 = any
  window: WindowState | 'closing_soon' | null;
  closingMs: number;
}

function grow<T extends Uint8Array | Uint16Array | Int32Array | Uint32Array | Int8Array | Float64Array>(
  arr: T,
  size: number,
  fill?: number,
): T {
  const next = new (arr.constructor as new (n: number) => T)(size);
  next.set(arr);
  if (fill !== undefined) next.fill(fill, arr.length);
  return next;
}

function encodeCursor(activity: number, id: string): string {
  return Buffer.from(JSON.stringify([activity, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { activity: number; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== 'number' ||
    !Number.isFinite(parsed[0]) ||
    typeof parsed[1] !== 'string'
  ) {
    throw new InvalidCursorError(cursor);
  }
  return { activity: parsed[0], id: parsed[1] };
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
 * here directly (Date.parse costs several times more, for two or three times per contact in a bulk load);
 * any other offset form goes through Date.parse.
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

export class ContactIndex {
  private readonly rules: RuleOverrides | undefined;

  // Slot allocation.
  private readonly slotOf = new Map<string, number>();
  private idOf: (string | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private used = 0; // high-water mark of slots
  private capacity = 0;

  // Per-slot columns.
  private state = new Uint8Array(0);
  private assignee = new Int32Array(0);
  private activity = new Float64Array(0);
  private channelMask = new Uint16Array(0);
  private textHashA = new Int32Array(0);
  private textHashB = new Int32Array(0);
  private owner = new Int32Array(0);
  private mark = new Uint32Array(0);
  private rowStart = new Int32Array(0);
  private rowCount = new Uint16Array(0);

  // Channel rows: what evaluateWindow needs per contact channel.
  private rowsUsed = 0;
  private rowsGarbage = 0;
  private rowType = new Uint8Array(0);
  private rowAnchor = new Float64Array(0); // last inbound, ms; NaN = never
  private rowAnchorHours = new Float64Array(0); // window carried by that inbound; 0 = none
  private rowOutbound = new Uint32Array(0);
  private rowSubscribed = new Int8Array(0); // -1 unknown, 0 no, 1 yes

  private readonly agents = new Map<string, number>();

  // Text.
  private segments: Segment[] = [];
  private readonly segmentById = new Map<number, Segment>();
  private nextSegmentId = 1;
  private readonly tail = new Map<number, TailEntry>();
  private readonly nameCache = new Map<string, readonly string[]>();

  // Query scratch.
  private stamp = 0;
  private candidates = new Int32Array(1024);
  private readonly hash = new Int32Array(2);
  private readonly anchors: number[] = [];

  constructor(opts?: { rules?: RuleOverrides }) {
    this.rules = opts?.rules;
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  upsert(contact: Contact): void {
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

    this.state[slot] = contact.status === 'closed' ? CLOSED : OPEN;
    this.assignee[slot] = contact.assignee === null ? -1 : this.internAgent(contact.assignee);
    this.activity[slot] = activity;
    this.writeChannels(slot, contact.channels, anchors);

    textFingerprint(contact, this.hash);
    if (isNew || this.textHashA[slot] !== this.hash[0] || this.textHashB[slot] !== this.hash[1]) {
      this.textHashA[slot] = this.hash[0]!;
      this.textHashB[slot] = this.hash[1]!;
      this.detachText(slot);
      this.tail.set(slot, this.tailEntry(contact));
      this.owner[slot] = OWNER_TAIL;
      if (this.tail.size >= TAIL_FLUSH_ON_UPSERT) this.flushTail();
    }
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.detachText(slot);
    this.owner[slot] = OWNER_NONE;
    this.slotOf.delete(id);
    this.idOf[slot] = undefined;
    this.state[slot] = FREE;
    this.assignee[slot] = -1;
    this.channelMask[slot] = 0;
    this.rowsGarbage += this.rowCount[slot]!;
    this.rowCount[slot] = 0;
    this.freeSlots.push(slot);
  }

  search(query: SearchQuery, now: Date): IndexSearchResult {
    const q = searchQuerySchema.parse(query);
    const nowMs = now.getTime();
    if (!Number.isFinite(nowMs)) throw new TypeError('search: `now` is not a valid Date.');
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor);
    const filters = this.compileFilters(q);

    if (this.tail.size > TAIL_FLUSH_ON_SEARCH) this.flushTail();

    const terms = classifyQuery(q.text);
    let candidates: Int32Array | null = null; // null = every slot
    let count = this.used;
    if (terms.length > 0) {
      count = this.matchTerms(terms);
      candidates = this.candidates;
    }

    const { state, activity, idOf, assignee, channelMask } = this;
    const limit = q.limit;
    const page: number[] = [];
    let total = 0;
    let afterCursor = 0;
    const windowCheck = filters.window === null ? null : this.windowMatcher(filters, now);

    for (let k = 0; k < count; k++) {
      const slot = candidates === null ? k : candidates[k]!;
      const st = state[slot]!;
      if (st === FREE || (filters.status !== FREE && st !== filters.status)) continue;
      if (filters.assignee !== null && assignee[slot] !== filters.assignee) continue;
      if (filters.channelBit !== 0 && (channelMask[slot]! & filters.channelBit) === 0) continue;
      if (windowCheck !== null && !windowCheck(slot)) continue;
      total++;

      const act = activity[slot]!;
      const id = idOf[slot]!;
      if (after !== null && !(act < after.activity || (act === after.activity && id > after.id))) continue;
      afterCursor++;
      // Keep the best `limit` in order: newest first, then id ascending.
      if (page.length === limit) {
        const worst = page[limit - 1]!;
        const wa = activity[worst]!;
        if (act < wa || (act === wa && id > idOf[worst]!)) continue;
        page.pop();
      }
      let pos = page.length;
      while (pos > 0) {
        const prev = page[pos - 1]!;
        const pa = activity[prev]!;
        if (pa > act || (pa === act && idOf[prev]! < id)) break;
        pos--;
      }
      page.splice(pos, 0, slot);
    }

    const last = page[page.length - 1];
    return {
      total,
      ids: page.map((s) => idOf[s]!),
      nextCursor: afterCursor > limit && last !== undefined ? encodeCursor(activity[last]!, idOf[last]!) : null,
    };
  }

  // ---- filters ----

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
      channelType,
      channelBit: channelType < 0 ? 0 : 1 << channelType,
      window: q.windowState ?? null,
      closingMs: q.closingWithinHours * HOUR_MS,
    };
  }

  /**
   * Whether some channel of a slot (of the filtered type, if any) is in the wanted window state at `now`,
   * as evaluateWindow says. `closing_soon` = a free-text window (open, or Messenger/Instagram's HUMAN_AGENT
   * extension) whose end is within `closingWithinHours` of now, inclusive.
   * The Viber monthly quota is the bot's, not the contact's, so it is evaluated as unused.
   *
   * Two shortcuts keep a filter over a million contacts from calling evaluateWindow millions of times,
   * both read off the rule table rather than restating evaluateWindow:
   * - a channel type whose rule has no window is in the same state whatever its anchor: evaluated once;
   * - a free-text state (open, human_agent, closing_soon) needs an inbound within the longest window the
   *   rule allows (free-text, HUMAN_AGENT or the inbound's own), so older or absent anchors are skipped.
   */
  private windowMatcher(filters: Filters, now: Date): (slot: number) => boolean {
    const nowMs = now.getTime();
    const want = filters.window;
    const matches = (status: WindowStatus): boolean =>
      want === 'closing_soon'
        ? (status.state === 'open' || status.state === 'human_agent') &&
          status.windowClosesAt !== null &&
          status.windowClosesAt.getTime() - nowMs <= filters.closingMs
        : status.state === want;
    const freeTextOnly = want === 'closing_soon' || want === 'open' || want === 'human_agent';
    const perType = CHANNEL_TYPES.map((channel) => {
      const rule = ruleFor(channel, this.rules);
      if (rule.windowHours === null) {
        return { fixed: matches(evaluateWindow({ channel, now, lastInboundAt: null, rules: this.rules })), longestMs: 0 };
      }
      return { fixed: null, longestMs: Math.max(rule.windowHours, (rule.humanAgentDays ?? 0) * 24) * HOUR_MS };
    });

    const anchorDate = new Date(0);
    const input: WindowInput = { channel: 'whatsapp', now, lastInboundAt: null, rules: this.rules };
    const { rowStart, rowCount, rowType, rowAnchor, rowAnchorHours, rowOutbound, rowSubscribed } = this;
    return (slot) => {
      const start = rowStart[slot]!;
      const end = start + rowCount[slot]!;
      for (let r = start; r < end; r++) {
        const type = rowType[r]!;
        if (filters.channelType >= 0 && type !== filters.channelType) continue;
        const known = perType[type]!;
        if (known.fixed !== null) {
          if (known.fixed) return true;
          continue;
        }
        const anchor = rowAnchor[r]!;
        const hours = rowAnchorHours[r]!;
        if (freeTextOnly && !(nowMs - anchor < Math.max(known.longestMs, hours * HOUR_MS))) continue; // NaN too
        const sub = rowSubscribed[r]!;
        input.channel = CHANNEL_TYPES[type]!;
        input.lastInboundAt = Number.isNaN(anchor) ? null : (anchorDate.setTime(anchor), anchorDate);
        input.anchorWindowHours = hours > 0 ? hours : undefined;
        input.outboundSinceInbound = rowOutbound[r]!;
        input.subscribed = sub < 0 ? undefined : sub === 1;
        if (matches(evaluateWindow(input))) return true;
      }
      return false;
    };
  }

  // ---- text matching ----

  private nextStamp(): number {
    if (this.stamp >= 0xfffffff0) {
      this.mark.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  private compileTerm(term: QueryTerm): CompiledTerm {
    const name = term.kind === 'word' ? term.name : null;
    const byDomain = term.kind === 'email' && term.email.startsWith('@');
    const email = term.kind === 'phone' || byDomain ? null : term.email;
    const domain = byDomain ? term.email.slice(1) : null;
    const phones = term.kind === 'phone' ? term.suffixes.map(reverseDigits) : [];
    const ranges: CompiledTerm['ranges'] = [];
    let estimate = this.tail.size;
    const add = (seg: Segment, dict: TokenDictionary, prefix: string): void => {
      const [lo, hi] = prefixRange(dict, prefix);
      if (hi > lo) {
        ranges.push({ seg, dict, lo, hi });
        estimate += dict.offsets[hi]! - dict.offsets[lo]!;
      }
    };
    for (const seg of this.segments) {
      if (name !== null) add(seg, seg.names, name);
      if (email !== null) add(seg, seg.emails, email);
      if (domain !== null) add(seg, seg.domains, domain);
      for (const p of phones) add(seg, seg.phones, p);
    }
    return { term, name, email, domain, phones, ranges, estimate };
  }

  private tailMatches(e: TailEntry, t: CompiledTerm): boolean {
    if (t.name !== null) {
      for (const tok of e.first) if (tok.startsWith(t.name)) return true;
      for (const tok of e.last) if (tok.startsWith(t.name)) return true;
    }
    if (t.email !== null && e.email !== '' && e.email.startsWith(t.email)) return true;
    if (t.domain !== null && e.domain !== '' && e.domain.startsWith(t.domain)) return true;
    if (e.phone !== '') {
      for (const p of t.phones) if (e.phone.startsWith(p)) return true;
    }
    return false;
  }

  /** Fills `this.candidates` with the slots matching every term; returns how many. */
  private matchTerms(terms: QueryTerm[]): number {
    const compiled = terms.map((t) => this.compileTerm(t)).sort((a, b) => a.estimate - b.estimate);
    const { owner, mark } = this;

    // The most selective term gives the candidates…
    const first = compiled[0]!;
    if (this.candidates.length < first.estimate) this.candidates = new Int32Array(Math.max(first.estimate, 1024));
    const cand = this.candidates;
    let stamp = this.nextStamp();
    let n = 0;
    for (const { seg, dict, lo, hi } of first.ranges) {
      const { postings } = dict;
      const segId = seg.id;
      for (let p = dict.offsets[lo]!, end = dict.offsets[hi]!; p < end; p++) {
        const slot = postings[p]!;
        if (owner[slot] === segId && mark[slot] !== stamp) {
          mark[slot] = stamp;
          cand[n++] = slot;
        }
      }
    }
    for (const [slot, e] of this.tail) {
      if (mark[slot] !== stamp && this.tailMatches(e, first)) {
        mark[slot] = stamp;
        cand[n++] = slot;
      }
    }

    // …and every other term keeps those it matches too.
    for (let t = 1; t < compiled.length && n > 0; t++) {
      const term = compiled[t]!;
      stamp = this.nextStamp();
      for (const { seg, dict, lo, hi } of term.ranges) {
        const { postings } = dict;
        const segId = seg.id;
        for (let p = dict.offsets[lo]!, end = dict.offsets[hi]!; p < end; p++) {
          const slot = postings[p]!;
          if (owner[slot] === segId) mark[slot] = stamp;
        }
      }
      for (const [slot, e] of this.tail) if (this.tailMatches(e, term)) mark[slot] = stamp;
      let kept = 0;
      for (let k = 0; k < n; k++) {
        const slot = cand[k]!;
        if (mark[slot] === stamp) cand[kept++] = slot;
      }
      n = kept;
    }
    return n;
  }

  // ---- maintenance ----

  private allocate(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.capacity) this.growSlots(Math.max(1024, this.capacity * 2));
    return this.used++;
  }

  private growSlots(size: number): void {
    this.state = grow(this.state, size);
    this.assignee = grow(this.assignee, size, -1);
    this.activity = grow(this.activity, size);
    this.channelMask = grow(this.channelMask, size);
    this.textHashA = grow(this.textHashA, size);
    this.textHashB = grow(this.textHashB, size);
    this.owner = grow(this.owner, size, OWNER_NONE);
    this.mark = grow(this.mark, size);
    this.rowStart = grow(this.rowStart, size);
    this.rowCount = grow(this.rowCount, size);
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

  private writeChannels(slot: number, channels: readonly ContactChannel[], anchors: number[]): void {
    const count = channels.length;
    const old = this.rowCount[slot]!;
    let start = this.rowStart[slot]!;
    if (count > old) {
      this.rowCount[slot] = 0; // its old rows are garbage now, also for a compaction right here
      this.rowsGarbage += old;
      if (this.rowsGarbage > 4096 && this.rowsGarbage > this.rowsUsed / 2) this.compactRows();
      if (this.rowsUsed + count > this.rowType.length) this.growRows(Math.max(4096, (this.rowsUsed + count) * 2));
      start = this.rowsUsed;
      this.rowsUsed += count;
    } else {
      this.rowsGarbage += old - count;
    }
    this.rowStart[slot] = start;
    this.rowCount[slot] = count;
    let mask = 0;
    for (let i = 0; i < count; i++) {
      const ch = channels[i]!;
      const type = CHANNEL_INDEX.get(ch.type)!;
      const r = start + i;
      mask |= 1 << type;
      this.rowType[r] = type;
      this.rowAnchor[r] = anchors[i]!;
      this.rowAnchorHours[r] = ch.lastInboundWindowHours ?? 0;
      this.rowOutbound[r] = ch.outboundSinceInbound;
      this.rowSubscribed[r] = ch.subscribed === undefined ? -1 : ch.subscribed ? 1 : 0;
    }
    this.channelMask[slot] = mask;
  }

  private growRows(size: number): void {
    this.rowType = grow(this.rowType, size);
    this.rowAnchor = grow(this.rowAnchor, size);
    this.rowAnchorHours = grow(this.rowAnchorHours, size);
    this.rowOutbound = grow(this.rowOutbound, size);
    this.rowSubscribed = grow(this.rowSubscribed, size);
  }

  /** Rewrites the channel rows without the ones replaced or removed contacts left behind. */
  private compactRows(): void {
    const live = this.rowsUsed - this.rowsGarbage;
    const size = Math.max(4096, live * 2);
    const type = new Uint8Array(size);
    const anchor = new Float64Array(size);
    const hours = new Float64Array(size);
    const outbound = new Uint32Array(size);
    const subscribed = new Int8Array(size);
    let n = 0;
    for (let slot = 0; slot < this.used; slot++) {
      const start = this.rowStart[slot]!;
      const count = this.rowCount[slot]!;
      if (count === 0) continue;
      type.set(this.rowType.subarray(start, start + count), n);
      anchor.set(this.rowAnchor.subarray(start, start + count), n);
      hours.set(this.rowAnchorHours.subarray(start, start + count), n);
      outbound.set(this.rowOutbound.subarray(start, start + count), n);
      subscribed.set(this.rowSubscribed.subarray(start, start + count), n);
      this.rowStart[slot] = n;
      n += count;
    }
    this.rowType = type;
    this.rowAnchor = anchor;
    this.rowAnchorHours = hours;
    this.rowOutbound = outbound;
    this.rowSubscribed = subscribed;
    this.rowsUsed = n;
    this.rowsGarbage = 0;
  }

  private cachedNameTokens(name: string): readonly string[] {
    if (name === '') return [];
    let tokens = this.nameCache.get(name);
    if (tokens === undefined) {
      // Names repeat (Zipf): folding each distinct spelling once makes bulk loads several times faster.
      if (this.nameCache.size >= NAME_CACHE_MAX) this.nameCache.clear();
      tokens = nameTokens(name);
      this.nameCache.set(name, tokens);
    }
    return tokens;
  }

  private tailEntry(c: Contact): TailEntry {
    const email = c.email === '' ? '' : normaliseEmail(c.email);
    return {
      first: this.cachedNameTokens(c.firstName),
      last: this.cachedNameTokens(c.lastName),
      email,
      domain: emailDomain(email),
      phone: c.phone === '' ? '' : phoneSuffixKey(c.phone),
    };
  }

  /** Marks a slot's indexed text stale wherever it is. */
  private detachText(slot: number): void {
    const owner = this.owner[slot]!;
    if (owner === OWNER_TAIL) {
      this.tail.delete(slot);
    } else if (owner > 0) {
      const seg = this.segmentById.get(owner);
      if (seg !== undefined) seg.live--;
    }
  }

  private flushTail(): void {
    if (this.tail.size === 0) return;
    const names = new DictionaryBuilder('grouped');
    const emails = new DictionaryBuilder('sorted');
    const domains = new DictionaryBuilder('grouped');
    const phones = new DictionaryBuilder('sorted');
    const id = this.nextSegmentId++;
    let live = 0;
    for (const [slot, e] of this.tail) {
      if (e.first.length === 0 && e.last.length === 0 && e.email === '' && e.phone === '') {
        this.owner[slot] = OWNER_NONE; // nothing to find it by; it still lists under empty text
        continue;
      }
      for (const t of e.first) names.add(t, slot);
      for (const t of e.last) if (!e.first.includes(t)) names.add(t, slot);
      if (e.email !== '') emails.add(e.email, slot);
      if (e.domain !== '') domains.add(e.domain, slot);
      if (e.phone !== '') phones.add(e.phone, slot);
      this.owner[slot] = id;
      live++;
    }
    this.tail.clear();
    if (live === 0) return;
    this.addSegment({
      id,
      names: names.build(),
      emails: emails.build(),
      domains: domains.build(),
      phones: phones.build(),
      live,
      built: live,
    });
    this.rebalance();
  }

  private addSegment(seg: Segment): void {
    this.segments.push(seg);
    this.segmentById.set(seg.id, seg);
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
    const { owner } = this;
    const aId = a.id;
    const bId = b === null ? aId : b.id;
    const id = this.nextSegmentId++;
    // A posting is live only in the segment its slot's owner names: a contact re-indexed from a into b
    // has stale postings in a and live ones in b.
    const keepA = (slot: number): boolean => owner[slot] === aId;
    const keepB = (slot: number): boolean => owner[slot] === bId;
    const names = mergeDictionaries(a.names, b?.names ?? EMPTY_DICTIONARY, keepA, keepB);
    const emails = mergeDictionaries(a.emails, b?.emails ?? EMPTY_DICTIONARY, keepA, keepB);
    const domains = mergeDictionaries(a.domains, b?.domains ?? EMPTY_DICTIONARY, keepA, keepB);
    const phones = mergeDictionaries(a.phones, b?.phones ?? EMPTY_DICTIONARY, keepA, keepB);
    let live = 0;
    for (const dict of [names, emails, domains, phones]) {
      const { postings } = dict;
      for (let p = 0; p < postings.length; p++) {
        const slot = postings[p]!;
        if (owner[slot] !== id) {
          owner[slot] = id;
          live++;
        }
      }
    }
    this.segmentById.delete(aId);
    if (b !== null) this.segmentById.delete(bId);
    const merged: Segment = { id, names, emails, domains, phones, live, built: live };
    const segs = this.segments.slice();
    segs.splice(i, b === null ? 1 : 2, ...(live > 0 ? [merged] : []));
    this.segments = segs;
    if (live > 0) this.segmentById.set(id, merged);
  }
}
