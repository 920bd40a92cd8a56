import { context, INVALID_SPAN_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { safeErrorType, safeGet, safeString } from '../safety/describe-value.js';

/** Options of {@link withSpan}. */
export interface WithSpanOptions {
  /** Attributes set when the span starts. */
  attributes?: Attributes;
  /** Span kind. Default `INTERNAL`. */
  kind?: SpanKind;
}

const TRACER_NAME = '@sightline/core';

/** Ends `span` once, with status ERROR and `error.type` when `failed`; never throws. */
function finish(span: Span, failed: boolean, error?: unknown): void {
  try {
    if (failed) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: safeString(error) });
      span.setAttribute(ATTR_ERROR_TYPE, safeErrorType(error));
    }
  } catch {
    // A span implementation that throws: the span still ends below.
  }
  try {
    span.end();
  } catch {
    // Nothing of ours reaches the caller.
  }
}

/** `value.then` when `value` is a thenable; `undefined` otherwise or when reading `then` throws. */
function thenOf(value: unknown): ((onFulfilled: unknown, onRejected: unknown) => unknown) | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  const then = safeGet(value, 'then');
  return typeof then === 'function' ? (then as (onFulfilled: unknown, onRejected: unknown) => unknown) : undefined;
}

/** The span of a `withSpan` call, with its options read defensively (a throwing getter falls back to the default). */
function startSpan(name: unknown, options: unknown): Span {
  try {
    const attributes = options !== null && typeof options === 'object' ? safeGet(options, 'attributes') : undefined;
    const kind = options !== null && typeof options === 'object' ? safeGet(options, 'kind') : undefined;
    return trace.getTracer(TRACER_NAME).startSpan(typeof name === 'string' ? name : safeString(name), {
      kind: typeof kind === 'number' ? kind : SpanKind.INTERNAL,
      attributes: attributes !== null && typeof attributes === 'object' ? (attributes as Attributes) : undefined,
    });
  } catch {
    return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  }
}

/**
 * Runs `fn` inside a new active span named `name` — an application workflow such as "board decision"
 * or "parallel prompt fan-out". Every log emitted inside it, across `await`, timers and `Promise.all`
 * fan-out, carries its trace and span ids: the trace id is the correlation id.
 *
 * The span ends when `fn` returns or, for a promise, settles; a throw or rejection sets status ERROR and
 * `error.type`. The caller gets exactly what `fn` gives: its return value (the very same promise) or its
 * thrown value, whatever they are. Nothing of ours throws, and no promise of ours is left rejected.
 */
export function withSpan<T>(name: string, fn: (span: Span) => T, options: WithSpanOptions = {}): T {
  const span = startSpan(name, options);
  let ctx;
  try {
    ctx = trace.setSpan(context.active(), span);
  } catch {
    ctx = undefined;
  }
  let result: T;
  try {
    result = ctx === undefined ? fn(span) : context.with(ctx, fn, undefined, span);
  } catch (error) {
    finish(span, true, error);
    throw error;
  }
  const then = thenOf(result);
  if (then === undefined) {
    finish(span, false);
    return result;
  }
  let ended = false;
  const onFulfilled = (): void => {
    if (ended) return;
    ended = true;
    finish(span, false);
  };
  const onRejected = (error: unknown): void => {
    if (ended) return;
    ended = true;
    finish(span, true, error);
  };
  try {
    // Observing the promise must not change it: the derived promise `then` returns resolves (both
    // callbacks return undefined and never throw), and a thenable whose `then` throws ends the span now.
    then.call(result, onFulfilled, onRejected);
  } catch {
    onFulfilled();
  }
  return result;
}
