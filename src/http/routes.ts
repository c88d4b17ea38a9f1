/**
 * HTTP routes beside Slack's: `POST /api/events` (ingest; bearer token; JSON event, JSON array or NDJSON;
 * per-event results) and `GET /healthz`. They ride on Bolt's server as custom routes.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

export interface IngestResultEntry {
  index: number;
  id?: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: string;
}

export interface RouteDeps {
  ingestToken: string | undefined;
  /** Parses and applies one request body; never throws for bad events (they come back rejected). */
  ingest(body: string, contentType: string | undefined): Promise<IngestResultEntry[]>;
  health(): Promise<Record<string, unknown>>;
  maxBodyBytes?: number;
}

const MAX_BODY = 32 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
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

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!.trim());
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export function buildRoutes(deps: RouteDeps): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        deps.health().then(
          (h) => send(res, 200, { ok: true, ...h }),
          (err: Error) => send(res, 503, { ok: false, error: err.message }),
        );
      },
    },
    {
      path: '/api/events',
      method: ['POST'],
      handler: (req, res) => {
        void (async () => {
          if (!deps.ingestToken) {
            send(res, 503, { ok: false, error: 'Ingest is disabled: set INGEST_TOKEN to enable POST /api/events.' });
            return;
          }
          if (!tokenMatches(req.headers.authorization, deps.ingestToken)) {
            send(res, 401, { ok: false, error: 'Missing or wrong bearer token: send "Authorization: Bearer $INGEST_TOKEN".' }, { 'www-authenticate': 'Bearer' });
            return;
          }
          let body: string;
          try {
            body = await readBody(req, deps.maxBodyBytes ?? MAX_BODY);
          } catch (err) {
            if (err instanceof TooLarge) {
              send(res, 413, { ok: false, error: `Body over ${Math.round((deps.maxBodyBytes ?? MAX_BODY) / 1048576)} MiB: split it into several requests (NDJSON lines can be sent in batches).` });
            } else send(res, 400, { ok: false, error: 'Could not read the request body.' });
            return;
          }
          if (!body.trim()) {
            send(res, 400, { ok: false, error: 'Empty body: send a JSON event, a JSON array of events, or NDJSON (one event per line).' });
            return;
          }
          try {
            const results = await deps.ingest(body, req.headers['content-type']);
            const count = (s: IngestResultEntry['status']) => results.filter((r) => r.status === s).length;
            send(res, 200, {
              ok: count('rejected') === 0,
              accepted: count('accepted'),
              duplicate: count('duplicate'),
              rejected: count('rejected'),
              results,
            });
          } catch (err) {
            send(res, 500, { ok: false, error: `Ingest failed: ${(err as Error).message}. Nothing after the failure point was applied; resend the body (events are idempotent by id).` });
          }
        })();
      },
    },
  ];
}
