import type { Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { SafetyCounters } from './safety-counters.js';

type EnabledOptions = Parameters<NonNullable<LogRecordProcessor['enabled']>>[0];

/** Runs a stage's flush or shutdown so that neither a throw nor a rejection leaves it; either is counted. */
function settled(
  counters: SafetyCounters,
  stage: string,
  inner: LogRecordProcessor | SpanProcessor,
  method: 'forceFlush' | 'shutdown',
): Promise<void> {
  const onError = (error: unknown): void => counters.stageError(stage, method, inner, error);
  try {
    return Promise.resolve(inner[method]()).then(undefined, onError);
  } catch (error) {
    onError(error);
    return Promise.resolve();
  }
}

/**
 * One stage of the log pipeline, isolated: a throw from its `onEmit` is counted under its name (one diag
 * line the first time) and the record goes on to the next stage, since the SDK's processor list stops at the
 * first throw and passes it to the emitting code. `forceFlush` and `shutdown` never reject.
 *
 * A stage that forwards records itself (sampling, to the fan-out after it) names that downstream: when it
 * throws before forwarding the record, the record is forwarded for it — a failing sampler keeps records.
 */
export class IsolatedLogRecordProcessor implements LogRecordProcessor {
  constructor(
    /** `<signal>.<stage>`, e.g. `logs.processors[0]`. */
    readonly stage: string,
    readonly inner: LogRecordProcessor,
    private readonly _counters: SafetyCounters,
    private readonly _downstream?: ForwardCounting,
  ) {
    _counters.declareStage(stage);
  }

  onEmit(record: ReadWriteLogRecord, ctx?: Context): void {
    const downstream = this._downstream;
    const forwardedBefore = downstream === undefined ? 0 : downstream.forwarded;
    try {
      this.inner.onEmit(record, ctx);
    } catch (error) {
      this._counters.stageError(this.stage, 'onEmit', this.inner, error);
      if (downstream !== undefined && downstream.forwarded === forwardedBefore) downstream.onEmit(record, ctx);
    }
  }

  enabled(options: EnabledOptions): boolean {
    const inner = this.inner;
    if (typeof inner.enabled !== 'function') return true;
    try {
      return inner.enabled(options);
    } catch (error) {
      this._counters.stageError(this.stage, 'enabled', inner, error);
      return true;
    }
  }

  forceFlush(): Promise<void> {
    return settled(this._counters, this.stage, this.inner, 'forceFlush');
  }

  shutdown(): Promise<void> {
    return settled(this._counters, this.stage, this.inner, 'shutdown');
  }
}

/** What a dropping stage forwards kept records to: counts what it forwarded, so a throw can be told apart. */
export interface ForwardCounting extends LogRecordProcessor {
  readonly forwarded: number;
}

/**
 * One stage of the span pipeline, isolated like {@link IsolatedLogRecordProcessor}: a throw from `onStart`,
 * `onEnding` or `onEnd` is counted and the span goes on to the next stage (a throw in `onStart` or `onEnd`
 * would otherwise reach the code that started or ended the span).
 */
export class IsolatedSpanProcessor implements SpanProcessor {
  constructor(
    readonly stage: string,
    readonly inner: SpanProcessor,
    private readonly _counters: SafetyCounters,
  ) {
    _counters.declareStage(stage);
  }

  onStart(span: Span, parentContext: Context): void {
    try {
      this.inner.onStart(span, parentContext);
    } catch (error) {
      this._counters.stageError(this.stage, 'onStart', this.inner, error);
    }
  }

  onEnding(span: Span): void {
    const inner = this.inner;
    if (inner.onEnding === undefined) return;
    try {
      inner.onEnding(span);
    } catch (error) {
      this._counters.stageError(this.stage, 'onEnding', inner, error);
    }
  }

  onEnd(span: ReadableSpan): void {
    try {
      this.inner.onEnd(span);
    } catch (error) {
      this._counters.stageError(this.stage, 'onEnd', this.inner, error);
    }
  }

  forceFlush(): Promise<void> {
    return settled(this._counters, this.stage, this.inner, 'forceFlush');
  }

  shutdown(): Promise<void> {
    return settled(this._counters, this.stage, this.inner, 'shutdown');
  }
}
