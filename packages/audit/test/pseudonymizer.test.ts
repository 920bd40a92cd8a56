import { describe, expect, it, vi } from 'vitest';
import { createPseudonymizer } from '../src/pseudonymizer.js';

describe('createPseudonymizer', () => {
  it('is stable per key, differs between users and between keys, and hides the id', () => {
    const pseudonym = createPseudonymizer({ key: 'key-1' });
    expect(pseudonym('ada@example.com')).toBe(createPseudonymizer({ key: 'key-1' })('ada@example.com'));
    expect(pseudonym('ada@example.com')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(pseudonym('ada@example.com')).not.toBe(pseudonym('bob@example.com'));
    expect(pseudonym('ada@example.com')).not.toBe(createPseudonymizer({ key: 'key-2' })('ada@example.com'));
    expect(pseudonym('ada@example.com')).not.toContain('ada');
  });

  it('without a key, is stable within the process, across copies of the code (the preload bundle and the package)', async () => {
    vi.resetModules();
    const copy = (await import('../src/pseudonymizer.js')) as typeof import('../src/pseudonymizer.js');
    expect(copy.createPseudonymizer).not.toBe(createPseudonymizer);
    expect(copy.createPseudonymizer()('ada@example.com')).toBe(createPseudonymizer()('ada@example.com'));
  });
});
