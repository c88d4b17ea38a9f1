/**
 * What a listener unit test needs, in the starter template's style (call the listener with fake Bolt arguments)
 * but on real parts: the follow-up use cases over a memory:// store, a WebClient talking to the fake Slack Web
 * API on 127.0.0.1, an ack that records what Slack was answered, and a logger that records what was logged.
 */
import { LogLevel, type Logger } from '@slack/bolt';
import { afterEach, beforeEach } from 'vitest';
import type { ModalView } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { ContactIndex } from '../../src/contacts/index.js';
import { type FollowupUseCases, createAgentPreferences, createFollowupUseCases } from '../../src/followup/index.js';
import { applyEvents } from '../../src/ingest/index.js';
import type { SlackPermissions, SlackServices } from '../../src/slack/services.js';
import { type Store, openStore } from '../../src/store/index.js';
import { SandboxTransport } from '../../src/transports/sandbox/index.js';
import { TransportRegistry } from '../../src/transports/transport.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';

export const T = new Date('2026-11-21T12:00:00.000Z');
export const AGENT = 'UAGENT01';
const HOUR = 3_600_000;
const iso = (msAgo: number) => new Date(T.getTime() - msAgo).toISOString();

/**
 * Linh: closed an hour ago, WhatsApp window open (free text); Jürgen: Messenger, 8 days since he wrote (tag only).
 * Both assigned to AGENT.
 */
export const EVENTS = [
  {
    id: 'u-linh',
    type: 'contact.upserted',
    at: iso(48 * HOUR),
    contact: {
      id: 'c-linh',
      firstName: 'Linh',
      lastName: 'Nguyễn',
      language: 'vi',
      channels: [{ type: 'whatsapp', address: '84912345678' }],
    },
  },
  { id: 'in-linh', type: 'message.received', at: iso(2 * HOUR), contactId: 'c-linh', channel: 'whatsapp' },
  { id: 'as-linh', type: 'contact.assigned', at: iso(90 * 60_000), contactId: 'c-linh', assignee: AGENT },
  { id: 'cl-linh', type: 'conversation.closed', at: iso(HOUR), contactId: 'c-linh', by: AGENT },
  {
    id: 'u-jm',
    type: 'contact.upserted',
    at: iso(30 * 24 * HOUR),
    contact: {
      id: 'c-jm',
      firstName: 'Jürgen',
      lastName: 'Müller',
      channels: [{ type: 'messenger', address: 'psid-1' }],
    },
  },
  { id: 'in-jm', type: 'message.received', at: iso(8 * 24 * HOUR), contactId: 'c-jm', channel: 'messenger' },
  { id: 'as-jm', type: 'contact.assigned', at: iso(2 * HOUR), contactId: 'c-jm', assignee: 'UOTHER01' },
  { id: 'cl-jm', type: 'conversation.closed', at: iso(HOUR), contactId: 'c-jm', by: 'UOTHER01' },
];

export interface RecordingLogger extends Logger {
  errors: unknown[][];
  warnings: unknown[][];
}

export function recordingLogger(): RecordingLogger {
  const errors: unknown[][] = [];
  const warnings: unknown[][] = [];
  return {
    errors,
    warnings,
    debug() {},
    info() {},
    warn: (...a: unknown[]) => warnings.push(a),
    error: (...a: unknown[]) => errors.push(a),
    setLevel() {},
    getLevel: () => LogLevel.ERROR,
    setName() {},
  };
}

/** An ack that records each answer Slack got (`undefined` for a bare ack()). */
export interface RecordingAck {
  (response?: unknown): Promise<void>;
  answers: unknown[];
}

export function recordingAck(): RecordingAck {
  const answers: unknown[] = [];
  const ack = async (response?: unknown) => {
    answers.push(response);
  };
  return Object.assign(ack, { answers });
}

export interface ListenerWorld {
  store: Store;
  fake: FakeSlack;
  client: WebClient;
  logger: RecordingLogger;
  /** The services a screen gets; a use case can be replaced (e.g. by one that throws). */
  services(overrides?: {
    followup?: Partial<FollowupUseCases>;
    permissions?: Partial<SlackPermissions>;
    services?: Partial<Pick<SlackServices, 'preferences' | 'notificationLanguage'>>;
  }): SlackServices;
  close(): Promise<void>;
}

export async function startListenerWorld(): Promise<ListenerWorld> {
  const store = await openStore('memory://');
  const index = new ContactIndex();
  store.contacts.onChange((c) => index.upsert(c));
  const rejected = (await applyEvents(store, EVENTS, { now: () => T })).filter((r) => r.status === 'rejected');
  if (rejected.length) throw new Error(`seed events rejected: ${JSON.stringify(rejected)}`);
  const followup = createFollowupUseCases({
    store,
    index,
    transports: new TransportRegistry(new SandboxTransport()),
    settings: { rules: {}, closingLogic: 'unassign' },
  });
  const fake = await startFakeSlack();
  const client = new WebClient('xoxb-test', {
    slackApiUrl: fake.url,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 0 },
  });
  return {
    store,
    fake,
    client,
    logger: recordingLogger(),
    services: (overrides = {}) => ({
      followup: { ...followup, ...overrides.followup },
      permissions: { allInbox: 'everyone', send: 'everyone', ...overrides.permissions },
      pageSize: 10,
      clock: () => T,
      preferences: createAgentPreferences(store),
      notificationLanguage: 'en',
      ...overrides.services,
    }),
    async close() {
      await fake.close();
      await store.close();
    },
  };
}

/** A use case that fails the way a broken store does. */
export function failing(what = 'the store is not reachable'): () => Promise<never> {
  return async () => {
    throw new Error(what);
  };
}

/** The newest view Slack was asked to show (open, push or update), as JSON text. */
export function lastViewJson(fake: FakeSlack): string {
  const views = fake.calls.filter((c) => ['views.open', 'views.push', 'views.update'].includes(c.method));
  return JSON.stringify(views.at(-1)?.args.view ?? null);
}

/** A modal as Slack sends it back in a block action or submission: our view plus its id, hash and state. */
export type SlackModal = ModalView & { id: string; hash: string; state: { values: object } };

export function slackView(view: ModalView, values: object = {}): SlackModal {
  return { ...view, id: 'VVIEW001', hash: 'hash-1', state: { values } };
}

/** A fresh world for every test of the calling file: `useListenerWorld((world) => (w = world));`. */
export function useListenerWorld(onStart: (world: ListenerWorld) => void): void {
  let world: ListenerWorld | undefined;
  beforeEach(async () => {
    world = await startListenerWorld();
    onStart(world);
  });
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });
}
