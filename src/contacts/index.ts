/**
 * The in-memory contact search index: field-aware text search (names by folded word prefix, emails by
 * prefix, phones by digit suffix; see normalize.ts and text-index.ts) with the inbox, status, channel and
 * window-state filters, newest activity first, keyset-paged.
 *
 * Sized for a million contacts, so no Contact object is kept: each contact has a slot, and per slot
 * typed-array columns for the filters and the sort key, the few numbers evaluateWindow needs per channel
 * (ChannelRows), and its searchable text (TextIndex). An upsert whose text did not change only rewrites
 * columns, in place.
 *
 * Reading a match's sort key costs a cache miss, which dominated large result sets (a 3-letter prefix
 * matching 60k of 1M contacts; the empty-text list of every closed conversation). So the page comes first
 * from the matches among the newest ~1% of contacts (the `recent` bitset): once they fill it, no older
 * match can enter it, and the older ones are only counted, a word (32 contacts) at a time on the status
 * and channel bitsets where the filters allow.
 *
 * Time is a parameter: window filters are evaluated at the query's `now`, never the wall clock.
 */
import { CHANNEL_TYPES, type RuleOverrides } from '../policy/index.js';
import { SlotSet, bitCount, bitsetWords, clearBit, hasBit, setBit } from './bitset.js';
import { CHANNEL_INDEX, ChannelRows, type WindowFilter } from './channel-rows.js';
import { parseInstant } from './instant.js';
import type { Contact } from './model.js';
import { classifyQuery } from './normalize.js';
import { type IndexSearchResult, type ParsedSearchQuery, type SearchQuery, searchQuerySchema } from './query.js';
import { type CursorPosition, decodeCursor, encodeCursor } from './search-cursor.js';
import { TextIndex } from './text-index.js';

export { InvalidCursorError } from './search-cursor.js';

const HOUR_MS = 3_600_000;
/** Slot states, kept in the low bits of the sort key; 0 is a free slot. */
const FREE = 0;
const OPEN = 1;
const CLOSED = 2;
const STATUS_SPAN = 4;
/** The `recent` bitset aims at this share of the contacts, and is re-cut when it holds 3 times as many. */
const RECENT_SHARE = 0.01;
/** Below this many contacts every one counts as recent (one pass; nothing to gain). */
const RECENT_MIN_CONTACTS = 4096;
const RECENT_SAMPLE = 8192;

interface Filters {
  status: number; // OPEN, CLOSED, or FREE for any
  assignee: number | null; // interned agent (-2: an agent with nothing assigned); null = any
  channelBit: number; // 0 = any
  window: WindowFilter | null;
}

function parseTime(value: string | null | undefined, what: string, id: string): number {
  if (value === null || value === undefined) return NaN;
  const t = parseInstant(value);
  if (!Number.isFinite(t)) throw new TypeError(`Contact ${id}: ${what} "${value}" is not an ISO date-time.`);
  return t;
}

function grown<T extends Int32Array | Float64Array | Uint32Array>(arr: T, size: number, fill: number): T {
  const next = new (arr.constructor as new (n: number) => T)(size);
  next.set(arr);
  next.fill(fill, arr.length);
  return next;
}

export class ContactIndex {
  private readonly rules: RuleOverrides | undefined;

