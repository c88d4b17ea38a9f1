/**
 * The window-state filters against the policy core itself: random contacts, random changes and removals,
 * and queries at random instants — forwards and backwards, small steps and long jumps, and exactly at, just
 * before and just after the instants windows change — each compared with a brute-force scan that calls
 * evaluateWindow on every channel of every live contact. Results (ids, in order) and totals must be equal.
 */
import { describe, expect, it } from 'vitest';
import { ContactIndex } from '../../src/contacts/index.js';
import type { Contact, ContactChannel } from '../../src/contacts/model.js';
import type { SearchQuery } from '../../src/contacts/query.js';
import { mulberry32 } from '../../src/demo/demo-events.js';
import {
  CHANNEL_TYPES,
  type ChannelType,
  type RuleOverrides,
  WINDOW_STATES,
  type WindowStatus,
  evaluateWindow,
} from '../../src/policy/index.js';
import { DAY, HOUR, MINUTE, NOW, iso, makeContact } from './helpers.js';

type Filter = (typeof WINDOW_STATES)[number] | 'closing_soon';
const FILTERS: readonly Filter[] = [...WINDOW_STATES, 'closing_soon'];
const AGENTS = ['U1', 'U2', 'U3'];
/** U4 holds a few contacts (kept as a list; U1–U3 hold enough for a bitset), U5 none. */
const RARE_AGENT = 'U4';
const QUERY_AGENTS = [...AGENTS, RARE_AGENT, 'U5'];

/** What the policy core says about one stored channel at `now` (the Viber quota evaluated as unused). */
function policyAt(ch: ContactChannel, now: Date, rules: RuleOverrides): WindowStatus {
  return evaluateWindow({
    channel: ch.type,
    now,
    lastInboundAt: ch.lastInboundAt === null ? null : new Date(ch.lastInboundAt),
    outboundSinceInbound: ch.outboundSinceInbound,
    chatbotInitiatedThisMonth: 0,
    ...(ch.subscribed === undefined ? {} : { subscribed: ch.subscribed }),
    ...(ch.lastInboundWindowHours === undefined ? {} : { anchorWindowHours: ch.lastInboundWindowHours }),
    ...(ch.closedByProviderAt ? { closedByProviderAt: new Date(ch.closedByProviderAt) } : {}),
    rules,
  });
}

function inFilter(status: WindowStatus, filter: Filter, now: Date, closingMs: number): boolean {
  if (filter !== 'closing_soon') return status.state === filter;
  return (
    (status.state === 'open' || status.state === 'human_agent') &&
    status.windowClosesAt !== null &&
    status.windowClosesAt.getTime() - now.getTime() <= closingMs
  );
}

function newestFirst(contacts: Contact[]): string[] {
  return contacts
    .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || (a.id < b.id ? -1 : 1))
    .map((c) => c.id);
}

/** Instants around which windows change: the anchors plus each window length, and provider cuts. */
const WINDOW_LENGTHS = [0, 12 * HOUR, 24 * HOUR, 48 * HOUR, 7 * DAY, 3 * DAY];

