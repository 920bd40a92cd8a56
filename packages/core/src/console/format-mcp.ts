/**
 * Line rendering of the `mcp` console format: the tool-call flow view of an MCP server that calls
 * LLMs. {@link McpFlowView} decides which spans and logs go on which line and at which depth; the
 * functions here turn one span or log record into one escaped line:
 *
 * ```text
 * 12:00:00.000 → tools/call get_weather  (trace 1a2b3c4d)
 * 12:00:00.004   · INFO fetching forecast
 * 12:00:00.010   ↳ chat gpt-4o  openai  812ms  in=120 out=48
 * 12:00:00.830   ↳ GET  182ms
 * 12:00:01.020 ← tools/call get_weather  1.02s ok
 * ```
 *
 * A span with children (or logs) gets an opening `→` line and a closing `←` line; a span without gets
 * one `↳` line (`⇄` at depth 0). Non-MCP/LLM spans are dimmed and show only their name and duration.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { AnyValue } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Palette, Style } from './colors.js';
import { escapeText } from './escape.js';
import { formatMessage, levelStyle } from './format-pretty.js';
import { truncateString } from './safe-json.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_TYPE,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_RESOURCE_URI,
} from '../semconv.js';
import { levelLabel } from './severity.js';
import { shortTraceId } from './span-info.js';
import { formatClock, formatDuration, hrDurationToMs, hrTimeToEpochMs } from './time.js';

/** How a span is drawn: an MCP request, an LLM (GenAI) operation, or anything else (dimmed). */
export type McpSpanCategory = 'mcp' | 'llm' | 'other';

/** Which line of a span: the opening line of a span with children, its closing line, or the single line of a leaf. */
export type McpLineShape = 'open' | 'close' | 'leaf';

/** Longest name, model or message fragment on a flow line; longer ones are cut and marked. */
const MAX_LABEL = 200;
/** Longest log message on a flow line. */
const MAX_MESSAGE = 1024;
const SEP = '  ';

/**
 * `mcp` when the span has `mcp.method.name`, `llm` when it has `gen_ai.operation.name`, else `other`.
 *
 * @param span an ended span
 */
export function spanCategory(span: ReadableSpan): McpSpanCategory {
  const attributes = span.attributes;
  if (attributes[ATTR_MCP_METHOD_NAME] !== undefined) return 'mcp';
  if (attributes[ATTR_GEN_AI_OPERATION_NAME] !== undefined) return 'llm';
  return 'other';
}

function text(value: AnyValue, max = MAX_LABEL): string {
  if (value === undefined || value === null) return '';
  return escapeText(truncateString(typeof value === 'string' ? value : String(value), max));
}

function firstText(...values: AnyValue[]): string {
  for (const value of values) {
    const t = text(value);
    if (t !== '') return t;
  }
  return '';
}

/**
 * The label of a span on a flow line, escaped: `tools/call get_weather` for MCP (method and tool,
 * prompt or resource), `chat gpt-4o` for LLM operations (operation and model, tool or agent), the
 * span name otherwise.
 *
 * @param span an ended span
 * @param category its {@link spanCategory}
 */
export function spanLabel(span: ReadableSpan, category: McpSpanCategory = spanCategory(span)): string {
  const a = span.attributes;
  if (category === 'mcp') {
    const target = firstText(a[ATTR_GEN_AI_TOOL_NAME], a[ATTR_GEN_AI_PROMPT_NAME], a[ATTR_MCP_RESOURCE_URI]);
    const method = text(a[ATTR_MCP_METHOD_NAME]);
    return target === '' ? method : `${method} ${target}`;
  }
  if (category === 'llm') {
    const subject = firstText(
      a[ATTR_GEN_AI_REQUEST_MODEL],
      a[ATTR_GEN_AI_RESPONSE_MODEL],
      a[ATTR_GEN_AI_TOOL_NAME],
      a[ATTR_GEN_AI_AGENT_NAME],
    );
    const operation = text(a[ATTR_GEN_AI_OPERATION_NAME]);
    return subject === '' ? operation : `${operation} ${subject}`;
  }
  return text(span.name);
}

/** The error text of a span (`error: status message` or `error: error.type`), or `undefined` when it did not fail. */
function spanError(span: ReadableSpan): string | undefined {
  const errorType = span.attributes[ATTR_ERROR_TYPE];
  if (span.status.code !== SpanStatusCode.ERROR && errorType === undefined) return undefined;
  const reason = firstText(span.status.message, errorType);
  return reason === '' ? 'error' : `error: ${reason}`;
}

function tokens(span: ReadableSpan): string {
  const input = span.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS];
  const output = span.attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS];
  const parts: string[] = [];
  if (input !== undefined) parts.push(`in=${text(input)}`);
  if (output !== undefined) parts.push(`out=${text(output)}`);
  return parts.join(' ');
}

function categoryStyle(category: McpSpanCategory, palette: Palette): Style {
  if (category === 'mcp') return (t) => palette.bold(palette.cyan(t));
  if (category === 'llm') return palette.magenta;
  return palette.dim;
}

function prefix(epochMs: number, depth: number, palette: Palette): string {
  return `${palette.dim(formatClock(epochMs))} ${'  '.repeat(depth)}`;
}

