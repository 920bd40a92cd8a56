import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePropagators } from '../../src/config/resolve-propagators.js';

const KNOWN = ['tracecontext', 'baggage', 'b3', 'b3multi'];

function resolve(value: string | undefined): { names: string[]; problems: string[] } {
  const problems: string[] = [];
  const names = resolvePropagators(value === undefined ? {} : { OTEL_PROPAGATORS: value }, problems);
  return { names, problems };
}

describe('resolvePropagators (OTEL_PROPAGATORS)', () => {
  it('defaults to tracecontext,baggage when unset or blank', () => {
    expect(resolve(undefined)).toEqual({ names: ['tracecontext', 'baggage'], problems: [] });
    expect(resolve('  ')).toEqual({ names: ['tracecontext', 'baggage'], problems: [] });
  });

  it('keeps the order, ignores case and repeats', () => {
    expect(resolve(' B3 ,tracecontext,b3')).toEqual({ names: ['b3', 'tracecontext'], problems: [] });
  });

  it('none alone means no propagator; beside other names it is reported and ignored', () => {
    expect(resolve('none')).toEqual({ names: [], problems: [] });
    const mixed = resolve('none,baggage');
    expect(mixed.names).toEqual(['baggage']);
    expect(mixed.problems).toEqual([expect.stringContaining('"none" cannot be combined')]);
  });

  it('drops unknown names in one line, and falls back to the default when nothing is usable', () => {
    const some = resolve('jaeger,baggage,xray');
    expect(some.names).toEqual(['baggage']);
    expect(some.problems).toHaveLength(1);
    expect(some.problems[0]).toMatch(/^OTEL_PROPAGATORS="jaeger,baggage,xray" is not valid \(unknown "jaeger", "xray"\).*using "baggage"$/);
    const none = resolve('jaeger');
    expect(none.names).toEqual(['tracecontext', 'baggage']);
    expect(none.problems[0]).toMatch(/using "tracecontext,baggage"$/);
  });

  it('any value: known names only, no repeats, at most one problem line, never throws', () => {
    const word = fc.oneof(fc.constantFrom(...KNOWN, 'none', 'NONE', 'B3Multi'), fc.string({ maxLength: 8 }).filter((s) => !s.includes(',')));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), fc.constantFrom(',', ' , ', ',,'), (words, sep) => {
        const { names, problems } = resolve(words.join(sep));
        for (const name of names) expect(KNOWN).toContain(name);
        expect(new Set(names).size).toBe(names.length);
        expect(problems.length).toBeLessThanOrEqual(1);
        const named = words.map((w) => w.trim().toLowerCase()).filter((w) => KNOWN.includes(w));
        // Every known name given is kept, in the order of its first appearance.
        if (named.length > 0) expect(names).toEqual([...new Set(named)]);
      }),
    );
  });
});
