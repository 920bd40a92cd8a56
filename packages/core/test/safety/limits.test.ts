import { describe, expect, it } from 'vitest';
import { logRecordLimitsFromEnv } from '../../src/safety/limits.js';

describe('logRecordLimitsFromEnv', () => {
  it('reads the log record limits as @opentelemetry/sdk-node does: specific, then general, then the defaults', () => {
    expect(logRecordLimitsFromEnv({})).toEqual({ countLimit: 128, valueLengthLimit: Number.POSITIVE_INFINITY });
    expect(logRecordLimitsFromEnv({ OTEL_ATTRIBUTE_COUNT_LIMIT: '10', OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '100' })).toEqual({ countLimit: 10, valueLengthLimit: 100 });
    expect(
      logRecordLimitsFromEnv({
        OTEL_ATTRIBUTE_COUNT_LIMIT: '10',
        OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT: '20',
        OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '100',
        OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT: '200',
      }),
    ).toEqual({ countLimit: 20, valueLengthLimit: 200 });
  });

  it('ignores values that are not positive numbers', () => {
    expect(logRecordLimitsFromEnv({ OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT: '0', OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: 'lots' })).toEqual({
      countLimit: 128,
      valueLengthLimit: Number.POSITIVE_INFINITY,
    });
  });
});
