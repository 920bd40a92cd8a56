import type { Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';

/**
 * Forwards every record to several processors, in order: what a dropping stage (sampling) wraps,
 * since it needs one downstream processor.
 */
export class FanOutLogRecordProcessor implements LogRecordProcessor {
  private readonly _processors: readonly LogRecordProcessor[];

  constructor(processors: readonly LogRecordProcessor[]) {
    this._processors = [...processors];
  }

  onEmit(record: ReadWriteLogRecord, ctx?: Context): void {
    for (const processor of this._processors) processor.onEmit(record, ctx);
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this._processors.map((p) => p.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this._processors.map((p) => p.shutdown()));
  }
}
