import { describe, expect, it } from 'vitest';
import { compileCustomPattern, customDetector } from '../../../src/internal/detectors/custom.js';
import { found } from '../../fixtures/find.js';

const detector = (type: string, pattern: RegExp) => customDetector({ type, pattern }, compileCustomPattern(pattern));

describe('customDetector', () => {
  it('finds every match, whatever the g and y flags', () => {
    const d = detector('employee_id', /EMP-\d{6}/y);
    expect(d.name).toBe('employee_id');
    expect(d.triggers).toBe(0);
    expect(found(d, 'EMP-123456 and EMP-654321')).toEqual(['EMP-123456', 'EMP-654321']);
  });

  it('keeps the i flag and survives patterns that match the empty string', () => {
    expect(found(detector('x', /emp-\d+/i), 'EMP-1')).toEqual(['EMP-1']);
    expect(found(detector('x', /a*/), 'bab')).toEqual(['a']);
  });

  it('runs catastrophic-backtracking patterns in linear time on the RE2 engine', () => {
    const d = detector('x', /(a+)+b/);
    const started = performance.now();
    expect(found(d, `${'a'.repeat(5000)}!`)).toEqual([]);
    // Backtracking would take longer than the age of the universe; RE2 reads the string once.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(found(d, 'xaab')).toEqual(['aab']);
  });

  it('rejects patterns the linear-time engine cannot run, with the reason', () => {
    expect(() => compileCustomPattern(/(a)\1/)).toThrow(/cannot run on the linear-time engine/);
    expect(() => compileCustomPattern(/(?<=x)y/)).toThrow(/\(\?<=x\)y/);
  });
});
