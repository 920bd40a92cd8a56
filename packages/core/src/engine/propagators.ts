import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';

/** The `OTEL_PROPAGATORS` names Sightline honours. */
export const PROPAGATOR_NAMES = ['tracecontext', 'baggage', 'b3', 'b3multi'] as const;
export type PropagatorName = (typeof PROPAGATOR_NAMES)[number];

/** The propagators only `@opentelemetry/sdk-node` brings (through `@opentelemetry/propagator-b3`). */
export const NODE_SDK_PROPAGATORS: readonly PropagatorName[] = ['b3', 'b3multi'];

/**
 * The global propagator of the `providers` engine: the W3C ones named, in their order; `undefined` when
 * none is named (`none`: the API's no-op propagator stays). The names only `@opentelemetry/sdk-node`
 * serves never reach this engine (see `startEngine`).
 */
export function w3cPropagator(names: readonly PropagatorName[]): TextMapPropagator | undefined {
  const propagators: TextMapPropagator[] = [];
  for (const name of names) {
    if (name === 'tracecontext') propagators.push(new W3CTraceContextPropagator());
    else if (name === 'baggage') propagators.push(new W3CBaggagePropagator());
  }
  if (propagators.length === 0) return undefined;
  return propagators.length === 1 ? propagators[0] : new CompositePropagator({ propagators });
}
