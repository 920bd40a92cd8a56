import { flatten } from '../otlp/flatten.js';
import type { Signal } from '../otlp/types.js';
import type { TelemetryStore } from './telemetry-store.js';

/** Adds a decoded `Export*ServiceRequest` to the store; returns how many records it held. */
export function ingest(store: TelemetryStore, signal: Signal, request: unknown): number {
  const { spans, logs, points } = flatten(signal, request);
  store.addSpans(spans);
  store.addLogs(logs);
  store.addMetricPoints(points);
  return spans.length + logs.length + points.length;
}
