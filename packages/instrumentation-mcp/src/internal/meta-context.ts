/**
 * W3C Trace Context and Baggage in a message's `params._meta`, under the keys the MCP specification
 * reserves. Always W3C, whatever global propagator the app configured: the keys and formats are fixed by
 * the MCP specification. Hostile `_meta` (wrong types, huge values, throwing getters) is ignored.
 */
import { defaultTextMapGetter, defaultTextMapSetter, propagation, type Context } from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { META_KEY_BAGGAGE, META_KEY_TRACEPARENT, META_KEY_TRACESTATE } from '../semconv.js';

// Called directly rather than through a CompositePropagator: the baggage one only runs when there is
// baggage, which most calls have not.
const TRACE_CONTEXT = new W3CTraceContextPropagator();
const BAGGAGE = new W3CBaggagePropagator();

/** Longest value accepted per key; longer ones are ignored (a valid traceparent has 55 characters). */
const MAX_LENGTH: Readonly<Record<string, number>> = {
  [META_KEY_TRACEPARENT]: 128,
  [META_KEY_TRACESTATE]: 1024,
  [META_KEY_BAGGAGE]: 8192,
};
const KEYS = [META_KEY_TRACEPARENT, META_KEY_TRACESTATE, META_KEY_BAGGAGE] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of `message` whose `params._meta` carries the trace context and baggage of `ctx`; the message
 * itself when there is nothing to inject or its `params`/`_meta` are not objects. Our keys overwrite
 * the caller's: they describe the span that actually sends the message.
 */
export function withTraceMeta<T extends object>(message: T, ctx: Context): T {
  const carrier: Record<string, string> = {};
  TRACE_CONTEXT.inject(ctx, carrier, defaultTextMapSetter);
  if (propagation.getBaggage(ctx) !== undefined) BAGGAGE.inject(ctx, carrier, defaultTextMapSetter);
  if (carrier[META_KEY_TRACEPARENT] === undefined && carrier[META_KEY_BAGGAGE] === undefined) return message;
  const params = (message as { params?: unknown }).params;
  if (params !== undefined && !isRecord(params)) return message;
  const meta = params?._meta;
  if (meta !== undefined && !isRecord(meta)) return message;
  return { ...message, params: { ...params, _meta: meta === undefined ? carrier : { ...meta, ...carrier } } };
}

/**
 * `parent` with the remote span context and baggage found in `params._meta`, or `parent` itself when
 * there are none or they are malformed. Never throws.
 */
export function extractMetaContext(parent: Context, params: unknown): Context {
  try {
    if (!isRecord(params)) return parent;
    const meta = params._meta;
    if (!isRecord(meta)) return parent;
    let carrier: Record<string, string> | undefined;
    for (const key of KEYS) {
      const value = meta[key];
      if (typeof value === 'string' && value.length <= MAX_LENGTH[key]!) (carrier ??= {})[key] = value;
    }
    if (carrier === undefined) return parent;
    const ctx = carrier[META_KEY_TRACEPARENT] === undefined ? parent : TRACE_CONTEXT.extract(parent, carrier, defaultTextMapGetter);
    return carrier[META_KEY_BAGGAGE] === undefined ? ctx : BAGGAGE.extract(ctx, carrier, defaultTextMapGetter);
  } catch {
    return parent;
  }
}
