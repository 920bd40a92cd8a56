import { describe, expect, it } from 'vitest';
import { exceptionEventAttributes } from '../../src/safety/exception-event.js';
import { HOSTILE_VALUES } from '../fixtures/hostile-values.js';

describe('exceptionEventAttributes', () => {
  it('reads type (code, else name), message and stack like the SDK', () => {
    const error = Object.assign(new Error('nope'), { code: 'ECONNRESET' });
    expect(exceptionEventAttributes(error)).toEqual({ 'exception.type': 'ECONNRESET', 'exception.message': 'nope', 'exception.stacktrace': error.stack });
    expect(exceptionEventAttributes('plain text')).toEqual({ 'exception.message': 'plain text' });
    expect(exceptionEventAttributes({ name: 'Custom', message: 42 })).toEqual({ 'exception.type': 'Custom', 'exception.message': '42' });
    expect(exceptionEventAttributes({})).toBeUndefined();
  });

  it('never throws and never makes a string of the whole value', () => {
    for (const { label, make } of HOSTILE_VALUES) {
      expect(() => exceptionEventAttributes(make()), label).not.toThrow();
    }
  });
});
