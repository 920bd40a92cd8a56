import { describe, expect, it } from 'vitest';
import { knownSecrets } from '../../../src/internal/detectors/known-secrets.js';
import { found } from '../../fixtures/find.js';

describe('known_secret', () => {
  it('finds exact values anywhere, even where no pattern would', () => {
    const detector = knownSecrets(['xK9#mPq2$vL8', 'plain-words-secret'])!;
    expect(found(detector, 'a xK9#mPq2$vL8b and "plain-words-secret".')).toEqual(['xK9#mPq2$vL8', 'plain-words-secret']);
  });

  it('prefers the longer of two overlapping values', () => {
    const detector = knownSecrets(['abcdefgh', 'abcdefghijkl'])!;
    expect(found(detector, 'abcdefghijkl')).toEqual(['abcdefghijkl']);
  });

  it('treats regex characters literally', () => {
    const detector = knownSecrets(['a.b*c+d?e(f)'])!;
    expect(found(detector, 'aXb*c+d?e(f) a.b*c+d?e(f)')).toEqual(['a.b*c+d?e(f)']);
  });

  it('ignores values shorter than 8 characters, and is undefined without any', () => {
    expect(knownSecrets(['short', ''])).toBeUndefined();
    expect(knownSecrets([])).toBeUndefined();
  });
});
