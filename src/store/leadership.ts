/**
 * Leadership: which replica does the work that must happen once across the fleet (posting notifications,
 * draining the outbox). A single-process store (SQLite, memory) is always the leader; PostgreSQL elects one
 * replica per name with a session advisory lock (postgres/leadership.ts).
 */
export interface Leadership {
  isLeader(): boolean;
  /** Called with the new role each time it changes; returns the unsubscriber. */
  onChange(listener: (leader: boolean) => void): () => void;
  /** Gives the role up (another replica takes it at its next try) and stops trying. */
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  /** How often a follower tries to become leader, and a leader checks its connection (ms, default 5,000). */
  retryMs?: number;
}

export const DEFAULT_LEADER_RETRY_MS = 5_000;

/** The only process on its store: leader from the start until stopped. */
export function soleLeadership(): Leadership {
  let leader = true;
  const listeners = new Set<(leader: boolean) => void>();
  return {
    isLeader: () => leader,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      if (!leader) return;
      leader = false;
      for (const listener of listeners) listener(false);
    },
  };
}
