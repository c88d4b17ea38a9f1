/**
 * An indexed binary min-heap: O(1) peek, O(log n) push/remove/update, and `collectUpTo` in O(k) for the k
 * items at or below a bound. Each item remembers its own position, so a cancelled entry leaves the heap at
 * once instead of lingering until it would have fallen due.
 */
export interface HeapItem {
  /** Position in the heap; -1 when not in it. Owned by the heap. */
  heapIndex: number;
}

export class IndexedMinHeap<T extends HeapItem> {
  private items: T[] = [];

  constructor(private readonly priority: (item: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  has(item: T): boolean {
    return item.heapIndex >= 0 && this.items[item.heapIndex] === item;
  }

  push(item: T): void {
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.up(item.heapIndex);
  }

  /** Builds the heap from scratch in O(n) (start-up restore). */
  replaceAll(items: T[]): void {
    for (const old of this.items) old.heapIndex = -1;
    this.items = items.slice();
    this.items.forEach((it, i) => {
      it.heapIndex = i;
    });
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  remove(item: T): boolean {
    if (!this.has(item)) return false;
    const i = item.heapIndex;
    const last = this.items.pop()!;
    item.heapIndex = -1;
    if (last !== item) {
      this.items[i] = last;
      last.heapIndex = i;
      this.up(i);
      this.down(last.heapIndex);
    }
    return true;
  }

  /** Call after the item's priority changed (or push it if it is not in the heap). */
  update(item: T): void {
    if (!this.has(item)) {
      this.push(item);
      return;
    }
    this.up(item.heapIndex);
    this.down(item.heapIndex);
  }

  /** Every item with priority ≤ bound, without removing them: visits only those items and their children. */
  collectUpTo(bound: number): T[] {
    const out: T[] = [];
    const stack = this.items.length ? [0] : [];
    while (stack.length) {
      const i = stack.pop()!;
      const it = this.items[i]!;
      if (this.priority(it) > bound) continue;
      out.push(it);
      const l = 2 * i + 1;
      if (l < this.items.length) stack.push(l);
      if (l + 1 < this.items.length) stack.push(l + 1);
    }
    return out;
  }

  private up(i: number): void {
    const { items } = this;
    const it = items[i]!;
    const p = this.priority(it);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pit = items[parent]!;
      if (this.priority(pit) <= p) break;
      items[i] = pit;
      pit.heapIndex = i;
      i = parent;
    }
    items[i] = it;
    it.heapIndex = i;
  }

  private down(i: number): void {
    const { items } = this;
    const n = items.length;
    const it = items[i]!;
    const p = this.priority(it);
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.priority(items[r]!) < this.priority(items[l]!)) c = r;
      const cit = items[c]!;
      if (this.priority(cit) >= p) break;
      items[i] = cit;
      cit.heapIndex = i;
      i = c;
    }
    items[i] = it;
    it.heapIndex = i;
  }
}