  // Slots.
  private readonly slotOf = new Map<string, number>();
  private readonly idOf: (string | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private used = 0; // high-water mark
  private capacity = 0;

  // Per-slot columns.
  /** lastActivityAt (ms) × STATUS_SPAN + status: one read for the sort and the status filter (exact: ms < 2^51). */
  private sortKey = new Float64Array(0);
  private assignee = new Int32Array(0);
  private readonly agents = new Map<string, number>();
  private readonly channels: ChannelRows;
  private readonly text = new TextIndex();

  // Bitsets over slots for the filters that can be answered a word (32 contacts) at a time.
  private openBits = new Uint32Array(0);
  private closedBits = new Uint32Array(0);
  private readonly channelBits: Uint32Array[] = CHANNEL_TYPES.map(() => new Uint32Array(0));
  /** Slots with lastActivityAt ≥ recentFrom (all, while recentFrom is -Infinity). */
  private recentBits = new Uint32Array(0);
  private recentFrom = -Infinity;
  private recentCount = 0;
  private recentAtCut = 0;

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

    const status = contact.status === 'closed' ? CLOSED : OPEN;
    this.sortKey[slot] = activity * STATUS_SPAN + status;
    setBit(status === CLOSED ? this.closedBits : this.openBits, slot);
    clearBit(status === CLOSED ? this.openBits : this.closedBits, slot);
    this.setRecent(slot, activity >= this.recentFrom);
    this.assignee[slot] = contact.assignee === null ? -1 : this.internAgent(contact.assignee);
    const oldMask = this.channels.mask[slot]!;
    this.channels.write(slot, contact.channels, anchors);
    this.updateChannelBits(slot, oldMask, this.channels.mask[slot]!);
    this.text.set(slot, contact, isNew);
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.idOf[slot] = undefined;
    this.sortKey[slot] = FREE;
    this.assignee[slot] = -1;
    clearBit(this.openBits, slot);
    clearBit(this.closedBits, slot);
    this.setRecent(slot, false);
    this.updateChannelBits(slot, this.channels.mask[slot]!, 0);
    this.channels.clear(slot);
    this.text.clear(slot);
    this.freeSlots.push(slot);
  }

