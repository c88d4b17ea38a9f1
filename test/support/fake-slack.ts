/**
 * A fake Slack Web API on 127.0.0.1 for end-to-end tests: point Bolt at it with
 * `new App({ clientOptions: { slackApiUrl: fake.url } })` and assert on what the app asked Slack to do.
 *
 * It answers like Slack does (HTTP 200 with `{ ok: … }`, 429 + `Retry-After` when scripted), records every
 * call, keeps what chat.postMessage posted for conversations.history (newest first, paged by `limit` and
 * `cursor`, message `metadata` with `include_all_metadata`), and also serves `POST /response_url/<id>` so
 * `respond()` can be pointed at it through the `response_url` of a command or message-action fixture.
 *
 * Why not nock/msw: @slack/web-api v8 uses native fetch; a real socket exercises the same code path as
 * production (form encoding, headers, retries) with nothing patched.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Whatever the app sent: loosely typed on purpose, tests assert on the shape they expect. */
export type CallArgs = Record<string, any>;

export interface FakeSlackCall {
  /** Web API method, e.g. `views.open`. */
  method: string;
  /** Body fields; `view`, `blocks`, `attachments` and `metadata` are JSON-parsed when they were sent as strings. */
  args: CallArgs;
  /** The bearer token (header) or the `token` body field; null when none was sent. */
  token: string | null;
  /** What the fake answered (set before the answer is sent): e.g. the id views.open gave the view. */
  result?: CallArgs;
  status?: number;
  /** chat.postMessage: the message's ts, given when the call arrives (a post whose answer never came is posted). */
  ts?: string;
}

export interface ResponseUrlCall {
  id: string;
  /** The JSON body `respond()` posted (or `{ text }` for a non-JSON body). */
  body: CallArgs;
}

/** A scripted answer: a fixed body, or a function of the call that returns one. */
export type FakeAnswer = CallArgs | ((args: CallArgs, call: FakeSlackCall) => CallArgs | Promise<CallArgs>);

export interface RespondOptions {
  /** HTTP status, 200 by default (Slack uses 200 for `ok: false` too; 429 for rate limits). */
  status?: number;
  headers?: Record<string, string>;
  /** How many calls this answer serves; unlimited when absent. */
  times?: number;
}

export interface FakeSlack {
  /** Web API base for `slackApiUrl`, with its trailing slash: `http://127.0.0.1:PORT/api/`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** Every Web API call, in arrival order. */
  calls: FakeSlackCall[];
  /** Every POST to a `responseUrl(id)`, in arrival order. */
  responses: ResponseUrlCall[];
  callsTo(method: string): CallArgs[];
  /**
   * Script the answer to a method. Scripted answers are used in the order they were added, each for its
   * `times`; a new unlimited answer replaces earlier unlimited ones for that method. When none is left,
   * the default answer applies. Use the pseudo-method `response_url` to script `responseUrl()` answers.
   */
  respondWith(method: string, answer: FakeAnswer, opts?: RespondOptions): void;
  /** Shorthand: the next `times` calls to `method` get HTTP 429 with `Retry-After: retryAfterSec`. */
  rateLimit(method: string, retryAfterSec?: number, times?: number): void;
  /**
   * Resolves with the args of the first call to `method` matching `predicate`, including calls that already
   * arrived; rejects after `timeoutMs` (2 s) with the list of calls seen.
   */
  waitFor(method: string, predicate?: (args: CallArgs) => boolean, timeoutMs?: number): Promise<CallArgs>;
  /** Resolves once `count` calls to `method` arrived, with their args. */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<CallArgs[]>;
  /** An absolute `response_url` served by this fake. */
  responseUrl(id: string): string;
  responsesTo(id: string): CallArgs[];
  waitForResponse(id: string, predicate?: (body: CallArgs) => boolean, timeoutMs?: number): Promise<CallArgs>;
  /** Forget recorded calls and scripted answers (ids keep counting, so they stay unique). */
  reset(): void;
  close(): Promise<void>;
}

/** Form fields the Web API client JSON-stringifies; parsed back so tests can assert on structure. */
const JSON_FIELDS = ['view', 'blocks', 'attachments', 'metadata'] as const;

interface Script {
  answer: FakeAnswer;
  status: number;
  headers: Record<string, string>;
  remaining: number;
}

interface Waiter {
  check: () => boolean;
}

