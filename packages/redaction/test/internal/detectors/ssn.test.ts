import { describe, expect, it } from 'vitest';
import { ssn, validSsn } from '../../../src/internal/detectors/ssn.js';
import { found } from '../../fixtures/find.js';

describe('validSsn', () => {
  it('applies the SSA rules', () => {
    expect(validSsn('536', '22', '1234')).toBe(true);
    expect(validSsn('000', '22', '1234')).toBe(false);
    expect(validSsn('666', '22', '1234')).toBe(false);
    expect(validSsn('900', '22', '1234')).toBe(false);
    expect(validSsn('536', '00', '1234')).toBe(false);
    expect(validSsn('536', '22', '0000')).toBe(false);
    expect(validSsn('078', '05', '1120')).toBe(false);
  });
});

describe('ssn', () => {
  it('finds dashed and spaced numbers', () => {
    expect(found(ssn, 'ssn 536-22-1234 and 001 01 0001.')).toEqual(['536-22-1234', '001 01 0001']);
  });

  it.each(['000-12-3456', '666-12-3456', '987-65-4321', '536-00-1234', '536-22-0000', '536-22 1234', '1536-22-1234', '536-22-12345', 'ab536-22-1234', '536221234'])(
    'leaves %s alone',
    (text) => {
      expect(found(ssn, text)).toEqual([]);
    },
  );
});
