/**
 * Followup's Bolt receiver, on Bolt's documented Receiver interface (init/start/stop; requests go to the app
 * through `app.processEvent`). One HTTP server carries `POST /slack/events` and the custom routes
 * (`/api/events`, `/healthz`, `/webhooks/…`). With an app-level token Slack's requests arrive over Socket Mode
 * instead (Bolt's SocketModeReceiver does the socket) and the server carries the custom routes only.
 *
 * Why not Bolt's HTTPReceiver: it handles each request in a detached promise, so one signed body of `null`
 * threw outside any handler and ended the process; it accepts timestamps from the future; and a payload its
 * routing cannot read answered 500. Here each request is checked first (slack-request.ts), every step is
 * awaited under one catch, and what Bolt still cannot process is a logged 4xx. Acknowledgement is Bolt's own
 * HTTPResponseAck, so response bodies (view `response_action`s), the unacknowledged-request timeout and the
 * retry headers behave as they did.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import {
  type App,
  AuthorizationError,
  type CustomRoute,
  HTTPModuleFunctions,
  HTTPResponseAck,
  type Logger,
  type Receiver,
  type ReceiverEvent,
  SocketModeReceiver,
  defaultBodyLimit,
} from '@slack/bolt';
import { checkSlackRequest } from './slack-request.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SocketModeOptions {
  appToken: string;
  /** Web API base for `apps.connections.open` (GovSlack, or a test server). */
  slackApiUrl?: string;
  /** How long to wait for a pong before reconnecting; also the pause before a reconnect. Bolt's default: 5 s. */
  pingTimeoutMillis?: number;
}

export interface FollowupReceiverOptions {
  signingSecret: string;
  customRoutes: CustomRoute[];
  port: number;
  /** Bolt's default is 3001 ms, just past Slack's 3-second deadline. */
  unhandledRequestTimeoutMillis?: number;
  bodyLimitBytes?: number;
  /** Connect to Slack over Socket Mode; `/slack/events` is then not served. */
  socketMode?: SocketModeOptions;
  /** The wall clock the signature timestamp is compared with (Slack's clock, not the app's business clock). */
  nowMs?: () => number;
}

type RouteHandler = CustomRoute['handler'];

