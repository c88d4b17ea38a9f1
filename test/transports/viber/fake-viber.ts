/**
 * A local fake of the Viber REST Bot API on 127.0.0.1: records each request exactly as received and
 * answers with whatever the test queued (default: the documented success body).
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeReply {
  status?: number;
  /** Sent verbatim (so 64-bit numbers stay exact); objects are JSON-encoded. */
  body?: string | Record<string, unknown>;
  /** Never answer (to exercise the client's timeout). */
  hang?: boolean;
}

export const SUCCESS_BODY =
  '{"status":0,"status_message":"ok","message_token":5595771666503728439,' +
  '"chat_hostname":"SN-CHAT-16_","billing_status":1}';

export class FakeViber {
  readonly requests: RecordedRequest[] = [];
  private readonly replies: FakeReply[] = [];
  private server!: Server;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  reply(...replies: FakeReply[]): void {
    this.replies.push(...replies);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    const reply = this.replies.shift() ?? { body: SUCCESS_BODY };
    if (reply.hang) return;
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json' });
    res.end(body);
  }
}
