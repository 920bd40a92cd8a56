import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SeverityNumber } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertProcessor } from '../src/alert-processor.js';
import { ExceptionGroupingProcessor } from '../src/grouping-processor.js';
import type { Alert, AlertOptions } from '../src/types.js';
import { inTrace, pipeline } from './fixtures/pipeline.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A loopback alert receiver answering `status`; collects the JSON bodies and headers. */
async function receiver(status = 200): Promise<{ url: string; alerts: Alert[]; requests: IncomingMessage[] }> {
  const alerts: Alert[] = [];
  const requests: IncomingMessage[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push(req);
      alerts.push(JSON.parse(body) as Alert);
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/alerts`, alerts, requests };
}

function setup(options: AlertOptions) {
  const alerts = new AlertProcessor(options);
  const { provider } = pipeline(new ExceptionGroupingProcessor(), alerts);
  return { alerts, log: provider.getLogger('app') };
}

const fatal = { severityNumber: SeverityNumber.FATAL, severityText: 'FATAL', body: 'crash', attributes: { 'exception.type': 'Error', 'exception.message': 'db gone' } };

describe('AlertProcessor', () => {
  it('POSTs a FATAL record as JSON, once per fingerprint within the dedupe window', async () => {
    const target = await receiver();
    const { alerts, log } = setup({ url: target.url, headers: { authorization: 'Bearer t' } });
    log.emit({ ...fatal, context: inTrace('a') });
    log.emit(fatal);
    log.emit({ body: 'info' });
    await alerts.forceFlush();
    expect(target.alerts).toHaveLength(1);
    expect(target.alerts[0]).toMatchObject({ kind: 'fatal', severityText: 'FATAL', exceptionType: 'Error', exceptionMessage: 'db gone', traceId: 'a'.repeat(32) });
    expect(target.alerts[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(target.requests[0]!.headers['authorization']).toBe('Bearer t');
    expect(alerts.getStats()).toEqual({ sent: 1, failed: 0, deduplicated: 1, rateLimited: 0 });
  });

  it('alerts on security failures (not successes by default) and when a fingerprint crosses the error rate', async () => {
    const received: Alert[] = [];
    const { alerts, log } = setup({ callback: (a) => void received.push(a), errorRate: { threshold: 3, windowMillis: 60_000 } });
    log.emit({ eventName: 'security.authentication.success', severityNumber: SeverityNumber.INFO });
    log.emit({ eventName: 'security.authentication.failure', severityNumber: SeverityNumber.WARN, body: 'bad password' });
    for (let i = 0; i < 5; i++) log.emit({ severityNumber: SeverityNumber.ERROR, attributes: { 'exception.type': 'TypeError', 'exception.message': `x ${i}` } });
    await alerts.forceFlush();
    expect(received.map((a) => a.kind)).toEqual(['security', 'error_rate']);
    expect(received[0]).toMatchObject({ eventName: 'security.authentication.failure', message: 'bad password' });
    expect(received[1]).toMatchObject({ count: 3, windowMillis: 60_000, exceptionType: 'TypeError' });
  });

  it('rate-limits across keys', async () => {
    const received: Alert[] = [];
    const { alerts, log } = setup({ callback: (a) => void received.push(a), maxAlertsPerMinute: 2 });
    for (let i = 0; i < 5; i++) log.emit({ ...fatal, attributes: { ...fatal.attributes, 'exception.type': `E${i}` } });
    await alerts.forceFlush();
    expect(received).toHaveLength(2);
    expect(alerts.getStats()).toMatchObject({ sent: 2, rateLimited: 3 });
  });

  it('counts failures — server down, error status, throwing callback — and never throws into the app', async () => {
    const target = await receiver(503);
    const down = await receiver();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    for (const options of [{ url: target.url }, { url: down.url, timeoutMillis: 1000 }, { callback: () => Promise.reject(new Error('nope')) }, { callback: () => { throw new Error('sync'); } }] as AlertOptions[]) {
      const { alerts, log } = setup(options);
      expect(() => log.emit(fatal)).not.toThrow();
      await alerts.forceFlush();
      expect(alerts.getStats()).toMatchObject({ sent: 0, failed: 1 });
    }
  });
});
