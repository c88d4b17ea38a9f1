import { createHmac } from 'node:crypto';
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Contact, type ContactChannel, contactChannelSchema, contactSchema } from '../../../src/contacts/model.js';
import type { ProviderDeps } from '../../../src/transports/provider.js';
import type { SendRequest } from '../../../src/transports/transport.js';
import { plannedSend } from '../../support/planned-send.js';

export const NOW = new Date('2026-11-20T09:30:00.000Z');
export const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
export const SECRET = 'whsec_4f9a1c7e2b8d6053e1a9c4b7f2d8e6a0';

/** Computed here independently of the module under test. */
export function hmac(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function testDeps(now: Date = NOW): ProviderDeps & { fetchCalls: number; warnings: string[] } {
  const deps = {
    fetchCalls: 0,
    warnings: [] as string[],
    fetch: ((...args: Parameters<typeof fetch>) => {
      deps.fetchCalls += 1;
      return fetch(...args);
    }) as typeof fetch,
    now: () => now,
    logger: { info() {}, warn: (...a: unknown[]) => void deps.warnings.push(a.join(' ')), error() {} },
  };
  return deps;
}

export function sendRequest(
  text: string,
  address: string | undefined,
  idempotencyKey = '6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f',
): SendRequest {
  const plan = plannedSend('webchat', text, { state: 'no_window' });
  const ch = { type: 'webchat', channelId: 'shop', ...(address ? { address } : {}) };
  const contact: Contact = contactSchema.parse({
    id: 'c-42',
    statusChangedAt: NOW.toISOString(),
    lastActivityAt: NOW.toISOString(),
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    channels: [ch],
  });
  const channel: ContactChannel = contactChannelSchema.parse(ch);
  return { plan, contact, channel, idempotencyKey };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeSite {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The site's backend on 127.0.0.1: records each request and answers with `respond`. */
export async function startSite(respond: (req: RecordedRequest, res: ServerResponse) => void): Promise<FakeSite> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      respond(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
