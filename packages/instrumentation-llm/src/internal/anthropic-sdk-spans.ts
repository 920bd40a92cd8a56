/**
 * @anthropic-ai/sdk 1.x (and 0.x since 0.134.0) starts its own `anthropic.messages.create` CLIENT span
 * (scope `com.anthropic.sdk.typescript`) whenever a tracer provider is registered, unless
 * `ANTHROPIC_OPEN_TELEMETRY=false`. Each client resolves its tracer once, in its constructor
 * (`this._tracer = …`), and every traced path reads `client._tracer`. While this instrumentation is
 * enabled, an accessor on the client prototype keeps the assigned tracer aside and reads `undefined`, so
 * the SDK's own spans (and the trace headers it injects with them) are off and each call gets exactly one
 * span: ours. Earlier 0.x releases have no `_tracer`: the accessor is installed all the same and nothing
 * ever reads it. Unpatching removes the accessor; clients constructed meanwhile keep their spans off.
 */
const TRACER = Symbol.for('sightline.instrumentation-llm.anthropic-tracer');

type WithTracer = Record<PropertyKey, unknown>;

/**
 * Installs the accessor on `prototype`, whether or not the SDK has tracing; `false` only when the prototype
 * has a `_tracer` data property of its own, which the accessor cannot shadow.
 */
export function silenceSdkSpans(prototype: object): boolean {
  const existing = Object.getOwnPropertyDescriptor(prototype, '_tracer');
  if (existing !== undefined && existing.get === undefined) return false;
  if (existing?.get !== undefined && (existing.get as { [TRACER]?: true })[TRACER]) return true;
  const get = function (this: WithTracer): undefined {
    return undefined;
  };
  Object.defineProperty(get, TRACER, { value: true });
  Object.defineProperty(prototype, '_tracer', {
    configurable: true,
    get,
    set(this: WithTracer, tracer: unknown) {
      Object.defineProperty(this, TRACER, { value: tracer, configurable: true });
    },
  });
  return true;
}

/** Removes the accessor installed by {@link silenceSdkSpans}. */
export function restoreSdkSpans(prototype: object): void {
  const existing = Object.getOwnPropertyDescriptor(prototype, '_tracer');
  if (existing?.get !== undefined && (existing.get as { [TRACER]?: true })[TRACER]) delete (prototype as WithTracer)._tracer;
}
