import { context, propagation, SeverityNumber, trace } from '@opentelemetry/api';
import { InMemoryLogRecordExporter, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap.js';
import { withSpan } from '../../src/context/with-span.js';
import { getLogger } from '../../src/logger/logger.js';
import { setLogLevel } from '../../src/logger/level-control.js';
import type { SightlineHandle } from '../../src/types.js';

const logs = new InMemoryLogRecordExporter();
const spans = new InMemorySpanExporter();
let handle: SightlineHandle;

// A logger created at module level, before any SDK runs: it must pick the SDK up once one starts.
const early = getLogger('early.module');

beforeAll(() => {
  early.info('before bootstrap: dropped, cheaply');
  handle = bootstrap({
    exporters: { logs: [], traces: [], metrics: [] },
    logRecordProcessors: [new SimpleLogRecordProcessor({ exporter: logs })],
    spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
    handleProcessExit: false,
    logLevel: 'info',
  });
});

afterAll(() => handle.shutdown());

// Processors wait for the resource's asynchronous attributes (host id) before exporting: flush first.
async function finishedLogs() {
  await handle.forceFlush();
  return logs.getFinishedLogRecords();
}
async function finishedSpans() {
  await handle.forceFlush();
  return spans.getFinishedSpans();
}

beforeEach(() => {
  logs.reset();
  spans.reset();
  setLogLevel('info');
});

describe('logger facade', () => {
  it('emits a LogRecord with severity, body, attributes and scope = logger name', async () => {
    getLogger('app.orders').warn('order delayed', { 'order.id': 'o-1', items: 3, rush: true });
    const [record] = (await finishedLogs());
    expect(record?.severityNumber).toBe(SeverityNumber.WARN);
    expect(record?.severityText).toBe('WARN');
    expect(record?.body).toBe('order delayed');
    expect(record?.attributes).toEqual({ 'order.id': 'o-1', items: 3, rush: true });
    expect(record?.instrumentationScope.name).toBe('app.orders');
  });

  it('maps every level to its severity', async () => {
    setLogLevel('trace');
    const log = getLogger('levels');
    log.trace('t');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    log.fatal('f');
    expect((await finishedLogs()).map((r) => r.severityNumber)).toEqual([
      SeverityNumber.TRACE,
      SeverityNumber.DEBUG,
      SeverityNumber.INFO,
      SeverityNumber.WARN,
      SeverityNumber.ERROR,
      SeverityNumber.FATAL,
    ]);
  });

  it('a module-level logger made before bootstrap emits once the SDK runs', async () => {
    early.info('after bootstrap');
    expect((await finishedLogs()).map((r) => r.body)).toEqual(['after bootstrap']);
  });

  it('turns an Error (as err or any key) into exception attributes', async () => {
    class PaymentError extends Error {}
    const log = getLogger('errors');
    log.error('payment failed', { err: new PaymentError('card declined'), 'order.id': 'o-2' });
    log.error('other key', { cause: new RangeError('too big') });
    const [first, second] = (await finishedLogs());
    expect(first?.attributes['exception.type']).toBe('PaymentError');
    expect(first?.attributes['exception.message']).toBe('card declined');
    expect(String(first?.attributes['exception.stacktrace'])).toContain('card declined');
    expect(first?.attributes['order.id']).toBe('o-2');
    expect(first?.attributes).not.toHaveProperty('err');
    expect(second?.attributes['exception.type']).toBe('RangeError');
  });

  it('skips null and undefined attribute values', async () => {
    getLogger('nulls').info('m', { a: null, b: undefined, c: 'kept' });
    expect((await finishedLogs())[0]?.attributes).toEqual({ c: 'kept' });
  });

  it('child loggers carry their attributes, overridable per call', async () => {
    const child = getLogger('app').child({ tenant: 't1', region: 'eu' });
    const grandchild = child.child({ region: 'us' });
    child.info('one');
    grandchild.info('two', { extra: 1 });
    const [one, two] = (await finishedLogs());
    expect(one?.attributes).toEqual({ tenant: 't1', region: 'eu' });
    expect(two?.attributes).toEqual({ tenant: 't1', region: 'us', extra: 1 });
    expect(two?.instrumentationScope.name).toBe('app');
  });

  it('honours hierarchical levels and run-time changes', async () => {
    const openai = getLogger('llm.openai');
    const anthropic = getLogger('llm.anthropic');
    openai.debug('hidden');
    setLogLevel('info,llm.openai=debug');
    openai.debug('shown');
    anthropic.debug('hidden');
    expect(openai.isLevelEnabled('debug')).toBe(true);
    expect(anthropic.isLevelEnabled('debug')).toBe(false);
    setLogLevel('error');
    openai.warn('hidden');
    openai.error('shown too');
    expect((await finishedLogs()).map((r) => r.body)).toEqual(['shown', 'shown too']);
  });

  it('ignores an invalid level spec and keeps the current one', async () => {
    setLogLevel('warn');
    expect(setLogLevel('loud')).toBe(false);
    getLogger('x').info('hidden');
    getLogger('x').warn('shown');
    expect((await finishedLogs()).map((r) => r.body)).toEqual(['shown']);
  });

  it('never throws for odd input', async () => {
    const log = getLogger('odd');
    expect(() => log.info(undefined as unknown as string, 42 as never)).not.toThrow();
    expect(() => log.info('m', { big: 10n as never, obj: { nested: true } as never })).not.toThrow();
  });
});

describe('correlation', () => {
  it('logs inside withSpan carry its trace and span ids across await, timers and Promise.all', async () => {
    const log = getLogger('workflow');
    let traceId = '';
    await withSpan('board decision', async (span) => {
      traceId = span.spanContext().traceId;
      log.info('start');
      await Promise.all(
        [1, 2, 3].map((n) =>
          withSpan(`step ${n}`, async () => {
            await new Promise((r) => setTimeout(r, 3 - n));
            log.info(`step ${n}`);
            await new Promise<void>((r) => setTimeout(() => (log.info(`timer ${n}`), r()), 1));
          }),
        ),
      );
    });
    log.info('outside');
    const records = (await finishedLogs());
    const inside = records.filter((r) => r.body !== 'outside');
    expect(inside).toHaveLength(7);
    for (const r of inside) expect(r.spanContext?.traceId).toBe(traceId);
    const stepSpans = new Map((await finishedSpans()).map((s) => [s.name, s.spanContext().spanId]));
    for (const n of [1, 2, 3]) {
      const own = records.filter((r) => r.body === `step ${n}` || r.body === `timer ${n}`);
      for (const r of own) expect(r.spanContext?.spanId).toBe(stepSpans.get(`step ${n}`));
    }
    expect(records.find((r) => r.body === 'outside')?.spanContext).toBeUndefined();
  });

  it('withSpan marks failures and passes them on unchanged', async () => {
    const boom = new TypeError('boom');
    await expect(
      withSpan('failing', async () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(() =>
      withSpan('sync failing', () => {
        throw boom;
      }),
    ).toThrow(boom);
    const [asyncSpan, syncSpan] = (await finishedSpans());
    expect(asyncSpan?.status).toEqual({ code: 2, message: 'boom' });
    expect(asyncSpan?.attributes['error.type']).toBe('TypeError');
    expect(syncSpan?.name).toBe('sync failing');
  });

  it('withSpan returns the very promise fn returned', async () => {
    const p = Promise.resolve(42);
    expect(withSpan('same', () => p)).toBe(p);
  });

  it('copies selected baggage entries onto logs and spans', async () => {
    const baggage = propagation.createBaggage({
      'session.id': { value: 's-9' },
      'enduser.id': { value: 'u-1' },
      secret: { value: 'not copied' },
    });
    await context.with(propagation.setBaggage(context.active(), baggage), () =>
      withSpan('with baggage', async () => getLogger('b').info('inside')),
    );
    const record = (await finishedLogs())[0];
    expect(record?.attributes).toMatchObject({ 'session.id': 's-9', 'enduser.id': 'u-1' });
    expect(record?.attributes).not.toHaveProperty('secret');
    expect((await finishedSpans())[0]?.attributes).toMatchObject({ 'session.id': 's-9', 'enduser.id': 'u-1' });
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
