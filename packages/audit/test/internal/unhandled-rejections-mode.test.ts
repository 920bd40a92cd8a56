import { describe, expect, it } from 'vitest';
import { unhandledRejectionsMode } from '../../src/internal/unhandled-rejections-mode.js';

describe('unhandledRejectionsMode', () => {
  it('reads the flag from the command line over NODE_OPTIONS, defaulting to throw', () => {
    expect(unhandledRejectionsMode([], undefined)).toBe('throw');
    expect(unhandledRejectionsMode([], '--unhandled-rejections=warn')).toBe('warn');
    expect(unhandledRejectionsMode(['--unhandled-rejections', 'strict'], '--unhandled-rejections=none')).toBe('strict');
    expect(unhandledRejectionsMode(['--unhandled-rejections=bogus'], undefined)).toBe('throw');
  });
});
