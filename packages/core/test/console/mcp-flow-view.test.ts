import { DiagLogLevel, ROOT_CONTEXT, SpanStatusCode, diag, trace } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLAIN_PALETTE } from '../../src/console/colors.js';
import { McpFlowView } from '../../src/console/mcp-flow-view.js';
import { T0, captureFlow, captureSpans, runToolCall, within } from './fixtures/sdk.js';

/** The lines of `text` without their `HH:MM:SS.mmm ` column. */
function body(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n').map((line) => line.slice(13));
}

function agentFlow(tracer: Tracer): void {
  const agent = tracer.startSpan('invoke_agent planner', {
    startTime: T0,
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'planner' },
  }, ROOT_CONTEXT);
  const plan = tracer.startSpan('chat', {
    startTime: T0 + 1,
    attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'claude-sonnet', 'gen_ai.provider.name': 'anthropic', 'gen_ai.usage.input_tokens': 900, 'gen_ai.usage.output_tokens': 30 },
  }, within(agent));
  plan.end(T0 + 400);
  const call = tracer.startSpan('tools/call search', {
    kind: 2,
    startTime: T0 + 401,
    attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'search' },
  }, within(agent));
  const http = tracer.startSpan('POST', { kind: 2, startTime: T0 + 402 }, within(call));
  http.setStatus({ code: SpanStatusCode.ERROR, message: 'HTTP 503' });
  http.end(T0 + 450);
  call.end(T0 + 452);
  agent.end(T0 + 1500);
}

afterEach(() => {
  vi.useRealTimers();
  diag.disable();
});

