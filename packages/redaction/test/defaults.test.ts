import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTORS } from '../src/index.js';
import { BUILTIN_DETECTORS } from '../src/internal/detectors/builtin.js';

describe('DEFAULT_DETECTORS', () => {
  it('has a default for every built-in detector, the known secrets and the sensitive keys; only ip is off', () => {
    expect(Object.keys(DEFAULT_DETECTORS).sort()).toEqual([...BUILTIN_DETECTORS.map((d) => d.name), 'known_secret', 'sensitive_key'].sort());
    expect(Object.entries(DEFAULT_DETECTORS).filter(([, on]) => !on)).toEqual([['ip', false]]);
  });
});