export interface FakeSlackOptions {
  /**
   * The WebSocket URL `apps.connections.open` hands out (a fake Socket Mode endpoint, see fake-socket-mode.ts).
   * Without it the method answers `invalid_auth`, as Slack does for a token that is not an app-level one.
   */
  socketModeUrl?: () => string;
}

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: FakeSlackCall[] = [];
  const responses: ResponseUrlCall[] = [];
  const scripts = new Map<string, Script[]>();
  const waiters = new Set<Waiter>();
  let counter = 0;
  const next = () => ++counter;
  let origin = '';

  /** Messages in a channel as conversations.history lists them: posts Slack did not refuse, newest first. */
  function history(args: CallArgs): CallArgs {
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const posted = calls
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel === args.channel && c.ts)
      .filter((c) => c.result === undefined || c.result.ok === true)
      .reverse();
    const from = Number(args.cursor ?? 0) || 0;
    const limit = Math.min(Number(args.limit ?? 100) || 100, 999);
    const page = posted.slice(from, from + limit);
    const more = from + limit < posted.length;
    return {
      ok: true,
      messages: page.map((c) => ({
        type: 'message',
        ts: c.ts,
        text: c.args.text,
        ...(c.args.blocks ? { blocks: c.args.blocks } : {}),
        bot_id: 'BBOT',
        user: 'UBOT',
        ...(withMetadata && c.args.metadata ? { metadata: c.args.metadata } : {}),
      })),
      has_more: more,
      response_metadata: { next_cursor: more ? String(from + limit) : '' },
    };
  }

  const defaults: Record<string, (args: CallArgs, call: FakeSlackCall) => CallArgs> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://test.slack.invalid/',
      team: 'Test',
      user: 'followup',
      team_id: 'T0001',
      user_id: 'UBOT',
      bot_id: 'BBOT',
      is_enterprise_install: false,
    }),
    'apps.connections.open': () =>
      opts.socketModeUrl ? { ok: true, url: opts.socketModeUrl() } : { ok: false, error: 'invalid_auth' },
    'views.open': (args) => ({ ok: true, view: viewAnswer(args, `V${pad(next())}`) }),
    'views.push': (args) => ({ ok: true, view: viewAnswer(args, `V${pad(next())}`) }),
    'views.update': (args) => ({
      ok: true,
      view: viewAnswer(args, typeof args.view_id === 'string' ? args.view_id : `V${pad(next())}`),
    }),
    'views.publish': (args) => ({
      ok: true,
      view: { ...viewAnswer(args, `V${pad(next())}`), type: 'home' },
    }),
    'chat.postMessage': (args, call) => {
      const ts = call.ts ?? messageTs(next());
      return {
        ok: true,
        channel: args.channel,
        ts,
        message: { type: 'message', text: args.text, blocks: args.blocks, bot_id: 'BBOT', user: 'UBOT', ts },
      };
    },
    'chat.postEphemeral': () => ({ ok: true, message_ts: messageTs(next()) }),
    'conversations.history': (args) => history(args),
    'chat.update': (args) => ({ ok: true, channel: args.channel, ts: args.ts, text: args.text }),
    'conversations.open': (args) => ({
      ok: true,
      channel: { id: `D${String(args.users ?? args.channel ?? pad(next())).replace(/[^A-Z0-9]/gi, '')}` },
    }),
    'users.info': (args) => ({
      ok: true,
      user: {
        id: args.user,
        team_id: 'T0001',
        name: `user-${String(args.user).toLowerCase()}`,
        real_name: `User ${args.user}`,
        is_bot: false,
        deleted: false,
        tz: 'Europe/Paris',
        tz_label: 'Central European Time',
        tz_offset: 3600,
        locale: 'en-US',
        profile: { real_name: `User ${args.user}`, display_name: `user-${args.user}` },
      },
    }),
  };

  function viewAnswer(args: CallArgs, id: string): CallArgs {
    const view = (typeof args.view === 'object' && args.view !== null ? args.view : {}) as CallArgs;
    return {
      id,
      team_id: 'T0001',
      hash: `h${pad(next())}`,
      state: { values: {} },
      private_metadata: '',
      callback_id: '',
      ...view,
    };
  }

  function notifyWaiters() {
    for (const w of [...waiters]) w.check();
  }

  function takeScript(method: string): Script | undefined {
    const list = scripts.get(method);
    if (!list) return undefined;
    const script = list.find((s) => s.remaining > 0);
    if (script) script.remaining -= 1;
    return script;
  }

  async function answer(
    res: ServerResponse,
    method: string,
    args: CallArgs,
    call: FakeSlackCall,
    fallback: () => CallArgs,
  ) {
    const script = takeScript(method);
    let body: CallArgs;
    let status = 200;
    let headers: Record<string, string> = {};
    if (script) {
      body = typeof script.answer === 'function' ? await script.answer(args, call) : script.answer;
      status = script.status;
      headers = script.headers;
    } else {
      body = fallback();
    }
    call.result = body;
    call.status = status;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const contentType = String(req.headers['content-type'] ?? '');

    if (req.method === 'POST' && path.startsWith('/response_url/')) {
      const id = decodeURIComponent(path.slice('/response_url/'.length));
      const body = parseBody(raw, contentType);
      responses.push({ id, body });
      notifyWaiters();
      const call: FakeSlackCall = { method: 'response_url', args: body, token: null };
      // Slack answers a response_url POST with a plain `ok`; scripted answers may change that.
      const script = takeScript('response_url');
      if (script) {
        const out = typeof script.answer === 'function' ? await script.answer(body, call) : script.answer;
        res.writeHead(script.status, { 'content-type': 'application/json', ...script.headers });
        res.end(JSON.stringify(out));
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      }
      return;
    }

    if (req.method !== 'POST' || !path.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'unknown_method' }));
      return;
    }

    const method = decodeURIComponent(path.slice('/api/'.length));
    const args = parseBody(raw, contentType);
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ')
      ? auth.slice('Bearer '.length)
      : typeof args.token === 'string'
        ? args.token
        : null;
    const call: FakeSlackCall = { method, args, token };
    if (method === 'chat.postMessage') call.ts = messageTs(next());
    calls.push(call);
    notifyWaiters();
    await answer(res, method, args, call, () => (defaults[method] ?? (() => ({ ok: true })))(args, call));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'fake_slack_failure', detail: String(err) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  function waitUntil<T>(describe: () => string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const found = probe();
          if (found === undefined) return false;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(found);
          return true;
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(describe()));
      }, timeoutMs);
      waiters.add(waiter);
      waiter.check();
    });
  }

  function respondWith(method: string, answer: FakeAnswer, opts: RespondOptions = {}): void {
    const list = scripts.get(method) ?? [];
    const unlimited = opts.times === undefined;
    const kept = unlimited ? list.filter((s) => Number.isFinite(s.remaining)) : list;
    kept.push({
      answer,
      status: opts.status ?? 200,
      headers: opts.headers ?? {},
      remaining: opts.times ?? Number.POSITIVE_INFINITY,
    });
    scripts.set(method, kept);
  }

  const seen = () => (calls.length ? calls.map((c) => c.method).join(', ') : 'none');

  return {
    url: `${origin}/api/`,
    origin,
    calls,
    responses,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    respondWith,
    rateLimit(method, retryAfterSec = 1, times = 1) {
      respondWith(
        method,
        { ok: false, error: 'ratelimited' },
        {
          status: 429,
          headers: { 'Retry-After': String(retryAfterSec) },
          times,
        },
      );
    },
    waitFor(method, predicate = () => true, timeoutMs = 2000) {
      return waitUntil(
        () => `fake Slack: no ${method} call matching the predicate within ${timeoutMs} ms (calls seen: ${seen()})`,
        () => calls.find((c) => c.method === method && predicate(c.args))?.args,
        timeoutMs,
      );
    },
    waitForCalls(method, count, timeoutMs = 2000) {
      return waitUntil(
        () =>
          `fake Slack: expected ${count} ${method} call(s) within ${timeoutMs} ms, ` +
          `got ${calls.filter((c) => c.method === method).length} (calls seen: ${seen()})`,
        () => {
          const found = calls.filter((c) => c.method === method).map((c) => c.args);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
      );
    },
    responseUrl: (id) => `${origin}/response_url/${encodeURIComponent(id)}`,
    responsesTo: (id) => responses.filter((r) => r.id === id).map((r) => r.body),
    waitForResponse(id, predicate = () => true, timeoutMs = 2000) {
      return waitUntil(
        () =>
          `fake Slack: no POST to response_url ${id} within ${timeoutMs} ms ` +
          `(${responses.length} response_url call(s) seen)`,
        () => responses.find((r) => r.id === id && predicate(r.body))?.body,
        timeoutMs,
      );
    },
    reset() {
      calls.length = 0;
      responses.length = 0;
      scripts.clear();
    },
    close() {
      for (const w of waiters) waiters.delete(w);
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function pad(n: number): string {
  return String(n).padStart(8, '0');
}

/** Unique, ordered, Slack-shaped message timestamps. */
function messageTs(n: number): string {
  return `${1_700_000_000 + n}.${String(n).padStart(6, '0')}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string): CallArgs {
  if (!raw) return {};
  if (contentType.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return typeof parsed === 'object' && parsed !== null ? (parsed as CallArgs) : { value: parsed };
    } catch {
      return { raw };
    }
  }
  if (contentType.includes('application/x-www-form-urlencoded') || !contentType) {
    const args: CallArgs = Object.fromEntries(new URLSearchParams(raw));
    for (const field of JSON_FIELDS) {
      const value = args[field];
      if (typeof value !== 'string') continue;
      try {
        args[field] = JSON.parse(value);
      } catch {
        // Not JSON: keep the string so the test can see what was sent.
      }
    }
    return args;
  }
  return { raw };
}
