/** The demo data shows every window state, in the seed's six languages, over all ten channel types. */
import { describe, expect, it } from 'vitest';
import { generateDemoEvents } from '../../src/demo/demo-events.js';
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
});