function scenario(seed: number, rules: RuleOverrides): { queries: number; nonEmpty: number } {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const span = 12 * DAY;
  const randomInstant = () => NOW.getTime() - span + Math.floor(rand() * (span + 2 * HOUR));

  const randomChannel = (type: ChannelType): Record<string, unknown> => {
    const anchor = rand() < 0.15 ? null : randomInstant();
    return {
      type,
      lastInboundAt: anchor === null ? null : iso(anchor),
      outboundSinceInbound: rand() < 0.2 ? 20 + Math.floor(rand() * 3) : Math.floor(rand() * 6),
      ...(rand() < 0.15 ? { lastInboundWindowHours: pick([1, 30, 72, 168, 500]) } : {}),
      ...(rand() < 0.3 ? { subscribed: rand() < 0.6 } : {}),
      ...(anchor !== null && rand() < 0.15
        ? { closedByProviderAt: iso(anchor + Math.floor((rand() - 0.2) * 3 * DAY)) }
        : {}),
    };
  };
  const randomContact = (id: string): Contact =>
    makeContact({
      id,
      firstName: pick(['Linh', 'Minh', 'Anna']),
      status: rand() < 0.6 ? 'closed' : 'open',
      assignee: rand() < 0.8 ? (rand() < 0.02 ? RARE_AGENT : pick(AGENTS)) : null,
      activityAgo: Math.floor(rand() * 400) * MINUTE, // ties on purpose: the id breaks them
      channels: Array.from({ length: Math.floor(rand() * 4) }, () => randomChannel(pick(CHANNEL_TYPES))),
    });

  const index = new ContactIndex({ rules });
  const live = new Map<string, Contact>();
  const put = (c: Contact) => {
    live.set(c.id, c);
    index.upsert(c);
  };
  let nextId = 0;
  for (let i = 0; i < 2500; i++) put(randomContact(`c${nextId++}`));

  // Instants to query at: exactly at, 1 ms before and 1 ms after the instants windows change.
  const edges = (): number[] => {
    const c = pick([...live.values()]);
    const ch = c.channels.length > 0 ? pick(c.channels) : null;
    if (ch === null || ch.lastInboundAt === null) return [randomInstant()];
    const base =
      ch.closedByProviderAt && rand() < 0.3 ? Date.parse(ch.closedByProviderAt) : Date.parse(ch.lastInboundAt);
    // A window's close, or 24 h before it: where it enters "closing within 24 h", the span the index keeps a set for.
    const edge =
      base +
      pick(WINDOW_LENGTHS) +
      (ch.lastInboundWindowHours && rand() < 0.3 ? ch.lastInboundWindowHours * HOUR : 0) -
      (rand() < 0.4 ? 24 * HOUR : 0);
    return [edge - 1, edge, edge + 1];
  };

  let queries = 0;
  let nonEmpty = 0;
  let clock = NOW.getTime();
  for (let round = 0; round < 40; round++) {
    // Changes between queries: new contacts, moved anchors, channels added and dropped, removals.
    for (let k = 0; k < 300; k++) {
      const r = rand();
      const ids = [...live.keys()];
      if (r < 0.3) put(randomContact(`c${nextId++}`));
      else if (r < 0.4) {
        const id = pick(ids);
        live.delete(id);
        index.remove(id);
      } else put({ ...randomContact(pick(ids)) });
    }
    // Small steps forward (as a live clock moves), jumps both ways, and window edges.
    const step = pick(['tick', 'tick', 'jump', 'edges']);
    const instants =
      step === 'tick' ? [clock + Math.floor(rand() * 5 * MINUTE)] : step === 'jump' ? [randomInstant()] : edges();
    for (const t of instants) {
      clock = t;
      const now = new Date(t);
      const contacts = [...live.values()];
      const statuses = new Map(contacts.map((c) => [c.id, c.channels.map((ch) => policyAt(ch, now, rules))]));
      for (let q = 0; q < 6; q++) {
        const filter = pick(FILTERS);
        const channel = rand() < 0.5 ? undefined : pick(CHANNEL_TYPES);
        const status = pick(['any', 'closed', 'open'] as const);
        const agent = rand() < 0.3 ? pick(QUERY_AGENTS) : undefined;
        // closing_soon: the default 24 h (a set kept current), or up to exactly (±1 ms) when some free-text window
        // closes (read from the windows by close).
        const closes = [...statuses.values()].flat().filter((s) => s.state === 'open' || s.state === 'human_agent');
        const closingWithinHours =
          rand() < 0.5 || closes.length === 0
            ? 24
            : Math.max(1, pick(closes).windowClosesAt!.getTime() - t + pick([-1, 0, 0, 1])) / HOUR;
        const closingMs = closingWithinHours * HOUR;
        const expected = newestFirst(
          contacts.filter(
            (c) =>
              (status === 'any' || c.status === status) &&
              (agent === undefined || c.assignee === agent) &&
              c.channels.some(
                (ch, i) =>
                  (channel === undefined || ch.type === channel) &&
                  inFilter(statuses.get(c.id)![i]!, filter, now, closingMs),
              ),
          ),
        );
        const query: SearchQuery = {
          status,
          windowState: filter,
          closingWithinHours,
          limit: 100,
          ...(channel === undefined ? {} : { channel }),
          ...(agent === undefined ? {} : { inbox: 'mine', agentId: agent }),
        };
        const label = `seed ${seed} round ${round} at ${iso(t)} ${JSON.stringify(query)}`;
        const got = index.search(query, now);
        expect(got.total, label).toBe(expected.length);
        expect(got.ids, label).toEqual(expected.slice(0, 100));
        if (q === 0) {
          // Every page, through the cursor, while the instant stays the same.
          const pages: string[] = [];
          let cursor: string | undefined;
          do {
            const page = index.search({ ...query, limit: 13, ...(cursor === undefined ? {} : { cursor }) }, now);
            expect(page.total, label).toBe(expected.length);
            pages.push(...page.ids);
            cursor = page.nextCursor ?? undefined;
          } while (cursor !== undefined && pages.length <= expected.length);
          expect(pages, label).toEqual(expected);
        }
        queries++;
        if (expected.length > 0) nonEmpty++;
      }
    }
  }
  return { queries, nonEmpty };
}

