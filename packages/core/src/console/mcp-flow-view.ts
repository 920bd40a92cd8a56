/**
 * The state behind the `mcp` console format: which spans and logs of which trace wait for their
 * tree to be printed.
 */
import { TraceFlags, diag } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Palette } from './colors.js';
import { formatMcpLogLine, formatMcpSpanLine, formatMcpSummaryLine, spanCategory, traceNote } from './format-mcp.js';
import { validContext } from './span-info.js';
import { hrTimeToEpochMs } from './time.js';

/** Bounds of an {@link McpFlowView}. Every bound prints what it holds early; none drops anything. */
export interface McpFlowViewOptions {
  /** Most spans and logs held for one trace; one more prints the trace as it stands. Default 256. */
  maxSpansPerTrace?: number;
  /** Most traces held at once; one more prints the least recently active one as it stands. Default 128. */
  maxTraces?: number;
  /**
   * A trace with no new span or log for this long (ms) is printed as it stands at the next export.
   * The view keeps no timer: a trace is only checked when something is exported. Default 300000 (5 minutes).
   */
  maxTraceAgeMs?: number;
  /**
   * Hold logs of sampled traces from the start, instead of only once the first span has reached the
   * view. Set it when a console span exporter certainly feeds this view, so the logs of the very first
   * request also print inside its tree. Default false: logs never wait for spans that may not come.
   */
  expectSpans?: boolean;
}

/** Default of {@link McpFlowViewOptions.maxSpansPerTrace}. */
export const DEFAULT_MAX_SPANS_PER_TRACE = 256;
/** Default of {@link McpFlowViewOptions.maxTraces}. */
export const DEFAULT_MAX_TRACES = 128;
/** Default of {@link McpFlowViewOptions.maxTraceAgeMs}. */
export const DEFAULT_MAX_TRACE_AGE_MS = 5 * 60_000;
/** How many printed traces the view remembers, to place late children and logs under their parent. */
const MAX_REMEMBERED_TRACES = 1024;

/** One trace with something not yet printed. */
interface PendingTrace {
  spans: ReadableSpan[];
  logs: ReadableLogRecord[];
  /** Depth of every span of this trace already printed, by span id. */
  printed: Map<string, number>;
  touched: number;
}

/** Depths of a printed trace, kept to place late children. */
interface RememberedTrace {
  printed: Map<string, number>;
  touched: number;
}

/** `value` when it is a number ≥ 1 (floored), else `fallback`, with one `diag` warning when `value` was set. */
function positive(name: keyof McpFlowViewOptions, value: number | undefined, fallback: number): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 1) return Math.floor(value);
  if (value !== undefined) {
    diag.warn(`sightline: McpFlowView option "${name}" must be a number >= 1, got ${String(value)}; using ${fallback}`);
  }
  return fallback;
}

/**
 * The tool-call flow view: turns ended spans and log records into the indented lines of the `mcp`
 * console format.
 *
 * Child spans end before their parents, so the spans of a trace are held until its local root ends
 * (a span without a parent, or whose parent is remote, i.e. came from another process) and then
 * printed as one tree in start-time order, with the trace's logs placed under the span they were
 * logged in. A span or log arriving after its parent was printed is printed at once, at its
 * parent's depth plus one, marked `late`. Memory is bounded ({@link McpFlowViewOptions}):
 * overflowing a bound prints what is held, it never drops it.
 *
 * Logs are held only once spans have reached the view (or from the start with
 * {@link McpFlowViewOptions.expectSpans}) and until {@link endSpans}, and only when the record
 * belongs to a sampled trace; otherwise they print at once, so logs never wait for spans
 * that will not come (e.g. when traces go to OTLP and only logs to the console).
 *
 * One view can be shared by a {@link ConsoleLogRecordExporter} and a {@link ConsoleSpanExporter}
 * (see `createConsoleExporters`); whichever exporter completes a tree writes it, so share a view only
 * between exporters writing to the same stream. Methods return the text to write (each line ending
 * in `\n`, or `''`) and leave writing to the caller.
 */
