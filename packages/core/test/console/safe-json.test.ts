import { describe, expect, it } from 'vitest';
import { MAX_STRING_LENGTH, safeStringify, toSafeValue, truncateString } from '../../src/console/safe-json.js';
import { RAW_UNSAFE } from './fixtures/collect-stream.js';

describe('truncateString', () => {
  it('keeps strings that fit', () => {
    const s = 'x'.repeat(MAX_STRING_LENGTH);
    expect(truncateString(s)).toBe(s);
  });

  it('cuts at 8 KiB and says how much was cut', () => {
    const s = 'x'.repeat(MAX_STRING_LENGTH + 12345);
    const out = truncateString(s);
    expect(out).toBe(`${'x'.repeat(MAX_STRING_LENGTH)}…[truncated 12345 chars]`);
  });

  it('never splits a surrogate pair', () => {
    const s = `${'x'.repeat(9)}🎉🎉`;
    const out = truncateString(s, 10);
    expect(out).toBe(`${'x'.repeat(9)}…[truncated 4 chars]`);
  });
});

describe('safeStringify', () => {
  it('serializes bigint as a decimal string', () => {
    expect(JSON.parse(safeStringify({ n: 12345678901234567890n }))).toEqual({ n: '12345678901234567890' });
  });

  it('survives circular structures and marks the cycle', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    a.list = [a, { up: a }];
    const parsed = JSON.parse(safeStringify(a));
    expect(parsed).toEqual({ name: 'a', self: '[Circular]', list: ['[Circular]', { up: '[Circular]' }] });
  });

  it('keeps a value referenced twice that is not a cycle', () => {
    const shared = { v: 1 };
    expect(JSON.parse(safeStringify({ a: shared, b: shared }))).toEqual({ a: { v: 1 }, b: { v: 1 } });
  });

  it('writes Uint8Array and Buffer as base64', () => {
    const parsed = JSON.parse(safeStringify({ u: new Uint8Array([1, 2, 3]), b: Buffer.from('hi') }));
    expect(parsed).toEqual({ u: 'AQID', b: 'aGk=' });
  });

  it('caps long strings, deep inside too', () => {
    const long = 'y'.repeat(20_000);
    const parsed = JSON.parse(safeStringify({ deep: { list: [long] } }));
    expect(parsed.deep.list[0]).toBe(`${'y'.repeat(MAX_STRING_LENGTH)}…[truncated ${20_000 - MAX_STRING_LENGTH} chars]`);
  });

  it('caps long strings on the fallback path as well', () => {
    const long = 'z'.repeat(10_000);
    const a: Record<string, unknown> = { long };
    a.self = a;
    const parsed = JSON.parse(safeStringify(a));
    expect(parsed.long).toHaveLength(MAX_STRING_LENGTH + '…[truncated 1808 chars]'.length);
  });

  it('serializes errors, maps, sets, dates and non-finite numbers', () => {
    const error = new TypeError('bad');
    const parsed = JSON.parse(
      safeStringify({ error, map: new Map([['k', 1]]), set: new Set([1, 2]), date: new Date(0), nan: Number.NaN, inf: -Infinity }),
    );
    expect(parsed.error.type).toBe('TypeError');
    expect(parsed.error.message).toBe('bad');
    expect(parsed.error.stack).toContain('TypeError: bad');
    expect(parsed.map).toEqual({ k: 1 });
    expect(parsed.set).toEqual([1, 2]);
    expect(parsed.date).toBe('1970-01-01T00:00:00.000Z');
    expect(parsed.nan).toBe('NaN');
    expect(parsed.inf).toBe('-Infinity');
  });

  it('never throws: throwing getters and toJSON', () => {
    const hostile = {
      ok: 1,
      get boom(): never {
        throw new Error('getter');
      },
    };
    const badToJson = { toJSON(): never { throw new Error('toJSON'); } };
    expect(() => safeStringify(hostile)).not.toThrow();
    expect(JSON.parse(safeStringify(hostile))).toEqual({ ok: 1, boom: '[Unreadable]' });
    expect(() => safeStringify(badToJson)).not.toThrow();
    expect(() => safeStringify(undefined)).not.toThrow();
    expect(safeStringify(undefined)).toBe('null');
  });

  it('stops at a bounded depth', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100_000; i++) {
      const next = {};
      deep.n = next;
      deep = next;
    }
    const out = safeStringify(root);
    expect(out).toContain('[MaxDepth]');
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it('escapes separators, DEL, C1 and bidi controls, and JSON still parses to the original', () => {
    const value = { m: 'a\u2028b\u007f\u009b\u202e' };
    const out = safeStringify(value);
    expect(out).not.toMatch(RAW_UNSAFE);
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe('toSafeValue', () => {
  it('returns plain data that JSON.stringify accepts', () => {
    const a: Record<string, unknown> = { big: 1n, bytes: new Uint8Array([255]) };
    a.me = a;
    const safe = toSafeValue(a);
    expect(() => JSON.stringify(safe)).not.toThrow();
    expect(safe).toEqual({ big: '1', bytes: '/w==', me: '[Circular]' });
  });
});
