import { describe, expect, it } from 'vitest';
import { invalidValue, show } from '../../src/config/problem-lines.js';

describe('show', () => {
  it('quotes strings and escapes control characters', () => {
    expect(show('loud')).toBe('"loud"');
    expect(show('a\nb\u0000')).toBe('"a\\nb\\u0000"');
  });

  it('cuts long strings and gives their length', () => {
    const shown = show('x'.repeat(1_000_000));
    expect(shown.length).toBeLessThan(120);
    expect(shown).toContain('(1000000 chars)');
  });

  it('prints other values without throwing', () => {
    expect(show(42)).toBe('42');
    expect(show(null)).toBe('null');
    expect(show({ a: 1 })).toBe('{ a: 1 }');
    const hostile = new Proxy({}, {
      get() {
        throw new Error('boom');
      },
      ownKeys() {
        throw new Error('boom');
      },
    });
    expect(typeof show(hostile)).toBe('string');
  });
});

describe('invalidValue', () => {
  it('has the house format', () => {
    expect(invalidValue('X', 'v', 'a|b', '"a"', 'why')).toBe('X="v" is not valid (why): expected a|b; using "a"');
  });
});
