/**
 * End-to-end harness: the real server (startFollowup) on 127.0.0.1, a real SQLite file (or, with
 * `store: 'postgres'` or FOLLOWUP_TEST_STORE=postgres, a fresh PostgreSQL schema), a fake Slack Web API
 * recording every call, and signed Slack requests. Time is a variable the test moves.
 *
 * Replicas: give several harnesses one `storeUrl`, one `fake` and one `clock` (see startReplicas) and they
 * are replicas of one fleet; each still has its own port.
 *
 * With `socketMode: true` the app gets an app-level token and connects to a fake Socket Mode endpoint instead;
 * `slack()` (and so `command`, `click`, `submit`) then delivers each payload as an envelope on the socket and
 * reports the ack the way HTTP would have answered (status 200, the ack's payload as the body).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { describe } from 'vitest';
import { type RunningFollowup, startFollowup } from '../../src/server.js';
import { type CallArgs, type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { type TestSchema, describeOnPostgres, freshSchema } from '../support/postgres.js';
import { type EnvelopeType, type FakeSocketMode, startFakeSocketMode } from '../support/fake-socket-mode.js';
import {
  AGENT_ID,
  type Json,
  type SignedRequestOptions,
  type SlackRequestKind,
  blockAction,
  signedSlackRequest,
  slashCommand,
  viewSubmission,
} from '../support/signed-request.js';

export const SECRET = 'e2e-signing-secret';
export const INGEST_TOKEN = 'e2e-ingest-token-0123456789';

export type E2eStore = 'sqlite' | 'postgres';

/** The store a harness uses when not told: FOLLOWUP_TEST_STORE=postgres runs any e2e file on PostgreSQL. */
export const DEFAULT_E2E_STORE: E2eStore = process.env.FOLLOWUP_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** The stores a parameterised e2e file runs on (each test file decides which of its tests run on both). */
export const E2E_STORES: readonly E2eStore[] = ['sqlite', 'postgres'];

/**
 * `describe` on one store: PostgreSQL suites skip on a laptop without it (one line says how to run them) and
 * fail in CI (test/support/postgres.ts).
 */
export function describeOnStore(store: E2eStore, name: string, body: () => void): void {
  if (store === 'postgres') describeOnPostgres(`${name} (postgres)`, body);
  else describe(`${name} (sqlite)`, body);
}

/** The time every replica of a test reads; tests move it. */
export interface TestClock {
  now: Date;
}

export interface Harness {
  base: string;
  fake: FakeSlack;
  /** The fake Socket Mode endpoint, when the harness runs in Socket Mode. */
  socket: FakeSocketMode | undefined;
  app: RunningFollowup;
  dir: string;
  now(): Date;
  setNow(d: Date | string): void;
  advance(ms: number): void;
  ingest(body: string | unknown[] | Json, contentType?: string, token?: string): Promise<{ status: number; json: any }>;
  slack(
    kind: 'command' | 'interactive' | 'event',
    body: Json,
    opts?: SignedRequestOptions,
  ): Promise<{ status: number; text: string; ms: number }>;
  command(text: string, user?: string): Promise<{ status: number; text: string; ms: number }>;
  /** The view as Slack holds it now: the newest views.open/push/update for that id. */
  view(viewId: string): Json & { id: string; hash: string };
  /** The id of the newest modal opened or pushed. */
  lastOpenedViewId(): string;
  /** Runs a request that opens or pushes a modal and returns the new modal's id once Slack was asked. */
  opening(request: () => Promise<unknown>, timeoutMs?: number): Promise<string>;
  /** Waits until the newest views.update of a view satisfies a predicate. */
  waitForView(viewId: string, predicate: (view: Json) => boolean, timeoutMs?: number): Promise<Json>;
  click(
    viewId: string,
    action: Json,
    values?: Json,
    user?: string,
  ): Promise<{ status: number; text: string; ms: number }>;
  submit(viewId: string, values: Json, user?: string): Promise<{ status: number; json: any; ms: number }>;
  /** Stops the server and starts it again on the same store (a deploy or a crash-free restart). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  config?: string;
  env?: Record<string, string>;
  start?: string;
  notifyPaceMs?: number;
  /** Connect over Socket Mode (SLACK_APP_TOKEN set) to a fake Socket Mode endpoint. */
  socketMode?: boolean;
  /** The app's log level; ERROR keeps test output quiet. */
  logLevel?: LogLevel;
  /** Shorter receiver waits (unacknowledged-request timeout, Socket Mode reconnect pause). */
  slackReceiver?: { unhandledRequestTimeoutMillis?: number; socketModePingTimeoutMillis?: number };
  /** A fresh SQLite file (default) or PostgreSQL schema, dropped by `stop()`. Ignored with `storeUrl`. */
  store?: E2eStore;
  /** A store shared with other harnesses (replicas): left in place by `stop()`. */
  storeUrl?: string;
  /** A fake Slack shared with other harnesses: left running by `stop()`. */
  fake?: FakeSlack;
  /** A clock shared with other harnesses. */
  clock?: TestClock;
  /** Wait after each start until this replica runs the fleet's workers (default: when the store is its own). */
  waitForLeader?: boolean;
  leaderRetryMs?: number;
  notifyInDoubtMs?: number;
  outboxIntervalMs?: number;
}

