/**
 * The SDK pipeline of a benchmark worker process, registered globally: the AsyncLocalStorage context
 * manager, a `BatchSpanProcessor` into a no-op exporter, a `MeterProvider` with the Sightline views and a
 * periodic reader (1 s) into a no-op exporter, a `LoggerProvider`. What a user's process runs, minus the
 * network.
 */
import { context, logs, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode } from '@opentelemetry/core';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { HistogramAggregator, sightlineViews } from '@sightline/metrics';
import { noopSpanExporter } from './sdk-stubs.ts';

const noopMetricExporter: PushMetricExporter = {
  export: (_metrics, done) => done({ code: ExportResultCode.SUCCESS }),
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
export const tracerProvider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: noopSpanExporter })] });
export const reader = new PeriodicExportingMetricReader({ exporter: noopMetricExporter, exportIntervalMillis: 1000 });
export const meterProvider = new MeterProvider({ views: sightlineViews(), readers: [reader] });
export const loggerProvider = new LoggerProvider();
trace.setGlobalTracerProvider(tracerProvider);
metrics.setGlobalMeterProvider(meterProvider);
logs.setGlobalLoggerProvider(loggerProvider);

/** A histogram aggregator publishing through the reader, as `bootstrap()` sets one up. */
export function attachedAggregator(): HistogramAggregator {
  const aggregator = new HistogramAggregator();
  aggregator.attach(reader);
  return aggregator;
}

/** Gives an instrumentation the pipeline's providers. */
export function useProviders(instrumentation: InstrumentationBase): void {
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.setMeterProvider(meterProvider);
  instrumentation.setLoggerProvider(loggerProvider);
}

export async function shutdownPipeline(): Promise<void> {
  await tracerProvider.shutdown();
  await meterProvider.shutdown();
}
