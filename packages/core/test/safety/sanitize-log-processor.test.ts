import { SeverityNumber } from '@opentelemetry/api';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SafetyCounters } from '../../src/safety/safety-counters.js';
import { SanitizeLogRecordProcessor } from '../../src/safety/sanitize-log-processor.js';
import { anyValue } from '../fixtures/hostile-values.js';
import { EmittedLogs } from '../fixtures/recording-processors.js';

function pipeline() {
  const counters = new SafetyCounters();
  const kept = new EmittedLogs();
  const provider = new LoggerProvider({ processors: [new SanitizeLogRecordProcessor(counters), kept] });
  return { counters, kept, logger: provider.getLogger('t') };
}

const anyTime = fc.oneof(fc.double(), fc.constant(undefined), fc.date({ noInvalidDate: false }), fc.tuple(fc.double(), fc.double()));

describe('SanitizeLogRecordProcessor', () => {
  it('whatever the SDK accepts, the record leaves it encodable in protobuf and JSON', () => {
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, anyValue, anyTime, anyTime, (body, severityNumber, severityText, eventName, timestamp, observed) => {
        const { kept, logger } = pipeline();
        try {
          logger.emit({
            body: body.make() as never,
            severityNumber: severityNumber.make() as never,
            severityText: severityText.make() as never,
            eventName: eventName.make() as never,
            timestamp: timestamp as never,
            observedTimestamp: observed as never,
          });
        } catch {
          return; // The SDK refused the record itself (the logger guard handles that case).
        }
        // A negative severity number is below the logger's minimum: the SDK does not emit it.
        expect(kept.records.length).toBeLessThanOrEqual(1);
        if (kept.records.length === 0) return;
        expect(ProtobufLogsSerializer.serializeRequest(kept.records)?.length).toBeGreaterThan(0);
        expect(JsonLogsSerializer.serializeRequest(kept.records)?.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('repairs each bad field and counts it; leaves good records as they are', () => {
    const { counters, kept, logger } = pipeline();
    const body = { ok: 'yes' };
    logger.emit({ body: 'fine', severityNumber: SeverityNumber.INFO, severityText: 'INFO', eventName: 'e' });
    logger.emit({ body: 10n as never, severityNumber: 1e12 as never, severityText: 5 as never, eventName: null as never, timestamp: Number.NaN });
    logger.emit({ body: { ...body, fake: Object.setPrototypeOf({}, Uint8Array.prototype) } as never, severityNumber: 'high' as never });
    const [good, bad, nested] = kept.records;
    expect([good?.body, good?.severityNumber, good?.severityText, good?.eventName]).toEqual(['fine', 9, 'INFO', 'e']);
    expect([bad?.body, bad?.severityNumber, bad?.severityText, bad?.eventName]).toEqual(['10', 24, '5', undefined]);
    expect(bad?.hrTime).toEqual(bad?.hrTimeObserved);
    expect(nested?.body).toEqual(body);
    expect(nested?.severityNumber).toBe(0);
    expect(counters.getSanitizedCounts().logs).toMatchObject({ coerced: 6, invalid_value: 1 });
  });
});
