/**
 * The OTLP/HTTP `http/protobuf` serializers of logs and spans: requests encoded by Sightline's two-pass encoder
 * (proto-encoder.ts), which writes the same bytes as `@opentelemetry/otlp-transformer` in about half
 * its CPU time; responses read by upstream's. A request the encoder does not cover (a value nested deeper
 * than 64, a field of a type the SDK never produces, a value that changed while it was encoded) is
 * encoded by the upstream serializer instead: counted, and said once per process in a `diag.info` line.
 */
import { diag } from '@opentelemetry/api';
import { ProtobufLogsSerializer, ProtobufTraceSerializer, type ISerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { encodeLogsProto } from './logs.js';
import { encodeTraceProto } from './traces.js';

/** Requests the upstream serializer encoded because Sightline's did not cover them, per signal. */
export const protoFallbacks = { logs: 0, traces: 0 };

const said = { logs: false, traces: false };

function fallBack(signal: keyof typeof protoFallbacks, error: unknown): void {
  protoFallbacks[signal]++;
  if (said[signal]) return;
  said[signal] = true;
  diag.info(
    `sightline: an OTLP ${signal} request was encoded by the upstream protobuf serializer (${error instanceof Error ? error.message : String(error)}); later ones are only counted`,
  );
}

/** Our encoder, or upstream's serializer for what it does not cover; responses always read by upstream's. */
function withFallback<T, R>(signal: keyof typeof protoFallbacks, encode: (items: T) => Uint8Array, upstream: ISerializer<T, R>): ISerializer<T, R> {
  return {
    serializeRequest: (items) => {
      try {
        return encode(items);
      } catch (error) {
        fallBack(signal, error);
        return upstream.serializeRequest(items);
      }
    },
    deserializeResponse: (body) => upstream.deserializeResponse(body),
  };
}

/** The `http/protobuf` serializers of the OTLP/HTTP exporters. */
export const OTLP_PROTO_SERIALIZERS = {
  logs: withFallback<ReadableLogRecord[], unknown>('logs', encodeLogsProto, ProtobufLogsSerializer),
  traces: withFallback<ReadableSpan[], unknown>('traces', encodeTraceProto, ProtobufTraceSerializer),
};
