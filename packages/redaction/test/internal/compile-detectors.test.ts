import { describe, expect, it } from 'vitest';
import { compileDetectors } from '../../src/internal/compile-detectors.js';
import { BUILTIN_DETECTORS } from '../../src/internal/detectors/builtin.js';
import { customDetector } from '../../src/internal/detectors/custom.js';
import { DIGIT_GATE } from '../../src/internal/gates.js';

describe('compileDetectors', () => {
  const all = [...BUILTIN_DETECTORS, customDetector({ type: 'mine', pattern: /x/ })];

  it('groups enabled detectors by gate, keeps ungated ones apart and ranks by list position', () => {
    const compiled = compileDetectors(all, (name) => name !== 'phone' && name !== 'ip');
    const digits = compiled.groups.find((g) => g.gate === DIGIT_GATE)!;
    expect(digits.detectors.map((d) => d.detector.name)).toEqual(['card', 'iban', 'ssn']);
    expect(compiled.ungated.map((d) => d.detector.name)).toEqual(['mine']);
    expect(compiled.types[digits.detectors[0].rank]).toBe('card');
    expect(compiled.groups.flatMap((g) => g.detectors).some((d) => d.detector.name === 'phone')).toBe(false);
  });

  it('compiles nothing when everything is off', () => {
    const compiled = compileDetectors(all, () => false);
    expect(compiled.groups).toEqual([]);
    expect(compiled.ungated).toEqual([]);
  });
});
