import { describe, expect, it } from 'vitest';
import { estimateRecordBytes, RECORD_OVERHEAD_BYTES } from '../../src/internal/record-size.js';
import { sdkRecords } from '../fixtures/records.js';

describe('estimateRecordBytes', () => {
  it('grows with the body and the attributes', () => {
    const [empty, small, large, nested] = sdkRecords([
      {},
      { body: 'x', attributes: { a: 1 } },
      { body: 'x'.repeat(10_000), attributes: { a: 'y'.repeat(5_000) } },
      { body: { deep: { deeper: { deepest: { gone: 'z'.repeat(10_000) } } } } },
    ]);
    expect(estimateRecordBytes(empty)).toBeGreaterThanOrEqual(RECORD_OVERHEAD_BYTES);
    expect(estimateRecordBytes(small)).toBeGreaterThan(estimateRecordBytes(empty));
    expect(estimateRecordBytes(large)).toBeGreaterThan(30_000);
    // Past three levels a value counts as a flat object, so a hostile depth costs nothing to measure.
    expect(estimateRecordBytes(nested)).toBeLessThan(RECORD_OVERHEAD_BYTES + 1000);
  });
});
