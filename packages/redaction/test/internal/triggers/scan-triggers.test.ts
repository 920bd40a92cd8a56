import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Detector } from '../../../src/internal/detector.js';
import { BUILTIN_DETECTORS } from '../../../src/internal/detectors/builtin.js';
import { scanString } from '../../../src/internal/scan-string.js';
import { CLI_FLAGS, MARKERS, PAIR_WORDS, TOKEN_PREFIXES } from '../../../src/internal/triggers/trigger-words.js';
import { testContext } from '../../fixtures/context.js';
import { NEGATIVES, POSITIVES } from '../../fixtures/external-corpus.js';

/**
 * The triggers only decide which detectors run: they must never change what is redacted. Each string is
 * redacted twice, once as the redactor does it (detectors skipped when their triggers did not fire) and
 * once with every detector run on every string; the results must be the same.
 */
const filtered = testContext(BUILTIN_DETECTORS);
const unfiltered = testContext(BUILTIN_DETECTORS.map((d): Detector => ({ name: d.name, pii: d.pii, triggers: 0, find: (text, sink) => d.find(text, sink) })));
const redactBoth = (s: string): [string, string] => [scanString(filtered, s), scanString(unfiltered, s)];

/** Pieces of secrets and near-secrets, and whole corpus vectors cut into fragments, so random strings land on every detector. */
const vectors = POSITIVES.map((p) => p.text);
const PIECES = [
  ...PAIR_WORDS, ...TOKEN_PREFIXES, ...MARKERS, ...CLI_FLAGS.map((f) => `--${f}`), '-u ', 'eyJ', 'A3T', 'Bearer ', 'BEARER ', 'Basic ', 'ApiKey ',
  'Token ', '=', ':', ': ', '"', "'", ' ', '\t', '-', '_', '.', '@', '%40', '%2B', '://', 'a:b@', 'DE89', 'GB82', '4111', '1111', '123-45-',
  '6789', '+44', '20 7946 0958', '(415) ', '555-2671', '1.2', '::', 'fe80', 'example.com', 'jane.doe', 'xn--', 'refreshToken', 'client_secret',
  'x-api-key', 'Authorization', 'é', '\u{1F600}',
];
const fragment = fc.constantFrom(...vectors).chain((v) => fc.integer({ min: 0, max: v.length }).chain((a) => fc.integer({ min: a, max: v.length }).map((b) => v.slice(a, b))));
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fragment, fc.string({ maxLength: 3 })), { maxLength: 12 }).map((p) => p.join(''));

describe('trigger filtering', () => {
  it('never changes what is redacted, on random strings of trigger pieces and fragments of secrets', () => {
    fc.assert(
      fc.property(text, (s) => {
        const [got, all] = redactBoth(s);
        expect(got).toBe(all);
      }),
      { numRuns: 20_000 },
    );
  });

  it('never changes what is redacted on any line of the external corpus, whole or cut to 40 characters and less', () => {
    for (const line of [...vectors, ...NEGATIVES.map((n) => n.text)]) {
      for (const s of [line, line.slice(0, 40), line.slice(-40), line.slice(0, 20), line.slice(-20)]) {
        const [got, all] = redactBoth(s);
        expect([s, got]).toEqual([s, all]);
      }
    }
  });
});
