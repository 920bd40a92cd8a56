import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { shortTraceId, spanKindName, statusCodeName, validContext } from '../../src/console/span-info.js';

describe('span info', () => {
  it('names kinds and status codes', () => {
    expect(spanKindName(SpanKind.SERVER)).toBe('SERVER');
    expect(spanKindName(SpanKind.CONSUMER)).toBe('CONSUMER');
    expect(spanKindName(42 as SpanKind)).toBe('UNKNOWN');
    expect(statusCodeName(SpanStatusCode.ERROR)).toBe('ERROR');
    expect(statusCodeName(SpanStatusCode.OK)).toBe('OK');
    expect(statusCodeName(SpanStatusCode.UNSET)).toBe('UNSET');
  });

  it('keeps only valid span contexts and shortens trace ids to 8 hex digits', () => {
    const valid = { traceId: '1a2b3c4d5e6f708192a3b4c5d6e7f809', spanId: 'a1b2c3d4e5f60718', traceFlags: 1 };
    expect(validContext(valid)).toBe(valid);
    expect(validContext({ ...valid, traceId: '0'.repeat(32) })).toBeUndefined();
    expect(validContext(undefined)).toBeUndefined();
    expect(shortTraceId(valid.traceId)).toBe('1a2b3c4d');
  });
});
