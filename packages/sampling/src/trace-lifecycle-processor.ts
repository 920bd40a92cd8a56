import { SpanStatusCode, type SpanContext } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';

/** What the span processor tells: implemented by the log stages. */
export interface TraceListener {
  /** A span of the trace ended with status ERROR. */
  traceFailed(spanContext: SpanContext): void;
  /** A local root span of the trace (no parent, or a remote one) ended. */
  traceEnded(traceId: string): void;
}

/**
 * The companion span processor of the log stages' error-triggered retention: it reports spans that end
 * with status ERROR and the end of each trace's local root span. It sees only recording spans; the
 * trace sampler records (without sampling) the local roots of dropped traces when retention is on, so
 * every local root's end is seen.
 */
export class TraceLifecycleProcessor implements SpanProcessor {
  /** @param _listeners the log stages, a list that grows as stages are built */
  constructor(private readonly _listeners: readonly TraceListener[]) {}

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if (this._listeners.length === 0) return;
    const spanContext = span.spanContext();
    if (span.status.code === SpanStatusCode.ERROR) {
      for (const listener of this._listeners) listener.traceFailed(spanContext);
    }
    const parent = span.parentSpanContext;
    if (parent === undefined || parent.isRemote === true) {
      for (const listener of this._listeners) listener.traceEnded(spanContext.traceId);
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