describe('ContactIndex window filters against a brute-force scan of evaluateWindow', () => {
  it('agrees at random instants and at window edges, with the default rules', () => {
    const { queries, nonEmpty } = scenario(12, {});
    expect(queries).toBeGreaterThan(250);
    expect(nonEmpty / queries).toBeGreaterThan(0.4);
  });

  it('agrees with overridden rules (longer and shorter windows, no tags, no free Viber quota)', () => {
    const rules: RuleOverrides = {
      whatsapp: { windowHours: 48 },
      messenger: { afterWindowTags: [], humanAgentDays: 3 },
      instagram: { humanAgentDays: 0 },
      wechat: { maxOutbound: 5 },
      viber: { freeMonthly: 0 },
      sms: { windowHours: 12 },
    };
    const { queries, nonEmpty } = scenario(34, rules);
    expect(queries).toBeGreaterThan(250);
    expect(nonEmpty / queries).toBeGreaterThan(0.4);
  });

  it('answers a query at a later instant after the windows moved, without a write in between', () => {
    const index = new ContactIndex();
    const anchor = NOW.getTime() - 23 * HOUR;
    index.upsert(makeContact({ id: 'wa', channels: [{ type: 'whatsapp', lastInboundAt: iso(anchor) }] }));
    const at = (t: number, windowState: Filter) => index.search({ status: 'any', windowState }, new Date(t)).ids;
    expect(at(NOW.getTime(), 'open')).toEqual(['wa']);
    expect(at(anchor + 24 * HOUR - 1, 'open')).toEqual(['wa']);
    expect(at(anchor + 24 * HOUR, 'open')).toEqual([]);
    expect(at(anchor + 24 * HOUR, 'template_only')).toEqual(['wa']);
    expect(at(anchor + 24 * HOUR - 1, 'template_only')).toEqual([]);
    // A provider's "window closed" ends it at once, as the contact's status shows.
    index.upsert(
      makeContact({
        id: 'wa',
        channels: [{ type: 'whatsapp', lastInboundAt: iso(anchor), closedByProviderAt: iso(anchor + HOUR) }],
      }),
    );
    expect(at(NOW.getTime(), 'open')).toEqual([]);
    expect(at(NOW.getTime(), 'template_only')).toEqual(['wa']);
    expect(at(anchor + HOUR - 1, 'closing_soon')).toEqual(['wa']);
  });
});
