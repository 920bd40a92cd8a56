/**
 * The OpenTelemetry SDK every callgrind workload registers, the same for every mode: spans through a
 * batch processor into a no-op exporter, a meter provider with a pull reader, a logger provider.
 * `mode` and `calls` come from the command line (`<script> <mode> <calls>`).
 */
import { context, logs, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { noopSpanExporter, PullMetricReader } from '../sdk-stubs.ts';

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
export const spanProcessor = new BatchSpanProcessor({ exporter: noopSpanExporter, maxQueueSize: 65_536, maxExportBatchSize: 2_048 });
export const tracerProvider = new TracerProvider({ spanProcessors: [spanProcessor] });
export const meterProvider = new MeterProvider({ readers: [new PullMetricReader()] });
export const loggerProvider = new LoggerProvider();
trace.setGlobalTracerProvider(tracerProvider);
metrics.setGlobalMeterProvider(meterProvider);
logs.setGlobalLoggerProvider(loggerProvider);

export const mode = process.argv[2] ?? 'on';
export const calls = Number(process.argv[3] ?? 500);

/** Runs `call` `calls` times in sequence, flushing the span processor every 100 calls. */
export async function loop(call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < calls; i++) {
    await call();
    if (i % 100 === 99) await spanProcessor.forceFlush();
  }
}
