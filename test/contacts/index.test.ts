/**
 * ContactIndex query semantics: every field searched the way its type calls for, AND of terms, the inbox,
 * status, channel and window-state filters at the query's clock, ordering, paging and re-indexing.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContactIndex, InvalidCursorError } from '../../src/contacts/index.js';
import { WINDOW_STATES, evaluateWindow } from '../../src/policy/index.js';
import type { Contact } from '../../src/contacts/model.js';
import { type QueryTerm, classifyQuery, emailKeys, nameTokens, phoneDigits } from '../../src/contacts/normalize.js';
import type { SearchQuery } from '../../src/contacts/query.js';
import { DAY, HOUR, MINUTE, NOW, inboundAgo, makeContact } from './helpers.js';
import { mulberry32 } from '../../src/demo/demo-events.js';

const PEOPLE: Contact[] = [
  makeContact({
    id: 'c1',
    firstName: 'Thị Linh',
    lastName: 'Nguyễn',
    email: 'Linh.Nguyen@example.vn',
    phone: '+84 912 345 678',
    assignee: 'U1',
    activityAgo: 1 * HOUR,
    channels: [{ type: 'whatsapp', lastInboundAt: inboundAgo(2 * HOUR) }],
  }),
  makeContact({
    id: 'c2',
    firstName: 'Linh',
    lastName: 'Trần',
    email: 'tran.linh@example.vn',
    phone: '+84 987 654 321',
    status: 'open',
    assignee: 'U2',
    activityAgo: 2 * HOUR,
    channels: [{ type: 'messenger', lastInboundAt: inboundAgo(3 * DAY) }],
  }),
  makeContact({
    id: 'c3',
    firstName: 'Jürgen',
    lastName: 'Müller',
    email: 'juergen@firma.de',
    phone: '+49 30 1234567',
    activityAgo: 3 * HOUR,
    channels: [{ type: 'telegram' }],
  }),
  makeContact({
    id: 'c4',
    firstName: 'مُحَمَّد',
    lastName: 'أَحْمَد',
    email: 'm.ahmed@example.sa',
    phone: '+966 50 123 4567',
    assignee: 'U1',
    activityAgo: 4 * HOUR,
    channels: [{ type: 'viber', subscribed: true }],
  }),
  makeContact({
    id: 'c5',
    firstName: 'François',
    lastName: 'Lefèvre',
    email: 'francois@exemple.fr',
    phone: '+33 6 12 34 56 78',
    activityAgo: 5 * HOUR,
  }),
  makeContact({
    id: 'c6',
    firstName: 'José',
    lastName: 'Núñez',
    email: 'jose@ejemplo.es',
    phone: '+34 612 34 56 78',
    activityAgo: 6 * HOUR,
  }),
  makeContact({ id: 'c7', firstName: 'Anna', lastName: 'Berg', email: 'linh.berg@firma.de', activityAgo: 7 * HOUR }),
  makeContact({ id: 'c8', firstName: 'Straße', lastName: 'Đặng', activityAgo: 8 * HOUR }),
];

function indexOf(contacts: Contact[], opts?: ConstructorParameters<typeof ContactIndex>[0]): ContactIndex {
  const index = new ContactIndex(opts);
  for (const c of contacts) index.upsert(c);
  return index;
}

function ids(index: ContactIndex, query: SearchQuery, now: Date = NOW): string[] {
  return index.search({ status: 'any', limit: 100, ...query }, now).ids;
}

describe('ContactIndex: text', () => {
  const index = indexOf(PEOPLE);
  const find = (text: string) => ids(index, { text });

  it('finds names by folded word prefix, any word of first or last name', () => {
    expect(find('nguyen')).toEqual(['c1']);
    expect(find('NGUYỄN')).toEqual(['c1']);
    expect(find('ngu')).toEqual(['c1']);
    expect(find('thi')).toEqual(['c1']);
    expect(find('muller')).toEqual(['c3']);
    expect(find('mueller')).toEqual(['c3']);
    expect(find('Mül')).toEqual(['c3']);
    expect(find('jurgen')).toEqual(['c3']);
    expect(find('francois')).toEqual(['c5']);
    expect(find('lefev')).toEqual(['c5']);
    expect(find('nunez')).toEqual(['c6']);
    expect(find('strasse')).toEqual(['c8']);
    expect(find('dang')).toEqual(['c8']);
  });

  it('does not match inside a word', () => {
    expect(find('guyen')).toEqual([]);
    expect(find('ller')).toEqual([]);
  });

  it('finds Arabic names without harakat and with other alef forms', () => {
    expect(find('محمد')).toEqual(['c4']);
    expect(find('احمد')).toEqual(['c4']);
    expect(find('أحمد')).toEqual(['c4']);
    expect(find('مُحَمَّد')).toEqual(['c4']);
    expect(find('مح')).toEqual(['c4']);
  });

  it('needs every word to match (AND), in any order', () => {
    expect(find('linh nguyen')).toEqual(['c1']);
    expect(find('nguyen linh')).toEqual(['c1']);
    expect(find('linh tran')).toEqual(['c2']);
    expect(find('linh müller')).toEqual([]);
    expect(find('jo nu')).toEqual(['c6']);
  });

  it('matches a plain word against name prefixes or email prefixes', () => {
    // c7 is Anna Berg, found by her address linh.berg@…
    expect(find('linh')).toEqual(['c1', 'c2', 'c7']);
    expect(find('linh.ng')).toEqual(['c1']);
    expect(find('juergen')).toEqual(['c3']);
  });

  it('finds emails by the whole address or any prefix, case-insensitively', () => {
    expect(find('linh.nguyen@example.vn')).toEqual(['c1']);
    expect(find('LINH.NGUYEN@EXAMPLE.VN')).toEqual(['c1']);
    expect(find('linh.nguyen@exa')).toEqual(['c1']);
    expect(find('tran.linh@')).toEqual(['c2']);
    expect(find('example.vn')).toEqual([]); // not a prefix of any address
  });

  it('finds everyone at a domain by @domain or its prefix', () => {
    expect(find('@example.vn')).toEqual(['c1', 'c2']);
    expect(find('@example')).toEqual(['c1', 'c2', 'c4']);
    expect(find('@firma.de')).toEqual(['c3', 'c7']);
    expect(find('@nowhere.org')).toEqual([]);
  });

  it('finds phones by full international number in any format', () => {
    expect(find('+84 912 345 678')).toEqual(['c1']);
    expect(find('84912345678')).toEqual(['c1']);
    expect(find('+84-912-345-678')).toEqual(['c1']);
    expect(find('+84 (912) 345.678')).toEqual(['c1']);
    expect(find('+966 50 123 4567')).toEqual(['c4']);
    expect(find('+٩٦٦ ٥٠ ١٢٣ ٤٥٦٧')).toEqual(['c4']);
  });

  it('finds phones by national number, with or without the trunk 0', () => {
    expect(find('912 345 678')).toEqual(['c1']);
    expect(find('0912 345 678')).toEqual(['c1']);
    expect(find('030 1234567')).toEqual(['c3']);
    // A national number is the same digits in every country: Spain's 612 34 56 78 (c6) matches too.
    expect(find('06 12 34 56 78')).toEqual(['c5', 'c6']);
    expect(find('+33 6 12 34 56 78')).toEqual(['c5']);
    expect(find('0084 912 345 678')).toEqual(['c1']);
  });

  it('finds phones by their last digits (4 or more)', () => {
    expect(find('5678')).toEqual(['c1', 'c5', 'c6']);
    expect(find('4567')).toEqual(['c3', 'c4']);
    expect(find('654 321')).toEqual(['c2']);
    // three digits are not a phone number: nothing has a name or address starting with them
    expect(find('678')).toEqual([]);
  });

  it('does not read a phone number as several words', () => {
    // as words, "912" "345" "678" would each need a match; as one number it is c1's
    expect(find('912 345 678')).toEqual(['c1']);
    expect(find('linh +84 912 345 678')).toEqual(['c1']);
    expect(find('tran +84 912 345 678')).toEqual([]);
  });

  it('does not search other fields', () => {
    expect(find('c1')).toEqual([]);
    expect(find('whatsapp')).toEqual([]);
  });

  it('lists by filters alone when the text is empty', () => {
    expect(find('')).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    expect(find('   ')).toHaveLength(8);
    expect(find('-')).toHaveLength(8);
  });
});

describe('ContactIndex: filters', () => {
  const index = indexOf(PEOPLE);

  it('filters by status, closed by default', () => {
    expect(index.search({ limit: 100 }, NOW).ids).toEqual(['c1', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    expect(ids(index, { status: 'open' })).toEqual(['c2']);
    expect(ids(index, { status: 'closed', text: 'linh' })).toEqual(['c1', 'c7']);
  });

  it('filters the Mine inbox by assignee', () => {
    expect(ids(index, { inbox: 'mine', agentId: 'U1' })).toEqual(['c1', 'c4']);
    expect(ids(index, { inbox: 'mine', agentId: 'U2' })).toEqual(['c2']);
    expect(ids(index, { inbox: 'mine', agentId: 'U2', status: 'closed' })).toEqual([]);
    expect(ids(index, { inbox: 'mine', agentId: 'U9' })).toEqual([]);
    expect(ids(index, { inbox: 'all', agentId: 'U1' })).toHaveLength(8);
  });

  it('refuses Mine without an agent', () => {
    expect(() => index.search({ inbox: 'mine' }, NOW)).toThrow(/agentId/);
  });

  it('filters by channel type', () => {
    expect(ids(index, { channel: 'whatsapp' })).toEqual(['c1']);
    expect(ids(index, { channel: 'viber' })).toEqual(['c4']);
    expect(ids(index, { channel: 'sms' })).toEqual([]);
    expect(ids(index, { channel: 'telegram', text: 'muller' })).toEqual(['c3']);
    expect(ids(index, { channel: 'telegram', text: 'linh' })).toEqual([]);
  });

  it('rejects an invalid query with the schema', () => {
    expect(() => index.search({ limit: 0 }, NOW)).toThrow();
    expect(() => index.search({ channel: 'pigeon' as never }, NOW)).toThrow();
  });
});

describe('ContactIndex: window state', () => {
  const ch = (type: string, ago: number | null, extra: Record<string, unknown> = {}) => ({
    type,
    lastInboundAt: ago === null ? null : inboundAgo(ago),
    ...extra,
  });
  const WINDOWS: Contact[] = [
    makeContact({ id: 'wa-open', activityAgo: 1 * MINUTE, channels: [ch('whatsapp', 23 * HOUR)] }),
    makeContact({ id: 'wa-expired', activityAgo: 2 * MINUTE, channels: [ch('whatsapp', 24 * HOUR)] }),
    makeContact({ id: 'wa-never', activityAgo: 3 * MINUTE, channels: [ch('whatsapp', null)] }),
    makeContact({ id: 'ms-human', activityAgo: 4 * MINUTE, channels: [ch('messenger', 2 * DAY)] }),
    makeContact({ id: 'ms-human-ending', activityAgo: 5 * MINUTE, channels: [ch('messenger', 7 * DAY - 30 * MINUTE)] }),
    makeContact({ id: 'tg', activityAgo: 6 * MINUTE, channels: [ch('telegram', null)] }),
    makeContact({
      id: 'wc-capped',
      activityAgo: 7 * MINUTE,
      channels: [ch('wechat', HOUR, { outboundSinceInbound: 20 })],
    }),
    makeContact({ id: 'ig-closed', activityAgo: 8 * MINUTE, channels: [ch('instagram', 8 * DAY)] }),
    makeContact({ id: 'vb-sub', activityAgo: 9 * MINUTE, channels: [ch('viber', null, { subscribed: true })] }),
    makeContact({ id: 'vb-unsub', activityAgo: 10 * MINUTE, channels: [ch('viber', null, { subscribed: false })] }),
    makeContact({
      id: 'multi',
      activityAgo: 11 * MINUTE,
      channels: [ch('whatsapp', 30 * HOUR), ch('messenger', HOUR)],
    }),
    makeContact({ id: 'none', activityAgo: 12 * MINUTE }),
  ];
  const index = indexOf(WINDOWS);
  const byState = (windowState: SearchQuery['windowState'], extra: SearchQuery = {}) =>
    ids(index, { windowState, ...extra });

  it('matches contacts with some channel in the state, at the query clock', () => {
    expect(byState('open')).toEqual(['wa-open', 'multi']);
    expect(byState('template_only')).toEqual(['wa-expired', 'wa-never', 'multi']);
    expect(byState('human_agent')).toEqual(['ms-human', 'ms-human-ending']);
    expect(byState('no_window')).toEqual(['tg']);
    expect(byState('closed')).toEqual(['wc-capped', 'ig-closed', 'vb-unsub']);
    expect(byState('chatbot_initiated')).toEqual(['vb-sub']);
    expect(byState('tag_only')).toEqual([]);
  });

  it('requires the channel filter and the state on the same channel', () => {
    expect(byState('open', { channel: 'whatsapp' })).toEqual(['wa-open']);
    expect(byState('open', { channel: 'messenger' })).toEqual(['multi']);
    expect(byState('template_only', { channel: 'messenger' })).toEqual([]);
  });

  it('uses the clock it is given, never the wall clock', () => {
    const later = new Date(NOW.getTime() + HOUR);
    expect(byState('open', { channel: 'whatsapp' })).toEqual(['wa-open']);
    expect(ids(index, { windowState: 'open', channel: 'whatsapp' }, later)).toEqual([]);
    const earlier = new Date(NOW.getTime() - 2 * HOUR);
    expect(ids(index, { windowState: 'open', channel: 'whatsapp' }, earlier)).toEqual(['wa-open', 'wa-expired']);
  });

  it('finds free-text windows closing soon, incl. the HUMAN_AGENT extension', () => {
    // wa-open closes in 1 h; ms-human-ending's HUMAN_AGENT window in 30 min; multi's messenger in 6 days
    expect(byState('closing_soon')).toEqual(['wa-open', 'ms-human-ending']);
    expect(byState('closing_soon', { closingWithinHours: 0.75 })).toEqual(['ms-human-ending']);
    expect(byState('closing_soon', { closingWithinHours: 24 * 7 })).toEqual([
      'wa-open',
      'ms-human',
      'ms-human-ending',
      'multi',
    ]);
  });

  it('treats closing_soon boundaries: within is inclusive, a closed window never counts', () => {
    const at = (id: string, ago: number) => makeContact({ id, channels: [ch('whatsapp', ago)] });
    const edge = indexOf([
      at('closes-in-2h', 22 * HOUR), // closes exactly at now + 2 h
      at('closes-in-2h+1ms', 22 * HOUR - 1), // one ms later
      at('closes-in-1ms', 24 * HOUR - 1),
      at('closed-now', 24 * HOUR), // at exactly anchor + 24 h the window is closed
      at('closed-1ms-ago', 24 * HOUR + 1),
    ]);
    const soon = (hours: number) =>
      edge.search({ status: 'any', windowState: 'closing_soon', closingWithinHours: hours }, NOW).ids.sort();
    expect(soon(2)).toEqual(['closes-in-1ms', 'closes-in-2h']);
    expect(soon(2 + 1 / HOUR)).toEqual(['closes-in-1ms', 'closes-in-2h', 'closes-in-2h+1ms']);
    expect(soon(1)).toEqual(['closes-in-1ms']);
  });

  it('applies the policy overrides it was built with', () => {
    const longer = indexOf(WINDOWS, { rules: { whatsapp: { windowHours: 48 } } });
    expect(longer.search({ status: 'any', windowState: 'open', channel: 'whatsapp' }, NOW).ids).toEqual([
      'wa-open',
      'wa-expired',
      'multi',
    ]);
  });

  it('combines window state with text and status', () => {
    const mixed = indexOf([
      makeContact({ id: 'a', firstName: 'Linh', status: 'open', channels: [ch('whatsapp', HOUR)] }),
      makeContact({ id: 'b', firstName: 'Linh', status: 'closed', channels: [ch('whatsapp', HOUR)] }),
      makeContact({ id: 'c', firstName: 'Minh', status: 'closed', channels: [ch('whatsapp', HOUR)] }),
    ]);
    expect(mixed.search({ text: 'linh', windowState: 'open' }, NOW).ids).toEqual(['b']);
  });
});

describe('ContactIndex: order and paging', () => {
  // 250 contacts, many sharing an activity instant so the id tie-break matters.
  const many = Array.from({ length: 250 }, (_, i) =>
    makeContact({
      id: `p${String((i * 37) % 250).padStart(3, '0')}`,
      firstName: i % 3 === 0 ? 'Linh' : 'Minh',
      lastName: 'Nguyễn',
      status: i % 5 === 0 ? 'open' : 'closed',
      activityAgo: (i % 40) * MINUTE,
    }),
  );
  const index = indexOf(many);
  const expected = (keep: (c: Contact) => boolean) =>
    many
      .filter(keep)
      .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || (a.id < b.id ? -1 : 1))
      .map((c) => c.id);

  function allPages(query: SearchQuery): { ids: string[]; totals: number[]; pages: number } {
    const out: string[] = [];
    const totals: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = index.search({ ...query, cursor }, NOW);
      expect(r.ids.length).toBeLessThanOrEqual(query.limit ?? 20);
      out.push(...r.ids);
      totals.push(r.total);
      cursor = r.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined && pages < 100);
    return { ids: out, totals, pages };
  }

  it('returns every match exactly once, newest first then by id, across pages', () => {
    const want = expected(() => true);
    const got = allPages({ status: 'any', limit: 7 });
    expect(got.ids).toEqual(want);
    expect(new Set(got.ids).size).toBe(250);
    expect(got.pages).toBe(Math.ceil(250 / 7));
    expect(got.totals.every((t) => t === 250)).toBe(true);
  });

  it('pages a filtered text search the same way', () => {
    const want = expected((c) => c.firstName === 'Linh' && c.status === 'closed');
    const got = allPages({ text: 'linh nguy', limit: 10 });
    expect(got.ids).toEqual(want);
    expect(got.totals.every((t) => t === want.length)).toBe(true);
  });

  it('has no next cursor when the page ends exactly at the last match', () => {
    const r = index.search({ status: 'any', limit: 50, text: 'linh' }, NOW);
    const count = expected((c) => c.firstName === 'Linh').length; // 84
    expect(r.total).toBe(count);
    const last = index.search({ status: 'any', limit: count, text: 'linh' }, NOW);
    expect(last.ids).toHaveLength(count);
    expect(last.nextCursor).toBeNull();
    expect(r.nextCursor).not.toBeNull();
  });

  it('rejects a cursor it did not make with a clear error', () => {
    expect(() => index.search({ cursor: 'not-a-cursor' }, NOW)).toThrow(InvalidCursorError);
    expect(() => index.search({ cursor: Buffer.from('{"a":1}').toString('base64url') }, NOW)).toThrow(
      /start the search again/,
    );
  });
});

describe('ContactIndex: upsert and remove', () => {
  it('re-indexes changed fields and moves contacts in and out of results', () => {
    const index = indexOf(PEOPLE);
    expect(index.size).toBe(8);
    const c1 = PEOPLE[0]!;
    index.upsert({ ...c1, lastName: 'Phạm', email: 'linh.pham@example.vn', phone: '+84 900 000 001' });
    expect(index.size).toBe(8);
    expect(ids(index, { text: 'nguyen' })).toEqual([]);
    expect(ids(index, { text: 'pham' })).toEqual(['c1']);
    expect(ids(index, { text: 'linh.nguyen' })).toEqual([]);
    expect(ids(index, { text: '@example.vn' })).toEqual(['c1', 'c2']);
    expect(ids(index, { text: '912 345 678' })).toEqual([]);
    expect(ids(index, { text: '0900 000 001' })).toEqual(['c1']);

    index.upsert({ ...PEOPLE[2]!, status: 'open', lastActivityAt: NOW.toISOString() });
    expect(index.search({ text: 'muller' }, NOW).ids).toEqual([]);
    expect(index.search({ text: 'muller', status: 'open' }, NOW).ids).toEqual(['c3']);
    expect(ids(index, {}).slice(0, 2)).toEqual(['c3', 'c1']);

    index.upsert({ ...PEOPLE[3]!, assignee: 'U2' });
    expect(ids(index, { inbox: 'mine', agentId: 'U1' })).toEqual(['c1']);
    expect(ids(index, { inbox: 'mine', agentId: 'U2' })).toEqual(['c2', 'c4']);

    index.upsert({
      ...PEOPLE[4]!,
      channels: [{ type: 'sms', lastInboundAt: null, lastOutboundAt: null, outboundSinceInbound: 0 }],
    });
    expect(ids(index, { channel: 'sms' })).toEqual(['c5']);
    index.upsert({ ...PEOPLE[4]!, channels: [] });
    expect(ids(index, { channel: 'sms' })).toEqual([]);
  });

  it('removes contacts and reuses their slots without leaking old text', () => {
    const index = indexOf(PEOPLE);
    index.remove('c1');
    index.remove('nobody');
    expect(index.has('c1')).toBe(false);
    expect(index.has('c2')).toBe(true);
    expect(index.size).toBe(7);
    expect(ids(index, { text: 'linh' })).toEqual(['c2', 'c7']);
    expect(ids(index, {})).not.toContain('c1');
    index.upsert(makeContact({ id: 'c9', firstName: 'Zoë' }));
    expect(ids(index, { text: 'nguyen' })).toEqual([]);
    expect(ids(index, { text: 'zoe' })).toEqual(['c9']);
    index.upsert(PEOPLE[0]!);
    expect(ids(index, { text: 'nguyen' })).toEqual(['c1']);
  });

  it('refuses a contact with an unreadable time and leaves the index as it was', () => {
    const index = indexOf(PEOPLE);
    expect(() => index.upsert({ ...PEOPLE[0]!, id: 'bad', lastActivityAt: 'yesterday' })).toThrow(
      /bad.*lastActivityAt/,
    );
    expect(index.has('bad')).toBe(false);
    expect(index.size).toBe(8);
  });
});

describe('ContactIndex: against a brute-force model through flushes and merges', () => {
  const FIRST = ['Linh', 'Minh', 'Anh', 'Jürgen', 'José', 'François', 'محمد', 'Ngọc'];
  const LAST = ['Nguyễn', 'Trần', 'Müller', 'Núñez', 'Lefèvre', 'أحمد', 'Schmidt'];
  const DOMAINS = ['example.vn', 'firma.de', 'mail.fr', 'example.com'];
  const PHONES = [
    '+84 912 345 678',
    '+84912345678',
    '+49 30 1234567',
    '+84 987 654 321',
    '+33 6 12 34 56 78',
    '+84 900 005 678',
  ];

  it('gives the same results as a scan of the live contacts', () => {
    const rand = mulberry32(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const randomContact = (id: string): Contact =>
      makeContact({
        id,
        firstName: pick(FIRST),
        lastName: pick(LAST),
        email: rand() < 0.9 ? `${pick(['linh', 'minh', 'ops', 'jo'])}${Math.floor(rand() * 20)}@${pick(DOMAINS)}` : '',
        phone: rand() < 0.9 ? pick(PHONES) : '',
        status: rand() < 0.5 ? 'open' : 'closed',
        assignee: pick(['U1', 'U2', null]),
        channels: rand() < 0.3 ? [{ type: pick(['sms', 'whatsapp']) }] : [],
        activityAgo: Math.floor(rand() * 1000) * MINUTE,
      });

    const index = new ContactIndex();
    const live = new Map<string, { contact: Contact; text: ModelText }>();
    const liveIds: string[] = [];
    const put = (c: Contact) => {
      if (!live.has(c.id)) liveIds.push(c.id);
      live.set(c.id, { contact: c, text: modelText(c) });
      index.upsert(c);
    };
    const queries = [
      ...['linh', 'nguyen', 'mueller', 'linh ngu', 'jo nu', 'محمد', ''],
      ...['li', 'minh3', 'ops1', 'jo2@mail', '@example', '@firma.d', 'linh @mail.fr'],
      ...['5678', '45678', '0912 345 678', '+84 912 345 678', '1234567', '654 321', 'linh 5678'],
    ];
    let nextId = 0;
    // Each round re-indexes more than the tail holds before a search flushes it, so every round adds a
    // segment and the binary-counter policy merges them, with stale postings from changes and removals.
    for (let round = 0; round < 6; round++) {
      for (let k = 0; k < 7000; k++) {
        const r = rand();
        if (r < 0.5 || liveIds.length === 0) {
          put(randomContact(`m${nextId++}`));
          continue;
        }
        const at = Math.floor(rand() * liveIds.length);
        const id = liveIds[at]!;
        if (r < 0.65) {
          liveIds[at] = liveIds[liveIds.length - 1]!;
          liveIds.pop();
          live.delete(id);
          index.remove(id);
        } else if (r < 0.8) {
          put({
            ...live.get(id)!.contact,
            lastActivityAt: NOW.toISOString(),
            status: rand() < 0.5 ? 'open' : 'closed',
          });
        } else {
          put(randomContact(id));
        }
      }
      expect(index.size).toBe(live.size);
      // Filters answered by bitsets (status, channel) and per contact (inbox), and paging.
      const variants: { query: SearchQuery; keep: (c: Contact) => boolean }[] = [
        { query: { limit: 50 }, keep: (c) => c.status === 'closed' },
        {
          query: { status: 'any', channel: 'sms', limit: 20 },
          keep: (c) => c.channels.some((ch) => ch.type === 'sms'),
        },
        {
          query: { status: 'open', inbox: 'mine', agentId: 'U1', limit: 3 },
          keep: (c) => c.status === 'open' && c.assignee === 'U1',
        },
      ];
      queries.forEach((text, q) => {
        const { query, keep } = variants[(q + round) % variants.length]!;
        const terms = classifyQuery(text);
        const matching = [...live.values()]
          .filter(({ contact, text: t }) => keep(contact) && modelMatch(t, terms))
          .map(({ contact }) => contact.id);
        const want = sortedIds(matching.map((id) => live.get(id)!.contact));
        const label = `round ${round} "${text}" ${JSON.stringify(query)}`;
        const got = index.search({ ...query, text }, NOW);
        expect(got.ids, label).toEqual(want.slice(0, query.limit));
        expect(got.total, label).toBe(want.length);
        if (q % 4 === 0) {
          // Every page, through the cursor.
          const all: string[] = [];
          let cursor: string | undefined;
          do {
            const page = index.search({ ...query, text, limit: 50, cursor }, NOW);
            expect(page.ids.length, label).toBeLessThanOrEqual(50);
            expect(page.total, label).toBe(want.length);
            all.push(...page.ids);
            cursor = page.nextCursor ?? undefined;
          } while (cursor !== undefined && all.length <= want.length);
          expect(all, label).toEqual(want);
        }
      });
    }
  });
});

function sortedIds(contacts: Contact[]): string[] {
  return contacts
    .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || (a.id < b.id ? -1 : 1))
    .map((c) => c.id);
}

interface ModelText {
  names: string[];
  emails: string[];
  digits: string;
}

function modelText(c: Contact): ModelText {
  return {
    names: [...nameTokens(c.firstName), ...nameTokens(c.lastName)],
    emails: emailKeys(c.email),
    digits: phoneDigits(c.phone),
  };
}

/** The query rules restated as a scan, using only the public normalisation functions. */
function modelMatch({ names, emails, digits }: ModelText, terms: QueryTerm[]): boolean {
  return terms.every((t) => {
    if (t.kind === 'phone') return digits !== '' && t.suffixes.some((s) => digits.endsWith(s));
    if (t.kind === 'email') return emails.some((k) => k.startsWith(t.email));
    return names.some((n) => n.startsWith(t.name)) || emails.some((k) => k.startsWith(t.email));
  });
}

