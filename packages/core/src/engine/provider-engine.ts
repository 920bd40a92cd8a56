import { context, logs, metrics, propagation, trace } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { logRecordLimitsFromEnv } from '../safety/limits.js';
import type { Engine, EngineOptions } from './engine.js';
import { w3cPropagator } from './propagators.js';
import { spanLimitsFromEnv } from './span-limits.js';

/**
 * The default engine: the three providers built from `@opentelemetry/sdk-trace`, `sdk-logs` and
 * `sdk-metrics` and registered with the API, in `NodeSDK.start()`'s order and with what it reads from the
 * environment for them (span and log record limits, `OTEL_NODE_EXPERIMENTAL_SDK_METRICS`), without loading
 * `@opentelemetry/sdk-node`, whose exporters (gRPC, Zipkin, protobufjs) cost most of a cold start.
 */
export function startProviders(options: EngineOptions, env: NodeJS.ProcessEnv = process.env): Engine {
  const { resource, instrumentations } = options;
  enableInstrumentations(instrumentations);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const propagator = w3cPropagator(options.propagators);
  if (propagator !== undefined) propagation.setGlobalPropagator(propagator);

  // The SDK's own metrics (`otel.sdk.*`), as NodeSDK: only when asked for.
  const sdkMetricsEnabled = env.OTEL_NODE_EXPERIMENTAL_SDK_METRICS?.trim().toLowerCase() === 'true';
  const meterProvider = new MeterProvider({ resource, views: options.views, readers: options.metricReaders, sdkMetricsEnabled });
  metrics.setGlobalMeterProvider(meterProvider);
  for (const instrumentation of instrumentations) instrumentation.setMeterProvider(metrics.getMeterProvider());
  const selfObs = sdkMetricsEnabled ? meterProvider : undefined;

  const tracerProvider = new TracerProvider({
    resource,
    sampler: options.sampler,
    spanLimits: spanLimitsFromEnv(env),
    spanProcessors: options.spanProcessors,
    meterProvider: selfObs,
  });
  trace.setGlobalTracerProvider(tracerProvider);

  const logLimits = logRecordLimitsFromEnv(env);
  const loggerProvider = new LoggerProvider({
    resource,
    logRecordLimits: { attributeCountLimit: logLimits.countLimit, attributeValueLengthLimit: logLimits.valueLengthLimit },
    processors: options.logRecordProcessors,
    meterProvider: selfObs,
  });
  logs.setGlobalLoggerProvider(loggerProvider);

  return {
    kind: 'providers',
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}

/**
 * What `registerInstrumentations` of `@opentelemetry/instrumentation` does, without loading that package
 * (its hook machinery) when the instrumentations are lazy ones: each gets the global providers (proxies
 * that reach the providers registered next) and is enabled unless it already is.
 */
function enableInstrumentations(instrumentations: readonly Instrumentation[]): void {
  for (const instrumentation of instrumentations) {
    instrumentation.setTracerProvider(trace.getTracerProvider());
    instrumentation.setMeterProvider(metrics.getMeterProvider());
    instrumentation.setLoggerProvider?.(logs.getLoggerProvider());
    if (!instrumentation.getConfig().enabled) instrumentation.enable();
  }
}
