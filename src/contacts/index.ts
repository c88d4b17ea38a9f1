/**
 * The in-memory contact search index: field-aware text search (names by folded word prefix, emails by
 * prefix, phones by digit suffix; see normalize.ts and text-index.ts) with the inbox, status, channel and
 * window-state filters, newest activity first, keyset-paged.
 *
 * Sized for a million contacts, so no Contact object is kept: each contact has a slot, and per slot
 * typed-array columns for the sort key, its channels' window segments (ChannelRows), its agent
 * (AgentSlots) and its searchable text (TextIndex). An upsert whose text did not change only rewrites
 * columns, in place.
 *
 * Every filter is a set of slots, as a bitset or as a sparse set that knows its words: status and channel
 * bitsets kept current on every upsert; the window-state bitsets ChannelRows keeps at the last query's
 * instant and moves to the next one by the windows that changed in between; the agent's list; the text
 * matches. A query ANDs them a word (32 contacts) at a time — over the words of its sparsest set — and
 * counts the result by popcount.
 *
 * Reading a match's sort key costs a cache miss, which dominated large result sets (a 3-letter prefix
 * matching 60k of 1M contacts; the empty-text list of every closed conversation). So the page comes first
 * from the matches among the newest contacts, then the next newest (recency-tiers.ts): once a tier's matches
 * fill it, no older match can enter it, and the older ones are only counted.
 *
 * Time is a parameter: window filters are answered at the query's `now`, never the wall clock.
 */
import { CHANNEL_TYPES, type RuleOverrides, type WindowState } from '../policy/index.js';
import { AgentSlots } from './agent-slots.js';
import { type AndResult, SlotSet, andWords, bitsetWords, clearBit, setBit } from './bitset.js';
import { CHANNEL_INDEX, ChannelRows } from './channel-rows.js';
import { type ContactBatch, ContactBatchBuilder } from './contact-batch.js';
import type { Contact } from './model.js';
import { classifyQuery } from './normalize.js';
import { type IndexSearchResult, type ParsedSearchQuery, type SearchQuery, searchQuerySchema } from './query.js';
import { RecencyTiers } from './recency-tiers.js';
import { type CursorPosition, decodeCursor, encodeCursor } from './search-cursor.js';
import { TextIndex, grownList } from './text-index.js';

export { InvalidCursorError } from './search-cursor.js';

const HOUR_MS = 3_600_000;
/** Slot states, kept in the low bits of the sort key; 0 is a free slot. */
const FREE = 0;
const OPEN = 1;
const CLOSED = 2;
const STATUS_SPAN = 4;
/**
 * Shares of the contacts in the recency tiers, newest first: the first page of a long list comes from the
 * first (a few thousand sort keys read at 1M), page 50 of a filter matching a tenth from the third.
 */
const RECENT_SHARES = [0.003, 0.01, 0.04, 0.15];
/** Channels per contact to make room for in a bulk load (most contacts have one or two). */
const ROWS_PER_CONTACT = 1.6;

