import { describe, expect, it } from 'vitest';
import { OneLineDiagLogger } from '../../src/diag/one-line-diag-logger.js';

function logger() {
  const lines: Array<[string, string]> = [];
  let now = 1_000_000;
  const log = new OneLineDiagLogger((level, line) => lines.push([level, line]), () => now);
  return { log, lines, advance: (ms: number) => (now += ms) };
}

describe('OneLineDiagLogger', () => {
  it('prints a message once a minute and then says how often it repeated', () => {
    const { log, lines, advance } = logger();
    for (let i = 0; i < 100; i++) log.warn(`export failed (${i} records)`); // differs only in numbers
    expect(lines).toEqual([['warn', 'export failed (0 records)']]);
    advance(61_000);
    log.warn('export failed (7 records)');
    expect(lines.at(-1)).toEqual(['warn', 'export failed (7 records) (repeated 99 times in the last 61 s)']);
  });

  it('keeps levels apart and passes distinct messages', () => {
    const { log, lines } = logger();
    log.error('a');
    log.warn('a');
    log.info('b');
    log.debug('c');
    log.verbose('d');
    expect(lines.map(([level]) => level)).toEqual(['error', 'warn', 'info', 'debug', 'verbose']);
  });

  it('prints at most 50 lines a minute and then says how many it held back', () => {
    const { log, lines, advance } = logger();
    for (let i = 0; i < 37_625; i++) log.warn(`distinct message ${String.fromCharCode(97 + (i % 26))}${'x'.repeat(i % 500)}`);
    expect(lines).toHaveLength(50);
    advance(60_000);
    log.warn('after the window');
    expect(lines.at(-2)?.[1]).toMatch(/^sightline: \d+ diagnostic lines over the limit of 50 a minute were not printed$/);
    expect(lines.at(-1)?.[1]).toBe('after the window');
  });

  it('reports what it held back when asked at exit', () => {
    const { log, lines } = logger();
    log.warn('same');
    log.warn('same');
    log.warn('same');
    log.flushSuppressed();
    expect(lines.at(-1)).toEqual(['warn', 'sightline: 2 repeated or rate-limited diagnostic lines were not printed']);
    log.flushSuppressed();
    expect(lines).toHaveLength(2);
  });

  it('never throws, even when the sink does', () => {
    const log = new OneLineDiagLogger(() => {
      throw new Error('console broke');
    });
    expect(() => log.error('x', new Error('y'))).not.toThrow();
  });
});
