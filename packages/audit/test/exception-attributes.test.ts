import { describe, expect, it } from 'vitest';
import { exceptionAttributes, exceptionType } from '../src/exception-attributes.js';

class APIError extends Error {}

describe('exceptionAttributes', () => {
  it('records type, message and the stack', () => {
    const attrs = exceptionAttributes(new APIError('rate limited'));
    expect(attrs).toMatchObject({ 'exception.type': 'APIError', 'exception.message': 'rate limited' });
    expect(String(attrs['exception.stacktrace'])).toMatch(/^Error: rate limited\n\s+at /);
  });

  it('keeps the cause chain and AggregateError members, bounded', () => {
    const root = new Error('socket closed');
    const error = new Error('request failed', { cause: new TypeError('parse failed', { cause: root }) });
    const stack = String(exceptionAttributes(error)['exception.stacktrace']);
    expect(stack).toContain('Caused by: TypeError: parse failed');
    expect(stack).toContain('Caused by: Error: socket closed');
    expect(String(exceptionAttributes(error, { maxCauseDepth: 1 })['exception.stacktrace'])).toContain('more causes left out');

    const many = new AggregateError([new Error('a'), new RangeError('b'), new Error('c')], 'all failed');
    const agg = String(exceptionAttributes(many, { maxAggregateErrors: 2 })['exception.stacktrace']);
    expect(agg).toContain('[errors][0] Error: a');
    expect(agg).toContain('[errors][1] RangeError: b');
    expect(agg).toContain('… 1 more errors');
    expect(agg).not.toContain('Error: c');
  });

  it('survives cycles and bounds the length', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    a.cause = a;
    expect(String(exceptionAttributes(a)['exception.stacktrace'])).toContain('[circular]');
    const long = exceptionAttributes(new Error('x'.repeat(100)), { maxStacktraceLength: 50 });
    expect(String(long['exception.stacktrace'])).toMatch(/cut\)$/);
  });

  it('describes non-Error values', () => {
    expect(exceptionAttributes('plain')).toEqual({ 'exception.type': 'string', 'exception.message': 'plain' });
    expect(exceptionAttributes({ code: 1 })).toEqual({ 'exception.type': 'Object', 'exception.message': '{"code":1}' });
    expect(exceptionType(null)).toBe('null');
  });
});
