import type { TraceState } from '@opentelemetry/api';
import { TraceState as W3CTraceState } from '@opentelemetry/core';
import { OT_MAX_VALUE_LENGTH, OT_RANDOMNESS_SUBKEY, OT_THRESHOLD_SUBKEY, OT_TRACE_STATE_KEY } from '../semconv.js';

/**
 * Reading and writing the OpenTelemetry `ot` entry of a W3C `tracestate`: a `;`-separated list of
 * `key:value` sub-keys (specification: trace/tracestate-handling.md).
 */

/** The value of sub-key `key` in an `ot` value, if present. */
export function otSubkey(ot: string, key: string): string | undefined {
  const prefix = `${key}:`;
  for (const member of ot.split(';')) {
    if (member.startsWith(prefix)) return member.slice(prefix.length);
  }
  return undefined;
}

/** The `ot` value of a trace state, if any. */
export function otValue(state: TraceState | undefined): string | undefined {
  return state?.get(OT_TRACE_STATE_KEY);
}

/** The `rv` sub-key of a trace state's `ot` entry, if present (not validated). */
export function explicitRandomness(state: TraceState | undefined): string | undefined {
  const ot = otValue(state);
  return ot === undefined ? undefined : otSubkey(ot, OT_RANDOMNESS_SUBKEY);
}

/**
 * `state` with the `th` sub-key set to `th`, or erased when `th` is `undefined`; every other sub-key and
 * every other vendor's entry is kept. Returns `state` itself when nothing changes, and leaves it
 * unchanged if the new `ot` value would exceed the 256 characters the specification allows.
 */
export function withThreshold(state: TraceState | undefined, th: string | undefined): TraceState | undefined {
  const ot = otValue(state);
  const others = ot === undefined ? [] : ot.split(';').filter((m) => m !== '' && !m.startsWith(`${OT_THRESHOLD_SUBKEY}:`));
  const members = th === undefined ? others : [`${OT_THRESHOLD_SUBKEY}:${th}`, ...others];
  const value = members.join(';');
  if (value === (ot ?? '')) return state;
  if (value === '') return state?.unset(OT_TRACE_STATE_KEY);
  if (value.length > OT_MAX_VALUE_LENGTH) return state;
  return (state ?? new W3CTraceState()).set(OT_TRACE_STATE_KEY, value);
}
