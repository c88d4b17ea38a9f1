/**
 * The compose submission listener, called with fake Bolt arguments on real parts (a SQLite store, the sandbox
 * transport, a WebClient talking to the fake Slack API): the outbox entry is stored before Slack is
 * answered "Sending…", and a slow store never makes the answer miss Slack's 3 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { english } from '../../../src/slack/i18n/index.js';
import { ContactIndex } from '../../../src/contacts/index.js';
import { createAgentPreferences, createFollowupUseCases } from '../../../src/followup/index.js';
import { applyEvents } from '../../../src/ingest/index.js';
import { renderCompose } from '../../../src/slack/compose/compose-screen.js';
import type { ComposeMeta } from '../../../src/slack/compose/compose-state.js';
import { composeSubmission } from '../../../src/slack/compose/compose-submission.js';
import type { SlackServices } from '../../../src/slack/services.js';
import { ACTION, BLOCK } from '../../../src/slack/shared/ids.js';
import { type OutboxEntry, type Store, openStore } from '../../../src/store/index.js';
import { SandboxTransport } from '../../../src/transports/sandbox/index.js';
import { TransportRegistry } from '../../../src/transports/transport.js';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';

const T = new Date('2026-11-21T12:00:00.000Z');
const AGENT = 'UAGENT01';
const META: ComposeMeta = {
  k: 'compose',
  contactId: 'c1',
  channelKey: 'whatsapp',
  idem: 'idem-compose-0001',
  stacked: true,
};

let dir: string;
let store: Store;
let fake: FakeSlack;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followup-compose-'));
  store = await openStore(`sqlite://${join(dir, 's.sqlite')}`);
  fake = await startFakeSlack();
  await applyEvents(store, [
    {
      id: 'u1',
      type: 'contact.upserted',
      at: new Date(T.getTime() - 7_200_000).toISOString(),
      contact: { id: 'c1', firstName: 'Linh', channels: [{ type: 'whatsapp', address: '84912345678' }] },
    },
    {
      id: 'in1',
      type: 'message.received',
      at: new Date(T.getTime() - 3_600_000).toISOString(),
      contactId: 'c1',
      channel: 'whatsapp',
    },
  ]);
});
afterEach(async () => {
  await store.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function services(storeForSends: Store = store): SlackServices {
  return {
    followup: createFollowupUseCases({
      store: storeForSends,
      index: new ContactIndex(),
      transports: new TransportRegistry(new SandboxTransport()),
      settings: { rules: {}, closingLogic: 'unassign' },
    }),
    preferences: createAgentPreferences(store),
    notificationLanguage: 'en',
    permissions: { allInbox: 'everyone', send: 'everyone' },
    pageSize: 10,
    clock: () => T,
  };
}

interface Acked {
  response: any;
  /** The outbox as stored at the instant Slack was answered. */
  outbox: OutboxEntry[];
  ms: number;
}

/** Submits the compose view with `text`, as Bolt would call the listener; records the ack. */
async function submit(s: SlackServices, text: string, options?: { writeDeadlineMs: number }) {
  const built = await renderCompose(english, META, s, AGENT);
  const view = {
    ...built,
    id: 'VCOMPOSE1',
    hash: 'h1',
    state: { values: { [BLOCK.text]: { [ACTION.text]: { type: 'plain_text_input', value: text } } } },
  };
  const warnings: unknown[][] = [];
  const logger = { debug() {}, info() {}, warn: (...a: unknown[]) => warnings.push(a), error() {} };
  const started = performance.now();
  let acked: Acked | undefined;
  const ack = async (response?: unknown) => {
    acked = { response, outbox: await store.outbox.list({ contactId: 'c1' }), ms: performance.now() - started };
  };
  const client = new WebClient('xoxb-test', { slackApiUrl: fake.url });
  const listener = composeSubmission(s, options);
  await listener({ ack, body: { user: { id: AGENT }, view }, view, client, logger } as never);
  if (!acked) throw new Error('the listener never answered Slack');
  return { acked, warnings };
}

describe('compose submission', () => {
  it('the outbox entry is stored at the moment Slack is answered "Sending…"', async () => {
    const { acked } = await submit(services(), 'Chào Linh');
    expect(acked.response).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(acked.response.view)).toContain('Sending…');
    expect(acked.outbox).toHaveLength(1);
    expect(acked.outbox[0]).toMatchObject({ idempotencyKey: META.idem, status: 'queued', text: 'Chào Linh' });

    const update = await fake.waitFor('views.update', (a) => JSON.stringify(a.view).includes('Sent'));
    expect(update.view_id).toBe('VCOMPOSE1');
    expect(await store.outbox.findByIdempotencyKey(META.idem)).toMatchObject({ status: 'sent', sandbox: true });
  });

  it('a resubmitted view (a Slack retry) finds the entry it wrote and sends nothing more', async () => {
    await submit(services(), 'Chào Linh');
    await fake.waitFor('views.update', (a) => JSON.stringify(a.view).includes('Sent'));
    const { acked } = await submit(services(), 'Chào Linh');
    expect(acked.outbox).toHaveLength(1);
    await fake.waitFor('views.update', (a) => JSON.stringify(a.view).includes('Already sent'));
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1); // one confirmation DM
    expect(await store.outbox.list({ contactId: 'c1' })).toHaveLength(1);
  });

  it('a slow store: Slack is answered at the deadline, the write goes on and the follow-up is sent', async () => {
    // The same store, with an outbox whose writes take 400 ms (a busy disk).
    const slowOutbox = Object.create(store.outbox, {
      enqueue: {
        value: async (...args: Parameters<Store['outbox']['enqueue']>) => {
          await new Promise((r) => setTimeout(r, 400));
          return store.outbox.enqueue(...args);
        },
      },
    }) as Store['outbox'];
    const slowStore = { ...store, outbox: slowOutbox } as Store;
    const { acked, warnings } = await submit(services(slowStore), 'Chào Linh', { writeDeadlineMs: 100 });
    expect(JSON.stringify(acked.response.view)).toContain('Sending…');
    expect(acked.ms).toBeLessThan(400);
    expect(acked.outbox).toHaveLength(0);
    expect(warnings.map((w) => String(w[0]))).toEqual([expect.stringMatching(/took over 100 ms/)]);
    await fake.waitFor('views.update', (a) => JSON.stringify(a.view).includes('Sent'));
    expect(await store.outbox.findByIdempotencyKey(META.idem)).toMatchObject({ status: 'sent' });
  });
});
