import { describe, expect, it } from 'vitest';
import { customDetector } from '../../../src/internal/detectors/custom.js';
import { found } from '../../fixtures/find.js';

describe('customDetector', () => {
  it('finds every match, adding the g flag and dropping the sticky one', () => {
    const detector = customDetector({ type: 'employee_id', pattern: /EMP-\d{6}/y });
    expect(detector.name).toBe('employee_id');
    expect(detector.gate).toBeUndefined();
    expect(found(detector, 'EMP-123456 and EMP-654321')).toEqual(['EMP-123456', 'EMP-654321']);
  });

  it('keeps other flags and survives patterns that match the empty string', () => {
    expect(found(customDetector({ type: 'x', pattern: /emp-\d+/i }), 'EMP-1')).toEqual(['EMP-1']);
    expect(found(customDetector({ type: 'x', pattern: /a*/ }), 'bab')).toEqual(['a']);
  });
});
