import { describe, expect, it } from 'vitest';
import { classifyTime, isValidHrTime } from '../../src/safety/time-input.js';

describe('time inputs', () => {
  it('tells valid, invalid (NaN once converted) and non-time inputs apart, never throwing', () => {
    expect(classifyTime(undefined)).toBe('none');
    expect([classifyTime(1_700_000_000_000), classifyTime(new Date()), classifyTime([1, 2])]).toEqual(['valid', 'valid', 'valid']);
    expect([classifyTime(Number.NaN), classifyTime(-1), classifyTime(new Date(Number.NaN)), classifyTime([Number.NaN, 0])]).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ]);
    expect([classifyTime('now'), classifyTime({}), classifyTime([1, 2, 3]), classifyTime(new Proxy([1, 2], {}))]).toEqual(['other', 'other', 'other', 'other']);
    const throwing = Object.defineProperty([0, 0], 0, { get: () => { throw new Error('x'); } });
    expect(classifyTime(throwing)).toBe('invalid');
  });

  it('accepts only finite non-negative [seconds, nanoseconds] pairs as HrTime', () => {
    expect(isValidHrTime([1, 0])).toBe(true);
    expect(isValidHrTime([Number.NaN, 0])).toBe(false);
    expect(isValidHrTime([1])).toBe(false);
    expect(isValidHrTime('1,0')).toBe(false);
  });
});
