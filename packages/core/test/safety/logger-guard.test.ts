import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardLoggerPrototype } from '../../src/safety/logger-guard.js';
import { SafetyCounters } from '../../src/safety/safety-counters.js';
import { SanitizeLogRecordProcessor } from '../../src/safety/sanitize-log-processor.js';
import { anyValue } from '../fixtures/hostile-values.js';
import { EmittedLogs } from '../fixtures/recording-processors.js';

const kept = new EmittedLogs();
const provider = new LoggerProvider({ processors: [new SanitizeLogRecordProcessor(new SafetyCounters()), kept] });
const logger = provider.getLogger('guarded');
guardLoggerPrototype(Object.getPrototypeOf(logger) as object);

describe('guardLoggerPrototype: the OpenTelemetry logs API of the SDK never throws', () => {
  // 800 hostile records, each also serialized twice by the upstream serializers: 5–20 s with the machine's load.
  it('emit(any record) never throws and what is emitted is encodable', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, anyValue, (record, attributes, exception, timestamp) => {
        kept.reset();
        const made = record.make();
        let full: unknown = { body: made };
        try {
          if (made !== null && typeof made === 'object' && !Object.isFrozen(made)) full = made;
          Object.assign(full as object, { attributes: attributes.make(), exception: exception.make(), timestamp: timestamp.make() });
        } catch {
          // A hostile record that refuses to be read or extended is a test case too.
        }
        expect(() => logger.emit(full as never)).not.toThrow();
        // A record whose severity is below the logger's minimum (a negative number) is not emitted, by the SDK's rule.
        expect(kept.records.length).toBeLessThanOrEqual(1);
        if (kept.records.length === 0) return;
        expect(ProtobufLogsSerializer.serializeRequest(kept.records)?.length).toBeGreaterThan(0);
        expect(JsonLogsSerializer.serializeRequest(kept.records)?.length).toBeGreaterThan(0);
      }),
      { numRuns: 800 },
    );
  });

  it('an exception object becomes its exception.* attributes, the record’s own attributes winning', () => {
    kept.reset();
    logger.emit({ body: 'failed', exception: Object.assign(new TypeError('bad'), { stack: 'S' }), attributes: { 'exception.message': 'mine' } });
    expect(kept.records[0]?.attributes).toEqual({ 'exception.type': 'TypeError', 'exception.message': 'mine', 'exception.stacktrace': 'S' });
  });
});
