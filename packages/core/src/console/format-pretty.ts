/**
 * The `pretty` console format, for people: one header line per record, its attributes indented
 * below, one `key: value` per line in key order. Every untrusted string is escaped, so the only line
 * breaks in the output are the ones written here, and every line after a header starts with spaces.
 * Every function returns the record's text without a trailing newline and never throws.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { AnyValue, Attributes } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { DataPointType } from '@opentelemetry/sdk-metrics';
import type { MetricData } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Palette, Style } from './colors.js';
import { escapeText } from './escape.js';
import { safeStringify, truncateString } from './safe-json.js';
import { ATTR_EXCEPTION_STACKTRACE } from '../semconv.js';
import { levelLabel } from './severity.js';
import { shortTraceId, spanKindName, validContext } from './span-info.js';
import { formatClock, formatDuration, hrDurationToMs, hrTimeToEpochMs } from './time.js';

/** Indentation of attribute and event lines under a header. */
const INDENT = '    ';
/** Most lines of an `exception.stacktrace` block; the rest is counted. */
const MAX_STACK_LINES = 50;
/** Line breaks of a stack trace: CRLF, LF, CR and the Unicode separators. */
const STACK_LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/**
 * One value as single-line, escaped text: strings as they are (escaped, capped at 8 KiB), numbers,
 * booleans and bigints in their usual form, arrays and objects as inline JSON.
 *
 * @param value an attribute value or log body
 */
export function formatInlineValue(value: AnyValue): string {
  switch (typeof value) {
    case 'string':
      return escapeText(truncateString(value));
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'undefined';
    default:
      return value === null ? 'null' : safeStringify(value);
  }
}

/**
 * The style of a level label (`INFO` green, `WARN` yellow, `ERROR`/`FATAL` red, …).
 *
 * @param level a label from {@link levelLabel}, or `SPAN` / `METRIC`
 * @param palette the colours in use
 */
export function levelStyle(level: string, palette: Palette): Style {
  switch (level) {
    case 'TRACE':
      return palette.gray;
    case 'DEBUG':
      return palette.blue;
    case 'INFO':
      return palette.green;
    case 'WARN':
      return palette.yellow;
    case 'ERROR':
      return palette.red;
    case 'FATAL':
      return (text) => palette.bold(palette.red(text));
    case 'SPAN':
      return palette.cyan;
    case 'METRIC':
      return palette.magenta;
    default:
      return (text) => text;
  }
}

/**
 * Attribute lines, sorted by key, each `<indent>key: value`. A string `exception.stacktrace` becomes an
 * indented block of escaped lines (at most 50) so a stack stays readable without breaking the rule
 * that only header lines start at column 0.
 *
 * @param attributes the attributes to print
 * @param indent the prefix of each line
 * @param palette the colours in use
 */
export function formatAttributeLines(attributes: Attributes, indent: string, palette: Palette): string[] {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return [];
  keys.sort();
  const lines: string[] = [];
  for (const key of keys) {
    const value = attributes[key];
    const label = palette.dim(`${escapeText(truncateString(key))}:`);
    if (key === ATTR_EXCEPTION_STACKTRACE && typeof value === 'string') {
      lines.push(`${indent}${label}`);
      appendStack(lines, value, `${indent}  `);
    } else {
      lines.push(`${indent}${label} ${formatInlineValue(value)}`);
    }
  }
  return lines;
}

function appendStack(lines: string[], stack: string, indent: string): void {
  const stackLines = truncateString(stack).split(STACK_LINE_BREAK);
  const shown = Math.min(stackLines.length, MAX_STACK_LINES);
  for (let i = 0; i < shown; i++) lines.push(`${indent}${escapeText(stackLines[i])}`);
  if (stackLines.length > shown) lines.push(`${indent}…[${stackLines.length - shown} more lines]`);
}

/**
 * The message of a log record on one line: a string body escaped, any other body as inline JSON,
 * nothing for a record without a body.
 *
 * @param body the record's body
 */
export function formatMessage(body: AnyValue): string {
  return body === undefined || body === null ? '' : formatInlineValue(body);
}

/**
 * Formats a log record:
 * `HH:MM:SS.mmm LEVEL scope message  trace=1a2b3c4d` then its attributes, indented.
 *
 * @param record a log record from the SDK
 * @param palette the colours in use
 */
export function formatLogPretty(record: ReadableLogRecord, palette: Palette): string {
  try {
    const level = levelLabel(record.severityNumber, record.severityText);
    const scope = escapeText(truncateString(record.instrumentationScope.name, 200));
    let header = `${palette.dim(formatClock(hrTimeToEpochMs(record.hrTime)))} ${levelStyle(level, palette)(level.padEnd(5))}`;
    if (scope !== '') header += ` ${palette.dim(scope)}`;
    const message = formatMessage(record.body);
    if (message !== '') header += ` ${message}`;
    const meta: string[] = [];
    if (record.eventName) meta.push(`event=${escapeText(truncateString(record.eventName, 200))}`);
    const context = validContext(record.spanContext);
    if (context !== undefined) meta.push(`trace=${shortTraceId(context.traceId)}`);
    if (meta.length > 0) header += `  ${palette.dim(meta.join(' '))}`;
    const lines = formatAttributeLines(record.attributes, INDENT, palette);
    return lines.length === 0 ? header : `${header}\n${lines.join('\n')}`;
  } catch (error) {
    return brokenRecord('log', error);
  }
}

