import { describe, expect, it } from 'vitest';
import { booleanParser, enumParser, integerParser, millisParser, ratioParser } from '../../src/config/value-parsers.js';
import { MAX_TIMER_MILLIS } from '../../src/export/queue-defaults.js';

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
