/**
 * The no-op ends of the SDK pipelines the benchmarks register: a span exporter that drops everything
 * and a metric reader that is only ever pulled. Spans and measurements still go through the whole SDK.
 */
import { ExportResultCode } from '@opentelemetry/core';
import { MetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace';

export const noopSpanExporter: SpanExporter = {
  export: (_spans, done) => done({ code: ExportResultCode.SUCCESS }),
  shutdown: () => Promise.resolve(),
  forceFlush: () => Promise.resolve(),
};

/** A reader with the default (cumulative) temporality that exports nowhere. */
export class PullMetricReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}
