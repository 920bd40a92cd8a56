import { SeverityNumber, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { ANSI_PALETTE, PLAIN_PALETTE } from '../../src/console/colors.js';
import { formatInlineValue, formatLogPretty, formatMetricPretty, formatSpanPretty } from '../../src/console/format-pretty.js';
import { RAW_UNSAFE, stripSgr } from './fixtures/collect-stream.js';
import { SPAN_CONTEXT, T0, captureLogs, captureMetrics, captureSpans, withContext } from './fixtures/sdk.js';

const CLOCK = String.raw`\d\d:\d\d:\d\d\.\d{3}`;

describe('formatLogPretty', () => {
  it('prints a header with level, scope, message and short trace id, then sorted attributes indented', async () => {
    const records = await captureLogs((logger) => {
      logger.emit({
        timestamp: T0,
        severityNumber: SeverityNumber.WARN,
        body: 'disk almost full',
        attributes: { zeta: true, alpha: 1, nested: { a: [1, 'b'] }, text: 'hello' },
        context: withContext(SPAN_CONTEXT),
      });
    });
    const lines = formatLogPretty(records[0], PLAIN_PALETTE).split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${CLOCK} WARN  test\\.scope disk almost full  trace=1a2b3c4d$`));
    expect(lines.slice(1)).toEqual(['    alpha: 1', '    nested: {"a":[1,"b"]}', '    text: hello', '    zeta: true']);
  });

  it('uses ANSI colours only with the ANSI palette', async () => {
    const records = await captureLogs((logger) => {
      logger.emit({ severityNumber: SeverityNumber.ERROR, body: 'failed', attributes: { k: 'v' } });
    });
    const plain = formatLogPretty(records[0], PLAIN_PALETTE);
    expect(plain).not.toContain('\u001b');
    const coloured = formatLogPretty(records[0], ANSI_PALETTE);
    expect(coloured).toContain('\u001b[31mERROR\u001b[39m');
    expect(stripSgr(coloured)).toBe(plain);
  });

  it('prints exception.stacktrace as an indented block', async () => {
    const error = new Error('boom');
    const records = await captureLogs((logger) => {
      logger.emit({
        severityNumber: SeverityNumber.ERROR,
        body: 'request failed',
        attributes: { 'exception.type': 'Error', 'exception.stacktrace': error.stack ?? '' },
      });
    });
    const lines = formatLogPretty(records[0], PLAIN_PALETTE).split('\n');
    expect(lines[1]).toBe('    exception.stacktrace:');
    expect(lines[2]).toBe('      Error: boom');
    expect(lines[3]).toMatch(/^ {6}\s+at /);
    expect(lines.at(-1)).toBe('    exception.type: Error');
  });

  it('escapes forged lines, ANSI sequences, separators and bidi controls in message, keys and values', async () => {
    const forged = 'ok\n12:00:00.000 ERROR fake';
    const records = await captureLogs((logger) => {
      logger.emit({
        severityNumber: SeverityNumber.INFO,
        body: `${forged} \u001b[31mred \u2028 \u202e`,
        attributes: { [`key\n${forged}`]: `\u001b[2Jval\r\n${forged}`, obj: { deep: '\u2029\u202e\u009b' } },
      });
    }, 'scope\nERROR fake\u001b[0m');
    const text = formatLogPretty(records[0], PLAIN_PALETTE);
    const lines = text.split('\n');
    for (const line of lines) expect(line).not.toMatch(RAW_UNSAFE);
    expect(lines[0]).toMatch(new RegExp(`^${CLOCK} INFO  `));
    for (const line of lines.slice(1)) expect(line.startsWith('    ')).toBe(true);
    expect(lines.filter((line) => line.startsWith('12:00:00.000'))).toEqual([]);
    expect(text).toContain('scope\\nERROR fake\\x1b[0m');
    expect(text).toContain('ok\\n12:00:00.000 ERROR fake \\x1b[31mred \\u2028 \\u202e');
    expect(text).toContain('key\\nok\\n12:00:00.000 ERROR fake: \\x1b[2Jval\\r\\nok\\n12:00:00.000 ERROR fake');
    expect(text).toContain('obj: {"deep":"\\u2029\\u202e\\u009b"}');
  });
});

describe('formatSpanPretty', () => {
  it('prints SPAN, name, duration, short trace, kind and error status, then attributes and events', async () => {
    const spans = await captureSpans((tracer) => {
      const span = tracer.startSpan('GET /users', { kind: 1, startTime: T0, attributes: { 'http.route': '/users', 'a.b': 1 } });
      span.addEvent('cache miss', { key: 'u:1' }, T0 + 2);
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'db down' });
      span.end(T0 + 12.3);
    });
    const traceId = spans[0].spanContext().traceId;
    const lines = formatSpanPretty(spans[0], PLAIN_PALETTE).split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^${CLOCK} SPAN  GET /users 12\\.3ms trace=${traceId.slice(0, 8)} kind=server status=ERROR: db down$`),
    );
    expect(lines.slice(1)).toEqual(['    a.b: 1', '    http.route: /users', '    event cache miss +2.00ms {"key":"u:1"}']);
  });

  it('shows status=OK, hides kind for internal spans, and escapes names', async () => {
    const spans = await captureSpans((tracer) => {
      const span = tracer.startSpan('evil\n12:00:00.000 SPAN  fake\u202e', { startTime: T0 });
      span.setStatus({ code: SpanStatusCode.OK });
      span.end(T0 + 1500);
    });
    const text = formatSpanPretty(spans[0], PLAIN_PALETTE);
    expect(text).not.toContain('\n');
    expect(text).not.toMatch(RAW_UNSAFE);
    expect(text).toMatch(/SPAN {2}evil\\n12:00:00\.000 SPAN {2}fake\\u202e 1\.50s trace=[0-9a-f]{8} status=OK$/);
  });
});

describe('formatMetricPretty', () => {
  it('prints one line per point with inline labels', async () => {
    const metrics = await captureMetrics((meter) => {
      const counter = meter.createCounter('mcp.requests', { unit: '{request}' });
      counter.add(2, { method: 'tools/call', 'evil\n': 'x\u001b' });
      const histogram = meter.createHistogram('latency', { unit: 'ms' });
      histogram.record(5);
      histogram.record(15);
    });
    const { scope, metrics: list } = metrics.scopeMetrics[0];
    expect(formatMetricPretty(list[0], scope, PLAIN_PALETTE)).toMatch(
      new RegExp(`^${CLOCK} METRIC mcp\\.requests\\{evil\\\\n=x\\\\x1b,method=tools/call\\} 2 \\{request\\}$`),
    );
    expect(formatMetricPretty(list[1], scope, PLAIN_PALETTE)).toMatch(/METRIC latency count=2 sum=20 min=5 max=15 ms$/);
  });
});

describe('formatInlineValue', () => {
  it('prints primitives plainly and structures as escaped JSON', () => {
    expect(formatInlineValue('a\nb')).toBe('a\\nb');
    expect(formatInlineValue(3)).toBe('3');
    expect(formatInlineValue(false)).toBe('false');
    expect(formatInlineValue(null)).toBe('null');
    expect(formatInlineValue([1, 'x\u2028'])).toBe('[1,"x\\u2028"]');
  });
});
