import { diag, DiagLogLevel, SeverityNumber } from '@opentelemetry/api';
import { LoggerProvider, type ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { LogCountingProcessor } from '../src/log-counting-processor.js';
import { meterProvider } from './fixtures/metrics.js';

function setup(options?: ConstructorParameters<typeof LogCountingProcessor>[0]) {
  const processor = new LogCountingProcessor(options);
  const logs = new LoggerProvider({ processors: [processor] });
  const { provider, reader } = meterProvider();
  processor.setMeterProvider(provider);
  return { processor, logs, reader };
}

/** The counter's points as `severity|scope|event → value`. */
async function points(reader: ReturnType<typeof setup>['reader']): Promise<Record<string, number>> {
  const sum = await reader.sum('sightline.log.records');
  const out: Record<string, number> = {};
  for (const point of sum?.dataPoints ?? []) {
    const a = point.attributes;
    out[`${String(a['sightline.log.severity'])}|${String(a['sightline.log.scope'])}|${String(a['otel.event.name'] ?? '')}`] = point.value;
  }
  return out;
}

afterEach(() => diag.disable());

describe('LogCountingProcessor', () => {
  it('counts exactly the records emitted, by severity class, scope and event name', async () => {
    const { processor, logs, reader } = setup();
    const app = logs.getLogger('app');
    const llm = logs.getLogger('llm.openai');
    const expected: Record<string, number> = {};
    const emit = (logger: typeof app, scope: string, severityNumber: SeverityNumber | undefined, eventName: string | undefined, severity: string) => {
      logger.emit({ severityNumber, eventName, body: 'x' });
      const key = `${severity}|${scope}|${eventName ?? ''}`;
      expected[key] = (expected[key] ?? 0) + 1;
    };
    for (let i = 0; i < 1000; i++) {
      emit(app, 'app', SeverityNumber.INFO, undefined, 'info');
      if (i % 10 === 0) emit(app, 'app', SeverityNumber.ERROR3, 'order.failed', 'error');
      if (i % 7 === 0) emit(llm, 'llm.openai', SeverityNumber.DEBUG, 'gen_ai.client.inference.operation.details', 'debug');
      if (i % 100 === 0) emit(llm, 'llm.openai', SeverityNumber.FATAL4, undefined, 'fatal');
    }
    emit(app, 'app', SeverityNumber.TRACE, undefined, 'trace');
    emit(app, 'app', SeverityNumber.WARN2, undefined, 'warn');
    emit(app, 'app', undefined, undefined, 'unspecified');
    emit(app, 'app', SeverityNumber.UNSPECIFIED, undefined, 'unspecified');

    expect(await points(reader)).toEqual(expected);
    const counts = processor.getCounts();
    expect(counts.total).toBe(1000 + 100 + 143 + 10 + 4);
    expect(counts.byLevel).toEqual({ trace: 1, debug: 143, info: 1000, warn: 1, error: 100, fatal: 10, unspecified: 2 });
    expect(counts.byCategory).toEqual({ app: 1104, 'llm.openai': 153 });
    expect(counts.byComponent).toEqual({ 'order.failed': 100, 'gen_ai.client.inference.operation.details': 143 });
    expect(counts.folded).toBe(0);
    expect(processor.recordTotal).toBe(counts.total);
    expect(processor.errorTotal).toBe(110);
  });

  it('maps each of the 24 severity numbers to its class', () => {
    const { processor, logs } = setup();
    const logger = logs.getLogger('app');
    for (let n = 1; n <= 24; n++) logger.emit({ severityNumber: n });
    for (const n of [0, 25, Number.NaN, undefined]) logger.emit({ severityNumber: n });
    expect(processor.getCounts().byLevel).toEqual({ trace: 4, debug: 4, info: 4, warn: 4, error: 4, fatal: 4, unspecified: 4 });
  });

  it('bounds the series: new scopes past the bound fold into scope "other", new events into the scope\'s "other"', async () => {
    const { processor, logs, reader } = setup({ maxSeries: 3 });
    logs.getLogger('a').emit({ severityNumber: SeverityNumber.INFO }); // series 1: (a)
    logs.getLogger('a').emit({ severityNumber: SeverityNumber.INFO, eventName: 'e1' }); // series 2: (a, e1)
    logs.getLogger('b').emit({ severityNumber: SeverityNumber.WARN }); // series 3: (b)
    for (let i = 0; i < 10; i++) logs.getLogger(`scope-${i}`).emit({ severityNumber: SeverityNumber.ERROR }); // folded scopes
    for (let i = 0; i < 5; i++) logs.getLogger('a').emit({ severityNumber: SeverityNumber.INFO, eventName: `new-${i}` }); // folded events
    logs.getLogger('a').emit({ severityNumber: SeverityNumber.INFO, eventName: 'e1' }); // still its own series

    expect(await points(reader)).toEqual({
      'info|a|': 1,
      'info|a|e1': 2,
      'warn|b|': 1,
      'error|other|': 10,
      'info|a|other': 5,
    });
    const counts = processor.getCounts();
    expect(counts.folded).toBe(15);
    expect(counts.total).toBe(19);
    expect(counts.byCategory).toEqual({ a: 8, b: 1, other: 10 });
    expect(counts.byComponent).toEqual({ e1: 2, other: 5 });
  });

  it('keeps scope and event names like __proto__ as data', () => {
    const { processor, logs } = setup();
    logs.getLogger('__proto__').emit({ severityNumber: SeverityNumber.INFO, eventName: 'constructor' });
    const counts = processor.getCounts();
    expect(Object.keys(counts.byCategory)).toEqual(['__proto__']);
    expect(counts.byComponent.constructor).toBe(1);
  });

  it('reports nothing before a MeterProvider is set, everything counted since construction after, and stops when unset', async () => {
    const processor = new LogCountingProcessor();
    const logs = new LoggerProvider({ processors: [processor] });
    logs.getLogger('early').emit({ severityNumber: SeverityNumber.INFO });
    const { provider, reader } = meterProvider();
    expect(await reader.sum('sightline.log.records')).toBeUndefined();
    processor.setMeterProvider(provider);
    expect(await points(reader)).toEqual({ 'info|early|': 1 });
    processor.setMeterProvider(undefined);
    logs.getLogger('early').emit({ severityNumber: SeverityNumber.INFO });
    expect(await points(reader)).toEqual({ 'info|early|': 1 }); // the SDK keeps the last value; no new observation
    expect(processor.getCounts().total).toBe(2);
  });

  it('never throws into the logging call; a broken record is reported once', () => {
    const errors: string[] = [];
    diag.setLogger({ error: (m) => errors.push(m), warn: () => {}, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.ERROR);
    const processor = new LogCountingProcessor();
    const broken = { severityNumber: 9 } as unknown as ReadWriteLogRecord; // no instrumentationScope
    expect(() => processor.onEmit(broken)).not.toThrow();
    expect(() => processor.onEmit(broken)).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('could not be counted');
  });

  it('refuses a bad maxSeries with one diagnostic line and uses the default', () => {
    const warnings: string[] = [];
    diag.setLogger({ error: () => {}, warn: (m) => warnings.push(m), info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
    new LogCountingProcessor({ maxSeries: 0 });
    expect(warnings).toEqual(['sightline: log counting option maxSeries must be a positive integer (got 0); using 250']);
  });
});
