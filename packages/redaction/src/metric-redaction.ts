import type { Attributes } from '@opentelemetry/api';
import type { CollectionResult, DataPoint, MetricData, MetricReader, ResourceMetrics, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { mergeCollidingPoints } from './internal/merge-data-points.js';
import type { Redactor } from './types.js';

/** Marks a reader already wrapped, so wrapping twice does nothing. */
const WRAPPED = Symbol.for('sightline.redaction.metric-reader');

/**
 * Redacts what a metric reader collects — every data point's attributes (keys and values) and the
 * resource's attributes — at the collection boundary, not on the `record()` hot path. Attribute sets are
 * remembered: a set is searched once, the first time a collection carries it, and every later collection
 * reuses the result (the SDK keeps one attribute object per series).
 */
export class MetricRedaction {
  private _attributes = new WeakMap<object, Attributes>();
  private _resources = new WeakMap<object, ResourceMetrics['resource']>();

  private _switches = '';

  constructor(private readonly _redactor: Redactor) {}

  /** `metrics` with its attributes redacted; the same object when nothing changed. */
  redactResourceMetrics(metrics: ResourceMetrics): ResourceMetrics {
    if (!this._redactor.isEnabled()) return metrics;
    // A detector switched at run time applies to series already remembered too.
    const switches = JSON.stringify(this._redactor.getDetectors());
    if (switches !== this._switches) {
      this.reset();
      this._switches = switches;
    }
    let changed = false;
    const resource = this._resource(metrics.resource);
    if (resource !== metrics.resource) changed = true;
    const scopeMetrics = metrics.scopeMetrics.map((scope): ScopeMetrics => {
      const metricsOut = scope.metrics.map((metric) => this._metric(metric));
      if (metricsOut.every((m, i) => m === scope.metrics[i])) return scope;
      changed = true;
      return { ...scope, metrics: metricsOut };
    });
    return changed ? { ...metrics, resource, scopeMetrics } : metrics;
  }

  /** Forgets what was remembered, so the next collection searches afresh. */
  reset(): void {
    this._attributes = new WeakMap();
    this._resources = new WeakMap();
  }

  private _resource(resource: ResourceMetrics['resource']): ResourceMetrics['resource'] {
    let out = this._resources.get(resource);
    if (out !== undefined) return out;
    out = resource;
    if (resource.asyncAttributesPending !== true) {
      const attributes = resource.attributes;
      const redacted = this._redactor.redactAttributes(attributes);
      if (redacted !== attributes) {
        out = Object.create(resource, { attributes: { value: redacted, enumerable: true } }) as ResourceMetrics['resource'];
      }
    }
    this._resources.set(resource, out);
    return out;
  }

  private _metric(metric: MetricData): MetricData {
    const changed: boolean[] = [];
    let any = false;
    const points = (metric.dataPoints as DataPoint<unknown>[]).map((point) => {
      const attributes = this._attributesOf(point.attributes);
      const differs = attributes !== point.attributes;
      changed.push(differs);
      if (!differs) return point;
      any = true;
      return { ...point, attributes };
    });
    if (!any) return metric;
    return { ...metric, dataPoints: mergeCollidingPoints(metric, points, changed) } as MetricData;
  }

  private _attributesOf(attributes: Attributes): Attributes {
    let out = this._attributes.get(attributes);
    if (out === undefined) {
      out = this._redactor.redactAttributes(attributes);
      this._attributes.set(attributes, out);
    }
    return out;
  }
}

/**
 * Makes every collection of `reader` redacted: its periodic exports (OTLP, console), Prometheus scrapes
 * and `collect()` calls all pass through one {@link MetricRedaction}. Call it before the reader is given
 * to a MeterProvider. Idempotent; returns the reader.
 */
export function redactMetricReader<T extends MetricReader>(reader: T, redactor: Redactor): T {
  const marked = reader as T & { [WRAPPED]?: boolean };
  if (marked[WRAPPED] === true) return reader;
  const redaction = new MetricRedaction(redactor);
  const collect = reader.collect.bind(reader);
  Object.defineProperty(reader, 'collect', {
    configurable: true,
    writable: true,
    value: async (options?: Parameters<MetricReader['collect']>[0]): Promise<CollectionResult> => {
      const result = await collect(options);
      let resourceMetrics: ResourceMetrics;
      try {
        resourceMetrics = redaction.redactResourceMetrics(result.resourceMetrics);
      } catch (error) {
        // Fail closed: a collection that could not be redacted is not exported.
        return { resourceMetrics: { resource: result.resourceMetrics.resource, scopeMetrics: [] }, errors: [...result.errors, error] };
      }
      return resourceMetrics === result.resourceMetrics ? result : { ...result, resourceMetrics };
    },
  });
  Object.defineProperty(reader, WRAPPED, { value: true });
  return reader;
}
