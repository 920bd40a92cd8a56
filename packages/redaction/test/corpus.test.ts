import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';
import { NEGATIVES, POSITIVES } from './fixtures/external-corpus.js';

/**
 * The measure of the detectors: a corpus written from providers' documentation, public rule sets'
 * documented examples and real-world log formats (fixtures/external-corpus.ts), not from the detectors.
 * With the default configuration, at least 99 % of each family's values must disappear, and at most 0.5 %
 * of the clean lines may be touched.
 */
const MIN_RECALL = 0.99;
const MAX_FALSE_POSITIVE_RATE = 0.005;

const redactor = createRedactor({ knownSecrets: [] });

describe('the external corpus', () => {
  const families = new Map<string, { total: number; found: number }>();
  const misses: string[] = [];
  for (const { family, text, secret } of POSITIVES) {
    const row = families.get(family) ?? { total: 0, found: 0 };
    families.set(family, row);
    row.total++;
    const out = redactor.redact(text);
    if (!out.includes(secret) && out.includes('[REDACTED:')) row.found++;
    else misses.push(`${family}: ${JSON.stringify(text)} -> ${JSON.stringify(out)}`);
  }
  const falseHits = NEGATIVES.filter(({ text }) => redactor.redact(text) !== text).map(
    ({ kind, text }) => `${kind}: ${JSON.stringify(text)} -> ${JSON.stringify(redactor.redact(text))}`,
  );
  const cleanLines = NEGATIVES.filter((n) => n.kind === 'clean log line').length;

  it('has at least 1 000 realistic clean log lines and vectors for every family', () => {
    expect(cleanLines).toBeGreaterThanOrEqual(1000);
    expect(families.size).toBeGreaterThanOrEqual(24);
    for (const [family, { total }] of families) expect(total, family).toBeGreaterThanOrEqual(15);
  });

  it('reports recall per family and the false-positive rate', () => {
    const rows = [...families].map(([family, { total, found }]) => `| ${family} | ${total} | ${((found / total) * 100).toFixed(1)}% |`);
    console.log(
      [
        `external corpus: ${POSITIVES.length} positives, ${NEGATIVES.length} negatives (${cleanLines} clean log lines)`,
        '| family | vectors | recall |',
        '|---|---:|---:|',
        ...rows,
        `false positives: ${falseHits.length} of ${NEGATIVES.length} (${((falseHits.length / NEGATIVES.length) * 100).toFixed(2)}%)`,
        ...falseHits,
      ].join('\n'),
    );
  });

  it(`finds at least ${MIN_RECALL * 100}% of every family`, () => {
    for (const [family, { total, found }] of families) expect(found / total, `${family}\n${misses.join('\n')}`).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it(`touches at most ${MAX_FALSE_POSITIVE_RATE * 100}% of the negatives`, () => {
    expect(falseHits.length / NEGATIVES.length, falseHits.join('\n')).toBeLessThanOrEqual(MAX_FALSE_POSITIVE_RATE);
  });
});
