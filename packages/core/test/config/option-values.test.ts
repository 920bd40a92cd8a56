import { describe, expect, it } from 'vitest';
import { setOwn } from '../../src/config/option-values.js';

describe('setOwn', () => {
  it('keeps __proto__ as data', () => {
    const target: Record<string, string> = {};
    setOwn(target, '__proto__', 'x');
    expect(Object.keys(target)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
  });
});
