import { ROOT_CONTEXT, SpanStatusCode } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { ConsoleSpanExporter } from '../../src/console/console-span-exporter.js';
import { McpFlowView } from '../../src/console/mcp-flow-view.js';
import { FORGED, useColorTerminal } from './fixtures/color-terminal.js';
import { CollectStream, ThrowingStream, assertNoRawControls } from './fixtures/collect-stream.js';
import { T0, captureSpans, runToolCall, tracePipeline, within } from './fixtures/sdk.js';

useColorTerminal();

describe('ConsoleSpanExporter (json)', () => {
  it('writes one parseable line per span with the span keys', async () => {
    const stream = new CollectStream();
    const { provider, tracer } = tracePipeline(new ConsoleSpanExporter({ format: 'json', stream }));
    runToolCall(tracer, undefined);
    await provider.shutdown();
    expect(stream.lines).toHaveLength(3);
    const [chat, http, root] = stream.lines.map((line) => JSON.parse(line));
    for (const span of [chat, http, root]) {
      expect(span.type).toBe('span');
      expect(span.traceId).toBe(root.traceId);
      expect(typeof span.durationMs).toBe('number');
    }
    expect(root).toMatchObject({ name: 'tools/call get_weather', kind: 'SERVER', durationMs: 1020, status: { code: 'UNSET' } });
    expect(root).not.toHaveProperty('parentSpanId');
    expect(chat).toMatchObject({ name: 'chat gpt-4o', parentSpanId: root.spanId, durationMs: 812 });
    expect(chat.attributes['gen_ai.usage.input_tokens']).toBe(120);
  });
});

describe('ConsoleSpanExporter (pretty)', () => {
  it('prints SPAN lines with short trace ids and indented attributes; ANSI only on a TTY', async () => {
    const spans = await captureSpans((tracer) => {
      const span = tracer.startSpan('tools/call broken', { startTime: T0, attributes: { 'mcp.method.name': 'tools/call' } });
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'tool threw' });
      span.end(T0 + 12.34);
    });
    const short = spans[0].spanContext().traceId.slice(0, 8);
    const pipe = new CollectStream();
    new ConsoleSpanExporter({ format: 'pretty', stream: pipe }).export(spans, () => {});
    expect(pipe.lines).toEqual([
      `${pipe.lines[0].slice(0, 12)} SPAN  tools/call broken 12.3ms trace=${short} status=ERROR: tool threw`,
      '    mcp.method.name: tools/call',
    ]);
    expect(pipe.text).not.toContain('\u001b');
    const tty = new CollectStream({ isTTY: true });
    new ConsoleSpanExporter({ format: 'pretty', stream: tty }).export(spans, () => {});
    expect(tty.text).toContain('\u001b[31mstatus=ERROR: tool threw\u001b[39m');
  });
});

