import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDiagLine, MAX_DIAG_LINE } from '../../src/diag/format-diag-line.js';

describe('formatDiagLine', () => {
  it('renders errors as Name: message (code), without their stack', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4318'), { code: 'ECONNREFUSED' });
    expect(formatDiagLine('export failed', [error])).toBe('export failed Error: connect ECONNREFUSED 127.0.0.1:4318');
    const coded = Object.assign(new TypeError('bad'), { code: 'E_BAD' });
    expect(formatDiagLine('x', [coded])).toBe('x TypeError: bad (E_BAD)');
  });

  it("takes the first line of the SDK's serialized exceptions instead of a JSON stack", () => {
    const serialized = JSON.stringify({
      stack: 'Error: PeriodicExportingMetricReader: metrics export failed (error Error: connect ECONNREFUSED)\n    at currentRun (file:///x.mjs:86:76)',
      message: 'PeriodicExportingMetricReader: metrics export failed',
    });
    expect(formatDiagLine(serialized, [])).toBe('Error: PeriodicExportingMetricReader: metrics export failed (error Error: connect ECONNREFUSED)');
    expect(formatDiagLine(JSON.stringify({ message: 'only a message', name: 'RangeError' }), [])).toBe('RangeError: only a message');
  });

  it('renders objects as compact JSON, and cyclic or hostile ones without throwing', () => {
    expect(formatDiagLine('items', [{ a: 1, b: [true] }])).toBe('items {"a":1,"b":[true]}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatDiagLine('c', [cyclic])).toBe('c [object Object]');
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
    expect(() => formatDiagLine('h', [hostile])).not.toThrow();
    expect(formatDiagLine('n', [1n, null, undefined, Symbol('s')])).toBe('n 1 null undefined Symbol(s)');
  });

  it('is one line, control characters escaped, at most MAX_DIAG_LINE characters (property)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.anything(), { maxLength: 4 }), (message, args) => {
        const line = formatDiagLine(message, args);
        expect(line).not.toMatch(/[\n\r\u0000-\u0008\u000b-\u001f\u007f]/);
        expect(line.length).toBeLessThanOrEqual(MAX_DIAG_LINE + 30);
      }),
      { numRuns: 2_000 },
    );
  });

  it('cuts a long line and says how long it was', () => {
    const line = formatDiagLine('x'.repeat(5_000), []);
    expect(line).toMatch(/… \(5000 chars\)$/);
  });
});
