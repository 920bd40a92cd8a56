import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasCliFlag } from '../../../src/internal/triggers/cli-flag.js';

/** The formulation it replaces: one regular expression, slow on long runs of dashes. */
const CLI = /-(?:u|-[A-Za-z-]{0,40}(?:user|pass|passwd|password|token|secret|key|auth))[ \t=]/i;

const PIECES = ['-', '--', '---', 'u', 'U', ' ', '\t', '=', 'pass', 'word', 'password', 'PassWD', 'user', 'token', 'SECRET', 'key', 'auth', 'db', 'a', 'x-', '1', '_', 'é'];

describe('hasCliFlag', () => {
  it('agrees with the regular expression on random strings of flag pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join('')), (s) => {
        expect(hasCliFlag(s)).toBe(CLI.test(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('allows at most 40 letters and dashes between the -- and the word', () => {
    for (const between of [0, 1, 39, 40, 41, 42]) {
      const s = `curl --${'a'.repeat(between)}password hunter2`;
      expect([between, hasCliFlag(s)]).toEqual([between, CLI.test(s)]);
    }
    expect(hasCliFlag(`--${'a'.repeat(40)}token=x`)).toBe(true);
    expect(hasCliFlag(`--${'a'.repeat(41)}token=x`)).toBe(false);
  });
});
