import fc from 'fast-check';
import { satisfies } from 'semver';
import { describe, expect, it } from 'vitest';
import { inRange } from '../../src/internal/supported-version.js';

const part = fc.integer({ min: 0, max: 40 });
const version = fc.tuple(part, part, part).map(([a, b, c]) => `${a}.${b}.${c}`);

describe('inRange', () => {
  it('agrees with semver on >=A <B ranges of full versions', () => {
    fc.assert(
      fc.property(version, version, version, (v, low, high) => {
        const range = `>=${low} <${high}`;
        expect(inRange(v, range)).toBe(satisfies(v, range));
      }),
    );
  });

  it('the LlamaIndex range: 0.6.22 and later 0.6 only', () => {
    expect(['0.6.21', '0.6.22', '0.6.23', '0.6.99', '0.7.0', '1.0.0'].map((v) => inRange(v, '>=0.6.22 <0.7.0'))).toEqual([false, true, true, true, false, false]);
  });

  it('anything unreadable is outside', () => {
    expect(inRange(undefined, '>=0.6.22 <0.7.0')).toBe(false);
    expect(inRange('next', '>=0.6.22 <0.7.0')).toBe(false);
    expect(inRange('0.6.22', '^0.6.22')).toBe(false);
  });
});