/**
 * The dimmed trace reference closing a depth-0 or out-of-tree line: `(trace 1a2b3c4d)` or
 * `(trace 1a2b3c4d, late)`.
 *
 * @param traceId the trace id
 * @param palette the colours in use
 * @param note an extra word, e.g. `late`
 */
export function traceNote(traceId: string, palette: Palette, note?: string): string {
  return palette.dim(`(trace ${escapeText(shortTraceId(traceId))}${note ? `, ${note}` : ''})`);
}

/**
 * One line of a span in the flow.
 * - `open` (start time): `→ label`, plus `client` for MCP client spans and the provider for LLM spans;
 * - `close` (end time): `← label  duration  in= out=  ok|error: …` (`ok` only for MCP/LLM spans and roots);
 * - `leaf` (start time): `↳ label  provider  duration  in= out=` plus `error: …`, or `ok` for MCP spans
 *   and roots (where the arrow is `⇄`).
 *
 * @param span an ended span
 * @param depth its nesting inside the printed tree (0 = root)
 * @param shape which line
 * @param palette the colours in use
 * @param suffix text appended after two spaces (e.g. {@link traceNote})
 * @param isRoot whether the span is the root of its printed tree; default `depth === 0`. A span
 *   printed at depth 0 only because its parent has not ended is not a root.
 */
export function formatMcpSpanLine(
  span: ReadableSpan,
  depth: number,
  shape: McpLineShape,
  palette: Palette,
  suffix?: string,
  isRoot: boolean = depth === 0,
): string {
  const category = spanCategory(span);
  const style = categoryStyle(category, palette);
  const arrow = shape === 'open' ? '→' : shape === 'close' ? '←' : isRoot ? '⇄' : '↳';
  const time = shape === 'close' ? hrTimeToEpochMs(span.endTime) : hrTimeToEpochMs(span.startTime);
  const parts = [style(`${arrow} ${spanLabel(span, category)}`)];
  if (shape !== 'close') {
    if (category === 'mcp' && span.kind === SpanKind.CLIENT) parts.push(palette.dim('client'));
    if (category === 'llm') {
      const provider = firstText(span.attributes[ATTR_GEN_AI_PROVIDER_NAME], span.attributes[ATTR_GEN_AI_SYSTEM]);
      if (provider !== '') parts.push(palette.dim(provider));
    }
  }
  if (shape !== 'open') {
    parts.push(formatDuration(hrDurationToMs(span.duration)));
    if (category === 'llm') {
      const usage = tokens(span);
      if (usage !== '') parts.push(usage);
    }
    const error = spanError(span);
    if (error !== undefined) parts.push(palette.red(error));
    else if (isRoot || (category !== 'other' && (shape === 'close' || category === 'mcp'))) {
      parts.push(palette.green('ok'));
    }
  }
  if (suffix) parts.push(suffix);
  return prefix(time, depth, palette) + parts.join(SEP);
}

/**
 * The single dimmed line standing for a whole tree without any MCP or LLM span (an HTTP health check,
 * a background job): `⇄ GET /health  3.2ms  (trace 1a2b3c4d, 4 spans)`.
 *
 * @param root the tree's root span
 * @param spanCount how many spans the tree has, root included
 * @param palette the colours in use
 */
export function formatMcpSummaryLine(root: ReadableSpan, spanCount: number, palette: Palette): string {
  const parts = [palette.dim(`⇄ ${text(root.name)}`), formatDuration(hrDurationToMs(root.duration))];
  const error = spanError(root);
  if (error !== undefined) parts.push(palette.red(error));
  parts.push(traceNote(root.spanContext().traceId, palette, spanCount > 1 ? `${spanCount} spans` : undefined));
  return prefix(hrTimeToEpochMs(root.startTime), 0, palette) + parts.join(SEP);
}

/**
 * One log record in the flow: `· INFO message`, plus `exception.type: exception.message` when the
 * record carries an exception. At depth 0 (a record outside any buffered trace) the scope is shown too.
 *
 * @param record a log record
 * @param depth its nesting (one more than the span it was logged under)
 * @param palette the colours in use
 * @param suffix text appended after two spaces (e.g. {@link traceNote})
 */
export function formatMcpLogLine(record: ReadableLogRecord, depth: number, palette: Palette, suffix?: string): string {
  const level = levelLabel(record.severityNumber, record.severityText);
  const parts = [`${palette.dim('·')} ${levelStyle(level, palette)(level)}`];
  if (depth === 0) {
    const scope = text(record.instrumentationScope.name);
    if (scope !== '') parts[0] += ` ${palette.dim(scope)}`;
  }
  let message = formatMessage(record.body);
  if (message === '' && record.eventName) message = text(record.eventName);
  if (message !== '') parts[0] += ` ${truncateString(message, MAX_MESSAGE)}`;
  const exceptionType = text(record.attributes[ATTR_EXCEPTION_TYPE]);
  const exceptionMessage = text(record.attributes[ATTR_EXCEPTION_MESSAGE], MAX_MESSAGE);
  if (exceptionType !== '' || exceptionMessage !== '') {
    parts.push(palette.red([exceptionType, exceptionMessage].filter((p) => p !== '').join(': ')));
  }
  if (suffix) parts.push(suffix);
  return prefix(hrTimeToEpochMs(record.hrTime), depth, palette) + parts.join(SEP);
}
