/**
 * loadSearchIndex over a real SQLite store: every stored contact indexed once and handed to `each`, the same
 * answers as an index built contact by contact, and an index loaded for one query (`couldMatch`) answering
 * that query exactly as the full one does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactIndex } from '../../src/contacts/index.js';
import { couldMatch, loadSearchIndex } from '../../src/contacts/load-index.js';
import type { Contact } from '../../src/contacts/model.js';
import type { SearchQuery } from '../../src/contacts/query.js';
import { mulberry32 } from '../../src/demo/demo-events.js';
import { CHANNEL_TYPES, WINDOW_STATES } from '../../src/policy/index.js';
import { type Store, openStore } from '../../src/store/index.js';
import { DAY, HOUR, MINUTE, NOW, iso, makeContact } from './helpers.js';

const AGENTS = ['U1', 'U2'];
const rand = mulberry32(5);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const contacts: Contact[] = Array.from({ length: 1500 }, (_, i) =>
  makeContact({
    id: `c-${i}`,
    firstName: pick(['Linh', 'Minh', 'Jürgen', 'محمد']),
    lastName: pick(['Nguyễn', 'Müller', 'Trần']),
    email: `${pick(['linh', 'ops'])}${i}@${pick(['example.vn', 'firma.de'])}`,
    phone: `+84 912 ${String(100000 + i).slice(-6)}`,
    status: rand() < 0.6 ? 'closed' : 'open',
    assignee: rand() < 0.8 ? pick(AGENTS) : null,
    activityAgo: Math.floor(rand() * 500) * MINUTE,
    channels: Array.from({ length: Math.floor(rand() * 3) }, () => ({
      type: pick(CHANNEL_TYPES),
      lastInboundAt: rand() < 0.2 ? null : iso(NOW.getTime() - Math.floor(rand() * 9 * DAY)),
    })),
  }),
);

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followup-load-index-'));
  store = await openStore(`sqlite://${join(dir, 'store.sqlite')}`);
  await store.contacts.putMany(contacts);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function randomQuery(): SearchQuery {
  return {
    text: pick(['', '', 'linh', 'nguyen', 'ops1', '@firma.de', '5678', '912 100']),
    status: pick(['closed', 'open', 'any'] as const),
    limit: 50,
    ...(rand() < 0.3 ? { inbox: 'mine' as const, agentId: pick([...AGENTS, 'U9']) } : {}),
    ...(rand() < 0.4 ? { channel: pick(CHANNEL_TYPES) } : {}),
    ...(rand() < 0.5 ? { windowState: pick([...WINDOW_STATES, 'closing_soon'] as const) } : {}),
  };
}

describe('loadSearchIndex', () => {
  it('indexes each stored contact once, hands it to `each`, answers as contact-by-contact upserts do', async () => {
    const seen: string[] = [];
    const loaded = await loadSearchIndex(store, { now: NOW, each: (c) => seen.push(c.id) });
    expect(loaded.size).toBe(contacts.length);
    expect(seen.sort()).toEqual(contacts.map((c) => c.id).sort());
    const built = new ContactIndex();
    for (const c of contacts) built.upsert(c);
    for (let q = 0; q < 60; q++) {
      const query = randomQuery();
      const now = new Date(NOW.getTime() + Math.floor(rand() * 48) * HOUR);
      expect(loaded.search(query, now), JSON.stringify(query)).toEqual(built.search(query, now));
    }
  });

  it('loaded for one query (couldMatch), answers that query as the full index does', async () => {
    const full = await loadSearchIndex(store, { now: NOW });
    let narrowed = 0;
    for (let q = 0; q < 60; q++) {
      const query = randomQuery();
      const only = await loadSearchIndex(store, { now: NOW, only: couldMatch(query), warm: false });
      if (only.size < full.size) narrowed++;
      expect(only.search(query, NOW), JSON.stringify(query)).toEqual(full.search(query, NOW));
    }
    expect(narrowed).toBeGreaterThan(40);
  });
});
