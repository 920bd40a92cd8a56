import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';
import { KNOWN_SECRETS, NEGATIVES, POSITIVES } from './fixtures/corpus.js';

/** Structured PII and secrets must be found at least this often, per type. */
const MIN_RECALL = 0.99;
/** At most this share of hard negatives may be touched, per type and overall. */
const MAX_FALSE_POSITIVE_RATE = 0.01;

const redactor = createRedactor({ detectors: { ip: true }, knownSecrets: [...KNOWN_SECRETS] });
const PLACEHOLDER = /\[REDACTED:([a-z_]+)\]/g;

interface Row {
  type: string;
  positives: number;
  found: number;
  falsePositives: number;
}

function measure(): { rows: Row[]; negativesTouched: number; misses: string[]; falseHits: string[] } {
  const rows = new Map<string, Row>();
  const row = (type: string): Row => {
    let r = rows.get(type);
    if (r === undefined) rows.set(type, (r = { type, positives: 0, found: 0, falsePositives: 0 }));
    return r;
  };
  const misses: string[] = [];
  for (const { type, secret, text } of POSITIVES) {
    const out = redactor.redact(text);
    const r = row(type);
    r.positives++;
    if (!out.includes(secret) && out.includes(`[REDACTED:${type}]`)) r.found++;
    else misses.push(`${type}: ${JSON.stringify(text)} -> ${JSON.stringify(out)}`);
  }
  let negativesTouched = 0;
  const falseHits: string[] = [];
  for (const { kind, text } of NEGATIVES) {
    const out = redactor.redact(text);
    if (out === text) continue;
    negativesTouched++;
    falseHits.push(`${kind}: ${JSON.stringify(text)} -> ${JSON.stringify(out)}`);
    for (const type of new Set([...out.matchAll(PLACEHOLDER)].map((m) => m[1]))) row(type).falsePositives++;
  }
  return { rows: [...rows.values()], negativesTouched, misses, falseHits };
}

describe('the labelled corpus', () => {
  const { rows, negativesTouched, misses, falseHits } = measure();

  it('has at least 300 true positives and 300 hard negatives', () => {
    expect(POSITIVES.length).toBeGreaterThanOrEqual(300);
    expect(NEGATIVES.length).toBeGreaterThanOrEqual(300);
  });

  it('reports recall and false-positive rate per type', () => {
    const lines = rows.map(
      (r) =>
        `| ${r.type} | ${r.positives} | ${((r.found / r.positives) * 100).toFixed(1)}% | ${((r.falsePositives / NEGATIVES.length) * 100).toFixed(2)}% |`,
    );
    console.log(
      [
        `corpus: ${POSITIVES.length} true positives, ${NEGATIVES.length} hard negatives`,
        '| type | positives | recall | false positives |',
        '|---|---|---|---|',
        ...lines,
        `| all | ${POSITIVES.length} | ${((rows.reduce((n, r) => n + r.found, 0) / POSITIVES.length) * 100).toFixed(1)}% | ${((negativesTouched / NEGATIVES.length) * 100).toFixed(2)}% |`,
      ].join('\n'),
    );
    expect(rows.length).toBeGreaterThanOrEqual(23);
  });

  it(`finds at least ${MIN_RECALL * 100}% of each type`, () => {
    expect(misses).toEqual([]);
    for (const r of rows) expect(r.found / r.positives, r.type).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it(`touches at most ${MAX_FALSE_POSITIVE_RATE * 100}% of the hard negatives, per type and overall`, () => {
    for (const r of rows) expect(r.falsePositives / NEGATIVES.length, r.type).toBeLessThanOrEqual(MAX_FALSE_POSITIVE_RATE);
    expect(negativesTouched / NEGATIVES.length, falseHits.join('\n')).toBeLessThanOrEqual(MAX_FALSE_POSITIVE_RATE);
  });
});
