/**
 * Issue 5 benchmark: the added cost per log record of the counting processor (`LogCountingProcessor`,
 * the `metrics` log stage). Target: <= 50 ns per record.
 *
 * (a) `onEmit` alone, on real SDK log records captured beforehand: one (scope, event) pair, and a mix of
 *     24 pairs over 4 scopes with all severities (so the one-entry caches miss);
 * (b) the peer: the obvious implementation, a synchronous OpenTelemetry Counter `add(1, attributes)` per
 *     record with the attributes object built per record, on the same mix;
 * (c) end to end: `logger.emit` through a LoggerProvider running two processors, a no-op one and either
 *     another no-op or the counting processor; the difference is the added cost seen by the application
 *     (within the noise of a ~500 ns call).
 * Each iteration handles 1 000 records; numbers are per record.
 */
import { SeverityNumber } from '@opentelemetry/api';
import { LoggerProvider, type LogRecordProcessor, type ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { LogCountingProcessor } from '@sightline/metrics';
import { report, runGroup } from './harness.ts';

const PER_ITERATION = 1_000;

class IdleReader extends MetricReader {
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

const noop: LogRecordProcessor = { onEmit: () => {}, forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() };

/** Real SDK records, captured as the processor would receive them. */
function capture(count: number, pick: (i: number) => { scope: string; event?: string; severity: SeverityNumber }): ReadWriteLogRecord[] {
  const records: ReadWriteLogRecord[] = [];
  const provider = new LoggerProvider({ processors: [{ ...noop, onEmit: (record) => void records.push(record) }] });
  for (let i = 0; i < count; i++) {
    const { scope, event, severity } = pick(i);
    provider.getLogger(scope).emit({ severityNumber: severity, eventName: event, body: 'order placed', attributes: { 'order.id': `o-${i}` } });
  }
  return records;
}

const SCOPES = ['app', 'llm.openai', 'mcp.client', 'db'];
const EVENTS = [undefined, 'order.placed', 'order.failed', 'gen_ai.client.inference.operation.details', 'cache.miss', 'retry'];
const SEVERITIES = [SeverityNumber.DEBUG, SeverityNumber.INFO, SeverityNumber.INFO, SeverityNumber.WARN, SeverityNumber.ERROR];

const same = capture(PER_ITERATION, () => ({ scope: 'app', severity: SeverityNumber.INFO }));
const mixed = capture(PER_ITERATION, (i) => ({
  scope: SCOPES[i % SCOPES.length],
  event: EVENTS[(i >> 2) % EVENTS.length],
  severity: SEVERITIES[i % SEVERITIES.length],
}));

const counting = new LogCountingProcessor();
counting.setMeterProvider(new MeterProvider({ readers: [new IdleReader()] }));

const peerCounter = new MeterProvider({ readers: [new IdleReader()] }).getMeter('peer').createCounter('peer.log.records');
const SEVERITY_NAMES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

const direct = await runGroup('counting processor onEmit, per record (real SDK records, no logger around it)', [
  { name: 'sightline LogCountingProcessor.onEmit: one scope, no event', perCall: PER_ITERATION, fn: () => {
    for (let i = 0; i < PER_ITERATION; i++) counting.onEmit(same[i]);
  } },
  { name: 'sightline LogCountingProcessor.onEmit: 24 scope/event pairs, mixed severities', perCall: PER_ITERATION, fn: () => {
    for (let i = 0; i < PER_ITERATION; i++) counting.onEmit(mixed[i]);
  } },
  { name: 'peer: OpenTelemetry Counter.add(1, attributes built per record), same mix', perCall: PER_ITERATION, fn: () => {
    for (let i = 0; i < PER_ITERATION; i++) {
      const record = mixed[i];
      const attributes: Record<string, string> = {
        'sightline.log.severity': SEVERITY_NAMES[((record.severityNumber ?? 9) - 1) >> 2],
        'sightline.log.scope': record.instrumentationScope.name,
      };
      if (record.eventName !== undefined) attributes['otel.event.name'] = record.eventName;
      peerCounter.add(1, attributes);
    }
  } },
]);

/** A second no-op processor, so that both providers run two processors (same call-site polymorphism). */
class OtherNoop implements LogRecordProcessor {
  onEmit(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const bare = new LoggerProvider({ processors: [new OtherNoop(), noop] });
const withCounting = new LoggerProvider({ processors: [new LogCountingProcessor(), noop] });
const loggersOf = (provider: LoggerProvider) => SCOPES.map((scope) => provider.getLogger(scope));
const bareLoggers = loggersOf(bare);
const countedLoggers = loggersOf(withCounting);
const emitMix = (loggers: ReturnType<typeof loggersOf>) => {
  for (let i = 0; i < PER_ITERATION; i++) {
    loggers[i % SCOPES.length].emit({ severityNumber: SEVERITIES[i % SEVERITIES.length], eventName: EVENTS[(i >> 2) % EVENTS.length], body: 'order placed' });
  }
};

const endToEnd = await runGroup('logger.emit through a LoggerProvider (no-op export), with and without the counting processor', [
  { name: 'bare OpenTelemetry SDK: logger.emit + two no-op processors', perCall: PER_ITERATION, fn: () => emitMix(bareLoggers) },
  { name: 'logger.emit + sightline LogCountingProcessor + a no-op processor', perCall: PER_ITERATION, fn: () => emitMix(countedLoggers) },
]);

report('metrics', [direct, endToEnd]);
