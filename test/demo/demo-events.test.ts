/** The demo data shows every window state, in the seed's six languages, over all ten channel types. */
import { describe, expect, it } from 'vitest';
import { generateDemoEvents, isAgentAssignment } from '../../src/demo/demo-events.js';
import { windowStatusFor } from '../../src/followup/index.js';
import { applyEvents } from '../../src/ingest/index.js';
import { CHANNEL_TYPES, WINDOW_STATES } from '../../src/policy/index.js';
import { openStore } from '../../src/store/index.js';

describe('generateDemoEvents', () => {
  it('applies cleanly and covers every state, channel and language', async () => {
    const now = new Date('2026-11-21T12:00:00Z');
    const store = await openStore('memory://');
    const results = await applyEvents(store, generateDemoEvents({ now, count: 300, agents: ['U0001'] }));
    expect(results.filter((r) => r.status !== 'accepted')).toEqual([]);
    const states = new Set<string>();
    const channels = new Set<string>();
    const languages = new Set<string>();
    let closed = 0;
    for await (const c of store.contacts.loadAll()) {
      languages.add(c.language);
      if (c.status === 'closed') closed++;
      for (const s of await windowStatusFor(c, now, { store, rules: {} })) {
        states.add(s.status.state);
        channels.add(s.channel.type);
      }
    }
    expect([...states].sort()).toEqual([...WINDOW_STATES].sort());
    expect([...channels].sort()).toEqual([...CHANNEL_TYPES].sort());
    expect([...languages].sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'vi']);
    expect(closed).toBeGreaterThan(100);
    expect((await store.templates.list()).length).toBeGreaterThan(5);
    await store.close();
  });

  it('the demo data proper does not depend on the agents; the assignment to them is named by the agent list', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    const plain = generateDemoEvents({ now, count: 50 });
    const forOne = generateDemoEvents({ now, count: 50, agents: ['U0001'] });
    const forTwo = generateDemoEvents({ now, count: 50, agents: ['U0001', 'U0002'] });
    expect(plain.filter(isAgentAssignment)).toEqual([]);
    // A second seed replays every one of these ids: the store reports them as duplicates.
    expect(forOne.filter((e) => !isAgentAssignment(e))).toEqual(plain);
    expect(forTwo.filter((e) => !isAgentAssignment(e))).toEqual(plain);
    const assignments = (events: typeof plain) => events.filter(isAgentAssignment);
    expect(assignments(forOne).length).toBeGreaterThan(30);
    expect(new Set(assignments(forOne).map((e) => e.assignee))).toEqual(new Set(['U0001']));
    expect(new Set(assignments(forTwo).map((e) => e.assignee))).toEqual(new Set(['U0001', 'U0002']));
    // Other agents, other ids: ingest applies them instead of dropping them as replays.
    const ids = new Set(assignments(forOne).map((e) => e.id));
    expect(assignments(forTwo).filter((e) => ids.has(e.id))).toEqual([]);
  });
});
