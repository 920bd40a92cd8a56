import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';
import { MatchSink } from '../src/internal/detector.js';
import { BUILTIN_DETECTORS } from '../src/internal/detectors/builtin.js';
import { knownSecrets } from '../src/internal/detectors/known-secrets.js';

const MIB = 1 << 20;
/** Generous: a linear detector takes milliseconds on 1 MiB; a catastrophic regex takes minutes. */
const BOUND_MS = 2000;

const repeat = (unit: string): string => unit.repeat(Math.ceil(MIB / unit.length)).slice(0, MIB);
let seed = 7;
const random = (alphabet: string): string => {
  let s = '';
  for (let i = 0; i < MIB; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    s += alphabet[seed % alphabet.length];
  }
  return s;
};

/** Inputs built to make backtracking regexes explode: long runs of what each pattern consumes. */
const INPUTS: Record<string, string> = {
  digits: repeat('1'),
  'spaced digits': repeat('1 '),
  'card-shaped, then spaced digits': `1111 1111 ${repeat('1 ')}`,
  'dashed digits': repeat('1-'),
  'dotted digits': repeat('1.'),
  'plus digits': repeat('+1 '),
  'parenthesised digits': repeat('(1) '),
  'at signs': repeat('@'),
  'a@ pairs': repeat('a@'),
  'a.a.a': repeat('a.'),
  'email-ish domain': `a@${repeat('a.').slice(2)}`,
  'base64 alphabet': random('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
  'base64url alphabet': random('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
  'upper and digits': random('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '),
  'hex and colons': random('0123456789abcdef:'),
  'sk- runs': repeat('sk-'),
  'sk- then letters': `sk-${repeat('a')}`,
  'eyJ runs': repeat('eyJ'),
  'eyJ dotted': repeat('eyJab.'),
  'PEM headers': repeat('-----BEGIN PRIVATE KEY-----'),
  'BEGIN runs': repeat('-----BEGIN '),
  'dashes': repeat('-'),
  'scheme runs': repeat('a://a:a'),
  'colon-at': repeat(':a@'),
  'password pairs': repeat('password='),
  'password spaces': `password:${repeat(' ')}`,
  'header runs': repeat('Authorization: '),
  'bearer runs': repeat('Bearer '),
  'bearer credential': `Bearer ${repeat('a')}`,
  'iban-ish': repeat('DE89 '),
  'country digits': repeat('AB12'),
  'dotted quads': repeat('1.1.1.1.'),
  'colon hex': repeat('1:1:'),
  colons: repeat(':'),
  whitespace: repeat(' \t'),
  'quoted keys': repeat('"token": "'),
};

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('1 MiB adversarial inputs', () => {
  const detectors = [...BUILTIN_DETECTORS, knownSecrets(['aaaaaaaaaaaaaaab', '1111111111111112', 'sk-sk-sk-sk-sk-x'])!];

  for (const detector of detectors) {
    it(`${detector.name} finishes every input within ${BOUND_MS} ms`, () => {
      for (const [name, input] of Object.entries(INPUTS)) {
        const ms = timed(() => {
          if (detector.gate === undefined || detector.gate.regex.test(input)) detector.find(input, new MatchSink());
        });
        expect(ms, `${detector.name} on ${name}`).toBeLessThan(BOUND_MS);
      }
    });
  }

  it(`the whole redactor (every detector on, no length cap) finishes every input within ${BOUND_MS} ms`, () => {
    const redactor = createRedactor({ detectors: { ip: true }, maxStringLength: Infinity, knownSecrets: ['aaaaaaaaaaaaaaab'] });
    for (const [name, input] of Object.entries(INPUTS)) {
      const ms = timed(() => redactor.redact(input));
      expect(ms, name).toBeLessThan(BOUND_MS);
    }
  });
});
