import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { ANSI_PALETTE, PLAIN_PALETTE } from '../../src/console/colors.js';
import { formatMcpLogLine, formatMcpSpanLine, formatMcpSummaryLine, spanCategory, spanLabel } from '../../src/console/format-mcp.js';
import { RAW_UNSAFE, stripSgr } from './fixtures/collect-stream.js';
import { SPAN_CONTEXT, T0, captureLogs, captureSpans, withContext } from './fixtures/sdk.js';

const CLOCK = String.raw`\d\d:\d\d:\d\d\.\d{3}`;

describe('spanCategory and spanLabel', () => {
  it('recognises MCP, LLM and other spans and labels them', async () => {
    const spans = await captureSpans((tracer) => {
      tracer.startSpan('x', { attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'get_weather' } }).end();
      tracer.startSpan('x', { attributes: { 'mcp.method.name': 'resources/read', 'mcp.resource.uri': 'file:///a' } }).end();
      tracer.startSpan('x', { attributes: { 'mcp.method.name': 'tools/list' } }).end();
      tracer.startSpan('x', { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' } }).end();
      tracer.startSpan('x', { attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search' } }).end();
      tracer.startSpan('SELECT users').end();
    });
    expect(spans.map((span) => spanCategory(span))).toEqual(['mcp', 'mcp', 'mcp', 'llm', 'llm', 'other']);
    expect(spans.map((span) => spanLabel(span))).toEqual([
      'tools/call get_weather',
      'resources/read file:///a',
      'tools/list',
      'chat gpt-4o',
      'execute_tool search',
      'SELECT users',
    ]);
  });
});

describe('formatMcpSpanLine', () => {
  it('draws open, close and leaf lines with indentation, durations, tokens and status', async () => {
    const spans = await captureSpans((tracer) => {
      const llm = tracer.startSpan('chat', {
        startTime: T0,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.provider.name': 'openai',
          'gen_ai.usage.input_tokens': 120,
          'gen_ai.usage.output_tokens': 48,
        },
      });
      llm.end(T0 + 812);
      const tool = tracer.startSpan('t', { kind: 1, startTime: T0, attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'get_weather' } });
      tool.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream 503' });
      tool.end(T0 + 1020);
    });
    const [llm, tool] = spans;
    expect(formatMcpSpanLine(llm, 1, 'leaf', PLAIN_PALETTE)).toMatch(new RegExp(`^${CLOCK}   ↳ chat gpt-4o  openai  812ms  in=120 out=48$`));
    expect(formatMcpSpanLine(tool, 0, 'open', PLAIN_PALETTE, '(trace 1a2b3c4d)')).toMatch(
      new RegExp(`^${CLOCK} → tools/call get_weather  \\(trace 1a2b3c4d\\)$`),
    );
    expect(formatMcpSpanLine(tool, 0, 'close', PLAIN_PALETTE)).toMatch(
      new RegExp(`^${CLOCK} ← tools/call get_weather  1\\.02s  error: upstream 503$`),
    );
    expect(formatMcpSpanLine(tool, 2, 'leaf', PLAIN_PALETTE)).toMatch(/^\S+ {5}↳ tools\/call get_weather {2}1\.02s {2}error: upstream 503$/);
    const coloured = formatMcpSpanLine(tool, 0, 'close', ANSI_PALETTE);
    expect(coloured).toContain('\u001b[');
    expect(stripSgr(coloured)).toBe(formatMcpSpanLine(tool, 0, 'close', PLAIN_PALETTE));
  });

  it('escapes hostile names and attribute values', async () => {
    const spans = await captureSpans((tracer) => {
      tracer
        .startSpan('x', {
          attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'evil\n12:00:00.000 ← tools/call fake  1ms  ok\u001b[2J\u202e' },
        })
        .end();
      tracer.startSpan('\u2028name\u0085', {}).end();
    });
    for (const span of spans) {
      for (const shape of ['open', 'close', 'leaf'] as const) {
        const line = formatMcpSpanLine(span, 0, shape, PLAIN_PALETTE);
        expect(line).not.toMatch(RAW_UNSAFE);
      }
    }
    expect(formatMcpSpanLine(spans[0], 0, 'leaf', PLAIN_PALETTE)).toContain('evil\\n12:00:00.000 ← tools/call fake  1ms  ok\\x1b[2J\\u202e');
    expect(formatMcpSummaryLine(spans[1], 1, PLAIN_PALETTE)).toContain('⇄ \\u2028name\\x85');
  });
});

describe('formatMcpLogLine', () => {
  it('prints a short indented line with level, message and exception', async () => {
    const records = await captureLogs((logger) => {
      logger.emit({
        severityNumber: 17,
        body: 'tool failed\n12:00:00.000 INFO fake',
        attributes: { 'exception.type': 'TypeError', 'exception.message': 'x is undefined' },
        context: withContext(SPAN_CONTEXT),
      });
    });
    const line = formatMcpLogLine(records[0], 2, PLAIN_PALETTE);
    expect(line).toMatch(new RegExp(`^${CLOCK} {5}· ERROR tool failed\\\\n12:00:00\\.000 INFO fake  TypeError: x is undefined$`));
    expect(formatMcpLogLine(records[0], 0, PLAIN_PALETTE)).toContain('· ERROR test.scope tool failed');
  });
});
