import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';
import { MatchSink } from '../src/internal/detector.js';
import { BUILTIN_DETECTORS } from '../src/internal/detectors/builtin.js';
import { knownSecrets } from '../src/internal/detectors/known-secrets.js';
import { scanTriggers } from '../src/internal/triggers/scan-triggers.js';
import { ADVERSARIAL_INPUTS } from './fixtures/adversarial-inputs.js';

/**
 * Linearity without a wall-clock bound: every detector runs on adversarial inputs at two sizes in the same
 * run — one 1 MiB string, and sixteen 64 KiB strings of the same kind — and the one long string must not
 * take more than 6× the time of the sixteen short ones. The same number of characters is read either way,
 * so linear work takes about the same time; quadratic work takes 16× as long on the long string. The absolute cost per MiB is a benchmark (test/bench/redaction.bench.ts), not a test.
 */
const SMALL = 1 << 16;
const LARGE = 1 << 20;
const MAX_RATIO = 6;
const PIECES = LARGE / SMALL;
/** Below this the larger run is too short for its ratio to mean anything on a shared machine. */
const NOISE_FLOOR_MS = 25;

/** Best of three timings of each, interleaved, so a burst of load on the shared machine hits both alike. */
function timedPair(small: () => void, large: () => void): [number, number] {
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let i = 0; i < 3; i++) {
    let start = performance.now();
    for (let p = 0; p < PIECES; p++) small();
    bestSmall = Math.min(bestSmall, performance.now() - start);
    start = performance.now();
    large();
    bestLarge = Math.min(bestLarge, performance.now() - start);
  }
  return [bestSmall, bestLarge];
}

describe('adversarial inputs: work grows linearly with the input', () => {
  const detectors = [...BUILTIN_DETECTORS, knownSecrets(['aaaaaaaaaaaaaaab', '1111111111111112', 'sk-sk-sk-sk-sk-x'])!];
  const inputs = Object.entries(ADVERSARIAL_INPUTS).map(([name, make]) => ({ name, small: make(SMALL), large: make(LARGE) }));

  for (const detector of detectors) {
    it(`${detector.name}: one 1 MiB input takes at most ${MAX_RATIO}× the time of sixteen 64 KiB ones`, () => {
      for (const { name, small, large } of inputs) {
        // Inputs that do not trigger the detector cost it nothing; the trigger scan is measured below.
        if (detector.triggers !== 0 && (scanTriggers(large) & detector.triggers) === 0) continue;
        const [tSmall, tLarge] = timedPair(() => detector.find(small, new MatchSink()), () => detector.find(large, new MatchSink()));
        if (tLarge < NOISE_FLOOR_MS) continue;
        expect(tLarge / Math.max(tSmall, 0.05), `${detector.name} on ${name}: 16 × 64 KiB ${tSmall.toFixed(1)} ms, 1 MiB ${tLarge.toFixed(1)} ms`).toBeLessThan(MAX_RATIO);
      }
    }, 60_000);
  }

  it(`the whole redactor (every detector on, no length cap): one 1 MiB input takes at most ${MAX_RATIO}× the time of sixteen 64 KiB ones`, () => {
    const redactor = createRedactor({ detectors: { ip: true }, maxStringLength: Infinity, knownSecrets: ['aaaaaaaaaaaaaaab'] });
    for (const { name, small, large } of inputs) {
      const [tSmall, tLarge] = timedPair(() => redactor.redact(small), () => redactor.redact(large));
      if (tLarge < NOISE_FLOOR_MS) continue;
      expect(tLarge / Math.max(tSmall, 0.05), `${name}: 16 × 64 KiB ${tSmall.toFixed(1)} ms, 1 MiB ${tLarge.toFixed(1)} ms`).toBeLessThan(MAX_RATIO);
    }
  }, 120_000);
});