/** Socket Mode envelope type per kind of Slack request. */
const ENVELOPE_TYPES: Record<SlackRequestKind, EnvelopeType> = {
  command: 'slash_commands',
  interactive: 'interactive',
  event: 'events_api',
};

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const socket = opts.socketMode ? await startFakeSocketMode() : undefined;
  const fake = opts.fake ?? (await startFakeSlack(socket ? { socketModeUrl: () => socket.url() } : {}));
  const dir = mkdtempSync(join(tmpdir(), 'followup-e2e-'));
  const clock = opts.clock ?? { now: new Date(opts.start ?? '2026-11-21T12:00:00.000Z') };
  if (opts.clock && opts.start) clock.now = new Date(opts.start);
  const schema: TestSchema | null =
    !opts.storeUrl && (opts.store ?? DEFAULT_E2E_STORE) === 'postgres' ? await freshSchema('followup_e2e') : null;
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: 'xoxb-e2e-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    STORE_URL: opts.storeUrl ?? schema?.url ?? `sqlite://${join(dir, 'followup.sqlite')}`,
    INGEST_TOKEN,
    PORT: '0',
    ...(socket ? { SLACK_APP_TOKEN: 'xapp-1-e2e-test' } : {}),
    ...opts.env,
  };
  if (opts.config) {
    const path = join(dir, 'followup.yml');
    writeFileSync(path, opts.config);
    env.FOLLOWUP_CONFIG = path;
  }
  const waitForLeader = opts.waitForLeader ?? !opts.storeUrl;
  const boot = async () => {
    const started = await startFollowup({
      env,
      clock: () => clock.now,
      notifyIntervalMs: 3_600_000,
      notifyPaceMs: opts.notifyPaceMs ?? 0,
      logLevel: opts.logLevel ?? LogLevel.ERROR,
      ...(opts.slackReceiver ? { slackReceiver: opts.slackReceiver } : {}),
      ...(opts.leaderRetryMs !== undefined ? { leaderRetryMs: opts.leaderRetryMs } : {}),
      ...(opts.notifyInDoubtMs !== undefined ? { notifyInDoubtMs: opts.notifyInDoubtMs } : {}),
      ...(opts.outboxIntervalMs !== undefined ? { outboxIntervalMs: opts.outboxIntervalMs } : {}),
    });
    if (waitForLeader) await untilLeader(started);
    return started;
  };
  let app = await boot();
  let base = `http://127.0.0.1:${app.port}`;

  const h: Harness = {
    get base() {
      return base;
    },
    fake,
    socket,
    get app() {
      return app;
    },
    dir,
    now: () => clock.now,
    setNow: (d) => {
      clock.now = new Date(d);
    },
    advance: (ms) => {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    async ingest(body, contentType, token = INGEST_TOKEN) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await fetch(`${base}/api/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': contentType ?? (typeof body === 'string' ? 'application/x-ndjson' : 'application/json'),
        },
        body: text,
      });
      return { status: res.status, json: await res.json() };
    },
    async slack(kind, body, reqOpts) {
      const t0 = performance.now();
      if (socket) {
        const retry = Number(reqOpts?.headers?.['X-Slack-Retry-Num'] ?? reqOpts?.headers?.['x-slack-retry-num'] ?? 0);
        const ack = await socket.send(ENVELOPE_TYPES[kind], body, retry ? { retryAttempt: retry } : {});
        // HTTP answers a bare ack() with an empty body; Socket Mode sends `{}`.
        const text = Object.keys(ack.payload).length ? JSON.stringify(ack.payload) : '';
        return { status: 200, text, ms: performance.now() - t0 };
      }
      const res = await signedSlackRequest(base, SECRET, kind, body, reqOpts);
      const text = await res.text();
      return { status: res.status, text, ms: performance.now() - t0 };
    },
    command(text, user = AGENT_ID) {
      return h.slack('command', slashCommand({ text, user_id: user }));
    },
    view(viewId) {
      const v = viewState(fake, viewId);
      if (!v) throw new Error(`No view ${viewId} was opened; calls: ${fake.calls.map((c) => c.method).join(', ')}`);
      return v;
    },
    lastOpenedViewId() {
      const ids = openedViewIds(fake);
      const id = ids[ids.length - 1];
      if (!id) throw new Error('No modal was opened');
      return id;
    },
    async opening(request, timeoutMs = 3000) {
      const before = openedViewIds(fake).length;
      await request();
      const deadline = Date.now() + timeoutMs;
      while (openedViewIds(fake).length <= before) {
        if (Date.now() > deadline)
          throw new Error(
            `No modal was opened; calls: ${fake.calls
              .slice(-8)
              .map((c) => c.method)
              .join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 10));
      }
      return openedViewIds(fake)[before]!;
    },
    async waitForView(viewId, predicate, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = viewState(fake, viewId);
        if (v && predicate(v)) return v;
        if (Date.now() > deadline)
          throw new Error(`View ${viewId} never matched; last: ${JSON.stringify(v)?.slice(0, 1500)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    click(viewId, action, values = {}, user = AGENT_ID) {
      return h.slack(
        'interactive',
        blockAction({ view: h.view(viewId), actions: [action as never], values, user } as never),
      );
    },
    async submit(viewId, values, user = AGENT_ID) {
      const r = await h.slack('interactive', viewSubmission({ view: h.view(viewId), values, user } as never));
      return { status: r.status, json: r.text ? JSON.parse(r.text) : null, ms: r.ms };
    },
    async restart() {
      await app.stop();
      app = await boot();
      base = `http://127.0.0.1:${app.port}`;
    },
    async stop() {
      await app.stop();
      if (!opts.fake) await fake.close();
      await socket?.close();
      await schema?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Resolves once the app runs the fleet's workers (at once on SQLite; on PostgreSQL after its first try). */
export async function untilLeader(app: RunningFollowup, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!app.isLeader()) {
    if (Date.now() > deadline) throw new Error(`the app did not become leader within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  await app.workersSettled();
}

/** View ids in the order modals were opened or pushed (the fake answers each with a fresh id). */
export function openedViewIds(fake: FakeSlack): string[] {
  return fake.calls
    .filter((c) => c.method === 'views.open' || c.method === 'views.push')
    .map((c) => String(c.result?.view?.id ?? ''));
}

export function viewState(fake: FakeSlack, viewId: string): (Json & { id: string; hash: string }) | undefined {
  let latest: CallArgs | undefined;
  for (const c of fake.calls) {
    const result = c.result as { view?: { id?: string; hash?: string } } | undefined;
    if (
      (c.method === 'views.open' || c.method === 'views.push' || c.method === 'views.update') &&
      result?.view?.id === viewId
    ) {
      latest = { ...(c.args.view as Json), id: viewId, hash: String(result.view.hash) };
    }
  }
  return latest as (Json & { id: string; hash: string }) | undefined;
}

/** The first interactive element whose action_id is `base` or `base:<suffix>` (repeated elements). */
export function findAction(view: unknown, base: string): Record<string, any> | undefined {
  let found: Record<string, any> | undefined;
  JSON.stringify(view, (_k, v) => {
    if (
      !found &&
      v &&
      typeof v === 'object' &&
      typeof v.action_id === 'string' &&
      (v.action_id === base || v.action_id.startsWith(`${base}:`))
    )
      found = v;
    return v;
  });
  return found;
}
