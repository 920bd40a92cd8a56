import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeriesTrie } from '../../src/internal/histogram-series.js';

const KEYS = ['a', 'b', 'c', 'd'];
const value = fc.constantFrom<unknown>(undefined, 'x', 'y', '', 0, 1, 443, true, false);
const valuesOf = fc.array(value, { minLength: KEYS.length, maxLength: KEYS.length });

/** The kept values as a string key, the reference the trie's identity must agree with. */
const keyOf = (values: readonly unknown[], kept: ReadonlySet<string>) =>
  JSON.stringify(KEYS.map((k, i) => (kept.has(k) ? [typeof values[i], String(values[i])] : null)));

describe('SeriesTrie', () => {
  it('returns one series per distinct set of kept values, whatever the order of the sets (recent-set cache included)', () => {
    fc.assert(
      fc.property(fc.subarray(KEYS), fc.array(valuesOf, { minLength: 1, maxLength: 60 }), (keptKeys, sequence) => {
        const kept = new Set(keptKeys);
        const trie = new SeriesTrie(KEYS, (key) => kept.has(key));
        const byKey = new Map<string, unknown>();
        for (const values of sequence) {
          const series = trie.find(values);
          const key = keyOf(values, kept);
          const known = byKey.get(key);
          if (known === undefined) {
            expect([...byKey.values()]).not.toContain(series);
            byKey.set(key, series);
          } else expect(series).toBe(known);
          const expected = Object.fromEntries(KEYS.flatMap((k, i) => (kept.has(k) && values[i] !== undefined ? [[k, values[i]]] : [])));
          expect(series.attributes).toEqual(expected);
        }
      }),
    );
  });

  it('does not keep the caller’s value array: changing it after a find does not change what the next find matches', () => {
    const trie = new SeriesTrie(KEYS, () => true);
    const values: unknown[] = ['x', 'y', 1, true];
    const first = trie.find(values);
    values[3] = false;
    const second = trie.find(values);
    expect(second).not.toBe(first);
    values[3] = true;
    expect(trie.find(values)).toBe(first);
    expect(trie.find(['x', 'y', 1, false])).toBe(second);
  });
});
