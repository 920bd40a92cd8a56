import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedValue, DROP, kindOf, typedArrayKind, Walk } from '../../src/safety/bounded-value.js';
import { MAX_NESTED_VALUES, MAX_NESTING_DEPTH } from '../../src/safety/limits.js';
import { anyValue } from '../fixtures/hostile-values.js';

const NO_LIMITS = { countLimit: Number.POSITIVE_INFINITY, valueLengthLimit: Number.POSITIVE_INFINITY };

/** Whether `value` is an OpenTelemetry AnyValue made only of plain data (what the OTLP encoders write). */
function isPlainAnyValue(value: unknown, depth = 0): boolean {
  if (depth > MAX_NESTING_DEPTH + 1) return false;
  if (value === null || value === undefined) return true;
  if (['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (value instanceof Uint8Array) return typedArrayKind(value) === 'Uint8Array';
  if (Array.isArray(value)) return value.every((v) => isPlainAnyValue(v, depth + 1));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every((v) => isPlainAnyValue(v, depth + 1));
  return false;
}

describe('boundedValue', () => {
  it('makes any value plain, encodable data or DROP, never throwing, within the budget', () => {
    fc.assert(
      fc.property(anyValue, ({ make }) => {
        const walk = new Walk();
        const copied = boundedValue(make(), NO_LIMITS, walk);
        if (copied !== DROP) expect(isPlainAnyValue(copied)).toBe(true);
        expect(walk.budget).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps plain data as it is (values equal), Buffers and Uint8Arrays as byte arrays', () => {
    const walk = new Walk();
    const data = { a: 1, b: 'x', c: [true, null, { d: [1.5] }], e: new Uint8Array([1, 2]) };
    expect(boundedValue(data, NO_LIMITS, walk)).toEqual(data);
    const buffer = Buffer.from('abc');
    expect(boundedValue(buffer, NO_LIMITS, walk)).toBe(buffer);
    expect(walk.invalid + walk.cut).toBe(0);
  });

  it('cuts strings and bytes at the value length limit, without copying the bytes', () => {
    const walk = new Walk();
    const limits = { countLimit: 128, valueLengthLimit: 4 };
    expect(boundedValue('abcdefgh', limits, walk)).toBe('abcd');
    const bytes = Buffer.from('abcdefgh');
    const cut = boundedValue(bytes, limits, walk) as Uint8Array;
    expect([...cut]).toEqual([97, 98, 99, 100]);
    expect(cut.buffer).toBe(bytes.buffer);
  });

  it('leaves out what cannot be encoded, counting it: fake typed arrays, other typed arrays, cycles, class instances', () => {
    const walk = new Walk();
    const cyclic: Record<string, unknown> = { keep: 1 };
    cyclic.self = cyclic;
    expect(boundedValue(cyclic, NO_LIMITS, walk)).toEqual({ keep: 1 });
    expect(boundedValue(Object.setPrototypeOf({ length: 3 }, Uint8Array.prototype), NO_LIMITS, walk)).toBe(DROP);
    expect(boundedValue(new Float32Array(2), NO_LIMITS, walk)).toBe(DROP);
    expect(boundedValue([new Date(), 1], NO_LIMITS, walk)).toEqual([null, 1]);
    expect(walk.invalid).toBe(4);
  });

  it('bounds depth and total size, counting each cut', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < MAX_NESTING_DEPTH + 5; i++) deep = [deep];
    const walk = new Walk();
    boundedValue(deep, NO_LIMITS, walk);
    expect(walk.cut).toBe(1);
    const wide = new Walk();
    const copied = boundedValue([new Array(MAX_NESTED_VALUES).fill(0), [1, 2, 3]], NO_LIMITS, wide) as unknown[][];
    expect(copied[0]).toHaveLength(MAX_NESTED_VALUES - 2);
    expect(copied[1]).toEqual([]);
    expect(wide.cut).toBe(2);
  });

  it('keeps a "__proto__" key as data', () => {
    const copied = boundedValue(JSON.parse('{"__proto__": {"x": 1}}'), NO_LIMITS, new Walk()) as object;
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(Object.keys(copied)).toEqual(['__proto__']);
  });

  it('names kinds from a closed set', () => {
    expect([kindOf('s'), kindOf(Buffer.alloc(1)), kindOf(new Uint16Array(1)), kindOf([]), kindOf({}), kindOf(new Map()), kindOf(new Proxy({}, {}))]).toEqual([
      'string',
      'Buffer',
      'typed array',
      'array',
      'object',
      'class instance',
      'Proxy',
    ]);
  });
});