describe('McpFlowView', () => {
  it('prints a tool call with its LLM call and logs as one tree once the root ends', async () => {
    const { spans, logs } = await captureFlow((tracer, logger) => {
      runToolCall(tracer, logger);
    });
    const view = new McpFlowView({ expectSpans: true });
    expect(view.addLogs(logs, PLAIN_PALETTE)).toBe('');
    expect(view.addSpans(spans.slice(0, 2), PLAIN_PALETTE)).toBe('');
    expect(view.heldCount).toBe(3);
    const traceId = spans[0].spanContext().traceId.slice(0, 8);
    expect(body(view.addSpans(spans.slice(2), PLAIN_PALETTE))).toEqual([
      `→ tools/call get_weather  (trace ${traceId})`,
      '  · INFO fetching forecast',
      '  ↳ chat gpt-4o  openai  812ms  in=120 out=48',
      '  ↳ GET  182ms',
      '← tools/call get_weather  1.02s  ok',
    ]);
    expect(view.heldCount).toBe(0);
    expect(view.heldTraceCount).toBe(0);
  });

  it('nests deeper trees in start-time order whatever the export order', async () => {
    const { spans } = await captureFlow((tracer) => agentFlow(tracer));
    const view = new McpFlowView();
    const shuffled = [spans[1], spans[0], spans[2]];
    expect(view.addSpans(shuffled, PLAIN_PALETTE)).toBe('');
    const lines = body(view.addSpans([spans[3]], PLAIN_PALETTE));
    expect(lines).toEqual([
      expect.stringMatching(/^→ invoke_agent planner {2}\(trace [0-9a-f]{8}\)$/),
      '  ↳ chat claude-sonnet  anthropic  399ms  in=900 out=30',
      '  → tools/call search  client',
      '    ↳ POST  48.0ms  error: HTTP 503',
      '  ← tools/call search  51.0ms  ok',
      '← invoke_agent planner  1.50s  ok',
    ]);
  });

  it('prints logs at once until spans flow, and for unsampled traces', async () => {
    const { logs, spans } = await captureFlow((tracer, logger) => {
      runToolCall(tracer, logger);
      logger.emit({
        body: 'unsampled',
        context: trace.setSpan(ROOT_CONTEXT, trace.wrapSpanContext({ traceId: 'f'.repeat(32), spanId: 'e'.repeat(16), traceFlags: 0 })),
      });
      logger.emit({ body: 'no trace' });
    });
    const view = new McpFlowView();
    expect(body(view.addLogs([logs[0]], PLAIN_PALETTE))).toEqual([
      expect.stringMatching(/^· INFO test\.scope fetching forecast {2}\(trace [0-9a-f]{8}\)$/),
    ]);
    view.addSpans(spans.slice(0, 1), PLAIN_PALETTE);
    expect(body(view.addLogs(logs.slice(1), PLAIN_PALETTE))).toEqual([
      '· LOG test.scope unsampled  (trace ffffffff)',
      '· LOG test.scope no trace',
    ]);
  });

  it('prints a child that ends after its parent was printed at once, marked late', async () => {
    const { spans } = await captureFlow((tracer) => {
      const root = tracer.startSpan('tools/call slow', { startTime: T0, attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'slow' } }, ROOT_CONTEXT);
      const background = tracer.startSpan('chat', { startTime: T0 + 5, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm' } }, within(root));
      root.end(T0 + 10);
      background.end(T0 + 100);
    });
    const view = new McpFlowView();
    expect(body(view.addSpans([spans[0]], PLAIN_PALETTE))).toEqual([
      expect.stringMatching(/^⇄ tools\/call slow {2}10\.0ms {2}ok {2}\(trace [0-9a-f]{8}\)$/),
    ]);
    expect(body(view.addSpans([spans[1]], PLAIN_PALETTE))).toEqual([
      expect.stringMatching(/^ {2}↳ chat m {2}95\.0ms {2}\(trace [0-9a-f]{8}, late\)$/),
    ]);
  });

  it('treats a span with a remote parent as a local root', async () => {
    const spans = await captureSpans((tracer) => {
      const remote = trace.setSpan(
        ROOT_CONTEXT,
        trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1, isRemote: true }),
      );
      const server = tracer.startSpan('tools/list', { kind: 1, startTime: T0, attributes: { 'mcp.method.name': 'tools/list' } }, remote);
      server.end(T0 + 2);
    });
    const view = new McpFlowView();
    expect(body(view.addSpans(spans, PLAIN_PALETTE))).toEqual(['⇄ tools/list  2.00ms  ok  (trace 11111111)']);
  });

  it('summarises a trace without MCP or LLM spans in one dimmed line', async () => {
    const spans = await captureSpans((tracer) => {
      const root = tracer.startSpan('GET /health', { kind: 1, startTime: T0 }, ROOT_CONTEXT);
      tracer.startSpan('db ping', { startTime: T0 + 1 }, within(root)).end(T0 + 2);
      root.end(T0 + 3);
    });
    const view = new McpFlowView();
    expect(body(view.addSpans(spans, PLAIN_PALETTE))).toEqual([
      expect.stringMatching(/^⇄ GET \/health {2}3\.00ms {2}\(trace [0-9a-f]{8}, 2 spans\)$/),
    ]);
  });

  it('prints a trace as it stands when it holds too many spans, losing none', async () => {
    const spans = await captureSpans((tracer) => {
      const root = tracer.startSpan('tools/call big', { startTime: T0, attributes: { 'mcp.method.name': 'tools/call' } }, ROOT_CONTEXT);
      for (let i = 0; i < 5; i++) {
        tracer.startSpan(`step ${i}`, { startTime: T0 + i, attributes: { 'gen_ai.operation.name': 'chat' } }, within(root)).end(T0 + i + 1);
      }
      root.end(T0 + 10);
    });
    const view = new McpFlowView({ maxSpansPerTrace: 3 });
    let out = '';
    for (const span of spans) out += view.addSpans([span], PLAIN_PALETTE);
    const lines = body(out);
    const orphan = /^↳ chat {2}1\.00ms {2}\(trace [0-9a-f]{8}, parent open\)$/;
    expect(lines).toEqual([
      expect.stringMatching(orphan),
      expect.stringMatching(orphan),
      expect.stringMatching(orphan),
      expect.stringMatching(orphan),
      expect.stringMatching(/^→ tools\/call {2}\(trace [0-9a-f]{8}\)$/),
      '  ↳ chat  1.00ms',
      '← tools/call  10.0ms  ok',
    ]);
    expect(view.heldCount).toBe(0);
  });

  it('prints the least recently active trace when too many are held', async () => {
    const spans = await captureSpans((tracer) => {
      for (let t = 0; t < 3; t++) {
        const root = tracer.startSpan(`root ${t}`, { startTime: T0, attributes: { 'mcp.method.name': 'tools/call' } }, ROOT_CONTEXT);
        tracer.startSpan(`child ${t}`, { startTime: T0 + 1 }, within(root)).end(T0 + 2);
      }
    });
    const view = new McpFlowView({ maxTraces: 2 });
    expect(view.addSpans(spans.slice(0, 2), PLAIN_PALETTE)).toBe('');
    const lines = body(view.addSpans(spans.slice(2), PLAIN_PALETTE));
    expect(lines).toEqual([expect.stringMatching(/^↳ child 0 {2}1\.00ms {2}\(trace [0-9a-f]{8}, parent open\)$/)]);
    expect(view.heldTraceCount).toBe(2);
  });

  it('prints traces untouched for too long at the next export', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { spans } = await captureFlow((tracer) => agentFlow(tracer));
    const view = new McpFlowView({ maxTraceAgeMs: 60_000 });
    expect(view.addSpans(spans.slice(0, 1), PLAIN_PALETTE)).toBe('');
    vi.setSystemTime(T0 + 30_000);
    expect(view.addSpans([], PLAIN_PALETTE)).toBe('');
    vi.setSystemTime(T0 + 61_000);
    expect(body(view.addSpans([], PLAIN_PALETTE))).toEqual([
      expect.stringMatching(/^↳ chat claude-sonnet .*\(trace [0-9a-f]{8}, parent open\)$/),
    ]);
    expect(view.heldCount).toBe(0);
  });

  it('flush prints everything held, spans and logs, and late arrivals still find their depth', async () => {
    const { spans, logs } = await captureFlow((tracer, logger) => {
      runToolCall(tracer, logger);
    });
    const view = new McpFlowView({ expectSpans: true });
    view.addLogs(logs, PLAIN_PALETTE);
    view.addSpans(spans.slice(0, 1), PLAIN_PALETTE);
    const flushed = body(view.flush(PLAIN_PALETTE));
    expect(flushed).toEqual([
      expect.stringMatching(/^↳ chat gpt-4o .*\(trace [0-9a-f]{8}, parent open\)$/),
      expect.stringMatching(/^· INFO test\.scope fetching forecast {2}\(trace [0-9a-f]{8}, span open\)$/),
    ]);
    expect(view.flush(PLAIN_PALETTE)).toBe('');
    const rest = body(view.addSpans(spans.slice(1), PLAIN_PALETTE));
    expect(rest).toEqual([
      expect.stringMatching(/^→ tools\/call get_weather/),
      '  ↳ GET  182ms',
      '← tools/call get_weather  1.02s  ok',
    ]);
  });

  it('warns once per bad bound and uses the default', () => {
    const warnings: string[] = [];
    const push = (message: string) => warnings.push(message);
    diag.setLogger({ error: push, warn: push, info: push, debug: push, verbose: push }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
    const view = new McpFlowView({ maxTraces: 0, maxSpansPerTrace: Number.NaN });
    expect(warnings).toEqual([
      expect.stringContaining('McpFlowView option "maxSpansPerTrace" must be a number >= 1, got NaN; using 256'),
      expect.stringContaining('McpFlowView option "maxTraces" must be a number >= 1, got 0; using 128'),
    ]);
    expect(view.heldTraceCount).toBe(0);
  });
});
