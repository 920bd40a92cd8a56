import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorType } from '../../src/internal/error-type.js';

/** An instance of a class named `name` (as the SDKs define their errors). */
function errorOf(name: string, fields: Record<string, unknown>): object {
  const Class = { [name]: class extends Error {} }[name]!;
  return Object.assign(new Class('failed'), fields);
}

const GENERIC = ['Error', 'ApiError', 'ResponseError', 'SDKError', 'MistralError', 'CohereError'];
const STATUS_FIELDS = ['status', 'statusCode', 'status_code'];

describe('errorType', () => {
  it('a class that only says "API error" gives the HTTP status, whichever field the SDK names it in', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GENERIC), fc.constantFrom(...STATUS_FIELDS), fc.integer({ min: 100, max: 599 }), (name, field, status) => {
        expect(errorType(errorOf(name, { [field]: status }))).toBe(String(status));
      }),
    );
  });

  it('any other class name is the type, whatever status it carries', () => {
    const specific = fc.stringMatching(/^[A-Z][A-Za-z]{2,20}(Error|Exception)$/).filter((n) => !GENERIC.includes(n));
    fc.assert(
      fc.property(specific, fc.constantFrom(...STATUS_FIELDS), fc.integer({ min: 100, max: 599 }), (name, field, status) => {
        expect(errorType(errorOf(name, { [field]: status }))).toBe(name);
      }),
    );
  });

  it('a status that is not a number is not used', () => {
    expect(errorType(errorOf('ResponseError', { status_code: '404' }))).toBe('Error');
    expect(errorType('boom')).toBe('_OTHER');
  });
});
