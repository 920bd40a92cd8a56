/**
 * Issue 12 (do no harm): one call to the redactor does bounded work, whatever it is given. Before, the walk
 * had no bound in breadth: a sparse array of length 2^32 − 1 (one assignment to build) took ~80 s, and a
 * value that shares its children (a DAG, 15 levels of three references to one array) was walked once per
 * path, 3^15 times (2 s; with a 70 KB string holding e-mail addresses at the leaves of 2^10 paths, 22 s).
 * The work is counted here by reads (through a Proxy or a getter), not by a clock.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

const EMAIL = 'jane.doe@example.com';
const make = () => createRedactor({ knownSecrets: [] });

/** Values one call walks at most: 2^20 units of work, 32 per value (see docs/redaction.md#safety). */
const MAX_VALUES = 2 ** 20 / 32;

/** An array of `length` with a few elements set, wrapped in a Proxy counting element reads. */
function countedSparseArray(length: number, items: Record<number, unknown>): { array: unknown[]; reads: () => number } {
  const target: unknown[] = [];
  target.length = length;
  Object.assign(target, items);
  let reads = 0;
  const array = new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'string' && key !== 'length') reads++;
      return Reflect.get(t, key, receiver) as unknown;
    },
  });
  return { array, reads: () => reads };
}

/** `levels` levels of `fanout` references to one array: fanout^levels paths to one leaf object. */
function dag(levels: number, fanout: number, leaf: unknown): unknown {
  let node = leaf;
  for (let i = 0; i < levels; i++) node = Array.from({ length: fanout }, () => node);
  return node;
}

describe('bounded work per call', () => {
  it('a sparse array of length 2^24: at most the per-call number of values is read, the rest cut and counted', () => {
    const redactor = make();
    const { array, reads } = countedSparseArray(2 ** 24, { 5: EMAIL });
    const out = redactor.redact(array) as unknown[];
    expect(reads()).toBeLessThanOrEqual(MAX_VALUES + 16);
    expect(out[5]).toBe('[REDACTED:email]');
    expect(out.length).toBeLessThanOrEqual(MAX_VALUES + 1);
    expect(out.at(-1)).toBe('[REDACTED:limit]');
    expect(redactor.getRedactionCounts().limit).toBe(1);
  });

  it('a value whose children are shared (3^13 paths to one leaf) is walked at most the per-call number of values', () => {
    const redactor = make();
    let reads = 0;
    const leaf = {
      get message() {
        reads++;
        return `contact ${EMAIL}`;
      },
    };
    const out = redactor.redact(dag(13, 3, leaf));
    expect(reads).toBeLessThanOrEqual(MAX_VALUES);
    const json = JSON.stringify(out);
    expect(json).not.toContain(EMAIL);
    expect(json).toContain('[REDACTED:email]');
    expect(json).toContain('[REDACTED:limit]');
  });

  it('characters count too: 2^10 paths to one 70 000-character string of e-mail addresses leave no address', () => {
    const redactor = make();
    const text = `${EMAIL} `.repeat(70_000 / (EMAIL.length + 1));
    const out = redactor.redact(dag(10, 2, text));
    const json = JSON.stringify(out);
    expect(json).not.toContain(EMAIL);
    expect(redactor.getRedactionCounts().limit).toBeGreaterThan(0);
    // 2^20 characters searched at most: about 15 of the 1 024 copies, the others cut.
    expect(redactor.getRedactionCounts().email).toBeLessThanOrEqual((2 ** 20 / text.length + 2) * (text.length / (EMAIL.length + 1)));
  });

  it('a throwing read costs what the engine pays for it: 4^6 paths to an object of 5 throwing getters stop after 2 048 throws', () => {
    const redactor = make();
    let throws = 0;
    const trap = (): never => {
      throws++;
      throw new Error('trap');
    };
    const leaf = Object.defineProperties({}, Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((k) => [k, { get: trap, enumerable: true }])));
    const out = JSON.stringify(redactor.redact(dag(6, 4, leaf)));
    expect(throws).toBeLessThanOrEqual(2 ** 20 / 512 + 5);
    expect(out).toContain('[REDACTED:limit]');
  });

  it('the bound is per call: an array of 30 000 elements is walked whole, call after call', () => {
    const redactor = make();
    const array = Array.from({ length: 30_000 }, (_, i) => (i === 29_999 ? EMAIL : i));
    for (let call = 0; call < 3; call++) {
      const out = redactor.redact(array) as unknown[];
      expect(out).toHaveLength(30_000);
      expect(out[29_999]).toBe('[REDACTED:email]');
    }
    expect(redactor.getRedactionCounts().limit).toBeUndefined();
  });

  it('Maps and Sets are cut too', () => {
    const redactor = make();
    const entries = Array.from({ length: 300_000 }, (_, i) => i);
    const set = redactor.redact(new Set(entries)) as Set<unknown>;
    expect(set.size).toBeLessThanOrEqual(MAX_VALUES + 1);
    expect(set.has('[REDACTED:limit]')).toBe(true);
    const map = redactor.redact(new Map(entries.map((i) => [{ i }, EMAIL]))) as Map<unknown, unknown>;
    expect(map.size).toBeLessThan(MAX_VALUES);
    expect([...map.values()].every((v) => v === '[REDACTED:email]' || v === '[REDACTED:limit]')).toBe(true);
    expect(redactor.getRedactionCounts().limit).toBeGreaterThanOrEqual(2);
  });
});

describe('redactAttributes never throws', () => {
  it('attributes whose keys cannot be listed, or whose getters throw, come back redacted in full', () => {
    const redactor = make();
    const boom = (): never => {
      throw new Error('trap');
    };
    const unlistable = new Proxy({}, { ownKeys: boom });
    expect(redactor.redactAttributes(unlistable)).toEqual({});
    const getter = Object.defineProperty({ a: EMAIL }, 'b', { get: boom, enumerable: true });
    expect(redactor.redactAttributes(getter)).toEqual({ a: '[REDACTED:email]', b: '[REDACTED:error]' });
    const reads = new Proxy({ a: 1 }, { get: boom });
    expect(redactor.redactAttributes(reads)).toEqual({ a: '[REDACTED:error]' });
  });
});
