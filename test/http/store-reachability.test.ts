/**
 * StoreReachability: how the front doors (/healthz, the Slack gate) ask whether the store answers. A burst asks
 * the store once; an outage seen anywhere shows at once; the next check after the cache age finds it back.
 */
import { describe, expect, it } from 'vitest';
import { StoreReachability, StoreUnavailableError } from '../../src/store/index.js';

/** A store whose health the test sets, counting how often it was asked; time is a variable the test moves. */
function setup(maxAgeMs = 1_000) {
  let nowMs = 0;
  const store = {
    asked: 0,
    answer: { ok: true, detail: 'postgres://db: ok (1 ms)' } as { ok: boolean; detail: string },
    async health() {
      store.asked++;
      return store.answer;
    },
  };
  const reachability = new StoreReachability(store, maxAgeMs, () => nowMs);
  return { store, reachability, advance: (ms: number) => (nowMs += ms) };
}

describe('StoreReachability', () => {
  it('a burst of checks asks the store once, and again once the answer is older than its age', async () => {
    const { store, reachability, advance } = setup();
    const answers = await Promise.all(Array.from({ length: 20 }, () => reachability.check()));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(store.asked).toBe(1);
    advance(999);
    await reachability.check();
    expect(store.asked).toBe(1);
    advance(1);
    store.answer = { ok: false, detail: 'Followup cannot reach its store (postgres://db): connection refused' };
    expect(await reachability.check()).toEqual(store.answer);
    expect(store.asked).toBe(2);
  });

  it('an outage seen by a request shows at once; the next check after the age finds the store back', async () => {
    const { store, reachability, advance } = setup();
    await reachability.check();
    const outage = new StoreUnavailableError('postgres://db', 'connection refused');
    expect(reachability.isOutage(outage)).toBe(true);
    expect(await reachability.check()).toEqual({ ok: false, detail: outage.message });
    expect(store.asked).toBe(1);
    advance(1_000);
    expect((await reachability.check()).ok).toBe(true);
  });

  it('other errors are not outages and change nothing', async () => {
    const { reachability } = setup();
    expect(reachability.isOutage(new Error('duplicate key value violates unique constraint'))).toBe(false);
    expect(reachability.isOutage(undefined)).toBe(false);
    expect((await reachability.check()).ok).toBe(true);
  });

  it('a health check that throws counts as unreachable, with its message', async () => {
    const failing = new StoreReachability({
      health: async () => {
        throw new Error('socket hang up');
      },
    });
    expect(await failing.check()).toEqual({ ok: false, detail: 'socket hang up' });
  });
});