  search(query: SearchQuery, now: Date): IndexSearchResult {
    const q = searchQuerySchema.parse(query);
    if (!Number.isFinite(now.getTime())) throw new TypeError('search: `now` is not a valid Date.');
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor);
    const filters = this.compileFilters(q);
    const terms = classifyQuery(q.text);
    const matches = terms.length === 0 ? null : this.text.match(terms);
    return this.collectPage(matches, filters, after, q.limit, now);
  }

  /**
   * Filters the matching slots (every slot when `matches` is null), counts them, and keeps the page after
   * the cursor: newest first, then by id. Recent matches first: once they fill the page, no older one
   * can enter it, and the older ones are only counted.
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

    const passes = (slot: number, st: number): boolean =>
      st !== FREE &&
      (filters.status === FREE || st === filters.status) &&
      (filters.assignee === null || assignee[slot] === filters.assignee) &&
      (filters.channelBit === 0 || (channelMask[slot]! & filters.channelBit) !== 0) &&
      (windowCheck === null || windowCheck(slot));

    const consider = (slot: number): void => {
      const key = sortKey[slot]!;
      const act = Math.floor(key / STATUS_SPAN);
      if (!passes(slot, key - act * STATUS_SPAN)) return;
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

    this.recutRecent();
    const recent = this.recentBits;
    // Every non-recent contact is older than every recent one. So once recent matches fill the page (the
    // cursor then being at a recent one or newer), the others are all after the cursor and off the page.
    if (this.recentFrom === -Infinity) {
      if (matches === null) for (let slot = 0; slot < this.used; slot++) consider(slot);
      else matches.forEach(consider);
    } else {
      // The candidates' words: every live slot, or the matches (all words when dense, else those touched).
      const { openBits, closedBits } = this;
      const list = matches === null ? null : matches.touchedWords();
      const nWords = list === null ? bitsetWords(this.used) : matches!.touchedCount();
      const bits = matches === null ? null : matches.bits;
      const candidates = (i: number): number => {
        const w = list === null ? i : list[i]!;
        return bits === null ? openBits[w]! | closedBits[w]! : bits[w]!;
      };
      const wordIndex = (i: number): number => (list === null ? i : list[i]!);

      for (let i = 0; i < nWords; i++) {
        const w = wordIndex(i);
        let word = candidates(i) & recent[w]!;
        while (word !== 0) {
          const low = word & -word;
          consider((w << 5) | (31 - Math.clz32(low)));
          word ^= low;
        }
      }
      if (page.length < limit) {
        for (let i = 0; i < nWords; i++) {
          const w = wordIndex(i);
          let word = candidates(i) & ~recent[w]!;
          while (word !== 0) {
            const low = word & -word;
            consider((w << 5) | (31 - Math.clz32(low)));
            word ^= low;
          }
        }
      } else {
        // The page is final; count the older matches that pass the filters (all after the cursor): a word
        // at a time when the filters are bitsets, else one by one.
        let older = 0;
        if (filters.assignee === null && windowCheck === null) {
          const statusBits = filters.status === OPEN ? openBits : filters.status === CLOSED ? closedBits : null;
          const channelBits = filters.channelBit === 0 ? null : this.channelBits[31 - Math.clz32(filters.channelBit)]!;
          for (let i = 0; i < nWords; i++) {
            const w = wordIndex(i);
            let word = candidates(i) & ~recent[w]!;
            if (statusBits !== null) word &= statusBits[w]!;
            if (channelBits !== null) word &= channelBits[w]!;
            older += bitCount(word);
          }
        } else {
          for (let i = 0; i < nWords; i++) {
            const w = wordIndex(i);
            let word = candidates(i) & ~recent[w]!;
            while (word !== 0) {
              const low = word & -word;
              const slot = (w << 5) | (31 - Math.clz32(low));
              const key = sortKey[slot]!;
              if (passes(slot, key - Math.floor(key / STATUS_SPAN) * STATUS_SPAN)) older++;
              word ^= low;
            }
          }
        }
        total += older;
        afterCursor += older;
      }
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

  // ---- slots ----

  private allocate(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.capacity) this.growSlots(Math.max(1024, this.capacity * 2));
    this.idOf.push(undefined);
    return this.used++;
  }

  private growSlots(size: number): void {
    this.sortKey = grown(this.sortKey, size, FREE);
    this.assignee = grown(this.assignee, size, -1);
    const words = bitsetWords(size);
    this.openBits = grown(this.openBits, words, 0);
    this.closedBits = grown(this.closedBits, words, 0);
    this.recentBits = grown(this.recentBits, words, 0);
    for (let t = 0; t < this.channelBits.length; t++) this.channelBits[t] = grown(this.channelBits[t]!, words, 0);
    this.channels.growSlots(size);
    this.text.growSlots(size);
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

  // ---- filter bitsets ----

  private updateChannelBits(slot: number, oldMask: number, newMask: number): void {
    let changed = oldMask ^ newMask;
    while (changed !== 0) {
      const low = changed & -changed;
      const type = 31 - Math.clz32(low);
      if ((newMask & low) !== 0) setBit(this.channelBits[type]!, slot);
      else clearBit(this.channelBits[type]!, slot);
      changed ^= low;
    }
  }

  private setRecent(slot: number, recent: boolean): void {
    if (hasBit(this.recentBits, slot) === recent) return;
    if (recent) {
      setBit(this.recentBits, slot);
      this.recentCount++;
    } else {
      clearBit(this.recentBits, slot);
      this.recentCount--;
    }
  }

  /**
   * Re-cuts `recent` to the newest RECENT_SHARE of the contacts once it holds three times that (activity
   * only moves forward, so it fills up): the threshold is a quantile of a sample of activities, then one
   * pass over the sort keys. About 2% of the contacts' activity updates pass between two re-cuts.
   */
  private recutRecent(): void {
    const live = this.slotOf.size;
    if (live < RECENT_MIN_CONTACTS) {
      if (this.recentFrom !== -Infinity) this.cutRecent(-Infinity);
      return;
    }
    // Also wait for it to double since the last cut, in case ties at the threshold made that one large.
    if (this.recentFrom !== -Infinity && this.recentCount <= Math.max(3 * RECENT_SHARE * live, 2 * this.recentAtCut)) {
      return;
    }
    const sample = new Float64Array(Math.min(RECENT_SAMPLE, live));
    let n = 0;
    const stride = this.used / sample.length;
    for (let i = 0; i < sample.length; i++) {
      const key = this.sortKey[Math.floor(i * stride)]!;
      if (key !== FREE) sample[n++] = Math.floor(key / STATUS_SPAN);
    }
    const sorted = sample.subarray(0, n).sort();
    this.cutRecent(n === 0 ? -Infinity : sorted[Math.floor((1 - RECENT_SHARE) * (n - 1))]!);
  }

  private cutRecent(from: number): void {
    this.recentFrom = from;
    this.recentBits.fill(0);
    this.recentCount = 0;
    for (let slot = 0; slot < this.used; slot++) {
      const key = this.sortKey[slot]!;
      if (key !== FREE && Math.floor(key / STATUS_SPAN) >= from) {
        setBit(this.recentBits, slot);
        this.recentCount++;
      }
    }
    this.recentAtCut = this.recentCount;
  }
}