export class FollowupReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;
  private socket: SocketModeReceiver | undefined;
  /** Custom routes by lower-cased path, then by method: Bolt matched them case-insensitively too. */
  private readonly routes = new Map<string, Map<string, RouteHandler>>();

  constructor(private readonly opts: FollowupReceiverOptions) {
    for (const route of opts.customRoutes) {
      const byMethod = this.routes.get(routeKey(route.path)) ?? new Map<string, RouteHandler>();
      for (const method of [route.method].flat()) byMethod.set(method.toUpperCase(), route.handler);
      this.routes.set(routeKey(route.path), byMethod);
    }
  }

  init(app: App): void {
    this.app = app;
    const socketMode = this.opts.socketMode;
    if (!socketMode) return;
    this.socket = new SocketModeReceiver({
      appToken: socketMode.appToken,
      logger: app.logger,
      ...(socketMode.pingTimeoutMillis ? { clientPingTimeout: socketMode.pingTimeoutMillis } : {}),
      ...(socketMode.slackApiUrl
        ? { installerOptions: { clientOptions: { slackApiUrl: socketMode.slackApiUrl } } }
        : {}),
      // Redelivering a payload Bolt could not read fails the same way again: log it, acknowledge it.
      processEventErrorHandler: async ({ error, logger, event }) => {
        const type = typeof event.body?.type === 'string' ? event.body.type.slice(0, 40) : 'unknown';
        logger.warn(
          `Acknowledged a Socket Mode payload that could not be processed (type ${type}): ${messageOf(error)}`,
        );
        return true;
      },
    });
    this.socket.init(app);
  }

  async start(port: number = this.opts.port): Promise<Server> {
    if (!this.app) throw new Error('FollowupReceiver.start() before init(): pass it to new App({ receiver })');
    if (this.server) throw new Error('FollowupReceiver is already started');
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // After start-up a server error (rare: EMFILE) is logged, never an unhandled 'error' event.
    server.on('error', (err) => this.logger.error(`HTTP server error: ${messageOf(err)}`));
    this.server = server;
    if (this.socket) {
      try {
        await this.socket.start();
      } catch (err) {
        await this.stop().catch(() => undefined);
        throw err;
      }
    }
    return server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    // Bolt's SocketModeReceiver.stop() does not wait for the socket to close; the client's disconnect() does.
    if (this.socket) await this.socket.client.disconnect();
    // close() lets in-flight requests finish (and closes idle keep-alive connections) before it calls back.
    if (server) await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  }

  private get logger(): Logger {
    return this.app!.logger;
  }

  /** Never rejects: whatever goes wrong ends in a logged answer, not in an unhandled rejection. */
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req.url);
    try {
      if (path === undefined) {
        answer(res, 400);
        return;
      }
      if (path === SLACK_EVENTS_PATH && req.method === 'POST' && !this.socket) {
        await this.handleSlackRequest(req, res);
        return;
      }
      this.dispatchCustomRoute(path, req, res);
    } catch (err) {
      // The last resort: a request must not end the process. Slack requests answer 400, our own routes 500.
      const status = path === SLACK_EVENTS_PATH ? 400 : 500;
      this.logger.error(`${req.method} ${path ?? '(bad URL)'} failed and was answered ${status}: ${messageOf(err)}`);
      answer(res, status);
    }
  }

  private dispatchCustomRoute(path: string, req: IncomingMessage, res: ServerResponse): void {
    const handler = this.routes.get(routeKey(path))?.get(String(req.method).toUpperCase());
    if (!handler) {
      this.logger.debug(`Unhandled HTTP request (${req.method}) made to ${path}`);
      answer(res, 404);
      return;
    }
    handler(Object.assign(req, { params: {} }), res);
  }

  private async handleSlackRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const limit = this.opts.bodyLimitBytes ?? defaultBodyLimit;
    const rawBody = await readBody(req, limit);
    if (rawBody === 'aborted') {
      this.logger.debug('A Slack request was abandoned by the client before its body ended');
      return;
    }
    if (rawBody === 'too_large') {
      this.logger.warn(`Refused a Slack request (413): the body is larger than ${limit} bytes`);
      // The rest of the body is never read: close the connection instead of draining it.
      answer(res, 413, { connection: 'close' });
      return;
    }
    const verdict = checkSlackRequest(
      {
        rawBody,
        contentType: req.headers['content-type'],
        signature: req.headers['x-slack-signature'],
        timestamp: req.headers['x-slack-request-timestamp'],
      },
      this.opts.signingSecret,
      (this.opts.nowMs ?? Date.now)(),
    );
    switch (verdict.kind) {
      case 'ssl_check':
        answer(res, 200);
        return;
      case 'url_verification':
        HTTPModuleFunctions.buildUrlVerificationResponse(res, { challenge: verdict.challenge });
        return;
      case 'refused':
        this.logger.warn(`Refused a Slack request (${verdict.status}): ${verdict.reason}`);
        answer(res, verdict.status);
        return;
      case 'payload':
        break;
    }

    const ack = new HTTPResponseAck({
      logger: this.logger,
      processBeforeResponse: false,
      httpRequest: req,
      httpRequestBody: verdict.body,
      httpResponse: res,
      ...(this.opts.unhandledRequestTimeoutMillis
        ? { unhandledRequestTimeoutMillis: this.opts.unhandledRequestTimeoutMillis }
        : {}),
    });
    const event: ReceiverEvent = {
      body: verdict.body,
      ack: ack.bind(),
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    };
    try {
      await this.app!.processEvent(event);
    } catch (err) {
      // Listener errors never get here (Bolt hands them to app.error); this is Bolt failing to route the payload.
      if (res.headersSent) {
        this.logger.error(`A Slack ${verdict.payloadKind} payload failed after it was acknowledged: ${messageOf(err)}`);
        return;
      }
      ack.ack();
      const status = err instanceof AuthorizationError ? 401 : 400;
      const problem = messageOf(err);
      this.logger.warn(`Refused a Slack ${verdict.payloadKind} payload (${status}): Bolt cannot read it: ${problem}`);
      answer(res, status);
    }
  }
}

function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, headers);
  res.end();
}

/** The path of a request target, or undefined when it is not a URL path at all. */
function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/** Bolt's route matching ignored case and one trailing slash. */
function routeKey(path: string): string {
  return (path.length > 1 ? path.replace(/\/$/, '') : path).toLowerCase();
}

/** The body, or why there is none: larger than `limit`, or the client went away before it ended. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large' | 'aborted'> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve('too_large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer | 'too_large' | 'aborted') => {
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        req.pause();
        finish('too_large');
      }
    };
    const onEnd = () => finish(Buffer.concat(chunks));
    const onAbort = () => finish('aborted');
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onAbort);
  });
}

function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').slice(0, 300);
}