describe('ContactIndex: window filters against evaluateWindow itself', () => {
  it('agrees with evaluating every channel of every contact, for every state and channel filter', () => {
    const rand = mulberry32(7);
    const TYPES = ['whatsapp', 'messenger', 'instagram', 'viber', 'wechat', 'telegram', 'sms', 'email'] as const;
    const contacts: Contact[] = [];
    for (let i = 0; i < 600; i++) {
      const channels = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
        type: TYPES[Math.floor(rand() * TYPES.length)]!,
        // From 10 days ago to 1 hour ahead (a provider clock ahead of ours), or never.
        lastInboundAt: rand() < 0.15 ? null : inboundAgo(Math.floor(rand() * 10 * DAY) - HOUR),
        outboundSinceInbound: Math.floor(rand() * 25),
        ...(rand() < 0.2 ? { lastInboundWindowHours: 24 * 7 } : {}),
        ...(rand() < 0.3 ? { subscribed: rand() < 0.5 } : {}),
      }));
      contacts.push(makeContact({ id: `w${i}`, activityAgo: i * MINUTE, channels }));
    }
    const rules = { wechat: { maxOutbound: 5 }, messenger: { afterWindowTags: [] }, sms: { windowHours: 12 } };
    const index = indexOf(contacts, { rules });
    const at = (c: Contact['channels'][number], now: Date) =>
      evaluateWindow({
        channel: c.type,
        now,
        lastInboundAt: c.lastInboundAt === null ? null : new Date(c.lastInboundAt),
        outboundSinceInbound: c.outboundSinceInbound,
        ...(c.subscribed === undefined ? {} : { subscribed: c.subscribed }),
        ...(c.lastInboundWindowHours === undefined ? {} : { anchorWindowHours: c.lastInboundWindowHours }),
        rules,
      });
    let nonEmpty = 0;
    for (const now of [NOW, new Date(NOW.getTime() - 3 * DAY)]) {
      for (const state of [...WINDOW_STATES, 'closing_soon'] as const) {
        for (const channel of [undefined, 'whatsapp', 'messenger', 'sms'] as const) {
          const expected = contacts
            .filter((c) =>
              c.channels.some((ch) => {
                if (channel !== undefined && ch.type !== channel) return false;
                const st = at(ch, now);
                if (state !== 'closing_soon') return st.state === state;
                return (
                  (st.state === 'open' || st.state === 'human_agent') &&
                  st.windowClosesAt !== null &&
                  st.windowClosesAt.getTime() - now.getTime() <= 24 * HOUR
                );
              }),
            )
            .map((c) => c.id);
          const got = index.search(
            { status: 'any', limit: 100, windowState: state, ...(channel ? { channel } : {}) },
            now,
          );
          expect(got.total, `${state} ${channel ?? 'any'} at ${now.toISOString()}`).toBe(expected.length);
          expect(got.ids).toEqual(expected.slice(0, 100));
          if (expected.length > 0) nonEmpty++;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(30);
  });
});

describe('ContactIndex purity', () => {
  it('never reads the wall clock', () => {
    const src = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../src/contacts/index.ts'), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(src).not.toMatch(/Date\.now\s*\(/);
    expect(src).not.toMatch(/new Date\(\s*\)/);
    expect(src).not.toMatch(/performance\.now/);
  });
});