export class McpFlowView {
  private readonly _maxSpansPerTrace: number;
  private readonly _maxTraces: number;
  private readonly _maxTraceAgeMs: number;
  /** Traces with something held, least recently active first. */
  private readonly _pending = new Map<string, PendingTrace>();
  /** Printed traces, least recently active first. */
  private readonly _remembered = new Map<string, RememberedTrace>();
  private _spansFlowing = false;

  /** @param options bounds; see {@link McpFlowViewOptions} for the defaults */
  constructor(options: McpFlowViewOptions = {}) {
    this._maxSpansPerTrace = positive('maxSpansPerTrace', options.maxSpansPerTrace, DEFAULT_MAX_SPANS_PER_TRACE);
    this._maxTraces = positive('maxTraces', options.maxTraces, DEFAULT_MAX_TRACES);
    this._maxTraceAgeMs = positive('maxTraceAgeMs', options.maxTraceAgeMs, DEFAULT_MAX_TRACE_AGE_MS);
    this._spansFlowing = options.expectSpans === true;
  }

  /** Spans and logs held, for diagnostics. */
  get heldCount(): number {
    let count = 0;
    for (const trace of this._pending.values()) count += trace.spans.length + trace.logs.length;
    return count;
  }

  /** Traces with something held, for diagnostics. */
  get heldTraceCount(): number {
    return this._pending.size;
  }

  /**
   * Declares that no more spans will come (the span exporter shut down): from now on logs print at
   * once instead of waiting for their trace's tree.
   */
  endSpans(): void {
    this._spansFlowing = false;
  }

  /**
   * Takes ended spans; returns the lines of every tree they complete (and of traces that overflowed
   * or aged out).
   *
   * @param spans ended spans, in any order
   * @param palette the colours of the returned text
   */
  addSpans(spans: readonly ReadableSpan[], palette: Palette): string {
    const out: string[] = [];
    const now = Date.now();
    if (spans.length > 0) this._spansFlowing = true;
    this._expire(out, now, palette);
    for (const span of spans) {
      const traceId = span.spanContext().traceId;
      const parent = validContext(span.parentSpanContext);
      const trace = this._take(traceId, now);
      if (parent === undefined || parent.isRemote === true) {
        this._printTree(out, traceId, trace, span, 0, palette, undefined);
      } else if (trace.printed.has(parent.spanId)) {
        this._printTree(out, traceId, trace, span, trace.printed.get(parent.spanId)! + 1, palette, 'late');
      } else {
        trace.spans.push(span);
        if (trace.spans.length + trace.logs.length > this._maxSpansPerTrace) this._printHeld(out, traceId, trace, palette);
      }
      this._settle(traceId, trace);
    }
    this._enforceTraceLimit(out, palette);
    return out.length === 0 ? '' : `${out.join('\n')}\n`;
  }

  /**
   * Takes log records; returns the lines of the ones printed at once (outside any held trace, or late).
   *
   * @param records log records, in any order
   * @param palette the colours of the returned text
   */
  addLogs(records: readonly ReadableLogRecord[], palette: Palette): string {
    const out: string[] = [];
    const now = Date.now();
    this._expire(out, now, palette);
    for (const record of records) {
      const context = validContext(record.spanContext);
      if (context === undefined) {
        out.push(formatMcpLogLine(record, 0, palette));
        continue;
      }
      if (!this._spansFlowing || (context.traceFlags & TraceFlags.SAMPLED) === 0) {
        out.push(formatMcpLogLine(record, 0, palette, traceNote(context.traceId, palette)));
        continue;
      }
      const trace = this._take(context.traceId, now);
      const depth = trace.printed.get(context.spanId);
      if (depth !== undefined) {
        out.push(formatMcpLogLine(record, depth + 1, palette, traceNote(context.traceId, palette, 'late')));
      } else {
        trace.logs.push(record);
        if (trace.spans.length + trace.logs.length > this._maxSpansPerTrace) {
          this._printHeld(out, context.traceId, trace, palette);
        }
      }
      this._settle(context.traceId, trace);
    }
    this._enforceTraceLimit(out, palette);
    return out.length === 0 ? '' : `${out.join('\n')}\n`;
  }

