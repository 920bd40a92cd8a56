/**
 * What the log benchmarks compare against, in one place: the redact paths a pino user configures for the
 * sensitive keys Sightline redacts by default, and an OTLP/HTTP receiver on loopback that reads each
 * request, counts its bytes and answers 200 with an empty body.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';

/** pino's `redact.paths` for the keys Sightline's key classifier treats as secrets. */
export const PINO_PATHS = ['password', 'token', 'api_key', 'apiKey', 'secret', 'authorization', 'cookie'];

/** A running loopback receiver. */
export interface CountingReceiver {
  /** `http://127.0.0.1:<port>`: the OTLP endpoint (append `/v1/logs` for a signal URL). */
  endpoint: string;
  /** Requests answered and body bytes read so far. */
  readonly received: { requests: number; bytes: number };
  close: () => Promise<void>;
}

export async function countingReceiver(): Promise<CountingReceiver> {
  const received = { requests: 0, bytes: 0 };
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
    req.on('end', () => {
      received.requests++;
      res.writeHead(200, { 'Content-Type': 'application/x-protobuf' });
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the receiver has no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
