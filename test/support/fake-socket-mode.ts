/**
 * A fake of Slack's Socket Mode endpoint on 127.0.0.1: the WebSocket that `apps.connections.open` hands out
 * (start the fake Web API with `startFakeSlack({ socketModeUrl: () => socket.url() })`).
 *
 * It speaks Slack's protocol: `hello` when a connection opens, envelopes (`events_api`, `slash_commands`,
 * `interactive`) that the app must acknowledge with `{ envelope_id, payload }`, and `disconnect` to make the app
 * reconnect. Pings are answered with pongs, as Slack's server does.
 *
 * The WebSocket server side is a minimal RFC 6455 implementation on node:http's `upgrade` event: the `ws`
 * package is not installed (@slack/socket-mode 3 connects with undici's WebSocket client), and a test fake
 * should not add a dependency. It handles what a client sends: masked text frames, fragments, ping and close.
 */
import { createHash } from 'node:crypto';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface EnvelopeOptions {
  /** Slack sets it for slash commands and interactions whose ack may carry a response (view submissions). */
  acceptsResponsePayload?: boolean;
  retryAttempt?: number;
  retryReason?: string;
  /** How long to wait for the ack (2 s by default). */
  timeoutMs?: number;
}

export interface SocketAck {
  envelope_id: string;
  /** What the app passed to ack(): `{}` for a bare ack(). */
  payload: Record<string, unknown>;
}

export interface FakeSocketMode {
  /** A fresh `ws://127.0.0.1:PORT/link/?ticket=…` URL, as apps.connections.open returns. */
  url(): string;
  /** Connections accepted so far (each got a `hello`). */
  readonly connections: number;
  /** Every ack the app sent, in arrival order. */
  readonly acks: SocketAck[];
  /** Resolves once `count` connections have been accepted and greeted. */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Sends an envelope on the newest open connection; resolves with the app's ack, rejects if none comes. */
  send(type: EnvelopeType, payload: Record<string, unknown>, opts?: EnvelopeOptions): Promise<SocketAck>;
  /** Slack's `disconnect` message (Slack does this when it recycles a server); resolves once the socket closed. */
  requestReconnect(reason?: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** One accepted WebSocket: frame parsing (client frames are masked) and framing (server frames are not). */
class Connection {
  private buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private closeSent = false;
  open = true;
  readonly closed: Promise<void>;

  constructor(
    private readonly socket: Duplex,
    private readonly onText: (text: string) => void,
  ) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('close', () => {
      this.open = false;
    });
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => this.feed(chunk));
  }

  sendText(text: string): void {
    this.write(OPCODE.text, Buffer.from(text, 'utf8'));
  }

  close(code = 1000): void {
    if (this.closeSent || !this.open) return;
    this.closeSent = true;
    const body = Buffer.alloc(2);
    body.writeUInt16BE(code);
    this.write(OPCODE.close, body);
  }

  destroy(): void {
    this.socket.destroy();
  }

  feed(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const frame = readFrame(this.buffer);
      if (!frame) return;
      this.buffer = this.buffer.subarray(frame.size);
      this.onFrame(frame.fin, frame.opcode, frame.payload);
    }
  }

  private onFrame(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case OPCODE.ping:
        this.write(OPCODE.pong, payload);
        return;
      case OPCODE.pong:
        return;
      case OPCODE.close:
        // Answer the client's close frame, then end the TCP connection (the server closes first in RFC 6455).
        this.close(payload.length >= 2 ? payload.readUInt16BE(0) : 1000);
        this.socket.end();
        return;
      default: {
        this.fragments.push(payload);
        if (!fin) return;
        const message = Buffer.concat(this.fragments);
        this.fragments = [];
        this.onText(message.toString('utf8'));
      }
    }
  }

  private write(opcode: number, payload: Buffer): void {
    if (!this.open) return;
    const length = payload.length;
    const header = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    if (length < 126) header[1] = length;
    else if (length < 65_536) {
      header[1] = 126;
      header.writeUInt16BE(length, 2);
    } else {
      header[1] = 127;
      header.writeBigUInt64BE(BigInt(length), 2);
    }
    this.socket.write(Buffer.concat([header, payload]));
  }
}

