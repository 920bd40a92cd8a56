import { protoRoot } from './proto-root.js';
import type { Signal, ViewerLog, ViewerMetricPoint, ViewerSpan } from './types.js';
import { type Attributes, isWire, list, nanosToMillis, toAttributes, toEnum, toHexId, toNumber, toText, unwrapAnyValue, type Wire, wire } from './values.js';

/** Where each signal keeps its records inside `Export*ServiceRequest`. */
const LAYOUT = {
  logs: ['resourceLogs', 'scopeLogs', 'logRecords'],
  traces: ['resourceSpans', 'scopeSpans', 'spans'],
  metrics: ['resourceMetrics', 'scopeMetrics', 'metrics'],
} as const;

interface Envelope {
  readonly service: string;
  readonly scope: string;
  readonly resource: Attributes;
}

/** What one decoded `Export*ServiceRequest` holds. */
export interface Flattened {
  readonly spans: ViewerSpan[];
  readonly logs: ViewerLog[];
  readonly points: ViewerMetricPoint[];
}

/** The signal of a decoded request, from its top-level key (for files, where no path says it). */
export function signalOf(request: unknown): Signal | undefined {
  if (!isWire(request)) return undefined;
  for (const [signal, [key]] of Object.entries(LAYOUT) as [Signal, readonly string[]][]) {
    if (Array.isArray(request[key])) return signal;
  }
  return undefined;
}

/**
 * Flattens a decoded `Export*ServiceRequest` (OTLP/JSON as parsed, or protobufjs `toObject` output) into
 * the viewer's records. Throws a TypeError when the body is not an object.
 */
export function flatten(signal: Signal, request: unknown): Flattened {
  if (!isWire(request)) throw new TypeError('expected an Export*ServiceRequest object');
  const out: Flattened = { spans: [], logs: [], points: [] };
  const [resourceKey, scopeKey, recordKey] = LAYOUT[signal];
  for (const resourceEntry of list(request[resourceKey])) {
    const resourceBlock = wire(resourceEntry);
    const resource = toAttributes(wire(resourceBlock.resource).attributes);
    const service = typeof resource['service.name'] === 'string' ? resource['service.name'] : 'unknown_service';
    for (const scopeEntry of list(resourceBlock[scopeKey])) {
      const scopeBlock = wire(scopeEntry);
      const envelope: Envelope = { service, scope: toText(wire(scopeBlock.scope).name), resource };
      for (const record of list(scopeBlock[recordKey])) {
        if (signal === 'traces') out.spans.push(toSpan(wire(record), envelope));
        else if (signal === 'logs') out.logs.push(toLog(wire(record), envelope));
        else pushPoints(wire(record), envelope, out.points);
      }
    }
  }
  return out;
}

function toSpan(span: Wire, envelope: Envelope): ViewerSpan {
  const { enums } = protoRoot();
  const status = wire(span.status);
  return {
    traceId: toHexId(span.traceId),
    spanId: toHexId(span.spanId),
    parentSpanId: toHexId(span.parentSpanId),
    name: toText(span.name),
    kind: toEnum(span.kind, enums.spanKind),
    start: nanosToMillis(span.startTimeUnixNano),
    end: nanosToMillis(span.endTimeUnixNano),
    attributes: toAttributes(span.attributes),
    events: list(span.events).map((item) => {
      const event = wire(item);
      return { name: toText(event.name), time: nanosToMillis(event.timeUnixNano), attributes: toAttributes(event.attributes) };
    }),
    links: list(span.links).map((item) => {
      const link = wire(item);
      return { traceId: toHexId(link.traceId), spanId: toHexId(link.spanId), attributes: toAttributes(link.attributes) };
    }),
    statusCode: toEnum(status.code, enums.statusCode),
    statusMessage: toText(status.message),
    ...envelope,
  };
}

function toLog(record: Wire, envelope: Envelope): ViewerLog {
  const { enums } = protoRoot();
  const body = record.body;
  const unwrapped = body === undefined ? '' : unwrapAnyValue(body);
  const time = nanosToMillis(record.timeUnixNano) || nanosToMillis(record.observedTimeUnixNano);
  return {
    time,
    severityNumber: toEnum(record.severityNumber, enums.severityNumber),
    severityText: toText(record.severityText),
    body: typeof unwrapped === 'string' ? unwrapped : JSON.stringify(unwrapped),
    eventName: toText(record.eventName),
    attributes: toAttributes(record.attributes),
    traceId: toHexId(record.traceId),
    spanId: toHexId(record.spanId),
    service: envelope.service,
    scope: envelope.scope,
  };
}

function pushPoints(metric: Wire, envelope: Envelope, out: ViewerMetricPoint[]): void {
  const name = toText(metric.name);
  const unit = toText(metric.unit);
  const { enums } = protoRoot();
  for (const kind of ['sum', 'gauge', 'histogram'] as const) {
    const data = metric[kind];
    if (!isWire(data)) continue;
    const temporality = toEnum(data.aggregationTemporality, enums.aggregationTemporality);
    for (const item of list(data.dataPoints)) {
      const point = wire(item);
      out.push({
        name,
        unit,
        service: envelope.service,
        kind,
        temporality,
        attributes: toAttributes(point.attributes),
        time: nanosToMillis(point.timeUnixNano),
        value: kind === 'histogram' ? toNumber(point.sum) : toNumber(point.asDouble ?? point.asInt),
        count: toNumber(point.count),
        bounds: list(point.explicitBounds).map(toNumber),
        bucketCounts: list(point.bucketCounts).map(toNumber),
      });
    }
  }
}
