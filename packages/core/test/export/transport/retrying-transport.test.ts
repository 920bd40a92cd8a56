import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportControl } from '../../../src/export/transport/export-control.js';
import { HttpRequestSender } from '../../../src/export/transport/http-request.js';
import { RetryingTransport } from '../../../src/export/transport/retrying-transport.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A receiver that answers the statuses in turn (the last one from then on), each with Retry-After 0. */
async function receiver(statuses: number[]): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = statuses[Math.min(hits, statuses.length - 1)];
      hits++;
      res.writeHead(status, status === 200 ? {} : { 'Retry-After': '0' });
      res.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1/traces`, hits: () => hits };
}

function transport(url: string, control = new ExportControl()): RetryingTransport {
  return new RetryingTransport(new HttpRequestSender({ url, headers: {}, compression: 'none', userAgent: 't' }), control);
}

const DATA = new Uint8Array([1, 2, 3]);

describe('RetryingTransport', () => {
  it('retries retryable answers, then succeeds', async () => {
    const r = await receiver([503, 429, 200]);
    expect(await transport(r.url).send(DATA, 5_000)).toMatchObject({ status: 'success' });
    expect(r.hits()).toBe(3);
  });

  it('stops after five attempts', async () => {
    const r = await receiver([503]);
    expect((await transport(r.url).send(DATA, 10_000)).status).toBe('retryable');
    expect(r.hits()).toBe(5);
  });

  it('does not retry a final failure', async () => {
    const r = await receiver([400]);
    expect((await transport(r.url).send(DATA, 10_000)).status).toBe('failure');
    expect(r.hits()).toBe(1);
  });

  it('does not wait past the export timeout for a retry', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(503, { 'Retry-After': '60' });
      res.end();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const started = Date.now();
    const result = await transport(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`).send(DATA, 1_000);
    expect(result.status).toBe('retryable');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('while draining, does not retry a refused connection', async () => {
    const r = await receiver([200]);
    const url = r.url;
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const control = new ExportControl();
    control.startDraining();
    const started = Date.now();
    expect((await transport(url, control).send(DATA, 10_000)).status).toBe('retryable');
    expect(Date.now() - started).toBeLessThan(500); // no 1 s backoff
  });

  it('ends its retry wait when the control aborts', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(503, { 'Retry-After': '5' });
      res.end();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const control = new ExportControl();
    const started = Date.now();
    const pending = transport(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`, control).send(DATA, 30_000);
    setTimeout(() => control.abort(), 50);
    expect((await pending).status).toBe('retryable');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('fails at once after the control aborted', async () => {
    const r = await receiver([200]);
    const control = new ExportControl();
    control.abort();
    expect((await transport(r.url, control).send(DATA, 1_000)).status).toBe('retryable');
    expect(r.hits()).toBe(0);
  });
});
