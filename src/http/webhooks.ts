/**
 * Provider webhooks: `/webhooks/<path>` for every configured channel account. The provider module verifies
 * and parses; this route reads the raw body, hands the result to the ingest path, and answers the provider.
 * A refused request (bad signature) is logged and changes nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { DeliveryStatus } from '../contract/delivery-reports.js';
import type { ProviderIngestEvent } from '../contract/ingest-events.js';
import type { InboundWebhook } from '../transports/provider.js';
import type { RequestTimer } from './metrics.js';

const MAX_BODY = 5 * 1024 * 1024;

export interface WebhookRouteDeps {
  apply(events: ProviderIngestEvent[], statuses: DeliveryStatus[], source: string): Promise<void>;
  logger: { warn(...a: unknown[]): void; error(...a: unknown[]): void };
  /** Whether a failure means the store cannot be reached: answered 503, so the provider redelivers later. */
  isStoreOutage?: (error: unknown) => boolean;
  startTimer?: RequestTimer;
}

async function readRaw(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function buildWebhookRoutes(webhooks: InboundWebhook[], deps: WebhookRouteDeps): CustomRoute[] {
  return webhooks.map((hook) => ({
    path: `/webhooks/${hook.path}`,
    method: ['GET', 'POST'],
    handler: (req: IncomingMessage, res: ServerResponse) => {
      // The provider is the path's first part (`whatsapp/1234567890`): one latency series per provider.
      const done = deps.startTimer?.('webhook', hook.path.split('/')[0]);
      if (done) res.once('close', done);
      void (async () => {
        const raw = await readRaw(req);
        if (raw === null) {
          res.writeHead(413).end();
          return;
        }
        const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
        const out = await hook.handle({ method: req.method ?? 'GET', url, headers: headersOf(req), rawBody: raw });
        if (out.refused) deps.logger.warn(`Webhook ${hook.path} refused: ${out.refused}`);
        if (out.events.length || out.statuses?.length) {
          // Apply before answering: if the store fails the provider redelivers (events are idempotent by id).
          await deps.apply(out.events, out.statuses ?? [], hook.path);
        }
        res.writeHead(out.status, out.contentType ? { 'content-type': out.contentType } : {});
        res.end(out.body ?? '');
      })().catch((err: unknown) => {
        const outage = deps.isStoreOutage?.(err) === true;
        if (outage) deps.logger.warn(`Webhook ${hook.path} answered 503: ${(err as Error).message}`);
        else deps.logger.error(`Webhook ${hook.path} failed`, err);
        if (!res.headersSent) res.writeHead(outage ? 503 : 500).end();
      });
    },
  }));
}