/** One complete frame at the start of `buf`, or null when more bytes are needed. */
function readFrame(buf: Buffer): { fin: boolean; opcode: number; payload: Buffer; size: number } | null {
  if (buf.length < 2) return null;
  const fin = (buf[0]! & 0x80) !== 0;
  const opcode = buf[0]! & 0x0f;
  const masked = (buf[1]! & 0x80) !== 0;
  let length = buf[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buf.length < 4) return null;
    length = buf.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buf.length < 10) return null;
    length = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (buf.length < offset + length) return null;
  const payload = Buffer.from(buf.subarray(offset, offset + length));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= buf[maskOffset + (i % 4)]!;
  return { fin, opcode, payload, size: offset + length };
}

export async function startFakeSocketMode(opts: { appId?: string } = {}): Promise<FakeSocketMode> {
  const appId = opts.appId ?? 'A0001';
  const live: Connection[] = [];
  const acks: SocketAck[] = [];
  const pending = new Map<string, (ack: SocketAck) => void>();
  const changes = new Set<() => void>();
  let accepted = 0;
  let tickets = 0;
  let envelopes = 0;
  const changed = () => {
    for (const check of [...changes]) check();
  };

  const server: Server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('Upgrade Required');
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string' || String(req.headers.upgrade).toLowerCase() !== 'websocket') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const accept = createHash('sha1')
      .update(key + WEBSOCKET_GUID)
      .digest('base64');
    const handshake = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade'];
    socket.write([...handshake, `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
    const connection = new Connection(socket, (text) => {
      const message = JSON.parse(text) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (typeof message.envelope_id !== 'string') return;
      const ack = { envelope_id: message.envelope_id, payload: message.payload ?? {} };
      acks.push(ack);
      pending.get(ack.envelope_id)?.(ack);
    });
    if (head.length) connection.feed(head);
    live.push(connection);
    void connection.closed.then(() => {
      live.splice(live.indexOf(connection), 1);
      changed();
    });
    accepted += 1;
    connection.sendText(
      JSON.stringify({
        type: 'hello',
        num_connections: live.length,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: appId },
      }),
    );
    changed();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  function until(describe: () => string, done: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        changes.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        changes.delete(check);
        reject(new Error(describe()));
      }, timeoutMs);
      changes.add(check);
      check();
    });
  }

  const newest = () => live.filter((c) => c.open).at(-1);

  return {
    url: () => `ws://127.0.0.1:${port}/link/?ticket=fake-${++tickets}&app_id=${appId}`,
    get connections() {
      return accepted;
    },
    acks,
    waitForConnections(count, timeoutMs = 5000) {
      return until(
        () => `fake Socket Mode: ${accepted} connection(s), expected ${count} within ${timeoutMs} ms`,
        () => accepted >= count && !!newest(),
        timeoutMs,
      );
    },
    send(type, payload, envelopeOpts = {}) {
      const connection = newest();
      if (!connection) return Promise.reject(new Error('fake Socket Mode: no open connection to send an envelope on'));
      const envelopeId = `env-${++envelopes}-${type}`;
      const timeoutMs = envelopeOpts.timeoutMs ?? 2000;
      const acked = new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new Error(`fake Socket Mode: no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(envelopeId, (ack) => {
          clearTimeout(timer);
          pending.delete(envelopeId);
          resolve(ack);
        });
      });
      connection.sendText(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: envelopeOpts.acceptsResponsePayload ?? type !== 'events_api',
          ...(type === 'events_api'
            ? { retry_attempt: envelopeOpts.retryAttempt ?? 0, retry_reason: envelopeOpts.retryReason ?? '' }
            : {}),
        }),
      );
      return acked;
    },
    async requestReconnect(reason = 'refresh_requested', timeoutMs = 5000) {
      const connection = newest();
      if (!connection) throw new Error('fake Socket Mode: no open connection to ask to reconnect');
      connection.sendText(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } }));
      await until(
        () => `fake Socket Mode: the app did not close the socket within ${timeoutMs} ms after "disconnect"`,
        () => !connection.open,
        timeoutMs,
      );
    },
    close() {
      for (const connection of live) connection.destroy();
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
