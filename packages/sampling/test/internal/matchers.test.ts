import { describe, expect, it } from 'vitest';
import { compileAttributeMatcher, compileStringMatcher, InvalidMatcherError } from '../../src/internal/matchers.js';

describe('compileStringMatcher', () => {
  it('matches exactly', () => {
    const test = compileStringMatcher('http.access');
    expect(test('http.access')).toBe(true);
    expect(test('http.access.x')).toBe(false);
  });

  it('matches a prefix ending in *', () => {
    const test = compileStringMatcher('llm.*');
    expect(test('llm.openai')).toBe(true);
    expect(test('llm')).toBe(false);
    expect(test('llmx')).toBe(false);
    expect(compileStringMatcher('*')('anything')).toBe(true);
  });

  it('matches a regular expression', () => {
    const test = compileStringMatcher({ regex: '^GET /health' });
    expect(test('GET /healthz')).toBe(true);
    expect(test('POST /health')).toBe(false);
  });

  it('throws InvalidMatcherError for a bad regex or a wrong type, with the engine’s message', () => {
    expect(() => compileStringMatcher({ regex: '((' })).toThrow(InvalidMatcherError);
    expect(() => compileStringMatcher({ regex: '((' })).toThrow(/Invalid regular expression/);
    expect(() => compileStringMatcher(42 as never)).toThrow(InvalidMatcherError);
    expect(() => compileStringMatcher({ pattern: 'x' } as never)).toThrow(InvalidMatcherError);
  });
});

describe('compileAttributeMatcher', () => {
  it('compares numbers and booleans strictly', () => {
    expect(compileAttributeMatcher(200)(200)).toBe(true);
    expect(compileAttributeMatcher(200)('200')).toBe(false);
    expect(compileAttributeMatcher(true)(true)).toBe(true);
    expect(compileAttributeMatcher(true)('true')).toBe(false);
  });

  it('matches the text of primitive values with a string matcher', () => {
    expect(compileAttributeMatcher({ regex: '^5' })(503)).toBe(true);
    expect(compileAttributeMatcher('tenant-*')('tenant-7')).toBe(true);
    expect(compileAttributeMatcher('true')(true)).toBe(true);
  });

  it('never matches arrays or missing values', () => {
    const test = compileAttributeMatcher('a');
    expect(test(['a'])).toBe(false);
    expect(test(undefined)).toBe(false);
    expect(test(null)).toBe(false);
  });
});
