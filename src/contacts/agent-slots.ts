/**
 * The Mine inbox: each agent's contact slots as a list (removal swaps in the last entry, so every change is
 * O(1)), so "assigned to U1" costs U1's contacts rather than a pass over every contact.
 *
 * An agent holding more than 1/32 of the slots also gets a bitset of them, kept with the list: the query then
 * ANDs it a word at a time like the status bitsets, instead of copying 50k slots into a scratch set (at 1M
 * contacts over 20 agents that copy was most of the Mine inbox's cost). The bitset is then no larger than the
 * list, so at most 32 agents have one; it is dropped when the agent falls under 1/64.
 */
import { type SlotSet, bitsetWords, clearBit, setBit } from './bitset.js';

export class AgentSlots {
  private readonly numbers = new Map<string, number>();
  private lists: Int32Array[] = [];
  private sizes: number[] = [];
  private bits: (Uint32Array | null)[] = [];
  private capacity = 0;
  /** Per slot: its agent's number, or -1; and its position in that agent's list. */
  private agentNumber = new Int32Array(0);
  private position = new Int32Array(0);

  growSlots(size: number): void {
    const agentOf = new Int32Array(size).fill(-1);
    agentOf.set(this.agentNumber);
    const position = new Int32Array(size);
    position.set(this.position);
    this.agentNumber = agentOf;
    this.position = position;
    this.capacity = size;
    this.bits = this.bits.map((old) => {
      if (old === null) return null;
      const next = new Uint32Array(bitsetWords(size));
      next.set(old);
      return next;
    });
  }

  /** The number of the slot's agent, or -1. */
  agentOf(slot: number): number {
    return this.agentNumber[slot]!;
  }

  /** The agent's number, or undefined for an agent with nothing ever assigned. */
  numberOf(agent: string): number | undefined {
    return this.numbers.get(agent);
  }

  assign(slot: number, agent: string | null): void {
    const next = agent === null ? -1 : this.intern(agent);
    if (this.agentNumber[slot] === next) return;
    this.unassign(slot);
    if (next < 0) return;
    let list = this.lists[next]!;
    const size = this.sizes[next]!;
    if (size === list.length) {
      const longer = new Int32Array(Math.max(16, size * 2));
      longer.set(list);
      this.lists[next] = list = longer;
    }
    list[size] = slot;
    this.sizes[next] = size + 1;
    this.agentNumber[slot] = next;
    this.position[slot] = size;
    const bits = this.bits[next];
    if (bits) setBit(bits, slot);
    else if ((size + 1) * 32 > this.capacity) this.keepBits(next);
  }

  unassign(slot: number): void {
    const agent = this.agentNumber[slot]!;
    if (agent < 0) return;
    const list = this.lists[agent]!;
    const last = --this.sizes[agent]!;
    const at = this.position[slot]!;
    const moved = list[last]!;
    list[at] = moved;
    this.position[moved] = at;
    this.agentNumber[slot] = -1;
    const bits = this.bits[agent];
    if (!bits) return;
    clearBit(bits, slot);
    if (last * 64 < this.capacity) this.bits[agent] = null;
  }

  /** The agent's slots as a bitset over every slot, when it holds enough of them to keep one; else null. */
  bitsOf(agentNumber: number): Uint32Array | null {
    return this.bits[agentNumber]!;
  }

  /** Adds the agent's slots to `into`. */
  addSlotsOf(agentNumber: number, into: SlotSet): void {
    const list = this.lists[agentNumber]!;
    for (let i = 0, n = this.sizes[agentNumber]!; i < n; i++) into.add(list[i]!);
  }

  private keepBits(agent: number): void {
    const bits = new Uint32Array(bitsetWords(this.capacity));
    const list = this.lists[agent]!;
    for (let i = 0, n = this.sizes[agent]!; i < n; i++) setBit(bits, list[i]!);
    this.bits[agent] = bits;
  }

  private intern(agent: string): number {
    let n = this.numbers.get(agent);
    if (n === undefined) {
      n = this.lists.length;
      this.numbers.set(agent, n);
      this.lists.push(new Int32Array(16));
      this.sizes.push(0);
      this.bits.push(null);
    }
    return n;
  }
}
