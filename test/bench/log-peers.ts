/**
 * What the log benchmarks compare against, in one place: the redact paths a pino user configures for the
 * sensitive keys Sightline redacts by default, and an OTLP exporter that serializes each batch in memory
 * (the protobuf encoding every OTLP/HTTP exporter pays) and discards the bytes, counting what it saw.
 */
import { ExportResultCode } from '@opentelemetry/core';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';

/** pino's `redact.paths` for the keys Sightline's key classifier treats as secrets. */
export const PINO_PATHS = ['password', 'token', 'api_key', 'apiKey', 'secret', 'authorization', 'cookie'];

/** A log exporter that encodes each batch as OTLP protobuf and drops it. */
export interface SerializingExporter extends LogRecordExporter {
  /** Records and protobuf bytes exported so far. */
  readonly exported: { records: number; bytes: number };
}

export function serializeAndDiscardExporter(): SerializingExporter {
  const exported = { records: 0, bytes: 0 };
  return {
    exported,
    export(records, done) {
      const bytes = ProtobufLogsSerializer.serializeRequest(records);
      if (bytes === undefined) throw new Error('the OTLP serializer returned nothing');
      exported.records += records.length;
      exported.bytes += bytes.length;
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: () => Promise.resolve(),
    forceFlush: () => Promise.resolve(),
  };
}
