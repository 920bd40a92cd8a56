import type { ViewerLog, ViewerSpan } from '../otlp/types.js';
import { ATTR_GEN_AI_TOOL_NAME } from './semconv.js';
import type { TraceDetail } from './telemetry-store.js';
import { isLlmSpan } from './trace-summary.js';

/** Characters of a log body sent with a waterfall row; the whole body comes with the log's details. */
export const WATERFALL_BODY_CHARS = 300;
/** Rows sent with the trace, and at most per later request: the page asks for the rows it scrolls to. */
export const WATERFALL_PAGE_ROWS = 200;
export const WATERFALL_MAX_ROWS = 1000;

/** A span row: no attributes, events or resource (those come with its details). */
export interface WaterfallSpanRow {
  readonly kind: 'span';
  readonly depth: number;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly spanKind: number;
  readonly start: number;
  readonly end: number;
  readonly statusCode: number;
  readonly service: string;
  /** How the bar is coloured: an LLM call, a tool call, or neither. */
  readonly category: 'llm' | 'tool' | '';
}

/** A log row; `index` is the log's place in the trace's time-ordered logs (to fetch its details). */
export interface WaterfallLogRow {
  readonly kind: 'log';
  readonly depth: number;
  readonly index: number;
  readonly time: number;
  readonly severityNumber: number;
  readonly body: string;
  readonly spanId: string;
}

export type WaterfallRow = WaterfallSpanRow | WaterfallLogRow;

/** One row per span and log in display order (built once per change of the trace). */
export interface Waterfall {
  /** Positions: `>= 0` a span (index in `detail.spans`), `< 0` a log (`-1 - index` in `detail.logs`). */
  readonly order: Int32Array;
  readonly depths: Uint16Array;
  readonly spanRow: Map<string, number>;
  readonly start: number;
  readonly end: number;
}

export function spanCategory(span: ViewerSpan): WaterfallSpanRow['category'] {
  if (span.attributes[ATTR_GEN_AI_TOOL_NAME] !== undefined) return 'tool';
  return isLlmSpan(span) ? 'llm' : '';
}

/**
 * The waterfall's order: spans depth-first, children under their parent by start time, each span's logs
 * merged with its children in time order; spans whose parent is not in the trace, and logs whose span is
 * not, at the top level by time. Iterative (a 10 000-deep chain must not overflow the stack).
 */
export function buildWaterfall(detail: TraceDetail): Waterfall {
  const { spans, logs } = detail;
  const index = new Map<string, number>();
  spans.forEach((span, i) => index.set(span.spanId, i));
  const children = new Map<number, number[]>(); // parent span position (-1: top) → positions
  const time = (position: number): number => (position >= 0 ? spans[position].start : logs[-1 - position].time);
  const add = (parent: number, position: number): void => {
    let list = children.get(parent);
    if (list === undefined) children.set(parent, (list = []));
    list.push(position);
  };
  spans.forEach((span, i) => add(span.parentSpanId !== '' && index.has(span.parentSpanId) && span.parentSpanId !== span.spanId ? index.get(span.parentSpanId)! : -1, i));
  logs.forEach((log, i) => add(log.spanId !== '' && index.has(log.spanId) ? index.get(log.spanId)! : -1, -1 - i));
  const byTime = (a: number, b: number): number => time(a) - time(b) || (a >= 0 ? -1 : 1);
  const total = spans.length + logs.length;
  const order = new Int32Array(total);
  const depths = new Uint16Array(total);
  const spanRow = new Map<string, number>();
  const stack: number[] = [];
  const stackDepth: number[] = [];
  const push = (parent: number, depth: number): void => {
    const list = children.get(parent);
    if (list === undefined) return;
    list.sort(byTime);
    for (let i = list.length - 1; i >= 0; i--) {
      stack.push(list[i]);
      stackDepth.push(depth);
    }
  };
  push(-1, 0);
  let row = 0;
  const visited = new Uint8Array(spans.length);
  let start = Infinity;
  let end = -Infinity;
  while (stack.length > 0) {
    const position = stack.pop()!;
    const depth = stackDepth.pop()!;
    if (position >= 0) {
      if (visited[position] === 1) continue; // a cycle of parent ids
      visited[position] = 1;
      spanRow.set(spans[position].spanId, row);
      start = Math.min(start, spans[position].start);
      end = Math.max(end, spans[position].end);
    } else {
      start = Math.min(start, logs[-1 - position].time);
      end = Math.max(end, logs[-1 - position].time);
    }
    order[row] = position;
    depths[row] = Math.min(depth, 65_535);
    row++;
    if (position >= 0) push(position, depth + 1);
  }
  return {
    order: order.subarray(0, row),
    depths: depths.subarray(0, row),
    spanRow,
    start: Number.isFinite(start) ? start : 0,
    end: Number.isFinite(end) ? Math.max(end, start + 0.001) : 1,
  };
}

/** Rows `from` … `from + count` of a waterfall, as the page draws them. */
export function waterfallRows(detail: TraceDetail, waterfall: Waterfall, from: number, count: number): WaterfallRow[] {
  const rows: WaterfallRow[] = [];
  const last = Math.min(waterfall.order.length, from + Math.min(count, WATERFALL_MAX_ROWS));
  for (let row = Math.max(0, from); row < last; row++) {
    const position = waterfall.order[row];
    const depth = waterfall.depths[row];
    if (position >= 0) {
      const s = detail.spans[position];
      rows.push({
        kind: 'span', depth, spanId: s.spanId, parentSpanId: s.parentSpanId, name: s.name, spanKind: s.kind, start: s.start, end: s.end,
        statusCode: s.statusCode, service: s.service, category: spanCategory(s),
      });
    } else {
      const log: ViewerLog = detail.logs[-1 - position];
      rows.push({ kind: 'log', depth, index: -1 - position, time: log.time, severityNumber: log.severityNumber, body: (log.body || log.eventName).slice(0, WATERFALL_BODY_CHARS), spanId: log.spanId });
    }
  }
  return rows;
}
