import { afterEach, describe, expect, it } from 'vitest';
import { SampledOutCounter } from '../src/sampled-out-counter.js';
import type { DropReason } from '../src/types.js';
import { captureDiag } from './fixtures/diag.js';

let diag: ReturnType<typeof captureDiag> | undefined;
afterEach(() => diag?.restore());

describe('SampledOutCounter', () => {
  it('counts by reason and passes each drop to the callback', () => {
    const seen: Array<[DropReason, number]> = [];
    const counter = new SampledOutCounter((reason, count) => seen.push([reason, count]));
    counter.add('ratio');
    counter.add('retention_evicted', 3);
    expect(counter.snapshot()).toEqual({ ratio: 1, rate_limit: 0, error_rate_limit: 0, retention_evicted: 3 });
    expect(seen).toEqual([['ratio', 1], ['retention_evicted', 3]]);
  });

  it('survives a throwing callback, reporting it once, and still counts', () => {
    diag = captureDiag();
    const counter = new SampledOutCounter(() => {
      throw new Error('metrics down');
    });
    counter.add('ratio');
    counter.add('ratio');
    expect(counter.snapshot().ratio).toBe(2);
    expect(diag.errors).toEqual(['sightline: sampling onDrop callback threw (reported once): metrics down']);
  });
});
