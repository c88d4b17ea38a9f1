/**
 * A local fake of the WeChat API on 127.0.0.1: `GET /cgi-bin/token` and
 * `POST /cgi-bin/message/custom/send`. Records each request as received (raw body bytes included) and
 * answers with replies the test queued per endpoint (defaults: the documented success bodies).
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  raw: Buffer;
  body: string;
}

export interface FakeReply {
  status?: number;
  body?: string | Record<string, unknown>;
  /** Answer after this many milliseconds (to let concurrent callers pile up). */
  delayMs?: number;
  hang?: boolean;
}

export class FakeWechat {
  readonly tokenRequests: RecordedRequest[] = [];
  readonly sendRequests: RecordedRequest[] = [];
  private readonly tokenReplies: FakeReply[] = [];
  private readonly sendReplies: FakeReply[] = [];
  private issued = 0;
  private server!: Server;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  reset(): void {
    this.tokenRequests.length = 0;
    this.sendRequests.length = 0;
    this.tokenReplies.length = 0;
    this.sendReplies.length = 0;
    this.issued = 0;
  }

  replyToken(...replies: FakeReply[]): void {
    this.tokenReplies.push(...replies);
  }

  replySend(...replies: FakeReply[]): void {
    this.sendReplies.push(...replies);
  }

  /** The access_token the n-th (1-based) token request was given by default. */
  static token(n: number): string {
    return `ACCESS_TOKEN_${n}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const recorded = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      raw,
      body: raw.toString('utf8'),
    };
    const path = new URL(recorded.url, 'http://x').pathname;
    let reply: FakeReply;
    if (path === '/cgi-bin/token') {
      this.tokenRequests.push(recorded);
      reply = this.tokenReplies.shift() ?? {
        body: { access_token: FakeWechat.token(++this.issued), expires_in: 7200 },
      };
    } else if (path === '/cgi-bin/message/custom/send') {
      this.sendRequests.push(recorded);
      reply = this.sendReplies.shift() ?? { body: { errcode: 0, errmsg: 'ok' } };
    } else {
      reply = { status: 404, body: { errcode: 404, errmsg: 'not found' } };
    }
    if (reply.hang) return;
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json; encoding=utf-8' });
    res.end(body);
  }
}
