import { describe, expect, it } from 'vitest';
import { charFeatures, Feature } from '../../src/internal/char-features.js';
import { BUILTIN_DETECTORS } from '../../src/internal/detectors/builtin.js';
import { DIGIT_GATE } from '../../src/internal/gates.js';
import { NEGATIVES, POSITIVES } from '../fixtures/corpus.js';
import { found } from '../fixtures/find.js';

describe('gates', () => {
  it('let through every corpus string in which their detectors find something', () => {
    // `found` throws when a detector finds something its gate or feature pre-check would have skipped.
    let hits = 0;
    for (const { text } of [...POSITIVES, ...NEGATIVES]) {
      for (const detector of BUILTIN_DETECTORS) hits += found(detector, text).length;
    }
    expect(hits).toBeGreaterThan(POSITIVES.length / 2);
  });

  it('skip ordinary text', () => {
    const prose = 'User session refreshed after the upstream completion finished; the planner selected a tool.';
    const passing = BUILTIN_DETECTORS.filter((d) => d.gate !== undefined && d.gate.regex.test(prose)).map((d) => d.name);
    expect(passing).toEqual([]);
  });
});

describe('charFeatures', () => {
  it('collects the feature bits of a string', () => {
    expect(charFeatures('premium')).toBe(0);
    expect(charFeatures('eu-west-1')).toBe(Feature.Joiner | Feature.Digit);
    expect(charFeatures('a@b: +J')).toBe(Feature.At | Feature.Pair | Feature.Plus | Feature.Marker);
    expect(charFeatures('é€')).toBe(0);
  });
});

describe('DIGIT_GATE', () => {
  it('lets phone, card, SSN and IBAN shapes through and skips ordinary numbers', () => {
    for (const s of ['(030)1234567', '(415)555-2671', '+1 415', '01 23 45 67 89', '4111111111111111', '536-22-1234', 'DE89']) {
      expect(DIGIT_GATE.regex.test(s), s).toBe(true);
    }
    for (const s of ['2024-05-01', 'took 1.5 s', 'v1.2.3', '12:30:45', '10 20 30', 'INV-42-7', 'gpt-4o-mini-2024-07-18']) {
      expect(DIGIT_GATE.regex.test(s), s).toBe(false);
    }
  });
});
