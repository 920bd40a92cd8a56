import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { exceptionType } from '@sightline/audit';

/** Options of {@link withSpan}. */
export interface WithSpanOptions {
  /** Attributes set when the span starts. */
  attributes?: Attributes;
  /** Span kind. Default `INTERNAL`. */
  kind?: SpanKind;
}

const TRACER_NAME = '@sightline/core';

function markFailed(span: Span, error: unknown): void {
  const isError = error instanceof Error;
  span.setStatus({ code: SpanStatusCode.ERROR, message: isError ? error.message : String(error) });
  span.setAttribute(ATTR_ERROR_TYPE, isError ? exceptionType(error) : typeof error);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs `fn` inside a new active span named `name` — an application workflow such as "board decision"
 * or "parallel prompt fan-out". Every log emitted inside it, across `await`, timers and `Promise.all`
 * fan-out, carries its trace and span ids: the trace id is the correlation id.
 *
 * The span ends when `fn` returns or, for a promise, settles; a throw or rejection sets status ERROR and
 * `error.type`, and is passed on unchanged. `fn`'s return value (the very same promise) is returned.
 */
export function withSpan<T>(name: string, fn: (span: Span) => T, options: WithSpanOptions = {}): T {
  const tracer = trace.getTracer(TRACER_NAME);
  return tracer.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    (span) => {
      let result: T;
      try {
        result = fn(span);
      } catch (error) {
        markFailed(span, error);
        span.end();
        throw error;
      }
      if (isThenable(result)) {
        result.then(
          () => span.end(),
          (error: unknown) => {
            markFailed(span, error);
            span.end();
          },
        );
      } else {
        span.end();
      }
      return result;
    },
  );
}
