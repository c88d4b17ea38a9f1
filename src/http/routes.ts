/**
 * HTTP routes beside Slack's: `POST /api/events` (ingest; bearer token; JSON event, JSON array or NDJSON;
 * per-event results) and `GET /healthz` (health.ts). They ride on Bolt's server as custom routes.
 *
 * Status codes: 200 when the body was events (each with its own result, some perhaps rejected); 400 when
 * nothing in it was JSON; 405 for any method but POST (Bolt answers 404 for a method a route does not list,
 * so the ingest route lists them all); 503 while the store cannot be reached (send again later).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { RequestTimer } from './metrics.js';

export interface IngestResultEntry {
  index: number;
  id?: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: string;
}

export interface IngestOutcome {
  results: IngestResultEntry[];
  /** Entries that were not JSON at all (their results say which lines). */
  notJson: number;
}

export interface RouteDeps {
  ingestToken: string | undefined;
  /** Parses and applies one request body; never throws for bad events (they come back rejected). */
  ingest(body: string, contentType: string | undefined): Promise<IngestOutcome>;
  health(): Promise<Record<string, unknown>>;
  maxBodyBytes?: number;
  /** Whether an ingest failure means the store cannot be reached (answered 503: send again later). */
  isStoreOutage?: (error: unknown) => boolean;
  startTimer?: RequestTimer;
}

/** How long a sender should wait before sending again while the store cannot be reached. */
const STORE_RETRY_AFTER_S = 60;

const MAX_BODY = 32 * 1024 * 1024;

/** Methods other than POST that `/api/events` answers with 405 (an unlisted method gets Bolt's 404). */
const OTHER_METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

class TooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!.trim());
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * The bearer check every token-guarded route makes: true when the request may go on; otherwise the answer is
 * sent (503 while no token is set — `what` names the feature for that message —, 401 for a missing or wrong one).
 */
export function requireBearer(
  req: IncomingMessage,
  res: ServerResponse,
  token: string | undefined,
  what: { feature: string; route: string },
): token is string {
  if (!token) {
    send(res, 503, { ok: false, error: `${what.feature} is disabled: set INGEST_TOKEN to enable ${what.route}.` });
    return false;
  }
  if (!tokenMatches(req.headers.authorization, token)) {
    const error = 'Missing or wrong bearer token: send "Authorization: Bearer $INGEST_TOKEN".';
    send(res, 401, { ok: false, error }, { 'www-authenticate': 'Bearer' });
    return false;
  }
  return true;
}

export function buildRoutes(deps: RouteDeps): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        deps.health().then(
          // A health that says ok: false (Slack not reachable yet) is a 503 for probes and load balancers.
          (h) => send(res, h.ok === false ? 503 : 200, { ok: true, ...h }),
          (err: Error) => send(res, 503, { ok: false, error: err.message }),
        );
      },
    },
    {
      path: '/api/events',
      method: ['POST', ...OTHER_METHODS],
      handler: (req, res) => {
        const done = deps.startTimer?.('api_events');
        if (done) res.once('close', done);
        void (async () => {
          if (req.method !== 'POST') {
            req.resume();
            const error = `${req.method} is not supported here: send events with POST /api/events.`;
            send(res, 405, { ok: false, error }, { allow: 'POST' });
            return;
          }
          if (!requireBearer(req, res, deps.ingestToken, { feature: 'Ingest', route: 'POST /api/events' })) return;
          let body: string;
          try {
            body = await readBody(req, deps.maxBodyBytes ?? MAX_BODY);
          } catch (err) {
            if (err instanceof TooLarge) {
              send(res, 413, {
                ok: false,
                error:
                  `Body over ${Math.round((deps.maxBodyBytes ?? MAX_BODY) / 1048576)} MiB: split it into several ` +
                  'requests (NDJSON lines can be sent in batches).',
              });
            } else send(res, 400, { ok: false, error: 'Could not read the request body.' });
            return;
          }
          if (!body.trim()) {
            send(res, 400, {
              ok: false,
              error: 'Empty body: send a JSON event, a JSON array of events, or NDJSON (one event per line).',
            });
            return;
          }
          try {
            const { results, notJson } = await deps.ingest(body, req.headers['content-type']);
            const count = (s: IngestResultEntry['status']) => results.filter((r) => r.status === s).length;
            const tally = {
              accepted: count('accepted'),
              duplicate: count('duplicate'),
              rejected: count('rejected'),
              results,
            };
            if (results.length > 0 && notJson === results.length) {
              const error =
                'The body is not JSON: send a JSON event, a JSON array of events, or NDJSON (one event per line).';
              send(res, 400, { ok: false, error, ...tally });
              return;
            }
            send(res, 200, { ok: tally.rejected === 0, ...tally });
          } catch (err) {
            if (deps.isStoreOutage?.(err)) {
              const error =
                `${(err as Error).message}. Try again in a minute: ` +
                'resend the whole body (events are idempotent by id).';
              send(res, 503, { ok: false, error }, { 'retry-after': String(STORE_RETRY_AFTER_S) });
              return;
            }
            send(res, 500, {
              ok: false,
              error:
                `Ingest failed: ${(err as Error).message}. Nothing after the failure point was applied; ` +
                'resend the body (events are idempotent by id).',
            });
          }
        })();
      },
    },
  ];
}