  /**
   * Prints everything held, as it stands (spans whose parent has not ended become roots marked
   * `parent open`), and empties the view. Late children that arrive afterwards still find their
   * parent's depth.
   *
   * @param palette the colours of the returned text
   */
  flush(palette: Palette): string {
    const out: string[] = [];
    for (const [traceId, trace] of [...this._pending]) {
      this._printHeld(out, traceId, trace, palette);
      this._settle(traceId, trace);
    }
    return out.length === 0 ? '' : `${out.join('\n')}\n`;
  }

  /** The pending entry of a trace (created, or revived from the remembered ones), marked most recently active. */
  private _take(traceId: string, now: number): PendingTrace {
    let trace = this._pending.get(traceId);
    if (trace !== undefined) {
      this._pending.delete(traceId);
    } else {
      const remembered = this._remembered.get(traceId);
      if (remembered !== undefined) this._remembered.delete(traceId);
      trace = { spans: [], logs: [], printed: remembered?.printed ?? new Map(), touched: now };
    }
    trace.touched = now;
    this._pending.set(traceId, trace);
    return trace;
  }

  /** Moves a trace with nothing held from the pending to the remembered ones. */
  private _settle(traceId: string, trace: PendingTrace): void {
    if (trace.spans.length > 0 || trace.logs.length > 0) return;
    this._pending.delete(traceId);
    if (trace.printed.size === 0) return;
    this._remembered.set(traceId, { printed: trace.printed, touched: trace.touched });
    if (this._remembered.size > MAX_REMEMBERED_TRACES) {
      const oldest = this._remembered.keys().next().value;
      if (oldest !== undefined) this._remembered.delete(oldest);
    }
  }

  private _expire(out: string[], now: number, palette: Palette): void {
    const cutoff = now - this._maxTraceAgeMs;
    for (const [traceId, trace] of this._pending) {
      if (trace.touched > cutoff) break;
      this._printHeld(out, traceId, trace, palette);
      this._settle(traceId, trace);
    }
    for (const [traceId, trace] of this._remembered) {
      if (trace.touched > cutoff) break;
      this._remembered.delete(traceId);
    }
  }

  private _enforceTraceLimit(out: string[], palette: Palette): void {
    while (this._pending.size > this._maxTraces) {
      const [traceId, trace] = this._pending.entries().next().value!;
      this._printHeld(out, traceId, trace, palette);
      this._settle(traceId, trace);
      this._pending.delete(traceId);
    }
  }

  /** Prints everything held for one trace: each held span whose parent is not held starts a tree. */
  private _printHeld(out: string[], traceId: string, trace: PendingTrace, palette: Palette): void {
    const heldIds = new Set(trace.spans.map((span) => span.spanContext().spanId));
    const roots = trace.spans
      .filter((span) => {
        const parent = validContext(span.parentSpanContext);
        return parent === undefined || !heldIds.has(parent.spanId);
      })
      .sort(byStart);
    for (const root of roots) {
      const parent = validContext(root.parentSpanContext);
      const parentDepth = parent === undefined ? undefined : trace.printed.get(parent.spanId);
      if (parentDepth !== undefined) this._printTree(out, traceId, trace, root, parentDepth + 1, palette, 'late');
      else this._printTree(out, traceId, trace, root, 0, palette, parent === undefined ? undefined : 'parent open');
    }
    for (const record of trace.logs.sort(byLogTime)) {
      const spanId = record.spanContext?.spanId;
      const depth = spanId === undefined ? undefined : trace.printed.get(spanId);
      out.push(
        depth === undefined
          ? formatMcpLogLine(record, 0, palette, traceNote(traceId, palette, 'span open'))
          : formatMcpLogLine(record, depth + 1, palette, traceNote(traceId, palette, 'late')),
      );
    }
    trace.spans = [];
    trace.logs = [];
  }

