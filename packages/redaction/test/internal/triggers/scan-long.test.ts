import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanHuge } from '../../../src/internal/triggers/scan-huge.js';
import { scanLong } from '../../../src/internal/triggers/scan-long.js';
import { ALL_TRIGGERS, Trigger } from '../../../src/internal/triggers/trigger.js';
import { CLI_FLAGS, MARKERS, PAIR_WORDS, TOKEN_PREFIXES } from '../../../src/internal/triggers/trigger-words.js';
import { NEGATIVES, POSITIVES } from '../../fixtures/external-corpus.js';
import { scanLongReference } from '../../fixtures/scan-long-reference.js';

/** Pieces that make triggers fire or nearly fire, so random strings exercise every branch of the loop. */
const PIECES = [
  ...PAIR_WORDS, ...TOKEN_PREFIXES, ...MARKERS, ...CLI_FLAGS.map((f) => `--${f}`), 'eyJ', 'A3T', 'AKI', 'Bearer', 'BEARER', 'bAsic', 'ApiKey',
  'apiKey', 'Token', 'TOKEN', 'x', 'DE', 'de89', 'GB', '-u', '-U', '--', '@', '%4', '%41', '%zz', '::', 'a:f', '1.2', '.', '-', '_', ':', '=',
  ' ', '\t', '"', "'", '\\', '(', ')', '/', '+', '0', '1', '12', '1234', 'é', '\u{1F600}', 'refreshToken', 'client_secret', 'x-api-key',
];
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 40 }).map((p) => p.join(''));

describe('scanLong (one loop) and scanHuge (regex searches)', () => {
  it('reports exactly what the regex formulation reports, on random strings built from trigger pieces', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: ALL_TRIGGERS }), (s, wanted) => {
        const reference = scanLongReference(s, wanted);
        expect(scanLong(s, wanted)).toBe(reference);
        expect(scanHuge(s, wanted)).toBe(reference);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reports exactly what the regex formulation reports on every line of the external corpus', () => {
    const lines = [...NEGATIVES, ...POSITIVES].map((entry) => entry.text);
    expect(lines.length).toBeGreaterThan(1_000);
    for (const line of lines) {
      const reference = scanLongReference(line, ALL_TRIGGERS);
      expect([line, scanLong(line), scanHuge(line)]).toEqual([line, reference, reference]);
    }
  });

  it('reads a long ASCII string from its copied bytes as it reads any other: non-ASCII, lone surrogates, past the copy buffer', () => {
    const line = 'retry 3 of call to api.example.com: Authorization: Bearer abc, card 4111 1111 1111 1111, sk-proj-x';
    const inputs = [line, `${line}é`, `é${line}`, `${line}\uD800`, `${'a'.repeat(5000)} ${line}`, `${line} ${'a'.repeat(5000)}`, line.slice(0, 31), line.slice(0, 32)];
    for (const s of inputs) expect([s.length, scanLong(s)]).toEqual([s.length, scanLongReference(s, ALL_TRIGGERS)]);
    expect(scanLong(line)).not.toBe(0);
  });

  it.each([
    ['order 5812 placed for 42.50 EUR', Trigger.Ip],
    ['call +44 20 7946 0958 now', Trigger.Digits],
    ['iban DE89 3704', Trigger.Iban],
    ['Authorization: Bearer abc', Trigger.Credential | Trigger.Pair],
    ['curl -u admin:hunter2 https://x', Trigger.Credential],
    ['key AKIAIOSFODNN7EXAMPLE', Trigger.Marker],
    ['token ghp_abc', Trigger.Credential | Trigger.Prefix],
    ['jane%40example.com', Trigger.Percent],
  ])('%s', (s, bits) => {
    expect(scanLong(s) & bits).toBe(bits);
    expect(scanLong(s)).toBe(scanLongReference(s, ALL_TRIGGERS));
  });
});
