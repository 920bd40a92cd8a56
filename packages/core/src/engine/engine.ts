import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { Resource } from '@opentelemetry/resources';
import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { MetricReader, ViewOptions } from '@opentelemetry/sdk-metrics';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { PropagatorName } from './propagators.js';

/** What the SDK is started with: every component already built by the bootstrap. */
export interface EngineOptions {
  readonly resource: Resource;
  readonly sampler: Sampler;
  readonly logRecordProcessors: LogRecordProcessor[];
  readonly spanProcessors: SpanProcessor[];
  readonly metricReaders: MetricReader[];
  readonly views: ViewOptions[];
  readonly instrumentations: Instrumentation[];
  /** `OTEL_PROPAGATORS`, resolved; empty: no propagator (`none`). */
  readonly propagators: readonly PropagatorName[];
}

/** A started SDK: its providers registered with the OpenTelemetry API. */
export interface Engine {
  /** `providers`: built here from the SDK packages; `node-sdk`: `@opentelemetry/sdk-node`'s `NodeSDK`. */
  readonly kind: 'providers' | 'node-sdk';
  /** Shuts the providers down (flushing their processors and readers). */
  shutdown(): Promise<void>;
}
