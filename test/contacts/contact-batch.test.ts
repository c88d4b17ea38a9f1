/**
 * Contacts derived in batches (the start-up load's format) give the index exactly what contact-by-contact
 * upserts give it, including contacts met twice and ones with odd channels; `forEachLoaded` hands on each
 * contact's id, updatedAt and channel addresses; a contact that cannot be derived leaves the batch as it was.
 */
import { describe, expect, it } from 'vitest';
import {
  type ContactBatch,
  ContactBatchBuilder,
  type LoadedContact,
  batchBuffers,
  forEachLoaded,
} from '../../src/contacts/contact-batch.js';
import { ContactIndex } from '../../src/contacts/index.js';
import type { Contact } from '../../src/contacts/model.js';
import type { SearchQuery } from '../../src/contacts/query.js';
import { mulberry32 } from '../../src/demo/demo-events.js';
import { CHANNEL_TYPES, type RuleOverrides, WINDOW_STATES } from '../../src/policy/index.js';
import { DAY, HOUR, MINUTE, NOW, iso, makeContact } from './helpers.js';

const rand = mulberry32(17);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function randomContact(i: number): Contact {
  return makeContact({
    id: `c-${i % 700}`, // ids repeat: later ones update earlier ones
    firstName: pick(['Linh', 'Jürgen', 'محمد', '', 'Jean-Pierre']),
    lastName: pick(['Nguyễn', 'Müller', "O'Brien", '']),
    email: pick(['', `linh${i}@example.vn`, `Ops <ops${i}@Firma.DE>`]),
    phone: pick(['', `+84 912 ${String(100000 + i).slice(-6)}`, '0912 345 678 ext. 12']),
    status: rand() < 0.6 ? 'closed' : 'open',
    assignee: rand() < 0.7 ? pick(['U1', 'U2', 'U3']) : null,
    activityAgo: Math.floor(rand() * 900) * MINUTE,
    channels: Array.from({ length: Math.floor(rand() * 4) }, () => ({
      type: pick(CHANNEL_TYPES),
      ...(rand() < 0.4 ? { address: `addr-${Math.floor(rand() * 50)}` } : {}),
      lastInboundAt: rand() < 0.2 ? null : iso(NOW.getTime() - Math.floor(rand() * 9 * DAY)),
      ...(rand() < 0.2 ? { lastInboundWindowHours: 72 } : {}),
      ...(rand() < 0.1 ? { closedByProviderAt: iso(NOW.getTime() - HOUR) } : {}),
      ...(rand() < 0.1 ? { subscribed: false } : {}),
      outboundSinceInbound: Math.floor(rand() * 25),
    })),
  });
}

function randomQuery(): SearchQuery {
  return {
    text: pick(['', '', 'linh', 'nguyen', 'obrien', 'jean', 'ops', '@firma.de', '5678', '912 1', 'mueller']),
    status: pick(['closed', 'open', 'any'] as const),
    limit: 25,
    ...(rand() < 0.3 ? { inbox: 'mine' as const, agentId: pick(['U1', 'U2', 'U9']) } : {}),
    ...(rand() < 0.4 ? { channel: pick(CHANNEL_TYPES) } : {}),
    ...(rand() < 0.5 ? { windowState: pick([...WINDOW_STATES, 'closing_soon'] as const) } : {}),
  };
}

describe('contact batches', () => {
  it('give the index what upserts give it, through repeated ids, batch by batch', () => {
    const rules: RuleOverrides = { whatsapp: { windowHours: 12 } };
    const contacts = Array.from({ length: 2000 }, (_, i) => randomContact(i));
    const one = new ContactIndex({ rules });
    for (const c of contacts) one.upsert(c);
    const batched = new ContactIndex({ rules });
    const builder = new ContactBatchBuilder(rules, 64);
    let applied: ContactBatch | undefined;
    for (const c of contacts) {
      builder.add(c);
      if (builder.size === 300) {
        // Past the capacity (the columns grow); the builder goes on in the buffers of the batch applied before.
        const batch = builder.take(applied && batchBuffers(applied));
        batched.addBatch(batch);
        applied = batch;
      }
    }
    batched.addBatch(builder.take(applied && batchBuffers(applied)));
    expect(batched.size).toBe(one.size);
    for (let q = 0; q < 150; q++) {
      const query = randomQuery();
      const now = new Date(NOW.getTime() + Math.floor(rand() * 72) * HOUR);
      expect(batched.search(query, now), JSON.stringify(query)).toEqual(one.search(query, now));
    }
  });

  it('hand each contact on with its id, updatedAt and channel addresses', () => {
    const builder = new ContactBatchBuilder(undefined, 4, true);
    const contacts = Array.from({ length: 10 }, (_, i) => randomContact(i));
    for (const c of contacts) builder.add(c);
    const seen: LoadedContact[] = [];
    forEachLoaded(builder.take(), (c) => seen.push({ ...c, channels: [...c.channels] }));
    expect(seen).toEqual(
      contacts.map((c) => ({
        id: c.id,
        updatedAt: c.updatedAt,
        channels: c.channels.map((ch) =>
          ch.address === undefined ? { type: ch.type } : { type: ch.type, address: ch.address },
        ),
      })),
    );
    expect(seen.some((c) => c.channels.some((ch) => ch.address !== undefined))).toBe(true);
    expect(() => forEachLoaded(new ContactBatchBuilder(undefined, 1).take(), () => {})).toThrow(/forEach/);
  });

  it('refuses a contact with an unreadable time and keeps the batch as it was', () => {
    const builder = new ContactBatchBuilder(undefined, 4);
    builder.add(randomContact(1));
    const bad = { ...randomContact(2), lastActivityAt: 'yesterday' } as Contact;
    expect(() => builder.add(bad)).toThrow(/lastActivityAt "yesterday" is not an ISO date-time/);
    const badChannel = {
      ...randomContact(3),
      channels: [{ type: 'sms', lastInboundAt: 'soon', lastOutboundAt: null, outboundSinceInbound: 0 }],
    } as Contact;
    expect(() => builder.add(badChannel)).toThrow(/channel lastInboundAt "soon"/);
    const batch = builder.take();
    expect(batch.count).toBe(1);
    expect(batch.rowStart[1]).toBe(batch.rowType.length);
    expect(batch.ids).toEqual([randomContact(1).id]);
  });
});
