import { diag, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { errorType } from '../internal/error-type.js';
import type { Reapable } from '../internal/idle-reaper.js';
import type { Telemetry } from '../internal/telemetry.js';
import { ATTR_ERROR_TYPE, ATTR_SIGHTLINE_ABANDONED } from '../semconv.js';
import type { GenAiSpanStart } from '../operation-spans.js';

/**
 * A framework span that is not a model call (an agent invocation, a tool execution, a chain, a
 * retrieval): started from a {@link GenAiSpanStart}, ended once, failed with `error.type`, and bounded by
 * the idle reaper like model calls (a framework that never reports the end still gets its span ended,
 * marked abandoned). Nothing here throws.
 */
export class OpenSpan implements Reapable {
  readonly span: Span;
  readonly context: Context;
  lastActivity: number;
  active = false;
  reaperPrev: Reapable | undefined = undefined;
  reaperNext: Reapable | undefined = undefined;
  private _ended = false;
  private readonly _telemetry: Telemetry;

  constructor(telemetry: Telemetry, start: GenAiSpanStart, parent: Context, startTime?: number) {
    this._telemetry = telemetry;
    this.span = telemetry.tracer.startSpan(start.name, { kind: start.kind, attributes: start.attributes, startTime }, parent);
    this.context = trace.setSpan(parent, this.span);
    this.lastActivity = performance.now();
    telemetry.reaper.add(this);
  }

  get ended(): boolean {
    return this._ended;
  }

  /** Ends the span, failed when `error` is given (status ERROR, `error.type`), with `attributes` set first. */
  end(error?: unknown, attributes?: Attributes): void {
    if (this._ended) return;
    this._ended = true;
    this._telemetry.reaper.delete(this);
    try {
      if (attributes !== undefined) this.span.setAttributes(attributes);
      if (error !== undefined) {
        this.span.setAttribute(ATTR_ERROR_TYPE, errorType(error));
        const message = (error as { message?: unknown } | null)?.message;
        this.span.setStatus({ code: SpanStatusCode.ERROR, message: typeof message === 'string' ? message : undefined });
      }
    } catch (problem) {
      diag.debug('@sightline/instrumentation-llm: could not record a framework span', problem);
    }
    this.span.end();
  }

  abandon(): void {
    if (this._ended) return;
    this._ended = true;
    this.span.setAttribute(ATTR_SIGHTLINE_ABANDONED, true);
    this.span.end();
  }
}
