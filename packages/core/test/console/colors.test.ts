import { describe, expect, it } from 'vitest';
import { ANSI_PALETTE, PLAIN_PALETTE, createPalette, detectColors } from '../../src/console/colors.js';

describe('detectColors', () => {
  const tty = { isTTY: true };
  const pipe = {};

  it('follows isTTY when no variable is set', () => {
    expect(detectColors(tty, {})).toBe(true);
    expect(detectColors(pipe, {})).toBe(false);
    expect(detectColors({ isTTY: false }, {})).toBe(false);
  });

  it('NO_COLOR turns colours off, even on a TTY; an empty NO_COLOR does not', () => {
    expect(detectColors(tty, { NO_COLOR: '1' })).toBe(false);
    expect(detectColors(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('FORCE_COLOR forces colours on a pipe, and wins over NO_COLOR; FORCE_COLOR=0 forces them off', () => {
    expect(detectColors(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(detectColors(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(detectColors(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(detectColors(tty, { FORCE_COLOR: 'false' })).toBe(false);
  });

  it('TERM=dumb turns colours off', () => {
    expect(detectColors(tty, { TERM: 'dumb' })).toBe(false);
  });
});

describe('palettes', () => {
  it('the plain palette returns text unchanged', () => {
    expect(createPalette(false)).toBe(PLAIN_PALETTE);
    expect(PLAIN_PALETTE.red('x')).toBe('x');
    expect(PLAIN_PALETTE.dim('x')).toBe('x');
  });

  it('the ANSI palette wraps text in SGR codes and resets only its own attribute', () => {
    expect(createPalette(true)).toBe(ANSI_PALETTE);
    expect(ANSI_PALETTE.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(ANSI_PALETTE.dim('x')).toBe('\u001b[2mx\u001b[22m');
    expect(ANSI_PALETTE.red('')).toBe('');
  });
});