interface Filters {
  status: number; // OPEN, CLOSED, or FREE for any
  /** The Mine inbox's agent (null: any); an agent with nothing ever assigned matches no one. */
  agent: string | null;
  /** Index in CHANNEL_TYPES, or -1 for any. */
  channelType: number;
  window: { state: WindowState | 'closing_soon'; closingMs: number } | null;
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
  private idOf: (string | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private used = 0; // high-water mark
  private capacity = 0;

  // Per-slot columns.
  /** lastActivityAt (ms) × STATUS_SPAN + status: one read for the sort and the status filter (exact: ms < 2^51). */
  private sortKey = new Float64Array(0);
  private readonly agents = new AgentSlots();
  private readonly channels: ChannelRows;
  private readonly text = new TextIndex();

  // Bitsets over slots for the filters that can be answered a word (32 contacts) at a time.
  private openBits = new Uint32Array(0);
  private closedBits = new Uint32Array(0);
  /** Every contact's slot (open or closed). */
  private liveBits = new Uint32Array(0);
  private readonly channelBits: Uint32Array[] = CHANNEL_TYPES.map(() => new Uint32Array(0));
  private readonly recent = new RecencyTiers(RECENT_SHARES);
  /**
   * Contacts per status, and per agent number and status (agent × 2 + closed): the totals of the lists with no
   * other filter — `/followup`'s own Mine/Closed — so those count without a pass over every word.
   */
  private readonly statusCount = [0, 0];
  private agentStatusCount = new Int32Array(64);

  /** An upsert's contact, derived as a batch of one (contact-batch.ts). */
  private readonly single: ContactBatchBuilder;
  // Scratch sets of one query, and its candidate words (index and value) after the filters.
  private readonly agentSet = new SlotSet();
  private candidateWord = new Int32Array(0);
  private candidateBits = new Int32Array(0);

  constructor(opts?: { rules?: RuleOverrides }) {
    this.rules = opts?.rules;
    this.channels = new ChannelRows();
    this.single = new ContactBatchBuilder(this.rules, 1);
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Makes room for this many contacts at once (a bulk load knows the count; growing by doubling copies). */
  reserve(contacts: number): void {
    if (contacts > this.capacity) this.growSlots(contacts);
    this.channels.reserveRows(Math.ceil(contacts * ROWS_PER_CONTACT));
  }

  upsert(contact: Contact): void {
    // Derive everything that can fail first, so a bad record leaves the index as it was.
    const single = this.single;
    single.reset();
    single.add(contact);
    this.apply(single.view(), 0);
  }

  /**
   * Every contact of a batch, in order, as `upsert` would take them one by one (a bulk load derives its
   * batches in a worker thread: contact-batch.ts).
   */
  addBatch(batch: ContactBatch): void {
    for (let i = 0; i < batch.count; i++) this.apply(batch, i);
  }

  private apply(batch: ContactBatch, i: number): void {
    const id = batch.ids[i]!;
    let slot = this.slotOf.get(id);
    const isNew = slot === undefined;
    if (slot === undefined) {
      slot = this.allocate();
      this.slotOf.set(id, slot);
      this.idOf[slot] = id;
    } else {
      this.count(slot, -1);
    }
    this.channels.write(slot, batch, i);
    const closed = batch.closed[i] === 1;
    const status = closed ? CLOSED : OPEN;
    const activity = batch.activity[i]!;
    this.sortKey[slot] = activity * STATUS_SPAN + status;
    setBit(closed ? this.closedBits : this.openBits, slot);
    clearBit(closed ? this.openBits : this.closedBits, slot);
    setBit(this.liveBits, slot);
    this.recent.set(slot, activity);
    this.agents.assign(slot, batch.assignees[i]!);
    this.count(slot, 1);
    this.updateChannelBits(slot, this.channels.mask[slot]!);
    this.text.set(slot, batch, i, isNew);
  }

  /** Adds `by` to the counts of the slot's status and agent (a live slot). */
  private count(slot: number, by: number): void {
    const closed = (this.closedBits[slot >>> 5]! >>> (slot & 31)) & 1;
    this.statusCount[closed]! += by;
    const agent = this.agents.agentOf(slot);
    if (agent < 0) return;
    if (2 * agent + 1 >= this.agentStatusCount.length) {
      const longer = new Int32Array(Math.max(2 * agent + 2, 2 * this.agentStatusCount.length));
      longer.set(this.agentStatusCount);
      this.agentStatusCount = longer;
    }
    this.agentStatusCount[2 * agent + closed]! += by;
  }

  /** How many contacts the status (and agent number, if not null) lists hold. */
  private countOf(status: number, agent: number | null): number {
    const [open, closed] = agent === null ? this.statusCount : [0, 1].map((c) => this.agentStatusCount[2 * agent + c]!);
    return status === OPEN ? open! : status === CLOSED ? closed! : open! + closed!;
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.count(slot, -1);
    this.slotOf.delete(id);
    this.idOf[slot] = undefined;
    this.sortKey[slot] = FREE;
    this.agents.unassign(slot);
    clearBit(this.openBits, slot);
    clearBit(this.closedBits, slot);
    clearBit(this.liveBits, slot);
    this.recent.set(slot, NaN);
    this.updateChannelBits(slot, 0);
    this.channels.clear(slot);
    this.text.clear(slot);
    this.freeSlots.push(slot);
  }

  search(query: SearchQuery, now: Date): IndexSearchResult {
    const q = searchQuerySchema.parse(query);
    const t = now.getTime();
    if (!Number.isFinite(t)) throw new TypeError('search: `now` is not a valid Date.');
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor);
    const filters = this.compileFilters(q);

    // The filters as sets of slots: sparse ones (which know their words) and bitsets.
    const sparse: SlotSet[] = [];
    const dense: Uint32Array[] = [
      filters.status === OPEN ? this.openBits : filters.status === CLOSED ? this.closedBits : this.liveBits,
    ];
    const terms = classifyQuery(q.text);
    if (terms.length > 0) sparse.push(this.text.match(terms));
    // A list by status (and agent) alone: its total is kept.
    const unfiltered = terms.length === 0 && filters.window === null && filters.channelType < 0;
    let knownTotal = unfiltered && filters.agent === null ? this.countOf(filters.status, null) : null;
    if (filters.agent !== null) {
      const agent = this.agents.numberOf(filters.agent);
      const bits = agent === undefined ? null : this.agents.bitsOf(agent);
      if (bits !== null) {
        dense.push(bits);
        if (unfiltered) knownTotal = this.countOf(filters.status, agent!);
      } else {
        this.agentSet.reset(this.capacity);
        if (agent !== undefined) this.agents.addSlotsOf(agent, this.agentSet);
        sparse.push(this.agentSet);
      }
    }
    if (filters.window !== null) {
      // The window filter is per row, so a channel filter is part of it (the state on that channel).
      this.channels.advanceTo(t);
      if (filters.window.state === 'closing_soon') {
        dense.push(this.channels.slotsClosingWithin(filters.window.closingMs, filters.channelType));
      } else {
        dense.push(this.channels.slotsInState(filters.window.state, filters.channelType));
      }
    } else if (filters.channelType >= 0) {
      dense.push(this.channelBits[filters.channelType]!);
    }
    return this.collectPage(sparse, dense, after, q.limit, knownTotal);
  }

  /**
   * ANDs the filters' sets a word at a time (over the words of the sparsest set, or all), counts the result,
   * and keeps the page after the cursor: newest first, then by id. The newest tier's matches first: once a
   * tier's fill the page, no older one can enter it, and the older ones are only counted.
   */
  private collectPage(
    sparse: SlotSet[],
    dense: Uint32Array[],
    after: CursorPosition | null,
    limit: number,
    knownTotal: number | null,
  ): IndexSearchResult {
    const { sortKey, idOf } = this;
    let driver: Int32Array | null = null;
    let driverWords = 0;
    const sets: Uint32Array[] = [...dense];
    for (const set of sparse) {
      sets.push(set.bits);
      const words = set.touchedWords();
      if (words !== null && (driver === null || set.touchedCount() < driverWords)) {
        driver = words;
        driverWords = set.touchedCount();
      }
    }
    const nWords = driver === null ? bitsetWords(this.used) : driverWords;
    const nSets = sets.length;
    // The words with matches, as candidates (index and bits). With dense sets only and many matches, they are
    // counted, not written out: the page is then read from the newest tier's own words, and the candidates
    // found in a second pass only if the page needs older tiers (-1: not found yet).
    if (this.candidateWord.length < nWords) {
      this.candidateWord = new Int32Array(bitsetWords(this.capacity));
      this.candidateBits = new Int32Array(bitsetWords(this.capacity));
    }
    const findCandidates = (maxWords: number): AndResult =>
      andWords(sets, driver, nWords, this.candidateWord, this.candidateBits, maxWords);
    // A kept total needs no pass at all until the page needs more than the newest tiers.
    const found =
      knownTotal !== null && driver === null ? null : findCandidates(driver === null ? nWords >>> 3 : nWords);
    const total = found === null ? knownTotal! : found.bits;
    let candidates = found?.complete ? found.words : -1;

    // The page, best first, as parallel lists of slots and activities.
    const page: number[] = [];
    const pageAct: number[] = [];
    let afterCursor = 0;
    const consider = (slot: number): void => {
      const act = Math.floor(sortKey[slot]! / STATUS_SPAN);
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
    /** Considers each slot of word w in `bits`; returns how many. */
    const considerWord = (w: number, bits: number): number => {
      let seen = 0;
      for (let word = bits; word !== 0; seen++) {
        const low = word & -word;
        consider((w << 5) | (31 - Math.clz32(low)));
        word ^= low;
      }
      return seen;
    };
    /** Considers the matches in tier t but not in the newer tier t - 1 (tier `tiers`: all); returns how many. */
    const visit = (t: number): number => {
      const inTier = t < this.recent.tiers ? this.recent.bits[t]! : null;
      const newer = t > 0 ? this.recent.bits[t - 1]! : null;
      let seen = 0;
      const summary = inTier === null ? null : this.recent.summary[t]!;
      // Reading the tier's own words costs its size for each set; the candidates, one pass (or their number).
      const tierCost = summary === null ? Infinity : summary.length + this.recent.size(t) * nSets;
      if (summary !== null && tierCost < (candidates < 0 ? nWords : candidates)) {
        // A small tier among many candidates: read the tier's own words (found by its summary) against the sets.
        for (let s = 0; s < summary.length; s++) {
          let present = summary[s]!;
          while (present !== 0) {
            const lowWord = present & -present;
            present ^= lowWord;
            const w = (s << 5) | (31 - Math.clz32(lowWord));
            let word = inTier![w]!;
            if (newer !== null) word &= ~newer[w]!;
            for (let k = 0; k < nSets && word !== 0; k++) word &= sets[k]![w]!;
            seen += considerWord(w, word);
          }
        }
        return seen;
      }
      if (candidates < 0) candidates = findCandidates(nWords).words;
      const { candidateWord, candidateBits } = this;
      for (let i = 0; i < candidates; i++) {
        const w = candidateWord[i]!;
        let word = candidateBits[i]!;
        if (inTier !== null) word &= inTier[w]!;
        if (newer !== null) word &= ~newer[w]!;
        seen += considerWord(w, word);
      }
      return seen;
    };

    this.recent.recut(this.slotOf.size, this.used, this.activityOf);
    // Every contact outside a tier is older than every one in it. So once a tier's matches fill the page (the
    // cursor then being at one of them or newer), the others are all after the cursor and off the page.
    let visited = 0;
    for (let t = 0; t <= this.recent.tiers && page.length < limit; t++) visited += visit(t);
    afterCursor += total - visited;

    const last = page.length - 1;
    return {
      total,
      ids: page.map((s) => idOf[s]!),
      nextCursor:
        afterCursor > limit && last >= 0 ? encodeCursor({ activity: pageAct[last]!, id: idOf[page[last]!]! }) : null,
    };
  }

  private compileFilters(q: ParsedSearchQuery): Filters {
    let agent: string | null = null;
    if (q.inbox === 'mine') {
      if (q.agentId === undefined || q.agentId === '') {
        throw new Error('Inbox "mine" needs `agentId`, the asking agent\'s Slack user id.');
      }
      agent = q.agentId;
    }
    return {
      status: q.status === 'closed' ? CLOSED : q.status === 'open' ? OPEN : FREE,
      agent,
      channelType: q.channel === undefined ? -1 : CHANNEL_INDEX.get(q.channel)!,
      window: q.windowState === undefined ? null : { state: q.windowState, closingMs: q.closingWithinHours * HOUR_MS },
    };
  }

  // ---- slots ----

  private allocate(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.capacity) this.growSlots(Math.max(1024, this.capacity * 2));
    return this.used++;
  }

  private growSlots(size: number): void {
    this.idOf = grownList(this.idOf, size, undefined);
    this.sortKey = grown(this.sortKey, size, FREE);
    this.agents.growSlots(size);
    const words = bitsetWords(size);
    this.openBits = grown(this.openBits, words, 0);
    this.closedBits = grown(this.closedBits, words, 0);
    this.liveBits = grown(this.liveBits, words, 0);
    this.recent.growSlots(size);
    for (let t = 0; t < this.channelBits.length; t++) this.channelBits[t] = grown(this.channelBits[t]!, words, 0);
    this.channels.growSlots(size);
    this.text.growSlots(size);
    this.capacity = size;
  }

  // ---- filter bitsets ----

  private updateChannelBits(slot: number, mask: number): void {
    for (let type = 0; type < this.channelBits.length; type++) {
      if ((mask & (1 << type)) !== 0) setBit(this.channelBits[type]!, slot);
      else clearBit(this.channelBits[type]!, slot);
    }
  }

  /** A slot's activity (ms), NaN for a free slot. */
  private readonly activityOf = (slot: number): number => {
    const key = this.sortKey[slot]!;
    return key === FREE ? NaN : Math.floor(key / STATUS_SPAN);
  };
}
