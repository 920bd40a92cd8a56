import type { ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { FanOutLogRecordProcessor } from '../../src/internal/fan-out-log-processor.js';
import { EmittedLogs } from '../fixtures/recording-processors.js';

describe('FanOutLogRecordProcessor', () => {
  it('forwards every record to each processor in order and counts what it forwarded', async () => {
    const a = new EmittedLogs();
    const b = new EmittedLogs();
    const fanOut = new FanOutLogRecordProcessor([a, b]);
    const records = [{ body: 1 }, { body: 2 }] as unknown as ReadWriteLogRecord[];
    for (const record of records) fanOut.onEmit(record);
    expect(a.records).toEqual(records);
    expect(b.records).toEqual(records);
    expect(fanOut.forwarded).toBe(2);
    await expect(fanOut.forceFlush()).resolves.toBeUndefined();
    await expect(fanOut.shutdown()).resolves.toBeUndefined();
  });
});
