import { describe, expect, it } from 'vitest';
import { ERROR_PLACEHOLDER, hashPlaceholder, maskPlaceholder } from '../../src/internal/placeholder.js';

describe('placeholders', () => {
  it('masks with the type', () => {
    expect(maskPlaceholder('email')).toBe('[REDACTED:email]');
    expect(ERROR_PLACEHOLDER).toBe('[REDACTED:error]');
  });

  it('hashes with a keyed HMAC: equal values correlate, keys and values separate', () => {
    const a = hashPlaceholder('key-a');
    const b = hashPlaceholder(Buffer.from('key-b'));
    const one = a('email', 'jane@example.com');
    expect(one).toMatch(/^\[REDACTED:email:[0-9a-f]{12}\]$/);
    expect(a('email', 'jane@example.com')).toBe(one);
    expect(a('email', 'john@example.com')).not.toBe(one);
    expect(b('email', 'jane@example.com')).not.toBe(one);
    expect(one).not.toContain('jane');
  });

  it('falls back to the mask without an original', () => {
    expect(hashPlaceholder('k')('depth')).toBe('[REDACTED:depth]');
  });
});