  /**
   * Prints `root` and every held span and log below it, removing them from the trace. A tree without
   * any MCP or LLM span prints as one summary line (plus its logs) when it is a whole local trace.
   */
  private _printTree(
    out: string[],
    traceId: string,
    trace: PendingTrace,
    root: ReadableSpan,
    depth: number,
    palette: Palette,
    note: string | undefined,
  ): void {
    const children = new Map<string, ReadableSpan[]>();
    for (const span of trace.spans) {
      const parentId = validContext(span.parentSpanContext)?.spanId;
      if (parentId === undefined) continue;
      const list = children.get(parentId);
      if (list === undefined) children.set(parentId, [span]);
      else list.push(span);
    }
    // Collect the subtree (breadth first; `seen` guards against malformed id cycles).
    const rootId = root.spanContext().spanId;
    const seen = new Set<string>([rootId]);
    const subtree: ReadableSpan[] = [root];
    for (let i = 0; i < subtree.length; i++) {
      for (const child of children.get(subtree[i].spanContext().spanId) ?? []) {
        const id = child.spanContext().spanId;
        if (seen.has(id)) continue;
        seen.add(id);
        subtree.push(child);
      }
    }
    trace.spans = trace.spans.filter((span) => !seen.has(span.spanContext().spanId));
    const logs = new Map<string, ReadableLogRecord[]>();
    const keptLogs: ReadableLogRecord[] = [];
    for (const record of trace.logs) {
      const spanId = record.spanContext?.spanId;
      if (spanId === undefined || !seen.has(spanId)) {
        keptLogs.push(record);
        continue;
      }
      const list = logs.get(spanId);
      if (list === undefined) logs.set(spanId, [record]);
      else list.push(record);
    }
    trace.logs = keptLogs;

    const suffix = depth === 0 || note !== undefined ? traceNote(traceId, palette, note) : undefined;
    if (depth === 0 && note === undefined && !subtree.some((span) => spanCategory(span) !== 'other')) {
      out.push(formatMcpSummaryLine(root, subtree.length, palette));
      for (const span of subtree) {
        if (trace.printed.size < this._maxSpansPerTrace * 4) trace.printed.set(span.spanContext().spanId, span === root ? 0 : 1);
      }
      const allLogs = [...logs.values()].flat().sort(byLogTime);
      for (const record of allLogs) out.push(formatMcpLogLine(record, 1, palette));
      return;
    }
    this._printNode(out, trace, root, depth, children, logs, seen, palette, suffix, depth === 0 && note === undefined);
  }

  private _printNode(
    out: string[],
    trace: PendingTrace,
    span: ReadableSpan,
    depth: number,
    children: Map<string, ReadableSpan[]>,
    logs: Map<string, ReadableLogRecord[]>,
    subtree: Set<string>,
    palette: Palette,
    suffix: string | undefined,
    isRoot: boolean,
  ): void {
    const spanId = span.spanContext().spanId;
    if (trace.printed.size < this._maxSpansPerTrace * 4) trace.printed.set(spanId, depth);
    subtree.delete(spanId);
    const items: Array<{ at: number; span?: ReadableSpan; log?: ReadableLogRecord }> = [];
    for (const child of children.get(spanId) ?? []) {
      if (subtree.has(child.spanContext().spanId)) items.push({ at: hrTimeToEpochMs(child.startTime), span: child });
    }
    for (const record of logs.get(spanId) ?? []) items.push({ at: hrTimeToEpochMs(record.hrTime), log: record });
    if (items.length === 0) {
      out.push(formatMcpSpanLine(span, depth, 'leaf', palette, suffix, isRoot));
      return;
    }
    items.sort((a, b) => a.at - b.at);
    out.push(formatMcpSpanLine(span, depth, 'open', palette, suffix, isRoot));
    for (const item of items) {
      if (item.span !== undefined) {
        this._printNode(out, trace, item.span, depth + 1, children, logs, subtree, palette, undefined, false);
      } else {
        out.push(formatMcpLogLine(item.log!, depth + 1, palette));
      }
    }
    out.push(formatMcpSpanLine(span, depth, 'close', palette, undefined, isRoot));
  }
}

function byStart(a: ReadableSpan, b: ReadableSpan): number {
  return hrTimeToEpochMs(a.startTime) - hrTimeToEpochMs(b.startTime);
}

function byLogTime(a: ReadableLogRecord, b: ReadableLogRecord): number {
  return hrTimeToEpochMs(a.hrTime) - hrTimeToEpochMs(b.hrTime);
}
