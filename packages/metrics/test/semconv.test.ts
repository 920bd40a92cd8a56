import * as upstream from '@opentelemetry/semantic-conventions/incubating';
import { describe, expect, it } from 'vitest';
import * as pinned from '../src/semconv.js';

describe('semconv', () => {
  const names = Object.keys(pinned).filter((name) => /^(ATTR|METRIC)_/.test(name) && !name.includes('SIGHTLINE'));

  it('pins every convention name exactly as @opentelemetry/semantic-conventions spells it', () => {
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      expect(upstream[name as keyof typeof upstream], name).toBe(pinned[name as keyof typeof pinned]);
    }
  });

  it('keeps its own names under sightline.*', () => {
    const own = Object.entries(pinned).filter(([name]) => name.includes('SIGHTLINE'));
    expect(own.length).toBeGreaterThan(0);
    for (const [, value] of own) expect(value).toMatch(/^sightline\./);
  });

  it('bucket boundaries are strictly increasing', () => {
    for (const buckets of [pinned.GEN_AI_TOKEN_USAGE_BUCKETS, pinned.GEN_AI_DURATION_BUCKETS, pinned.GEN_AI_COST_BUCKETS, pinned.MCP_DURATION_BUCKETS]) {
      expect(buckets).toHaveLength(14);
      for (let i = 1; i < buckets.length; i++) expect(buckets[i]).toBeGreaterThan(buckets[i - 1]);
    }
  });
});
