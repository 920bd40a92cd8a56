import { describe, expect, it } from 'vitest';
import {
  booleanParser,
  describeIssues,
  envValue,
  envValueKeepEmpty,
  enumParser,
  fromEnv,
  fromOption,
  integerParser,
  invalidValue,
  MAX_TIMER_MILLIS,
  millisParser,
  parseKeyValueList,
  pick,
  pickEach,
  ratioParser,
  setOwn,
  show,
  splitList,
} from '../../src/config/env-readers.js';

describe('show', () => {
  it('quotes strings and escapes control characters', () => {
    expect(show('loud')).toBe('"loud"');
    expect(show('a\nb\u0000')).toBe('"a\\nb\\u0000"');
  });

  it('cuts long strings and gives their length', () => {
    const shown = show('x'.repeat(1_000_000));
    expect(shown.length).toBeLessThan(120);
    expect(shown).toContain('(1000000 chars)');
  });

  it('prints other values without throwing', () => {
    expect(show(42)).toBe('42');
    expect(show(null)).toBe('null');
    expect(show({ a: 1 })).toBe('{ a: 1 }');
    const hostile = new Proxy({}, {
      get() {
        throw new Error('boom');
      },
      ownKeys() {
        throw new Error('boom');
      },
    });
    expect(typeof show(hostile)).toBe('string');
  });
});

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

describe('parsers', () => {
  it('booleanParser: true/false in any case, nothing else', () => {
    expect(booleanParser.parse(' TRUE ')).toEqual({ ok: true, value: true });
    expect(booleanParser.parse('False')).toEqual({ ok: true, value: false });
    expect(booleanParser.parse(false)).toEqual({ ok: true, value: false });
    for (const bad of ['1', 'yes', 'on', '', 1, null]) expect(booleanParser.parse(bad).ok).toBe(false);
  });

  it('integerParser: decimal integers within bounds', () => {
    const parser = integerParser(1, 600_000);
    expect(parser.accepted).toBe('a positive integer up to 600000');
    expect(parser.parse('5000')).toEqual({ ok: true, value: 5000 });
    expect(parser.parse('1e3')).toEqual({ ok: true, value: 1000 });
    expect(parser.parse(' +7 ')).toEqual({ ok: true, value: 7 });
    expect(parser.parse(600_000)).toEqual({ ok: true, value: 600_000 });
    for (const bad of ['0', '-1', '1.5', '600001', '0x10', 'Infinity', 'NaN', '1e999', '', ' ', '12ms', NaN, Infinity, null, {}]) {
      expect(parser.parse(bad).ok, String(bad)).toBe(false);
    }
  });

  it('millisParser: at most what Node timers honour', () => {
    expect(millisParser.parse(String(MAX_TIMER_MILLIS)).ok).toBe(true);
    expect(millisParser.parse(String(MAX_TIMER_MILLIS + 1)).ok).toBe(false);
  });

  it('ratioParser: numbers in [0, 1]', () => {
    expect(ratioParser.parse('0')).toEqual({ ok: true, value: 0 });
    expect(ratioParser.parse('.25')).toEqual({ ok: true, value: 0.25 });
    expect(ratioParser.parse('1.0')).toEqual({ ok: true, value: 1 });
    for (const bad of ['-0.1', '1.01', 'half', '', 'NaN']) expect(ratioParser.parse(bad).ok).toBe(false);
  });

  it('enumParser: case-insensitive, returns the canonical spelling', () => {
    const parser = enumParser(['http/protobuf', 'http/json'] as const, (v) => (v === 'grpc' ? 'no grpc' : undefined));
    expect(parser.parse(' HTTP/JSON ')).toEqual({ ok: true, value: 'http/json' });
    expect(parser.parse('grpc')).toEqual({ ok: false, detail: 'no grpc' });
    expect(parser.parse('x')).toEqual({ ok: false, detail: undefined });
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

describe('invalidValue', () => {
  it('has the house format', () => {
    expect(invalidValue('X', 'v', 'a|b', '"a"', 'why')).toBe('X="v" is not valid (why): expected a|b; using "a"');
  });
});

describe('splitList', () => {
  it('trims and drops empty items', () => {
    expect(splitList(' a, ,b ,,c,')).toEqual(['a', 'b', 'c']);
    expect(splitList(',')).toEqual([]);
  });
});

describe('parseKeyValueList', () => {
  it('percent-decodes keys and values and splits at the first "="', () => {
    expect(parseKeyValueList('a=1, b%20c = x%2Cy%3Dz ,token=abc==').entries).toEqual([
      ['a', '1'],
      ['b c', 'x,y=z'],
      ['token', 'abc=='],
    ]);
  });

  it('skips empty parts silently', () => {
    expect(parseKeyValueList(',a=1,,').issues).toEqual([]);
  });

  it('keeps empty values', () => {
    expect(parseKeyValueList('a=').entries).toEqual([['a', '']]);
  });

  it('describes malformed entries by position', () => {
    const { entries, issues } = parseKeyValueList('ok=1,noequals,=v,%zz=1,k=%E0%A4%A');
    expect(entries).toEqual([['ok', '1']]);
    expect(issues).toEqual([
      { position: 2, reason: 'no "="' },
      { position: 3, reason: 'empty key' },
      { position: 4, reason: 'bad percent-encoding in the key' },
      { position: 5, key: 'k', reason: 'bad percent-encoding in the value' },
    ]);
  });

  it('drops W3C baggage properties when asked', () => {
    expect(parseKeyValueList('a=1;prop=2,b=3', { baggageProperties: true }).entries).toEqual([
      ['a', '1'],
      ['b', '3'],
    ]);
    expect(parseKeyValueList('a=1;prop').entries).toEqual([['a', '1;prop']]);
  });

  it('applies the extra check, hiding keys it marks unfit to show', () => {
    const { issues } = parseKeyValueList('a b=1,c=2', {
      check: (key) => (key.includes(' ') ? { reason: 'bad name', showKey: false } : undefined),
    });
    expect(issues).toEqual([{ position: 1, key: undefined, reason: 'bad name' }]);
  });

  it('describeIssues lists at most five issues', () => {
    const issues = Array.from({ length: 8 }, (_, i) => ({ position: i + 1, reason: 'no "="' }));
    expect(describeIssues(issues)).toBe('#1: no "="; #2: no "="; #3: no "="; #4: no "="; #5: no "="; and 3 more');
  });
});

describe('setOwn', () => {
  it('keeps __proto__ as data', () => {
    const target: Record<string, string> = {};
    setOwn(target, '__proto__', 'x');
    expect(Object.keys(target)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
  });
});
