/**
 * Test helpers shared by the Messenger and Instagram tests: a local fake of the Graph API on 127.0.0.1
 * that records each request and answers what the test queued, signed webhook requests, and plans.
 */
import { createHmac } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { Contact, ContactChannel } from '../../../src/contacts/model.js';
import { ingestEventSchema } from '../../../src/ingest/events.js';
import type { PlannedSend } from '../../../src/policy/index.js';
import type { ProviderDeps, ProviderIngestEvent, WebhookRequest } from '../../../src/transports/provider.js';
import { plannedSend } from '../../support/planned-send.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  json: unknown;
}

export type FakeAnswer = { status: number; body: unknown; contentType?: string } | 'hang';

export interface FakeGraph {
  url: string;
  requests: RecordedRequest[];
  /** Answers in order; when empty, the default success body. */
  answer(...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

export const SUCCESS = (recipientId: string, messageId: string) => ({
  status: 200,
  body: { recipient_id: recipientId, message_id: messageId },
});

/** The documented Graph error body (Messenger Platform "Common Error Codes"). */
export function graphError(status: number, code: number, message: string, subcode?: number): FakeAnswer {
  return {
    status,
    body: {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(subcode !== undefined ? { error_subcode: subcode } : {}),
        fbtrace_id: 'AbCdEfGh123',
      },
    },
  };
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const requests: RecordedRequest[] = [];
  const queue: FakeAnswer[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        json = undefined;
      }
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        rawBody,
        json,
      });
      const next: FakeAnswer = queue.shift() ?? SUCCESS('PSID', 'm_default');
      if (next === 'hang') {
        hanging.add(res);
        return;
      }
      const body = typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
      res.writeHead(next.status, { 'content-type': next.contentType ?? 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (...answers) => queue.push(...answers),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function testDeps(now = new Date('2026-11-20T10:00:00Z')): ProviderDeps & { warnings: unknown[][] } {
  const warnings: unknown[][] = [];
  return {
    fetch: (...args) => fetch(...args),
    now: () => now,
    logger: { info: () => undefined, warn: (...a: unknown[]) => void warnings.push(a), error: () => undefined },
    warnings,
  };
}

export function plan(channel: 'messenger' | 'instagram', overrides: Partial<PlannedSend> = {}): PlannedSend {
  return plannedSend(channel, 'Hi Linh, your parcel left the warehouse today.', {
    messagingType: 'RESPONSE',
    ...overrides,
  });
}

export function contactWith(channel: ContactChannel): Contact {
  const at = '2026-11-20T09:00:00.000Z';
  return {
    id: 'c-1',
    firstName: 'Linh',
    lastName: 'Tran',
    email: '',
    phone: '',
    language: 'vi',
    assignee: null,
    status: 'open',
    statusChangedAt: at,
    lastActivityAt: at,
    createdAt: at,
    updatedAt: at,
    channels: [channel],
  };
}

export function channelOf(
  type: 'messenger' | 'instagram',
  address: string | undefined,
  channelId?: string,
): ContactChannel {
  return {
    type,
    ...(channelId ? { channelId } : {}),
    ...(address ? { address } : {}),
    lastInboundAt: '2026-11-20T09:00:00.000Z',
    lastOutboundAt: null,
    outboundSinceInbound: 0,
  };
}

export function sign(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** A signed POST as the HTTP route hands it over (lower-cased headers, raw body). */
export function signedPost(
  path: string,
  body: unknown,
  secret: string,
  extraHeaders: Record<string, string> = {},
): WebhookRequest {
  const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method: 'POST',
    url: new URL(`https://followup.example.com/webhooks/${path}`),
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(rawBody, secret), ...extraHeaders },
    rawBody,
  };
}

export function verificationGet(path: string, query: Record<string, string>): WebhookRequest {
  const url = new URL(`https://followup.example.com/webhooks/${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return { method: 'GET', url, headers: {}, rawBody: '' };
}

/** Every event a webhook emits must be a valid ingest event. */
export function expectValidEvents(events: ProviderIngestEvent[]): void {
  for (const event of events) {
    const parsed = ingestEventSchema.safeParse(event);
    expect(parsed.success, `${event.id}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
  }
}
