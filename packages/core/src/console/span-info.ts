/** Names and identifiers of spans, shared by the console formats. */
import { SpanKind, SpanStatusCode, isSpanContextValid } from '@opentelemetry/api';
import type { SpanContext } from '@opentelemetry/api';

const KIND_NAMES: Readonly<Record<number, string>> = {
  [SpanKind.INTERNAL]: 'INTERNAL',
  [SpanKind.SERVER]: 'SERVER',
  [SpanKind.CLIENT]: 'CLIENT',
  [SpanKind.PRODUCER]: 'PRODUCER',
  [SpanKind.CONSUMER]: 'CONSUMER',
};

/**
 * `INTERNAL`, `SERVER`, `CLIENT`, `PRODUCER` or `CONSUMER`; `UNKNOWN` for anything else.
 *
 * @param kind a span's `kind`
 */
export function spanKindName(kind: SpanKind): string {
  return KIND_NAMES[kind] ?? 'UNKNOWN';
}

/**
 * `UNSET`, `OK` or `ERROR`.
 *
 * @param code a span status code
 */
export function statusCodeName(code: SpanStatusCode): 'UNSET' | 'OK' | 'ERROR' {
  return code === SpanStatusCode.ERROR ? 'ERROR' : code === SpanStatusCode.OK ? 'OK' : 'UNSET';
}

/**
 * The span context when it is valid (non-zero, well-formed ids), else `undefined`.
 *
 * @param context a record's or a span's context, possibly absent
 */
export function validContext(context: SpanContext | undefined): SpanContext | undefined {
  return context !== undefined && isSpanContextValid(context) ? context : undefined;
}

/**
 * The first 8 hex digits of a trace id, the short form the human formats print.
 *
 * @param traceId a 32-digit trace id
 */
export function shortTraceId(traceId: string): string {
  return traceId.slice(0, 8);
}
