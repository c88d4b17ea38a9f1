/**
 * The provider contract, checked over every provider in the registry (src/transports/registry.ts) with the
 * fixture in its test folder (contract-fixture.ts): options validated with one-line errors, the send guard,
 * a successful send and every documented error against a local fake of the provider's API, and the webhook's
 * signed, bad-signature, missing-signature and malformed requests, directly and through the running server.
 * A registered provider without a fixture, or with a documented error its fixture does not produce, fails here.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannelSchema, contactSchema } from '../../src/contacts/model.js';
import { addressContactId } from '../../src/contract/ingest-events.js';
import { ingestEventSchema } from '../../src/ingest/events.js';
import type { ChannelType, PlannedSend } from '../../src/policy/index.js';
import type { Provider, ProviderChannel, ProviderDeps, WebhookRequest } from '../../src/transports/provider.js';
import { PROVIDER_LIST } from '../../src/transports/registry.js';
import type { SendRequest } from '../../src/transports/transport.js';
import { type Harness, startHarness } from '../e2e/harness.js';
import type { ContractFixture, ContractRig, SendCase } from './contract-fixture.js';
import { plannedSend } from '../support/planned-send.js';

const NOW = new Date('2026-11-21T12:00:00.000Z');
const KINDS: ReadonlyArray<PlannedSend['kind']> = ['text', 'template', 'tag'];
const HERE = dirname(fileURLToPath(import.meta.url));

/** Every test/transports/<folder>/contract-fixture.ts, by the provider it names. */
async function loadFixtures(): Promise<Map<string, ContractFixture>> {
  const fixtures = new Map<string, ContractFixture>();
  for (const folder of readdirSync(HERE, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    if (!readdirSync(join(HERE, folder.name)).includes('contract-fixture.ts')) continue;
    const module = (await import(pathToFileURL(join(HERE, folder.name, 'contract-fixture.ts')).href)) as {
      fixture: ContractFixture;
    };
    fixtures.set(module.fixture.provider, module.fixture);
  }
  return fixtures;
}

const fixtures = await loadFixtures();

/** Every src/transports/<folder>/provider.ts that exports a provider's parts, by folder. */
async function loadProviderModules(): Promise<Map<string, { optionsSchema: unknown }>> {
  const transports = join(HERE, '..', '..', 'src', 'transports');
  const modules = new Map<string, { optionsSchema: unknown }>();
  for (const folder of readdirSync(transports, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    if (!readdirSync(join(transports, folder.name)).includes('provider.ts')) continue;
    const module = (await import(pathToFileURL(join(transports, folder.name, 'provider.ts')).href)) as {
      optionsSchema?: unknown;
    };
    if (module.optionsSchema) modules.set(folder.name, { optionsSchema: module.optionsSchema });
  }
  return modules;
}

const providerModules = await loadProviderModules();

function deps(): ProviderDeps & { warnings: string[] } {
  const warnings: string[] = [];
  const log = (...a: unknown[]) => void warnings.push(a.map(String).join(' '));
  return { fetch: (...a) => fetch(...a), now: () => NOW, logger: { info() {}, warn: log, error: log }, warnings };
}

function plan(channel: ChannelType, kind: PlannedSend['kind']): PlannedSend {
  return plannedSend(channel, 'Xin chào, đơn hàng của bạn đã được giao.', {
    kind,
    messagingType: kind === 'tag' ? 'MESSAGE_TAG' : null,
    tag: kind === 'tag' ? 'HUMAN_AGENT' : null,
    template:
      kind === 'template'
        ? { name: 'order_update', language: 'vi', parameters: ['Linh'], named: { '1': 'Linh' } }
        : null,
  });
}

function sendRequest(channel: ChannelType, kind: PlannedSend['kind'], address: string | undefined): SendRequest {
  const at = '2026-11-20T09:00:00.000Z';
  const contactChannel = contactChannelSchema.parse({ type: channel, ...(address !== undefined ? { address } : {}) });
  const contact = contactSchema.parse({
    id: 'c-42',
    statusChangedAt: at,
    lastActivityAt: at,
    createdAt: at,
    updatedAt: at,
  });
  return {
    plan: plan(channel, kind),
    contact: { ...contact, channels: [contactChannel] },
    channel: contactChannel,
    idempotencyKey: 'fu-7c1e',
  };
}

const otherType = (served: readonly ChannelType[]): ChannelType => (served.includes('webchat') ? 'sms' : 'webchat');

describe('the provider registry and the contract fixtures', () => {
  it.each(PROVIDER_LIST.map((p) => p.name))(
    '%s has a contract fixture (test/transports/<folder>/contract-fixture.ts)',
    (name) => {
      expect([...fixtures.keys()]).toContain(name);
    },
  );

  it('every fixture names a registered provider, once', () => {
    expect([...fixtures.keys()].sort()).toEqual(PROVIDER_LIST.map((p) => p.name).sort());
  });

  it('every provider folder (src/transports/<folder>/provider.ts with an options schema) has its registry line', () => {
    const unregistered = [...providerModules].filter(
      ([, module]) => !PROVIDER_LIST.some((p) => p.optionsSchema === module.optionsSchema),
    );
    expect(providerModules.size).toBeGreaterThanOrEqual(PROVIDER_LIST.length);
    expect(unregistered.map(([folder]) => folder)).toEqual([]);
  });
});

describe.each(PROVIDER_LIST.map((provider) => ({ name: provider.name, provider: provider as Provider })))(
  'provider $name',
  ({ name, provider }) => {
    const fixture = fixtures.get(name);
    const channelType = provider.serves[0]!;
    let rig: ContractRig;
    let channel: ProviderChannel;
    let providerDeps: ReturnType<typeof deps>;

    beforeAll(async () => {
      if (!fixture) throw new Error(`no test/transports/<folder>/contract-fixture.ts names provider ${name}`);
      rig = await fixture.start();
      providerDeps = deps();
      channel = provider.factory(rig.account, providerDeps);
    });
    afterAll(async () => {
      await channel?.transport.close?.();
      await rig?.stop();
    });

    const send = (kind: PlannedSend['kind'], address: string | undefined, transport = channel.transport) =>
      transport.send(sendRequest(channelType, kind, address));

    describe('options', () => {
      it('names the account and the option it does not know, in one line', () => {
        const account = { ...rig.account, options: { ...rig.account.options, colour: 'blue' } };
        expect(() => provider.factory(account, deps())).toThrow(
          /^channels\[[^\]]+\]\.options has unknown option "colour"/,
        );
      });

      it('refuses an account of a channel type it does not serve', () => {
        const account = { ...rig.account, type: otherType(provider.serves) };
        expect(() => provider.factory(account, deps())).toThrow(
          `: transport ${name} serves channel type ${provider.serves.join(', ')}, not ${account.type}`,
        );
      });

      it('is a real transport named after the provider', () => {
        expect(channel.transport).toMatchObject({ name, sandbox: false });
      });
    });

    describe('send guard: refused before anything reaches the provider', () => {
      it('no address on the channel', async () => {
        const before = rig.requestsReceived();
        const result = await send('text', undefined);
        expect(result).toEqual({
          ok: false,
          reason: `${provider.sendGuard.channel}.no_address`,
          detail: provider.sendGuard.noAddress,
          retryable: false,
        });
        expect(rig.requestsReceived()).toBe(before);
      });

      for (const kind of KINDS.filter((k) => !provider.sendGuard.supports.includes(k))) {
        it(`a ${kind} plan, which the provider does not support`, async () => {
          const before = rig.requestsReceived();
          const result = await send(kind, rig.address);
          const reason = `${provider.sendGuard.channel}.${kind}_not_supported`;
          expect(result).toMatchObject({ ok: false, reason, retryable: false });
          expect(rig.requestsReceived()).toBe(before);
        });
      }
    });

    describe('send', () => {
      /** Sends under the case's answer and checks the result (softly: every case is reported). */
      const run = async (c: SendCase) => {
        await c.arrange();
        const own =
          c.options && provider.factory({ ...rig.account, options: { ...rig.account.options, ...c.options } }, deps());
        try {
          const result = await send(c.kind ?? 'text', c.address ?? rig.address, own?.transport);
          expect.soft(result, c.name).toMatchObject(c.expected);
          if (!result.ok) expect.soft(result.detail, `${c.name}: the detail says what the provider said`).not.toBe('');
        } finally {
          await own?.transport.close?.();
        }
      };

      it('a documented success gives the provider message id, after reaching the provider', async () => {
        const before = rig.requestsReceived();
        await run(rig.success);
        expect(rig.requestsReceived()).toBeGreaterThan(before);
      });

      it('each documented error maps to its reason and retry decision', async () => {
        expect(rig.failures.length).toBeGreaterThan(0);
        for (const c of rig.failures) await run(c);
      });

      it('the fixture produces every failure reason the provider declares', () => {
        const produced = new Set(rig.failures.map((c) => (c.expected.ok ? '' : c.expected.reason)));
        const missing = [...new Set(provider.failureReasons)].filter((r) => r !== 'provider_error' && !produced.has(r));
        expect(missing, `${name}: documented errors without a case in its contract fixture`).toEqual([]);
      });
    });

    if (fixture?.withoutWebhook) {
      it(`has no webhook: ${fixture.withoutWebhook}`, () => {
        expect(channel.webhook).toBeUndefined();
        expect(rig.webhook).toBeNull();
      });
      return;
    }

    describe('webhook', () => {
      const cases = () => {
        expect(rig.webhook, 'a provider with a webhook needs webhook cases (or withoutWebhook)').not.toBeNull();
        return rig.webhook!;
      };
      const handle = (request: WebhookRequest) => channel.webhook!.handle(request);

      it('is mounted under a path of its own', () => {
        expect(channel.webhook?.path).toMatch(/^[a-z-]+\/[^/]+$/);
      });

      it('a signed customer message becomes valid ingest events naming the sender by address', async () => {
        const c = cases();
        const out = await handle(c.signed(NOW));
        expect(out.status).toBeGreaterThanOrEqual(200);
        expect(out.status).toBeLessThan(300);
        expect(out.refused).toBeUndefined();
        expect(out.events.length).toBeGreaterThan(0);
        for (const event of out.events) expect(ingestEventSchema.safeParse(event).error).toBeUndefined();
        const contactId = addressContactId(channelType, c.sender);
        const upserted = { type: 'contact.upserted', contact: expect.objectContaining({ id: contactId }) };
        expect(out.events).toContainEqual(expect.objectContaining(upserted));
        expect(out.events).toContainEqual(
          expect.objectContaining({ type: 'message.received', contactId, channel: channelType }),
        );
      });

      it.each(['badSignature', 'missingSignature'] as const)(
        '%s: refused (401/403), nothing applied, the reason logged',
        async (kind) => {
          const out = await handle(cases()[kind](NOW));
          expect([401, 403]).toContain(out.status);
          expect(out.events).toEqual([]);
          expect(out.statuses ?? []).toEqual([]);
          expect(out.refused).toEqual(expect.any(String));
        },
      );

      it('malformed: a signed body it cannot read is answered 400 with nothing to apply', async () => {
        const out = await handle(cases().malformed(NOW));
        expect(out.status).toBe(400);
        expect(out.events).toEqual([]);
      });
    });
  },
);

/** Every provider configured at once in the running app: the config accepts each transport and mounts its webhook. */
describe('every provider through the running server', () => {
  let h: Harness;
  const rigs = new Map<string, ContractRig>();

  beforeAll(async () => {
    for (const provider of PROVIDER_LIST) {
      const fixture = fixtures.get(provider.name);
      if (fixture) rigs.set(provider.name, await fixture.start());
    }
    const channels = [...rigs].map(([transport, rig]) => ({
      type: rig.account.type,
      id: rig.account.id,
      transport,
      options: rig.account.options,
    }));
    // JSON is YAML: the harness writes it as the config file.
    h = await startHarness({ start: NOW.toISOString(), config: JSON.stringify({ channels }) });
  });
  afterAll(async () => {
    await h?.stop();
    for (const rig of rigs.values()) await rig.stop();
  });

  async function post(request: WebhookRequest): Promise<number> {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const url = `${h.base}${request.url.pathname}${request.url.search}`;
    const res = await fetch(url, {
      method: request.method,
      headers,
      ...(request.method === 'GET' ? {} : { body: request.rawBody }),
    });
    await res.arrayBuffer();
    return res.status;
  }

  const withWebhooks = PROVIDER_LIST.map((p) => p.name).filter((name) => !fixtures.get(name)?.withoutWebhook);
  it.each(withWebhooks)('%s: refuses a bad signature, then applies a signed message to the store', async (name) => {
    const rig = rigs.get(name);
    expect(rig?.webhook, `no contract fixture with webhook cases for ${name}`).toBeTruthy();
    const { account, webhook: cases } = rig!;
    const contactId = addressContactId(account.type, cases!.sender);
    expect([401, 403]).toContain(await post(cases!.badSignature(h.now())));
    expect(await h.app.store.contacts.get(contactId)).toBeUndefined();
    const status = await post(cases!.signed(h.now()));
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(300);
    const stored = await h.app.store.contacts.get(contactId);
    expect(stored?.channels).toContainEqual(expect.objectContaining({ type: account.type, address: cases!.sender }));
  });
});
