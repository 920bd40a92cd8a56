import { describe, expect, it } from 'vitest';
import { ERROR_INDEX, SEVERITY_CLASSES, severityIndex, UNSPECIFIED_INDEX } from '../../src/internal/severity.js';

describe('severityIndex', () => {
  it('maps 1–24 to the six classes, four numbers each, and anything else to unspecified', () => {
    const classes = Array.from({ length: 24 }, (_, i) => SEVERITY_CLASSES[severityIndex(i + 1)]);
    expect(classes).toEqual(['trace', 'debug', 'info', 'warn', 'error', 'fatal'].flatMap((c) => [c, c, c, c]));
    for (const n of [undefined, 0, -3, 25, Number.NaN]) expect(severityIndex(n)).toBe(UNSPECIFIED_INDEX);
    expect(SEVERITY_CLASSES[ERROR_INDEX]).toBe('error');
  });
});
