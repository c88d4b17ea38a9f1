/**
 * The Mine inbox: each agent's contact slots as a list (removal swaps in the last entry, so every change is
 * O(1)), so "assigned to U1" costs U1's contacts rather than a pass over every contact.
 */
import type { SlotSet } from './bitset.js';

export class AgentSlots {
  private readonly numbers = new Map<string, number>();
  private lists: Int32Array[] = [];
  private sizes: number[] = [];
  /** Per slot: its agent's number, or -1; and its position in that agent's list. */
  private agentOf = new Int32Array(0);
  private position = new Int32Array(0);

  growSlots(size: number): void {
    const agentOf = new Int32Array(size).fill(-1);
    agentOf.set(this.agentOf);
    const position = new Int32Array(size);
    position.set(this.position);
    this.agentOf = agentOf;
    this.position = position;
  }

  /** The agent's number, or undefined for an agent with nothing ever assigned. */
  numberOf(agent: string): number | undefined {
    return this.numbers.get(agent);
  }

  assign(slot: number, agent: string | null): void {
    const next = agent === null ? -1 : this.intern(agent);
    if (this.agentOf[slot] === next) return;
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
    this.agentOf[slot] = next;
    this.position[slot] = size;
  }

  unassign(slot: number): void {
    const agent = this.agentOf[slot]!;
    if (agent < 0) return;
    const list = this.lists[agent]!;
    const last = --this.sizes[agent]!;
    const at = this.position[slot]!;
    const moved = list[last]!;
    list[at] = moved;
    this.position[moved] = at;
    this.agentOf[slot] = -1;
  }

  /** Adds the agent's slots to `into`. */
  addSlotsOf(agentNumber: number, into: SlotSet): void {
    const list = this.lists[agentNumber]!;
    for (let i = 0, n = this.sizes[agentNumber]!; i < n; i++) into.add(list[i]!);
  }

  private intern(agent: string): number {
    let n = this.numbers.get(agent);
    if (n === undefined) {
      n = this.lists.length;
      this.numbers.set(agent, n);
      this.lists.push(new Int32Array(16));
      this.sizes.push(0);
    }
    return n;
  }
}
