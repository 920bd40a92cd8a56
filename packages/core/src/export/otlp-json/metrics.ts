import { ValueType } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  type DataPoint,
  type ExponentialHistogram,
  type Histogram,
  type MetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { attributes, double, hrTimeNanos, int64, resource, scope, uint64 } from './common.js';

/** An `ExportMetricsServiceRequest` in the OTLP/JSON mapping (see common.ts). */
export function metricsRequest(resourceMetrics: ResourceMetrics): object {
  const encoded = resource(resourceMetrics.resource);
  return {
    resourceMetrics: [
      {
        resource: encoded,
        schemaUrl: encoded.schemaUrl,
        scopeMetrics: resourceMetrics.scopeMetrics.map((s) => ({
          scope: scope(s.scope),
          metrics: s.metrics.map(metric),
          schemaUrl: s.scope.schemaUrl,
        })),
      },
    ],
  };
}

/** `AggregationTemporality` of OTLP: 1 delta, 2 cumulative. */
function temporality(value: AggregationTemporality): number {
  return value === AggregationTemporality.DELTA ? 1 : 2;
}

function times(point: DataPoint<unknown>): { startTimeUnixNano: string; timeUnixNano: string } {
  return { startTimeUnixNano: hrTimeNanos(point.startTime), timeUnixNano: hrTimeNanos(point.endTime) };
}

function optionalDouble(value: number | undefined): number | string | undefined {
  return value === undefined ? undefined : double(value);
}

function numberPoint(point: DataPoint<number>, valueType: ValueType): object {
  const value = point.value;
  const asInt = valueType === ValueType.INT && Number.isInteger(value) && Math.abs(value) < 2 ** 63;
  return {
    attributes: attributes(point.attributes),
    ...times(point),
    ...(asInt ? { asInt: int64(value) } : { asDouble: double(value) }),
  };
}

function histogramPoint(point: DataPoint<Histogram>): object {
  const h = point.value;
  return {
    attributes: attributes(point.attributes),
    ...times(point),
    count: uint64(h.count),
    sum: optionalDouble(h.sum),
    bucketCounts: h.buckets.counts.map(uint64),
    explicitBounds: h.buckets.boundaries.map(double),
    min: optionalDouble(h.min),
    max: optionalDouble(h.max),
  };
}

function exponentialPoint(point: DataPoint<ExponentialHistogram>): object {
  const h = point.value;
  return {
    attributes: attributes(point.attributes),
    ...times(point),
    count: uint64(h.count),
    sum: optionalDouble(h.sum),
    scale: h.scale,
    zeroCount: uint64(h.zeroCount),
    positive: { offset: h.positive.offset, bucketCounts: h.positive.bucketCounts.map(uint64) },
    negative: { offset: h.negative.offset, bucketCounts: h.negative.bucketCounts.map(uint64) },
    min: optionalDouble(h.min),
    max: optionalDouble(h.max),
  };
}

function metric(data: MetricData): object {
  const { name, description, unit, valueType } = data.descriptor;
  const out: Record<string, unknown> = { name, description, unit };
  switch (data.dataPointType) {
    case DataPointType.SUM:
      out.sum = {
        aggregationTemporality: temporality(data.aggregationTemporality),
        isMonotonic: data.isMonotonic,
        dataPoints: data.dataPoints.map((p) => numberPoint(p, valueType)),
      };
      break;
    case DataPointType.GAUGE:
      out.gauge = { dataPoints: data.dataPoints.map((p) => numberPoint(p, valueType)) };
      break;
    case DataPointType.HISTOGRAM:
      out.histogram = { aggregationTemporality: temporality(data.aggregationTemporality), dataPoints: data.dataPoints.map(histogramPoint) };
      break;
    case DataPointType.EXPONENTIAL_HISTOGRAM:
      out.exponentialHistogram = {
        aggregationTemporality: temporality(data.aggregationTemporality),
        dataPoints: data.dataPoints.map(exponentialPoint),
      };
      break;
  }
  return out;
}
