import { describe, expect, it } from 'vitest';
import { compileDetectors } from '../../src/internal/compile-detectors.js';
import { BUILTIN_DETECTORS } from '../../src/internal/detectors/builtin.js';
import { compileCustomPattern, customDetector } from '../../src/internal/detectors/custom.js';
import { Trigger } from '../../src/internal/triggers/trigger.js';

describe('compileDetectors', () => {
  const all = [...BUILTIN_DETECTORS, customDetector({ type: 'mine', pattern: /x/ }, compileCustomPattern(/x/))];

  it('keeps enabled detectors in rank order, with the union of their triggers', () => {
    const compiled = compileDetectors(all, (name) => name !== 'phone' && name !== 'ip');
    const names = compiled.all.detectors.map((d) => d.detector.name);
    expect(names).not.toContain('phone');
    expect(names.indexOf('card')).toBeLessThan(names.indexOf('email'));
    expect(compiled.types[compiled.all.detectors[0].rank]).toBe(names[0]);
    expect(compiled.all.always).toBe(true);
    expect(compiled.all.triggers & Trigger.Digits).not.toBe(0);
    expect(compiled.all.triggers & Trigger.Ip).toBe(0);
  });

  it('keeps a secrets-only set without the personal-data detectors', () => {
    const compiled = compileDetectors(all, () => true);
    const names = compiled.secrets.detectors.map((d) => d.detector.name);
    for (const pii of ['email', 'phone', 'card', 'iban', 'ssn', 'ip']) expect(names).not.toContain(pii);
    expect(names).toContain('github_token');
    expect(names).toContain('mine');
  });

  it('compiles nothing when everything is off', () => {
    const compiled = compileDetectors(all, () => false);
    expect(compiled.all.detectors).toEqual([]);
    expect(compiled.all.triggers).toBe(0);
  });
});
