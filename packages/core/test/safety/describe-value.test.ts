import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isError, MAX_DESCRIBED_LENGTH, safeErrorType, safeGet, safeString } from '../../src/safety/describe-value.js';
import { anyValue, HUGE_STRING } from '../fixtures/hostile-values.js';

describe('describe-value', () => {
  it('never throws and stays bounded, whatever the value', () => {
    fc.assert(
      fc.property(anyValue, ({ make }) => {
        const value = make();
        const text = safeString(value);
        expect(typeof text).toBe('string');
        expect(text.length).toBeLessThanOrEqual(MAX_DESCRIBED_LENGTH + 1);
        const type = safeErrorType(value);
        expect(typeof type).toBe('string');
        expect(type.length).toBeGreaterThan(0);
        expect(typeof isError(value)).toBe('boolean');
        if (value !== null && typeof value === 'object') safeGet(value, 'message');
      }),
      { numRuns: 500 },
    );
  });

  it('describes ordinary values as people expect', () => {
    expect(safeString('boom')).toBe('boom');
    expect(safeString(42)).toBe('42');
    expect(safeString(10n)).toBe('10');
    expect(safeString(Symbol('s'))).toBe('Symbol(s)');
    expect(safeString(null)).toBe('null');
    expect(safeString(undefined)).toBe('undefined');
    expect(safeString(new TypeError('bad input'))).toBe('bad input');
    expect(safeString({ message: 'like an error' })).toBe('like an error');
    expect(safeString(new Map())).toBe('[object Map]');
    expect(safeString(Object.create(null))).toBe('[object Object]');
    expect(safeString(Object(Symbol('boxed')))).toBe('[object Symbol]');
    expect(safeString(HUGE_STRING)).toHaveLength(MAX_DESCRIBED_LENGTH + 1);
    expect(safeString(function named() {})).toBe('[function named]');
  });

  it('names error types like exception.type', () => {
    class ApiError extends Error {}
    expect(safeErrorType(new ApiError('x'))).toBe('ApiError');
    expect(safeErrorType(new RangeError('x'))).toBe('RangeError');
    expect(safeErrorType(Object.assign(Object.create(Error.prototype) as Error, { name: 'Custom' }))).toBe('Error');
    expect(safeErrorType('text')).toBe('string');
    expect(safeErrorType(null)).toBe('null');
    expect(safeErrorType(undefined)).toBe('undefined');
    expect(safeErrorType(Object.create(null))).toBe('Object');
    expect(safeErrorType(new Map())).toBe('Map');
  });
});
