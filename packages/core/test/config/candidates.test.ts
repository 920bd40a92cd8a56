import { describe, expect, it } from 'vitest';
import { envValue, envValueKeepEmpty, fromEnv, fromOption, pick, pickEach } from '../../src/config/candidates.js';
import { millisParser } from '../../src/config/value-parsers.js';

describe('envValue', () => {
  it('trims and treats empty or whitespace as unset', () => {
    expect(envValue({ A: '  x  ' }, 'A')).toBe('x');
    expect(envValue({ A: '' }, 'A')).toBeUndefined();
    expect(envValue({ A: ' \t\n ' }, 'A')).toBeUndefined();
    expect(envValue({}, 'A')).toBeUndefined();
  });

  it('keeps an explicitly empty value when asked', () => {
    expect(envValueKeepEmpty({ A: '  ' }, 'A')).toBe('');
    expect(envValueKeepEmpty({}, 'A')).toBeUndefined();
  });
});

describe('pick', () => {
  it('takes the first set and valid candidate', () => {
    const problems: string[] = [];
    const value = pick(
      [fromOption('x', undefined, millisParser), fromEnv({ A: '10' }, 'A', millisParser)],
      5,
      problems,
    );
    expect(value).toBe(10);
    expect(problems).toEqual([]);
  });

  it('reports each invalid candidate once with the value finally used', () => {
    const problems: string[] = [];
    const value = pick(
      [fromOption('x', 'bad', millisParser), fromEnv({ A: 'worse' }, 'A', millisParser), fromEnv({ B: '7' }, 'B', millisParser)],
      5,
      problems,
    );
    expect(value).toBe(7);
    expect(problems).toEqual([
      'options.x="bad" is not valid: expected a positive integer up to 2147483647; using 7',
      'A="worse" is not valid: expected a positive integer up to 2147483647; using 7',
    ]);
  });

  it('does not look at candidates after the one used', () => {
    const problems: string[] = [];
    pick([fromEnv({ A: '1' }, 'A', millisParser), fromEnv({ B: 'bad' }, 'B', millisParser)], 5, problems);
    expect(problems).toEqual([]);
  });

  it('pickEach reports a shared candidate once, listing the values used when they differ', () => {
    const problems: string[] = [];
    const shared = fromEnv({ S: 'bad' }, 'S', millisParser);
    const values = pickEach(
      { a: [shared], b: [shared], c: [fromEnv({ C: '3' }, 'C', millisParser), shared] },
      { a: 1, b: 2, c: 9 },
      problems,
    );
    expect(values).toEqual({ a: 1, b: 2, c: 3 });
    expect(problems).toEqual(['S="bad" is not valid: expected a positive integer up to 2147483647; using 1, 2']);
  });
});
