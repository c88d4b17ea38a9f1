/** WindowSchedule internals that the scenario tests do not reach: the heap, other keyv stores, failed writes. */
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { IndexedMinHeap } from '../../src/notify/heap.js';
import { WindowSchedule, idempotencyKey } from '../../src/notify/index.js';
import { DAY, HOUR, T, channel, contact, iso } from './helpers.js';

describe('IndexedMinHeap', () => {
  it('keeps order under random push/remove/update and collects exactly the items up to a bound', () => {
    type It = { heapIndex: number; p: number };
    const heap = new IndexedMinHeap<It>((x) => x.p);
    const live = new Set<It>();
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      const op = rnd();
      if (op < 0.5 || live.size === 0) {
        const it = { heapIndex: -1, p: Math.floor(rnd() * 1000) };
        heap.push(it);
        live.add(it);
      } else if (op < 0.75) {
        const it = [...live][Math.floor(rnd() * live.size)]!;
        expect(heap.remove(it)).toBe(true);
        expect(heap.remove(it)).toBe(false);
        live.delete(it);
      } else {
        const it = [...live][Math.floor(rnd() * live.size)]!;
        it.p = Math.floor(rnd() * 1000);
        heap.update(it);
      }
      expect(heap.size).toBe(live.size);
      if (live.size) expect(heap.peek()!.p).toBe(Math.min(...[...live].map((x) => x.p)));
    }
    const bound = 300;
    expect(heap.collectUpTo(bound).length).toBe([...live].filter((x) => x.p <= bound).length);
    heap.replaceAll([...live]);
    expect(heap.peek()!.p).toBe(Math.min(...[...live].map((x) => x.p)));
  });
});

describe('WindowSchedule', () => {
  it('the idempotency key is contact|channelKey|anchor|kind', () => {
    expect(idempotencyKey('c-1', 'whatsapp:PN1', iso(T), 'notice')).toBe(`c-1|whatsapp:PN1|${iso(T)}|notice`);
    expect(idempotencyKey('c-1', 'messenger', iso(T), 'reminder', 'standard')).toBe(
      `c-1|messenger|${iso(T)}|reminder@standard`,
    );
  });

  it('oldestDueAt reads when the oldest due entry fell due, and a read changes nothing (the lag metric)', async () => {
    const s = new WindowSchedule({ kv: new Keyv({ store: new Map(), namespace: 'schedule' }) });
    await s.load(new Date(T));
    await s.rearm(contact('m', [channel('whatsapp', T)]), new Date(T));
    expect(s.oldestDueAt(new Date(T))).toBeNull();
    const later = new Date(T + 24 * HOUR);
    const first = s.due(later)[0]!.dueAt;
    for (let i = 0; i < 3; i++) expect(s.oldestDueAt(new Date(T + 30 * DAY))).toEqual(first);
    expect(s.due(later).map((d) => d.dueAt)).toContainEqual(first);
  });

  it('works on any keyv store with an iterator (here: in-memory Map), restoring through keyv.iterator', async () => {
    const map = new Map();
    const kv = () => new Keyv({ store: map, namespace: 'schedule' });
    const a = new WindowSchedule({ kv: kv() });
    await a.load(new Date(T));
    await a.rearm(contact('m', [channel('messenger', T), channel('whatsapp', T)]), new Date(T));
    const due = a.due(new Date(T + 24 * HOUR));
    expect(due.map((d) => d.kind)).toEqual(['reminder', 'reminder', 'notice']);
    const claim = await a.claim(due, new Date(T + 24 * HOUR));
    await a.markDelivered(due, new Date(T + 24 * HOUR), claim);

    const b = new WindowSchedule({ kv: kv() });
    expect(await b.load(new Date(T + 25 * HOUR))).toMatchObject({ rows: 2, entries: 5, due: 0 });
    expect(b.due(new Date(T + 7 * DAY)).map((d) => [d.channel, d.kind])).toEqual([
      ['messenger', 'reminder'],
      ['messenger', 'notice'],
    ]);
  });

  it('a failed write is kept dirty and retried by flush; nothing is lost on restart', async () => {
    let broken = false;
    class FlakyMap extends Map<string, unknown> {
      override set(k: string, v: unknown) {
        if (broken) throw new Error('disk full');
        return super.set(k, v);
      }
    }
    const map = new FlakyMap();
    const a = new WindowSchedule({ kv: new Keyv({ store: map, namespace: 'schedule' }) });
    await a.load(new Date(T));
    broken = true;
    await expect(a.rearm(contact('c', [channel('whatsapp', T)]), new Date(T))).rejects.toThrow(/refused to write/);
    expect(a.size).toMatchObject({ rows: 1, dirty: 1 });
    broken = false;
    await a.flush(new Date(T + HOUR));
    expect(a.size.dirty).toBe(0);
    const b = new WindowSchedule({ kv: new Keyv({ store: map, namespace: 'schedule' }) });
    expect(await b.load(new Date(T + HOUR))).toMatchObject({ rows: 1, entries: 2 });
  });

  it('ignores records it cannot read instead of failing the start', async () => {
    const map = new Map();
    const kv = new Keyv({ store: map, namespace: 'schedule' });
    await kv.set('win:bogus', { v: 1, nonsense: true });
    await kv.set('log:bogus', 'not a log');
    await kv.set('other', 1);
    const s = new WindowSchedule({ kv });
    expect(await s.load(new Date(T))).toMatchObject({ rows: 0, invalid: 2 });
  });
});

describe('WindowSchedule guards', () => {
  it('refuses to re-arm before load (it would not know what was already delivered)', async () => {
    const s = new WindowSchedule({ kv: new Keyv({ store: new Map(), namespace: 'schedule' }) });
    await expect(s.rearm(contact('c', [channel('whatsapp', T)]), new Date(T))).rejects.toThrow(/load\(\) must run/);
    expect(s.due(new Date(T))).toEqual([]);
  });

  it('a lead of 0 switches reminders off for that channel type', async () => {
    const s = new WindowSchedule({
      kv: new Keyv({ store: new Map(), namespace: 'schedule' }),
      leadMinutes: { whatsapp: 0 },
    });
    await s.load(new Date(T));
    await s.rearm(contact('c', [channel('whatsapp', T), channel('messenger', T)]), new Date(T));
    expect(s.entriesOf('c').map((e) => `${e.channel} ${e.kind}${e.edge === 'standard' ? '@standard' : ''}`)).toEqual([
      'whatsapp notice',
      'messenger reminder@standard',
      'messenger reminder',
      'messenger notice',
    ]);
  });
});
