import type { Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';

/**
 * Forwards every record to several processors, in order: what a dropping stage (sampling) wraps,
 * since it needs one downstream processor. Counts the records it forwarded, so that the isolation of the
 * dropping stage can tell whether a record was forwarded before that stage threw.
 * Its processors are expected to be isolated (they must not throw); `forceFlush` and `shutdown` wait for all.
 */
export class FanOutLogRecordProcessor implements LogRecordProcessor {
  private readonly _processors: readonly LogRecordProcessor[];
  private _forwarded = 0;

  constructor(processors: readonly LogRecordProcessor[]) {
    this._processors = [...processors];
  }

  /** Records forwarded so far. */
  get forwarded(): number {
    return this._forwarded;
  }

  onEmit(record: ReadWriteLogRecord, ctx?: Context): void {
    this._forwarded++;
    for (const processor of this._processors) processor.onEmit(record, ctx);
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this._processors.map((p) => p.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this._processors.map((p) => p.shutdown()));
  }
}
