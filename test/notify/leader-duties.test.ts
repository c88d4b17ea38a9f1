/**
 * LeaderDuties against a leadership the test hands over and takes back (the Leadership contract, as
 * store.leadership gives it): duties run exactly while this replica leads, in order, one change at a time.
 */
import { describe, expect, it } from 'vitest';
import { LeaderDuties, type LeaderDuty } from '../../src/notify/index.js';
import type { Leadership } from '../../src/store/index.js';

class HandedLeadership implements Leadership {
  private leader = false;
  private readonly listeners = new Set<(leader: boolean) => void>();
  stopped = false;
  isLeader = () => this.leader;
  onChange(listener: (leader: boolean) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(leader: boolean) {
    this.leader = leader;
    for (const l of this.listeners) l(leader);
  }
  async stop() {
    this.stopped = true;
    this.set(false);
  }
}

const quiet = { info: () => {}, error: () => {} };

function recording(log: string[], name: string, opts: { startMs?: number; failStarts?: number } = {}): LeaderDuty {
  let failures = opts.failStarts ?? 0;
  return {
    name,
    async start() {
      log.push(`start ${name}`);
      if (opts.startMs) await new Promise((r) => setTimeout(r, opts.startMs));
      if (failures-- > 0) throw new Error('store unreachable');
    },
    stop: () => void log.push(`stop ${name}`),
  };
}

describe('LeaderDuties', () => {
  it('a shutdown during a slow start leaves nothing running (no notifier on a closing store)', async () => {
    const leadership = new HandedLeadership();
    const log: string[] = [];
    const duties = new LeaderDuties(
      leadership,
      [recording(log, 'notifier', { startMs: 50 }), recording(log, 'outbox')],
      { log: quiet },
    );
    await duties.begin();
    leadership.set(true);
    await new Promise((r) => setTimeout(r, 10)); // the notifier is still starting
    await duties.end();
    expect(duties.role()).toBe('follower');
    expect(log).toEqual(['start notifier', 'stop notifier']);
  });

  it('start in order on gaining leadership, stop in reverse on losing it, and say the role', async () => {
    const leadership = new HandedLeadership();
    const log: string[] = [];
    const duties = new LeaderDuties(leadership, [recording(log, 'notifier'), recording(log, 'outbox')], {
      log: quiet,
    });
    await duties.begin();
    expect(duties.role()).toBe('follower');
    leadership.set(true);
    await duties.settled();
    expect(duties.role()).toBe('leader');
    leadership.set(false);
    await duties.settled();
    expect(duties.role()).toBe('follower');
    expect(log).toEqual(['start notifier', 'start outbox', 'stop outbox', 'stop notifier']);
  });

  it('a loss while starting waits for the start, then stops what started', async () => {
    const leadership = new HandedLeadership();
    const log: string[] = [];
    const duties = new LeaderDuties(leadership, [recording(log, 'notifier', { startMs: 30 })], { log: quiet });
    await duties.begin();
    leadership.set(true);
    await new Promise((r) => setTimeout(r, 5)); // the start is under way
    leadership.set(false);
    await duties.settled();
    expect(log).toEqual(['start notifier', 'stop notifier']);
    expect(duties.role()).toBe('follower');
  });

  it('a start that fails stops what started and is tried again while still leading', async () => {
    const leadership = new HandedLeadership();
    const log: string[] = [];
    const duties = new LeaderDuties(
      leadership,
      [recording(log, 'outbox'), recording(log, 'notifier', { failStarts: 1 })],
      { log: quiet, retryMs: 20 },
    );
    leadership.set(true);
    await duties.begin();
    expect(duties.role()).toBe('follower');
    await new Promise((r) => setTimeout(r, 60));
    await duties.settled();
    expect(duties.role()).toBe('leader');
    expect(log).toEqual(['start outbox', 'start notifier', 'stop outbox', 'start outbox', 'start notifier']);
    await duties.end();
    expect(leadership.stopped).toBe(true);
    expect(log.slice(-2)).toEqual(['stop notifier', 'stop outbox']);
  });
});