/**
 * Formats an ended span:
 * `HH:MM:SS.mmm SPAN  name 12.3ms trace=1a2b3c4d kind=server status=ERROR: message`, then its
 * attributes and events, indented. `kind` is shown unless `INTERNAL`; `status` unless `UNSET`.
 *
 * @param span an ended span from the SDK
 * @param palette the colours in use
 */
export function formatSpanPretty(span: ReadableSpan, palette: Palette): string {
  try {
    const startMs = hrTimeToEpochMs(span.startTime);
    const name = escapeText(truncateString(span.name, 1024));
    let header = `${palette.dim(formatClock(startMs))} ${levelStyle('SPAN', palette)('SPAN ')} ${palette.bold(name)} ${formatDuration(hrDurationToMs(span.duration))}`;
    const meta = [`trace=${shortTraceId(span.spanContext().traceId)}`];
    if (span.kind !== SpanKind.INTERNAL) meta.push(`kind=${spanKindName(span.kind).toLowerCase()}`);
    header += ` ${palette.dim(meta.join(' '))}`;
    if (span.status.code === SpanStatusCode.ERROR) {
      const message = span.status.message ? `: ${escapeText(truncateString(span.status.message))}` : '';
      header += ` ${palette.red(`status=ERROR${message}`)}`;
    } else if (span.status.code === SpanStatusCode.OK) {
      header += ` ${palette.green('status=OK')}`;
    }
    const lines = formatAttributeLines(span.attributes, INDENT, palette);
    for (const event of span.events) {
      const offset = formatDuration(hrTimeToEpochMs(event.time) - startMs);
      let line = `${INDENT}${palette.dim('event')} ${escapeText(truncateString(event.name, 1024))} ${palette.dim(`+${offset}`)}`;
      if (event.attributes !== undefined && Object.keys(event.attributes).length > 0) {
        line += ` ${safeStringify(event.attributes)}`;
      }
      lines.push(line);
    }
    return lines.length === 0 ? header : `${header}\n${lines.join('\n')}`;
  } catch (error) {
    return brokenRecord('span', error);
  }
}

/**
 * Formats a metric, one line per data point:
 * `HH:MM:SS.mmm METRIC name{key=value,…} 42 unit`; histograms print `count= sum= min= max=`.
 *
 * @param metric a metric from a `ResourceMetrics` batch
 * @param _scope the scope the metric came from (not printed)
 * @param palette the colours in use
 */
export function formatMetricPretty(metric: MetricData, _scope: InstrumentationScope, palette: Palette): string {
  try {
    const name = escapeText(truncateString(metric.descriptor.name, 1024));
    const unit = metric.descriptor.unit ? ` ${palette.dim(escapeText(truncateString(metric.descriptor.unit, 64)))}` : '';
    const label = levelStyle('METRIC', palette)('METRIC');
    const lines: string[] = [];
    for (const point of metric.dataPoints) {
      const value =
        metric.dataPointType === DataPointType.HISTOGRAM || metric.dataPointType === DataPointType.EXPONENTIAL_HISTOGRAM
          ? histogramText(point.value as { count: number; sum?: number; min?: number; max?: number })
          : String(point.value);
      lines.push(
        `${palette.dim(formatClock(hrTimeToEpochMs(point.endTime)))} ${label} ${palette.bold(name)}${inlineLabels(point.attributes, palette)} ${value}${unit}`,
      );
    }
    return lines.join('\n');
  } catch (error) {
    return brokenRecord('metric', error);
  }
}

function histogramText(value: { count: number; sum?: number; min?: number; max?: number }): string {
  let text = `count=${value.count}`;
  if (value.sum !== undefined) text += ` sum=${value.sum}`;
  if (value.min !== undefined) text += ` min=${value.min}`;
  if (value.max !== undefined) text += ` max=${value.max}`;
  return text;
}

function inlineLabels(attributes: Attributes, palette: Palette): string {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return '';
  keys.sort();
  const parts = keys.map((key) => `${escapeText(truncateString(key, 256))}=${formatInlineValue(attributes[key])}`);
  return palette.dim(`{${parts.join(',')}}`);
}

/** The line written when a record is so malformed that even reading its fields throws. */
function brokenRecord(type: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `${formatClock(Date.now())} ERROR sightline unformattable ${type}: ${escapeText(truncateString(reason, 1024))}`;
}
