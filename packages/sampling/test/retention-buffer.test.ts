import type { Context } from '@opentelemetry/api';
import type { ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { SampledOutCounter } from '../src/sampled-out-counter.js';
import { estimateRecordBytes } from '../src/internal/record-size.js';
import { DEFAULT_RETENTION, RetentionBuffer, resolveRetention, TRACE_OVERHEAD_BYTES, type RetentionLimits } from '../src/retention-buffer.js';
import { captureDiag } from './fixtures/diag.js';
import { sdkRecords } from './fixtures/records.js';

function setup(limits: Partial<RetentionLimits> = {}) {
  const released: ReadWriteLogRecord[] = [];
  const drops = new SampledOutCounter(undefined);
  const buffer = new RetentionBuffer(
    { ...DEFAULT_RETENTION, ...limits },
    (record: ReadWriteLogRecord, _context: Context | undefined) => void released.push(record),
    drops,
  );
  return { buffer, released, drops };
}

const bodies = (records: ReadWriteLogRecord[]) => records.map((r) => r.body);
const records = (n: number, prefix = 'r') => sdkRecords(Array.from({ length: n }, (_, i) => ({ body: `${prefix}${i}` })));

let diag: ReturnType<typeof captureDiag> | undefined;
afterEach(() => diag?.restore());

describe('RetentionBuffer', () => {
  it('releases every held record of a failed trace, oldest first, and lets it through afterwards', () => {
    const { buffer, released, drops } = setup();
    const [a, b, c] = records(3);
    buffer.hold('t1', a, undefined, 'ratio', 0);
    buffer.hold('t2', b, undefined, 'ratio', 0);
    buffer.hold('t1', c, undefined, 'rate_limit', 0);
    expect(buffer.pending('t1')).toBe(2);
    buffer.fail('t1', 0);
    expect(bodies(released)).toEqual(['r0', 'r2']);
    expect(buffer.hasFailed('t1')).toBe(true);
    expect(buffer.hasFailed('t2')).toBe(false);
    // Later records of the failed trace are not held: the caller keeps them.
    expect(buffer.hold('t1', a, undefined, 'ratio', 0)).toBe(false);
    expect(buffer.hold('t2', a, undefined, 'ratio', 0)).toBe(true);
    expect(buffer.stats()).toMatchObject({ traces: 2, records: 2 });
    expect(drops.snapshot()).toEqual({ ratio: 0, rate_limit: 0, error_rate_limit: 0, retention_evicted: 0 });
  });

  it('drops what a trace holds when it ends without failing, counted under each record’s reason', () => {
    const { buffer, released, drops } = setup();
    const [a, b] = records(2);
    buffer.hold('t1', a, undefined, 'ratio', 0);
    buffer.hold('t1', b, undefined, 'rate_limit', 0);
    buffer.end('t1');
    buffer.end('unknown');
    expect(released).toEqual([]);
    expect(drops.snapshot()).toMatchObject({ ratio: 1, rate_limit: 1 });
    expect(buffer.stats()).toEqual({ traces: 0, records: 0, bytes: 0 });
  });

  it('evicts the oldest record of a trace past maxRecordsPerTrace', () => {
    const { buffer, released, drops } = setup({ maxRecordsPerTrace: 2 });
    for (const record of records(5)) buffer.hold('t1', record, undefined, 'ratio', 0);
    buffer.fail('t1', 0);
    expect(bodies(released)).toEqual(['r3', 'r4']);
    expect(drops.snapshot().retention_evicted).toBe(3);
  });

  it('evicts the oldest record of all past maxRecords', () => {
    const { buffer, released, drops } = setup({ maxRecords: 3 });
    const [a, b, c, d] = records(4);
    buffer.hold('t1', a, undefined, 'ratio', 0);
    buffer.hold('t2', b, undefined, 'ratio', 0);
    buffer.hold('t1', c, undefined, 'ratio', 0);
    buffer.hold('t3', d, undefined, 'ratio', 0);
    expect(buffer.stats().records).toBe(3);
    buffer.fail('t1', 0);
    buffer.fail('t2', 0);
    expect(bodies(released)).toEqual(['r2', 'r1']);
    expect(drops.snapshot().retention_evicted).toBe(1);
  });

  it('keeps its estimated bytes under maxBytes, evicting the oldest, whole traces included', () => {
    const [sample] = sdkRecords([{ body: 'r00' }]);
    const perRecord = estimateRecordBytes(sample);
    const maxBytes = 10 * (perRecord + TRACE_OVERHEAD_BYTES);
    const { buffer, drops } = setup({ maxBytes });
    // Equal sizes: bodies of one length.
    const many = sdkRecords(Array.from({ length: 100 }, (_, i) => ({ body: `r${String(i).padStart(2, '0')}` })));
    many.forEach((record, i) => buffer.hold(`t${i}`, record, undefined, 'ratio', 0));
    expect(buffer.stats().bytes).toBeLessThanOrEqual(maxBytes);
    expect(buffer.stats().traces).toBe(10);
    expect(drops.snapshot().retention_evicted).toBe(90);
  });

  it('expires traces older than maxAgeMillis as if they had ended', () => {
    const { buffer, drops } = setup({ maxAgeMillis: 1000 });
    const [a, b] = records(2);
    buffer.hold('old', a, undefined, 'ratio', 0);
    buffer.hold('young', b, undefined, 'ratio', 600);
    buffer.expire(999);
    expect(buffer.stats().traces).toBe(2);
    buffer.expire(1000);
    expect(buffer.stats().traces).toBe(1);
    expect(drops.snapshot().ratio).toBe(1);
    buffer.clear();
    expect(buffer.stats()).toEqual({ traces: 0, records: 0, bytes: 0 });
    expect(drops.snapshot().ratio).toBe(2);
  });
});

describe('resolveRetention', () => {
  it('is off unless asked for, with defaults for true', () => {
    expect(resolveRetention(undefined)).toBeUndefined();
    expect(resolveRetention(false)).toBeUndefined();
    expect(resolveRetention(true)).toEqual(DEFAULT_RETENTION);
    expect(resolveRetention({ maxRecords: 5 })).toEqual({ ...DEFAULT_RETENTION, maxRecords: 5 });
  });

  it('reports a bad bound and uses its default', () => {
    diag = captureDiag();
    expect(resolveRetention({ maxBytes: -1, maxAgeMillis: 1.5 })).toEqual(DEFAULT_RETENTION);
    expect(resolveRetention('yes' as never)).toBeUndefined();
    expect(diag.warnings).toEqual([
      'sightline: sampling retention.maxBytes=-1 is not valid: expected a positive integer; using 8388608',
      'sightline: sampling retention.maxAgeMillis=1.5 is not valid: expected a positive integer; using 30000',
      'sightline: sampling retention="yes" is not valid: expected true|false or an object of bounds; using false (retention off)',
    ]);
  });
});
