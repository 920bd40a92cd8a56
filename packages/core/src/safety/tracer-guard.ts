import { INVALID_SPAN_CONTEXT, trace, type Context, type Span, type SpanOptions } from '@opentelemetry/api';
import { kindOf } from './bounded-value.js';
import { safeGet } from './describe-value.js';
import { currentSafetyCounters } from './safety-counters.js';
import { spanName } from './span-guard.js';
import { classifyTime } from './time-input.js';

const GUARDED = Symbol.for('sightline.tracerGuard.v1');

type StartSpan = (this: unknown, name: string, options?: SpanOptions, context?: Context) => Span;

/** The options that cannot make the SDK throw: a span kind, a valid start time, `root`. */
function plainOptions(options: unknown): SpanOptions {
  if (options === null || typeof options !== 'object') return {};
  const kind = safeGet(options, 'kind');
  const startTime = safeGet(options, 'startTime');
  const root = safeGet(options, 'root');
  return {
    kind: typeof kind === 'number' && kind >= 0 && kind <= 4 && Number.isInteger(kind) ? kind : undefined,
    startTime: classifyTime(startTime) === 'valid' ? (startTime as SpanOptions['startTime']) : undefined,
    root: root === true,
  };
}

function isContext(value: unknown): value is Context {
  return value !== null && typeof value === 'object' && typeof safeGet(value, 'getValue') === 'function';
}

/**
 * Guards `startSpan` of a tracer class (that of `@opentelemetry/sdk-trace`; `startActiveSpan` goes through
 * it) once: a name that is not a string is made one (counted); options that are not an object are ignored;
 * when the SDK throws on what it was given (a hostile attribute, link or context), the span is started again
 * from the options that cannot throw, and the attributes and links are then set through the guarded span
 * methods, which keep what can be encoded. If even that fails, a non-recording span is returned. Never throws.
 */
export function guardTracerPrototype(proto: object | null): void {
  if (proto === null || proto === Object.prototype || Object.hasOwn(proto, GUARDED)) return;
  const original = (proto as { startSpan?: unknown }).startSpan;
  if (typeof original !== 'function') return;
  const startSpan = original as StartSpan;
  Object.defineProperty(proto, GUARDED, { value: true });
  Object.defineProperty(proto, 'startSpan', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function (this: unknown, name: unknown, options?: unknown, context?: unknown): Span {
      const safeName = spanName(name, 'tracer.startSpan name');
      let safeOptions = options;
      if (options !== undefined && (options === null || typeof options !== 'object')) {
        currentSafetyCounters().sanitized('spans', 'invalid_argument', `tracer.startSpan options (${kindOf(options)})`);
        safeOptions = undefined;
      }
      try {
        return startSpan.call(this, safeName, safeOptions as SpanOptions | undefined, context as Context | undefined);
      } catch {
        currentSafetyCounters().sanitized('spans', 'api_error', 'tracer.startSpan');
      }
      try {
        const span = startSpan.call(this, safeName, plainOptions(safeOptions), isContext(context) ? context : undefined);
        if (safeOptions !== undefined && safeOptions !== null) {
          const attributes = safeGet(safeOptions, 'attributes');
          if (attributes !== undefined) span.setAttributes(attributes as never);
          const links = safeGet(safeOptions, 'links');
          if (links !== undefined) span.addLinks(links as never);
        }
        return span;
      } catch {
        return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
      }
    },
  });
}
