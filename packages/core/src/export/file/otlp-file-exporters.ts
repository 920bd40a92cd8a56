import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { encodeLogsJson, encodeMetricsJson, encodeTraceJson, type OtlpJsonSignal } from '../otlp-json/serializers.js';
import { MAX_EXIT_WRITE_MILLIS } from '../queue-defaults.js';
import { OtlpFileWriter } from './otlp-file-writer.js';

/** Where the file exporters write and how their files turn over (`SIGHTLINE_FILE_*`). */
export interface OtlpFileSettings {
  /** Folder of the files. */
  dir: string;
  /** Size at which a file is rotated, in bytes. */
  maxFileBytes: number;
  /** Age at which a file is rotated, in ms. */
  rotateMillis: number;
  /** Files last written longer ago are deleted, in ms; 0 keeps them. */
  retentionMillis: number;
}

/**
 * An exporter that appends each batch as one OTLP/JSON `Export*ServiceRequest` line to its signal's file
 * (the OpenTelemetry "OTLP File Exporter" format, which the Collector's `otlpjsonfile` receiver reads).
 * It sits behind the same export stages as OTLP/HTTP: batching, the memory bound and the drop counts are
 * theirs; a write that fails is reported FAILED and counted `export_failed`.
 */
export class OtlpFileExporter<T> {
  readonly writer: OtlpFileWriter;
  /** When the first synchronous write happened (0: none yet). */
  private syncStartedAt = 0;

  /**
   * @param exitWriteMillis Most time spent in {@link writeSync}, counted from its first call; later calls
   *   refuse (their records are counted dropped). Default 2000 ms.
   */
  constructor(
    signal: OtlpJsonSignal,
    settings: OtlpFileSettings,
    private readonly encode: (items: T) => string,
    private readonly exitWriteMillis = MAX_EXIT_WRITE_MILLIS,
  ) {
    this.writer = new OtlpFileWriter({ signal, ...settings });
  }

  export(items: T, resultCallback: (result: ExportResult) => void): void {
    let line: string;
    try {
      line = this.encode(items);
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
      return;
    }
    this.writer.append(line).then(
      () => resultCallback({ code: ExportResultCode.SUCCESS }),
      (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }

  /**
   * Writes `items` synchronously: the final sink of the export stage, at the shutdown deadline and at exit.
   * Bounded in time (`exitWriteMillis`); returns whether it wrote them.
   */
  readonly writeSync = (items: T): boolean => {
    const now = Date.now();
    if (this.syncStartedAt === 0) this.syncStartedAt = now;
    else if (now - this.syncStartedAt > this.exitWriteMillis) return false;
    try {
      return this.writer.appendSync(this.encode(items));
    } catch {
      return false;
    }
  };

  forceFlush(): Promise<void> {
    return this.writer.flush();
  }

  shutdown(): Promise<void> {
    return this.writer.close();
  }
}

export function createFileLogExporter(settings: OtlpFileSettings, exitWriteMillis?: number): OtlpFileExporter<ReadableLogRecord[]> & LogRecordExporter {
  return new OtlpFileExporter<ReadableLogRecord[]>('logs', settings, encodeLogsJson, exitWriteMillis);
}

export function createFileSpanExporter(settings: OtlpFileSettings, exitWriteMillis?: number): OtlpFileExporter<ReadableSpan[]> & SpanExporter {
  return new OtlpFileExporter<ReadableSpan[]>('traces', settings, encodeTraceJson, exitWriteMillis);
}

/** Metrics are written at each collection of the periodic reader (`OTEL_METRIC_EXPORT_INTERVAL`), cumulative. */
export function createFileMetricExporter(settings: OtlpFileSettings): OtlpFileExporter<ResourceMetrics> & PushMetricExporter {
  return new OtlpFileExporter<ResourceMetrics>('metrics', settings, encodeMetricsJson);
}
