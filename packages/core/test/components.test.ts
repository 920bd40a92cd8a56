import { InMemoryLogRecordExporter, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../src/bootstrap.js';
import { createComponents } from '../src/components.js';
import { resolveConfig } from '../src/config/resolve-config.js';
import { withSpan } from '../src/context/with-span.js';
import { getLogger } from '../src/logger/logger.js';
import type { SightlineHandle } from '../src/types.js';

let handle: SightlineHandle;
const exported = new InMemoryLogRecordExporter();

beforeAll(() => {
  handle = bootstrap({
    exporters: { logs: [], traces: [], metrics: [] },
    logRecordProcessors: [new SimpleLogRecordProcessor({ exporter: exported })],
    handleProcessExit: false,
    captureCrashes: false,
    hmacKey: 'test-key',
  });
});
beforeEach(() => exported.reset());

async function records() {
  await handle.forceFlush();
  return exported.getFinishedLogRecords();
}
afterAll(() => handle.shutdown());

describe('what bootstrap() adds by default', () => {
  it('counts every emitted record in the in-process snapshot, by level and category', async () => {
    for (let i = 0; i < 7; i++) getLogger('app.orders').info('placed');
    getLogger('app.payments').error('declined');
    getLogger('app.payments').warn('slow');
    const snapshot = await handle.getMetrics();
    expect(snapshot.logs.total).toBe(9);
    expect(snapshot.logs.byCategory).toEqual({ 'app.orders': 7, 'app.payments': 2 });
    expect(snapshot.logs.byLevel).toMatchObject({ info: 7, warn: 1, error: 1 });
    expect(snapshot.errorRate.errors).toBe(1);
  });

  it('resetMetrics() starts a new window', async () => {
    await handle.resetMetrics();
    getLogger('app.orders').info('again');
    const snapshot = await handle.getMetrics();
    expect(snapshot.logs.total).toBe(1);
  });
});

describe('errors and security events', () => {
  it('security events from the handle and the logger carry security.* names and never the raw API key', async () => {
    handle.securityEvent('authentication.failure', { 'user.name': 'ada' });
    getLogger('auth').security('api_key.used', { api_key: 'sk-live-1234567890abcdef' });
    const all = await records();
    const failure = all.find((r) => r.eventName === 'security.authentication.failure');
    const used = all.find((r) => r.eventName === 'security.api_key.used');
    expect(failure?.attributes['user.name']).toBe('ada');
    expect(used).toBeDefined();
    expect(JSON.stringify(used?.attributes)).not.toContain('sk-live-1234567890abcdef');
    expect(used?.attributes['sightline.api_key.digest']).toMatch(/^[0-9a-f]+$/);
  });

  it('error records get a stable fingerprint and the breadcrumbs of their own trace only', async () => {
    const log = getLogger('checkout');
    await withSpan('other request', async () => log.info('unrelated'));
    const fingerprints: unknown[] = [];
    for (const id of [17, 42]) {
      await withSpan('request', async () => {
        log.info('loading cart', { id });
        log.error('payment failed', { err: new TypeError(`card ${id} declined`) });
      });
      const error = (await records()).find((r) => r.body === 'payment failed');
      fingerprints.push(error?.attributes['sightline.exception.fingerprint']);
      const crumbs = String(error?.attributes['sightline.breadcrumbs']);
      expect(crumbs).toContain('loading cart');
      expect(crumbs).not.toContain('unrelated');
      exported.reset();
    }
    expect(fingerprints[0]).toBeTypeOf('string');
    expect(fingerprints[0]).toBe(fingerprints[1]);
  });

  it('recordException emits an exception record in the active trace', async () => {
    await withSpan('job', async (span) => {
      handle.recordException(new RangeError('too big'));
      const [record] = await records();
      expect(record?.eventName).toBe('exception');
      expect(record?.attributes['exception.type']).toBe('RangeError');
      expect(record?.spanContext?.traceId).toBe(span.spanContext().traceId);
    });
  });
});

describe('the GenAI and MCP histograms', () => {
  it('are aggregated in process by default, and through the MeterProvider when a view of the user could select them', () => {
    expect(createComponents(resolveConfig({}).config).histogramAggregator).toBeDefined();
    const viewed = resolveConfig({ views: [{ instrumentName: 'gen_ai.client.operation.duration', name: 'llm.duration' }] }).config;
    expect(createComponents(viewed).histogramAggregator).toBeUndefined();
  });
});
