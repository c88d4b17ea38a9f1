/**
 * A local stand-in for an HTTP API on 127.0.0.1 (a provider's, or Slack's for its transport): records every
 * request, answers as scripted, over HTTPS when given a certificate.
 */
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type FakeAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'hang'
  /** Writes the answer itself (bytes, a late answer, a connection cut halfway). */
  | ((res: ServerResponse) => void);

export interface FakeApi {
  url: string;
  requests: RecordedRequest[];
  /** What the next requests get (until changed). */
  answer(fn: (req: RecordedRequest) => FakeAnswer): void;
  /** Connections opened to it so far. */
  connections(): number;
  close(): Promise<void>;
}

export async function startFakeApi(
  initial: (req: RecordedRequest) => FakeAnswer,
  tls?: { key: string; cert: string },
): Promise<FakeApi> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const a = handler(recorded);
      if (a === 'hang') return; // never answers: the client's timeout must fire
      if (typeof a === 'function') return a(res);
      const body = a.body === undefined ? '' : typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
      res.writeHead(a.status, {
        'content-type': typeof a.body === 'string' ? 'text/html' : 'application/json',
        ...a.headers,
      });
      res.end(body);
    });
  };
  const server = tls ? createTlsServer(tls, onRequest) : createServer(onRequest);
  let connections = 0;
  server.on(tls ? 'secureConnection' : 'connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    answer(fn) {
      handler = fn;
    },
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 nothing listens on (bound, then released): connections are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A URL on 127.0.0.1 where nothing listens (connection refused). */
export async function refusedUrl(): Promise<string> {
  return `http://127.0.0.1:${await closedPort()}`;
}
