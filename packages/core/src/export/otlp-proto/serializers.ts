/**
 * The OTLP/HTTP `http/protobuf` serializers: requests encoded by Sightline's two-pass encoder
 * (proto-encoder.ts), which writes the same bytes as `@opentelemetry/otlp-transformer` in about a third
 * of the time; responses read by upstream's. A request the encoder does not cover (a value nested deeper
 * than 64, a field of a type the SDK never produces, a value that changed while it was encoded) is
 * encoded by the upstream serializer instead: counted, and said once per process in a `diag.info` line.
 */
import { diag } from '@opentelemetry/api';
import { ProtobufLogsSerializer, type ISerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { encodeLogsProto } from './logs.js';

/** Requests the upstream serializer encoded because Sightline's did not cover them, per signal. */
export const protoFallbacks = { logs: 0 };

let said = false;

function fallBack(signal: keyof typeof protoFallbacks, error: unknown): void {
  protoFallbacks[signal]++;
  if (said) return;
  said = true;
  diag.info(
    `sightline: an OTLP ${signal} request was encoded by the upstream protobuf serializer (${error instanceof Error ? error.message : String(error)}); later ones are only counted`,
  );
}

/** The `http/protobuf` serializers of the OTLP/HTTP exporters. */
export const OTLP_PROTO_SERIALIZERS = {
  logs: {
    serializeRequest: (records) => {
      try {
        return encodeLogsProto(records);
      } catch (error) {
        fallBack('logs', error);
        return ProtobufLogsSerializer.serializeRequest(records);
      }
    },
    deserializeResponse: (body) => ProtobufLogsSerializer.deserializeResponse(body),
  } satisfies ISerializer<ReadableLogRecord[], unknown>,
};
