import { TraceState } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { explicitRandomness, otSubkey, withThreshold } from '../../src/internal/ot-trace-state.js';

describe('otSubkey', () => {
  it('finds a sub-key of an ot value', () => {
    expect(otSubkey('th:c;rv:6e6d1a75832a2f', 'th')).toBe('c');
    expect(otSubkey('th:c;rv:6e6d1a75832a2f', 'rv')).toBe('6e6d1a75832a2f');
    expect(otSubkey('p:8;r:62', 'th')).toBeUndefined();
  });
});

describe('explicitRandomness', () => {
  it('reads rv from the ot entry only', () => {
    expect(explicitRandomness(new TraceState('ot=rv:7479cfb506891d'))).toBe('7479cfb506891d');
    expect(explicitRandomness(new TraceState('vendor=rv:7479cfb506891d'))).toBeUndefined();
    expect(explicitRandomness(undefined)).toBeUndefined();
  });
});

describe('withThreshold', () => {
  it('creates ot=th:… when there is no trace state', () => {
    expect(withThreshold(undefined, '8')?.serialize()).toBe('ot=th:8');
    expect(withThreshold(undefined, undefined)).toBeUndefined();
  });

  it('sets th and keeps the other sub-keys and the other vendors', () => {
    const state = new TraceState('ot=rv:6e6d1a75832a2f;foo:bar,vendor=v1');
    expect(withThreshold(state, 'c')?.serialize()).toBe('ot=th:c;rv:6e6d1a75832a2f;foo:bar,vendor=v1');
  });

  it('replaces an existing th', () => {
    const state = new TraceState('ot=th:8;rv:6e6d1a75832a2f');
    expect(withThreshold(state, 'c')?.get('ot')).toBe('th:c;rv:6e6d1a75832a2f');
  });

  it('erases th, and the ot entry when nothing else is in it', () => {
    expect(withThreshold(new TraceState('ot=th:8;rv:6e6d1a75832a2f'), undefined)?.get('ot')).toBe('rv:6e6d1a75832a2f');
    expect(withThreshold(new TraceState('ot=th:8,vendor=v1'), undefined)?.serialize()).toBe('vendor=v1');
  });

  it('returns the same object when nothing changes', () => {
    const state = new TraceState('ot=th:8,vendor=v1');
    expect(withThreshold(state, '8')).toBe(state);
    const without = new TraceState('vendor=v1');
    expect(withThreshold(without, undefined)).toBe(without);
  });

  it('leaves the state unchanged when ot would exceed 256 characters', () => {
    const state = new TraceState(`ot=x:${'a'.repeat(250)}`);
    expect(withThreshold(state, 'e6666666666666')).toBe(state);
  });
});
