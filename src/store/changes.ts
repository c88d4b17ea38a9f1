/**
 * Change notification for a repository: listeners run synchronously after each successful write, with the
 * record as stored. A listener's exception reaches the writer after the write is durable.
 */
export class ChangeFeed<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Returns the unsubscriber. */
  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(values: readonly T[]): void {
    if (this.listeners.size === 0) return;
    for (const value of values) for (const listener of this.listeners) listener(value);
  }
}
