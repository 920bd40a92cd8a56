import { describe, expect, it } from 'vitest';
import { escapeJsonLine, escapeText, needsEscape } from '../../src/console/escape.js';
import { RAW_UNSAFE } from './fixtures/collect-stream.js';

describe('escapeText', () => {
  it('returns the same string when nothing needs escaping', () => {
    const text = 'plain text — with ünïcödé, emoji 🎉 and a backslash \\n';
    expect(needsEscape(text)).toBe(false);
    expect(escapeText(text)).toBe(text);
  });

  it('escapes line breaks and tabs with their short forms', () => {
    expect(escapeText('ok\n12:00:00.000 ERROR fake')).toBe('ok\\n12:00:00.000 ERROR fake');
    expect(escapeText('a\r\nb\tc')).toBe('a\\r\\nb\\tc');
  });

  it('neutralises ANSI escape sequences (7-bit ESC and 8-bit CSI)', () => {
    expect(escapeText('\u001b[31mred\u001b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(escapeText('\u009b31mred')).toBe('\\x9b31mred');
  });

  it('escapes every C0 control, DEL and every C1 control', () => {
    for (let code = 0; code <= 0x9f; code++) {
      if (code >= 0x20 && code < 0x7f) continue;
      const escaped = escapeText(`a${String.fromCharCode(code)}b`);
      expect(escaped, `U+${code.toString(16)}`).not.toMatch(RAW_UNSAFE);
      expect(escaped.startsWith('a\\')).toBe(true);
    }
    expect(escapeText('\u0000')).toBe('\\x00');
    expect(escapeText('\u007f')).toBe('\\x7f');
    expect(escapeText('\u0085')).toBe('\\x85');
  });

  it('escapes line/paragraph separators and bidi controls as \\uXXXX', () => {
    expect(escapeText('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
    expect(escapeText('evil\u202etxt.exe')).toBe('evil\\u202etxt.exe');
    for (const ch of ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(escapeText(ch)).toBe(`\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
  });

  it('leaves neighbouring harmless characters alone', () => {
    expect(escapeText('\u00a0\u2027\u202f\u2065\u206a\u200d')).toBe('\u00a0\u2027\u202f\u2065\u206a\u200d');
  });
});

describe('escapeJsonLine', () => {
  it('escapes what JSON.stringify leaves raw, and the result parses back to the original', () => {
    const original = { msg: 'a\u2028b\u2029c\u007fd\u0085e\u202ef\u2066g', [`k\u2028`]: 1 };
    const raw = JSON.stringify(original);
    expect(raw).toMatch(/[\u2028\u007f\u0085\u202e]/);
    const line = escapeJsonLine(raw);
    expect(line).not.toMatch(RAW_UNSAFE);
    expect(line).toContain('\\u2028');
    expect(line).toContain('\\u202e');
    expect(JSON.parse(line)).toEqual(original);
  });

  it('returns the same string when nothing needs escaping', () => {
    const json = JSON.stringify({ a: 'b\nc', d: [1, 2] });
    expect(escapeJsonLine(json)).toBe(json);
  });
});
