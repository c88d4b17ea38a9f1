/**
 * readContactRecord against contactSchema itself: on random records and random corruptions of them (as JSON
 * gives them back), whenever the fast check answers, zod accepts the record and returns exactly the same
 * value (keys and their order included); and on every record as the store writes it, the fast check answers.
 */
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { parseContactRecord, readContactRecord } from '../../src/contacts/contact-record.js';
import { contactSchema } from '../../src/contacts/model.js';
import { mulberry32 } from '../../src/demo/demo-events.js';
import { CHANNEL_TYPES } from '../../src/policy/index.js';

const INSTANTS = [
  '2025-03-10T12:00:00.000Z',
  '2024-02-29T23:59:59.999Z', // leap year
  '2000-02-29T00:00:00.000Z', // divisible by 400
  '0000-02-29T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
];
const BAD_OR_OTHER_INSTANTS = [
  '2025-02-29T12:00:00.000Z', // no such day
  '1900-02-29T12:00:00.000Z', // divisible by 100, not 400
  '2025-04-31T12:00:00.000Z',
  '2025-13-01T12:00:00.000Z',
  '2025-03-10T24:00:00.000Z',
  '2025-03-10T12:60:00.000Z',
  '2025-03-10T12:00:60.000Z',
  '2025-03-10T12:00:00.000z',
  '2025-03-10 12:00:00.000Z',
  '2025-03-10T12:00:00Z', // valid for zod, another form
  '2025-03-10T12:00:00.000000Z',
  '2025-03-10T12:00:00.000+02:00',
  '2025-03-10T12:00:00.000+24:00',
  '+12025-03-10T12:00:00.000Z',
  '2025-03-10',
  '',
];
const LENGTHS: Record<string, number> = { id: 200, firstName: 200, lastName: 200, email: 320, phone: 64, language: 15 };

function randomRecord(rand: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const maybe = (p: number, value: () => unknown) => (rand() < p ? value() : undefined);
  const str = (max: number) =>
    pick(['', 'Linh', 'Nguyễn', 'x'.repeat(max), '<!channel>', 'ü'.repeat(Math.min(max, 3))]);
  const channel = () =>
    strip({
      type: pick(CHANNEL_TYPES),
      channelId: maybe(0.3, () => pick(['123', 'page-1'])),
      address: maybe(0.5, () => pick(['+84912345678', 'a@b.c'])),
      lastInboundAt: maybe(0.8, () => (rand() < 0.2 ? null : pick(INSTANTS))),
      lastInboundWindowHours: maybe(0.2, () => pick([1, 24.5, 168])),
      lastOutboundAt: maybe(0.5, () => (rand() < 0.3 ? null : pick(INSTANTS))),
      outboundSinceInbound: maybe(0.7, () => pick([0, 1, 20, 2 ** 31])),
      subscribed: maybe(0.3, () => rand() < 0.5),
      closedByProviderAt: maybe(0.2, () => (rand() < 0.3 ? null : pick(INSTANTS))),
    });
  return strip({
    id: pick(['c-1', 'demo-0001', 'x'.repeat(200)]),
    firstName: maybe(0.9, () => str(200)),
    lastName: maybe(0.9, () => str(200)),
    email: maybe(0.9, () => str(320)),
    phone: maybe(0.9, () => str(64)),
    language: maybe(0.9, () => pick(['', 'vi', 'pt-BR', 'x'.repeat(15)])),
    assignee: maybe(0.8, () => (rand() < 0.3 ? null : pick(['U1', '']))),
    status: maybe(0.9, () => pick(['open', 'closed'])),
    statusChangedAt: pick(INSTANTS),
    lastActivityAt: pick(INSTANTS),
    createdAt: pick(INSTANTS),
    updatedAt: pick(INSTANTS),
    channels: maybe(0.9, () => Array.from({ length: Math.floor(rand() * 4) }, channel)),
  });
}

function strip(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** One random corruption: a wrong value, an extra or missing key, a boundary length, another instant form. */
function corrupt(record: Record<string, unknown>, rand: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const copy = structuredClone(record) as Record<string, unknown>;
  const channels = Array.isArray(copy.channels) ? (copy.channels as Record<string, unknown>[]) : [];
  const target: Record<string, unknown> = channels.length > 0 && rand() < 0.5 ? pick(channels) : copy;
  const key = pick(Object.keys(target).concat(['extra', '__proto__', 'channelId', 'subscribed', 'closedByProviderAt']));
  const values: unknown[] = [
    undefined,
    null,
    0,
    -1,
    1.5,
    2 ** 53,
    Number.NaN,
    Infinity,
    true,
    '',
    'open',
    'sms',
    'fax',
    [],
    {},
    ...BAD_OR_OTHER_INSTANTS,
    ...INSTANTS,
  ];
  switch (Math.floor(rand() * 4)) {
    case 0:
      delete target[key];
      break;
    case 1: {
      const max = LENGTHS[key];
      target[key] = max === undefined ? pick(values) : 'y'.repeat(max + pick([0, 1]));
      break;
    }
    case 2:
      return pick([null, [], 'text', 42, JSON.parse(`{"__proto__": {"id": "x"}, "id": "c-1"}`)]);
    default:
      target[key] = pick(values);
  }
  // As read from the store: through JSON (which also drops the keys set to undefined above).
  return JSON.parse(JSON.stringify(copy));
}

describe('readContactRecord', () => {
  it('answers exactly as contactSchema does whenever it answers', () => {
    const rand = mulberry32(99);
    let sure = 0;
    let unsure = 0;
    let rejectedByZod = 0;
    for (let i = 0; i < 20_000; i++) {
      const base = randomRecord(rand);
      const input = rand() < 0.2 ? base : corrupt(base, rand);
      const fast = readContactRecord(input);
      const zod = contactSchema.safeParse(input);
      if (!zod.success) rejectedByZod++;
      if (fast === undefined) {
        unsure++;
        continue;
      }
      sure++;
      expect(zod.success, JSON.stringify(input)).toBe(true);
      expect(fast).toStrictEqual(zod.data);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
    }
    // Both paths were exercised, and corruptions zod rejects were among them.
    expect(sure).toBeGreaterThan(5000);
    expect(unsure).toBeGreaterThan(2000);
    expect(rejectedByZod).toBeGreaterThan(2000);
  });

  it('answers for every record as the store writes it (zod output, through JSON)', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 5000; i++) {
      const stored = JSON.parse(JSON.stringify(contactSchema.parse(randomRecord(rand))));
      expect(readContactRecord(stored)).toStrictEqual(contactSchema.parse(stored));
    }
  });

  it('leaves a bad record to zod, which names the problem', () => {
    const bad = {
      id: 'c-1',
      statusChangedAt: '2025-02-29T12:00:00.000Z',
      lastActivityAt: INSTANTS[0],
      createdAt: INSTANTS[0],
      updatedAt: INSTANTS[0],
    };
    expect(readContactRecord(bad)).toBeUndefined();
    expect(() => parseContactRecord(bad)).toThrow(ZodError);
  });
});
