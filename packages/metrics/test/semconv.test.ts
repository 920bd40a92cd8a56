import { describe, expect, it } from 'vitest';
import * as pinned from '../src/semconv.js';

// Registry names (imported from @opentelemetry/semantic-conventions) are checked by the root
// test/semconv-registry.test.ts; here, what this package declares itself.
describe('semconv', () => {
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
