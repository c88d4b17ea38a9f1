/**
 * Limits that concurrent sends share, on real stores: the Viber monthly quota (per account, so sends to
 * different contacts race for it), the WeChat cap (per contact), and outbox retries (one taker). On
 * PostgreSQL each send runs through its own Store instance, as on two replicas; on SQLite they run
 * concurrently in one process. The transport is slow, so the sends really overlap.
 */
import { expect, it } from 'vitest';
import { type FollowupDeps, retryQueued, sendFollowUp } from '../../src/followup/index.js';
import { applyEvents } from '../../src/ingest/index.js';
import { quotaCounterKey } from '../../src/policy/index.js';
import type { Store } from '../../src/store/index.js';
import { SandboxTransport } from '../../src/transports/sandbox/index.js';
import type { SendRequest, SendResult, Transport } from '../../src/transports/transport.js';
import { TransportRegistry } from '../../src/transports/transport.js';
import { STORE_BACKENDS } from '../store/backends.js';

const T = new Date('2026-11-21T12:00:00.000Z');
const at = (ms: number) => new Date(T.getTime() + ms);
const DAY = 24 * 3_600_000;

/** Takes `delayMs` per message and records what it was given; `failFirst` answers a retryable 503 first. */
class SlowTransport implements Transport {
  readonly name = 'slow';
  readonly sandbox = false;
  readonly sent: SendRequest[] = [];
  constructor(
    private readonly delayMs: number,
    private failFirst = 0,
  ) {}
  async send(req: SendRequest): Promise<SendResult> {
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.sent.push(req);
    if (this.failFirst > 0) {
      this.failFirst--;
      return { ok: false, reason: 'provider_error', detail: 'HTTP 503', retryable: true };
    }
    return { ok: true, providerMessageId: `pm-${this.sent.length}`, sandbox: false };
  }
}

function depsOn(store: Store, transport: Transport): FollowupDeps {
  const transports = new TransportRegistry(new SandboxTransport());
  for (const type of ['viber', 'wechat', 'whatsapp'] as const) transports.register(type, undefined, transport);
  return {
    store,
    transports,
    settings: { rules: { viber: { freeMonthly: 1 }, wechat: { maxOutbound: 2 } }, closingLogic: 'unassign' },
  };
}

const upsert = (id: string, type: string, lastInboundAgoMs: number) => [
  {
    id: `u-${id}`,
    type: 'contact.upserted',
    at: at(-40 * DAY).toISOString(),
    contact: { id, firstName: id, channels: [{ type, address: `addr-${id}`, subscribed: true }] },
  },
  { id: `in-${id}`, type: 'message.received', at: at(-lastInboundAgoMs).toISOString(), contactId: id, channel: type },
];

const text = (contactId: string, channelKey: string, key: string) => ({
  contactId,
  channelKey,
  message: { kind: 'text' as const, text: `Hello ${key}`, author: 'agent' as const },
  senderId: `U${key}`,
  idempotencyKey: `idem-${key}`,
  now: T,
});

for (const backend of STORE_BACKENDS) {
  backend.describe(`shared limits under concurrent sends on ${backend.name}`, () => {
    const place = backend.place();

    /** `n` stores on one place (replicas on PostgreSQL; the one writer, shared, on SQLite). */
    async function stores(n: number): Promise<Store[]> {
      const first = await place.open();
      const rest = [];
      for (let i = 1; i < n; i++) rest.push(backend.name === 'postgres' ? await place.open() : first);
      return [first, ...rest];
    }

    it('Viber: two contacts of one account, one free message left: exactly one is sent', async () => {
      const [a, b] = await stores(2);
      await applyEvents(a!, [...upsert('v1', 'viber', 3 * DAY), ...upsert('v2', 'viber', 3 * DAY)]);
      const transport = new SlowTransport(40);
      const outcomes = await Promise.all([
        sendFollowUp(text('v1', 'viber', 'one'), depsOn(a!, transport)),
        sendFollowUp(text('v2', 'viber', 'two'), depsOn(b!, transport)),
      ]);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.find((o) => !o.ok)).toMatchObject({ ok: false, kind: 'refused' });
      expect(transport.sent).toHaveLength(1);
      expect(await a!.counters.get(quotaCounterKey('viber', undefined, T)!)).toBe(1);
    });

    it('WeChat: three sends to one contact with a cap of two, on different replicas: two are sent', async () => {
      const [a, b, c] = await stores(3);
      await applyEvents(a!, upsert('w1', 'wechat', 3_600_000));
      const transport = new SlowTransport(30);
      const outcomes = await Promise.all(
        [a!, b!, c!].map((store, i) => sendFollowUp(text('w1', 'wechat', `w${i}`), depsOn(store, transport))),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
      expect(transport.sent).toHaveLength(2);
      expect((await a!.contacts.get('w1'))!.channels[0]!.outboundSinceInbound).toBe(2);
    });

    it('an outbox retry due on two replicas at once is taken by one', async () => {
      const [a, b] = await stores(2);
      await applyEvents(a!, upsert('r1', 'whatsapp', 3_600_000));
      const transport = new SlowTransport(30, 1);
      const first = await sendFollowUp(text('r1', 'whatsapp', 'retry'), depsOn(a!, transport));
      expect(first).toMatchObject({ ok: false, kind: 'queued' });
      const entry = (await a!.outbox.list({ status: 'queued' }))[0]!;
      const later = at(31 * 60_000);
      const retries = await Promise.all([
        retryQueued(entry, depsOn(a!, transport), later),
        retryQueued(entry, depsOn(b!, transport), later),
      ]);
      expect(retries.filter((r) => r.ok)).toHaveLength(1);
      expect(transport.sent).toHaveLength(2); // the first attempt and one retry
      expect((await b!.outbox.get(entry.id))!.status).toBe('sent');
    });
  });
}
