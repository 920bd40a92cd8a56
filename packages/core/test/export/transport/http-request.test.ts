import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { OTLPExporterError } from '@opentelemetry/otlp-exporter-base';
import { UnsentExportError } from '../../../src/export/transport/export-control.js';
import { HttpRequestSender, isConnectionRefused, parseRetryAfter } from '../../../src/export/transport/http-request.js';

const servers: Array<Server | TcpServer> = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function listen(server: Server | TcpServer): Promise<string> {
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1/logs`);
    }),
  );
}

async function httpServer(handler: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void): Promise<string> {
  return listen(
    createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handler(req, Buffer.concat(chunks), res));
    }),
  );
}

function sender(url: string, compression: 'none' | 'gzip' = 'none'): HttpRequestSender {
  return new HttpRequestSender({ url, headers: { 'Content-Type': 'application/x-protobuf', 'X-Key': 'k' }, compression, userAgent: 'test-agent' });
}

const DATA = new TextEncoder().encode('payload');
const never = new AbortController().signal;

describe('HttpRequestSender', () => {
  it('posts the body with the headers and user agent, and reads a 2xx as success', async () => {
    let seen: { headers: IncomingMessage['headers']; body: string } | undefined;
    const url = await httpServer((req, body, res) => {
      seen = { headers: req.headers, body: body.toString() };
      res.end('ok');
    });
    const result = await sender(url).send(DATA, 1_000, never);
    expect(result).toMatchObject({ status: 'success' });
    expect(seen?.body).toBe('payload');
    expect(seen?.headers).toMatchObject({ 'content-type': 'application/x-protobuf', 'x-key': 'k', 'user-agent': 'test-agent', 'content-length': '7' });
  });

  it('gzips the body when asked', async () => {
    let body: Buffer | undefined;
    let encoding: string | undefined;
    const url = await httpServer((req, b, res) => {
      body = b;
      encoding = req.headers['content-encoding'];
      res.end();
    });
    await sender(url, 'gzip').send(DATA, 1_000, never);
    expect(encoding).toBe('gzip');
    expect(gunzipSync(body as Buffer).toString()).toBe('payload');
  });

  it.each([429, 502, 503, 504])('treats %i as retryable and unsent, with Retry-After', async (status) => {
    const url = await httpServer((_req, _b, res) => {
      res.writeHead(status, { 'Retry-After': '2' });
      res.end();
    });
    const result = await sender(url).send(DATA, 1_000, never);
    expect(result.status).toBe('retryable');
    expect(result.status === 'retryable' && result.retryInMillis).toBe(2_000);
    expect(result.status === 'retryable' && result.error).toBeInstanceOf(UnsentExportError);
  });

  it.each([400, 401, 413, 500])('treats %i as a final failure', async (status) => {
    const url = await httpServer((_req, _b, res) => {
      res.writeHead(status);
      res.end('no');
    });
    const result = await sender(url).send(DATA, 1_000, never);
    expect(result.status).toBe('failure');
    expect(result.status === 'failure' && result.error).toBeInstanceOf(OTLPExporterError);
  });

  it('reports a refused connection as unsent', async () => {
    const server = createTcpServer();
    const url = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    servers.length = 0;
    const result = await sender(url).send(DATA, 1_000, never);
    expect(result.status).toBe('retryable');
    expect(isConnectionRefused(result.status === 'retryable' ? result.error : undefined)).toBe(true);
  });

  it('reports a connection reset mid-body as unsent', async () => {
    const url = await listen(createTcpServer((socket) => socket.once('data', () => socket.resetAndDestroy())));
    const result = await sender(url).send(new Uint8Array(256 * 1024), 1_000, never);
    expect(result.status).toBe('retryable');
  });

  it('ends a request to a receiver that never answers at the timeout', async () => {
    const url = await listen(createTcpServer((socket) => socket.resume()));
    const started = Date.now();
    const result = await sender(url).send(DATA, 100, never);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toMatchObject({ status: 'retryable' });
    expect(String(result.status === 'retryable' && result.error?.message)).toContain('timed out after 100 ms');
  });

  it('ends a request at once when the signal aborts', async () => {
    const url = await listen(createTcpServer((socket) => socket.resume()));
    const abort = new AbortController();
    const pending = sender(url).send(DATA, 60_000, abort.signal);
    setTimeout(() => abort.abort(), 20);
    const result = await pending;
    expect(result.status).toBe('retryable');
    expect(String(result.status === 'retryable' && result.error?.message)).toContain('aborted');
    expect(sockets.size).toBeLessThanOrEqual(1);
  });

  it('refuses a response body over 4 MiB', async () => {
    const url = await httpServer((_req, _b, res) => res.end(Buffer.alloc(5 * 1024 * 1024)));
    const result = await sender(url).send(DATA, 5_000, never);
    expect(result.status).toBe('failure');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter(['0'])).toBe(0);
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    expect(parseRetryAfter(inTwoSeconds)).toBeGreaterThan(0);
    expect(parseRetryAfter(new Date(0).toUTCString())).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
  });
});