describe('ConsoleSpanExporter (mcp)', () => {
  it('renders a nested tool call → LLM call tree with durations once the root span ends', async () => {
    const stream = new CollectStream();
    const { provider, tracer } = tracePipeline(new ConsoleSpanExporter({ format: 'mcp', stream }));
    const agent = tracer.startSpan('invoke_agent', { startTime: T0, attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'weather-bot' } }, ROOT_CONTEXT);
    const call = tracer.startSpan('tools/call get_weather', {
      kind: 2,
      startTime: T0 + 5,
      attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'get_weather' },
    }, within(agent));
    const chat = tracer.startSpan('chat gpt-4o', {
      startTime: T0 + 10,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.provider.name': 'openai',
        'gen_ai.usage.input_tokens': 120,
        'gen_ai.usage.output_tokens': 48,
      },
    }, within(call));
    chat.end(T0 + 822);
    expect(stream.text).toBe('');
    call.end(T0 + 1025);
    expect(stream.text).toBe('');
    agent.end(T0 + 1100);
    const lines = stream.lines.map((line) => line.slice(13));
    expect(lines).toEqual([
      `→ invoke_agent weather-bot  (trace ${agent.spanContext().traceId.slice(0, 8)})`,
      '  → tools/call get_weather  client',
      '    ↳ chat gpt-4o  openai  812ms  in=120 out=48',
      '  ← tools/call get_weather  1.02s  ok',
      '← invoke_agent weather-bot  1.10s  ok',
    ]);
    await provider.shutdown();
  });

  it('prints held spans on forceFlush and on shutdown', async () => {
    const stream = new CollectStream();
    const exporter = new ConsoleSpanExporter({ format: 'mcp', stream, mcpView: new McpFlowView() });
    const { provider, tracer } = tracePipeline(exporter);
    const root = tracer.startSpan('tools/call pending', { attributes: { 'mcp.method.name': 'tools/call' } }, ROOT_CONTEXT);
    tracer.startSpan('chat', { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm1' } }, within(root)).end();
    expect(stream.text).toBe('');
    await provider.forceFlush();
    expect(stream.lines).toEqual([expect.stringMatching(/↳ chat m1 .*\(trace [0-9a-f]{8}, parent open\)$/)]);
    tracer.startSpan('chat', { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm2' } }, within(root)).end();
    await provider.shutdown();
    expect(stream.lines).toHaveLength(2);
    expect(stream.lines[1]).toMatch(/↳ chat m2 .*parent open/);
  });
});

describe('ConsoleSpanExporter results', () => {
  it('reports SUCCESS, FAILED when the write throws, FAILED after shutdown', async () => {
    const spans = await captureSpans((tracer) => tracer.startSpan('x').end());
    const results: ExportResult[] = [];
    new ConsoleSpanExporter({ format: 'json', stream: new CollectStream() }).export(spans, (r) => results.push(r));
    new ConsoleSpanExporter({ format: 'pretty', stream: new ThrowingStream() }).export(spans, (r) => results.push(r));
    const closed = new ConsoleSpanExporter({ format: 'json', stream: new CollectStream() });
    await closed.shutdown();
    await closed.shutdown();
    closed.export(spans, (r) => results.push(r));
    expect(results.map((r) => r.code)).toEqual([ExportResultCode.SUCCESS, ExportResultCode.FAILED, ExportResultCode.FAILED]);
    expect(results[1].error?.message).toContain('EPIPE');
  });
});

describe('ConsoleSpanExporter with a malformed span', () => {
  const broken = {
    name: 'broken',
    spanContext: () => {
      throw new Error('no context');
    },
  } as unknown as ReadableSpan;

  it.each(['json', 'pretty'] as const)('writes a marker line instead of throwing (%s)', (format) => {
    const stream = new CollectStream();
    const results: ExportResult[] = [];
    expect(() => new ConsoleSpanExporter({ format, stream }).export([broken], (r) => results.push(r))).not.toThrow();
    expect(results[0].code).toBe(ExportResultCode.SUCCESS);
    expect(stream.text).toContain('unformattable span: ');
    expect(stream.lines).toHaveLength(1);
  });

  it('reports FAILED instead of throwing (mcp)', () => {
    const results: ExportResult[] = [];
    expect(() => new ConsoleSpanExporter({ format: 'mcp', stream: new CollectStream() }).export([broken], (r) => results.push(r))).not.toThrow();
    expect(results[0]).toMatchObject({ code: ExportResultCode.FAILED, error: new Error('no context') });
  });
});

describe.each(['json', 'pretty', 'mcp'] as const)('ConsoleSpanExporter (%s) escapes forged input', (format) => {
  it('in span names, attribute keys and values, status messages, event names and scope names', async () => {
    const stream = new CollectStream({ isTTY: true });
    const { provider, tracer } = tracePipeline(new ConsoleSpanExporter({ format, stream, colors: true }), `tracer\n${FORGED}`);
    const root = tracer.startSpan(`root ${FORGED}\u001b[31m`, {
      attributes: { 'mcp.method.name': `tools/call\n${FORGED}`, 'gen_ai.tool.name': '\u202eevil\u2028' },
    }, ROOT_CONTEXT);
    const child = tracer.startSpan(`child\u2029${FORGED}`, {
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': `\u001b]0;title\u0007${FORGED}`, [`k\r${FORGED}`]: `v\u0085\u009b31m` },
    }, within(root));
    child.addEvent(`event\n${FORGED}`, { [`a\n`]: `\u001b[2J` });
    child.setStatus({ code: SpanStatusCode.ERROR, message: `status\n${FORGED}\u001b[0m` });
    child.end();
    root.end();
    await provider.shutdown();
    const text = stream.text;
    expect(text.length).toBeGreaterThan(0);
    assertNoRawControls(text);
    expect(text).not.toContain('\u001b[31m\n');
    expect(text).not.toContain('\u001b]0;');
    for (const line of text.split('\n')) expect(line.startsWith('12:00:00.000')).toBe(false);
    if (format === 'json') {
      const [c, r] = stream.lines.map((line) => JSON.parse(line));
      expect(r.name).toBe(`root ${FORGED}\u001b[31m`);
      expect(c.status.message).toBe(`status\n${FORGED}\u001b[0m`);
      expect(c.scope).toBe(`tracer\n${FORGED}`);
    } else {
      expect(text).toContain('\\u202eevil\\u2028');
    }
  });
});
