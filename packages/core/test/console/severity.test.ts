import { SeverityNumber } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { levelLabel, levelOfSeverity, severityText } from '../../src/console/severity.js';

describe('severity names', () => {
  it('maps severity numbers to their level range', () => {
    expect(levelOfSeverity(SeverityNumber.TRACE)).toBe('TRACE');
    expect(levelOfSeverity(SeverityNumber.INFO3)).toBe('INFO');
    expect(levelOfSeverity(SeverityNumber.WARN)).toBe('WARN');
    expect(levelOfSeverity(SeverityNumber.ERROR4)).toBe('ERROR');
    expect(levelOfSeverity(SeverityNumber.FATAL)).toBe('FATAL');
    expect(levelOfSeverity(0)).toBeUndefined();
    expect(levelOfSeverity(25)).toBeUndefined();
  });

  it('JSON severity prefers the record text, then the enum name', () => {
    expect(severityText(SeverityNumber.WARN, 'warning')).toBe('warning');
    expect(severityText(SeverityNumber.WARN2, undefined)).toBe('WARN2');
    expect(severityText(undefined, undefined)).toBe('UNSPECIFIED');
  });

  it('the pretty label prefers the number range, then the escaped text, then LOG', () => {
    expect(levelLabel(SeverityNumber.ERROR2, 'whatever')).toBe('ERROR');
    expect(levelLabel(undefined, 'notice')).toBe('NOTICE');
    expect(levelLabel(undefined, 'x\ny')).toBe('X\\nY');
    expect(levelLabel(undefined, undefined)).toBe('LOG');
  });
});
