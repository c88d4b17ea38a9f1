import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { type Contact, type ContactChannel, contactSchema, contactChannelSchema } from '../../../src/contacts/model.js';
import type { PlannedSend } from '../../../src/policy/index.js';
import type { ProviderDeps } from '../../../src/transports/provider.js';
import type { SendRequest } from '../../../src/transports/transport.js';
import { plannedSend } from '../../support/planned-send.js';

export const NOW = new Date('2026-11-20T09:30:00.000Z');

export function testDeps(now: Date = NOW): ProviderDeps & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    fetch: () => Promise.reject(new Error('the smtp transport must not use fetch')),
    now: () => now,
    logger: { info() {}, warn: (...a: unknown[]) => void warnings.push(a.join(' ')), error() {} },
    warnings,
  };
}

export function textPlan(text: string): PlannedSend {
  return plannedSend('email', text, { state: 'no_window' });
}

export function sendRequest(
  text: string,
  address: string | undefined,
  idempotencyKey = '6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f',
): SendRequest {
  const contact: Contact = contactSchema.parse({
    id: 'c-42',
    firstName: 'Linh',
    lastName: 'Nguyễn',
    statusChangedAt: NOW.toISOString(),
    lastActivityAt: NOW.toISOString(),
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    channels: [{ type: 'email', ...(address ? { address } : {}) }],
  });
  const channel: ContactChannel = contactChannelSchema.parse({ type: 'email', ...(address ? { address } : {}) });
  return { plan: textPlan(text), contact, channel, idempotencyKey };
}

export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
  user: string | undefined;
}

export interface FakeSmtp {
  port: number;
  received: ReceivedMail[];
  connections: number;
  commands: string[];
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on 127.0.0.1 without TLS, recording every accepted message. */
export async function startSmtp(options: Partial<SMTPServerOptions> = {}): Promise<FakeSmtp> {
  const fake: FakeSmtp = { port: 0, received: [], connections: 0, commands: [], close: async () => {} };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    onConnect(_session, callback) {
      fake.connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        fake.received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        callback(null, 'OK queued as F00D');
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  fake.port = (server.server.address() as AddressInfo).port;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}

/** A raw TCP server that answers each connection with `onConnection` (e.g. a 421 greeting, or silence). */
export async function startRawServer(
  onConnection: (socket: Socket) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export { closedPort } from '../../support/fake-api.js';

export function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/* ---------- a small MIME reader for what the fake server received (headers + one text/plain part) ---------- */

function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) => {
      if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      return decodeQuotedPrintable(text.replace(/_/g, ' '));
    });
}

function decodeQuotedPrintable(body: string): string {
  const soft = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

export interface ParsedMail {
  headers: Map<string, string>;
  /** Decoded header values (RFC 2047 encoded words decoded). */
  header(name: string): string | undefined;
  text: string;
}

export function parseMail(raw: string): ParsedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return {
    headers,
    header: (name) => {
      const v = headers.get(name.toLowerCase());
      return v === undefined ? undefined : decodeWords(v);
    },
    text: text.replace(/\r\n/g, '\n').replace(/\n$/, ''),
  };
}
