import { AggregationType, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import {
  GEN_AI_DURATION_BUCKETS,
  GEN_AI_TOKEN_USAGE_BUCKETS,
  MCP_DURATION_BUCKETS,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_MCP_CLIENT_OPERATION_DURATION,
  METRIC_MCP_SERVER_OPERATION_DURATION,
  METRIC_MCP_SERVER_SESSION_DURATION,
  METRIC_SIGHTLINE_GEN_AI_CLIENT_COST,
} from '../src/semconv.js';
import { sightlineViews, VIEW_SPECS } from '../src/views.js';
import { meterProvider } from './fixtures/metrics.js';

/** The explicit bucket boundaries a view sets, if it sets any. */
function boundariesOf(view: ViewOptions | undefined): number[] | undefined {
  const aggregation = view?.aggregation;
  return aggregation?.type === AggregationType.EXPLICIT_BUCKET_HISTOGRAM ? aggregation.options?.boundaries : undefined;
}

const CHAT = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o',
  'gen_ai.response.model': 'gpt-4o-2024-08-06',
};

describe('sightlineViews', () => {
  it('covers the GenAI and MCP histograms, each with its recommended boundaries', () => {
    const views = sightlineViews();
    const byName = new Map(views.map((v) => [v.instrumentName, v]));
    const boundaries = (name: string) => boundariesOf(byName.get(name));
    expect(boundaries(METRIC_GEN_AI_CLIENT_TOKEN_USAGE)).toEqual([1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]);
    expect(boundaries(METRIC_GEN_AI_CLIENT_OPERATION_DURATION)).toEqual([0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]);
    expect(boundaries(METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK)).toEqual(GEN_AI_DURATION_BUCKETS);
    for (const name of [METRIC_MCP_CLIENT_OPERATION_DURATION, METRIC_MCP_SERVER_OPERATION_DURATION, METRIC_MCP_SERVER_SESSION_DURATION]) {
      expect(boundaries(name)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300]);
    }
    expect(views).toHaveLength(VIEW_SPECS.length);
  });

  it('gives every view its own boundary array (a caller mutating one changes no other)', () => {
    const [a, b] = [sightlineViews(), sightlineViews()];
    boundariesOf(a[0])?.push(1e12);
    expect(boundariesOf(b[0])).toEqual(GEN_AI_TOKEN_USAGE_BUCKETS);
  });

  it('token usage: the expected buckets and the allowed attributes, per token type', async () => {
    const { provider, reader } = meterProvider(sightlineViews());
    const histogram = provider.getMeter('llm').createHistogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, { unit: '{token}' });
    histogram.record(3, { ...CHAT, 'gen_ai.token.type': 'input' }); // (1, 4]
    histogram.record(1000, { ...CHAT, 'gen_ai.token.type': 'input' }); // (256, 1024]
    histogram.record(5000, { ...CHAT, 'gen_ai.token.type': 'output' }); // (4096, 16384]

    const metric = await reader.histogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE);
    expect(metric.dataPoints).toHaveLength(2);
    const input = metric.dataPoints.find((p) => p.attributes['gen_ai.token.type'] === 'input');
    expect(input?.attributes).toEqual({ ...CHAT, 'gen_ai.token.type': 'input' });
    expect(input?.value.buckets.boundaries).toEqual(GEN_AI_TOKEN_USAGE_BUCKETS);
    expect(input?.value.buckets.counts).toEqual([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(input?.value.count).toBe(2);
    expect(input?.value.sum).toBe(1003);
    const output = metric.dataPoints.find((p) => p.attributes['gen_ai.token.type'] === 'output');
    expect(output?.value.buckets.counts.indexOf(1)).toBe(7);
  });

  it('cost: half-decade USD buckets, the token usage attributes (server.* dropped)', async () => {
    const { provider, reader } = meterProvider(sightlineViews());
    const histogram = provider.getMeter('llm').createHistogram(METRIC_SIGHTLINE_GEN_AI_CLIENT_COST, { unit: '{USD}' });
    const attributes = { ...CHAT, 'gen_ai.token.type': 'input', 'server.address': 'api.openai.com', 'server.port': 443 };
    histogram.record(0.000002, attributes); // a few tokens of a small model: (0, 0.00001]
    histogram.record(0.002, attributes); // (0.001, 0.003]
    histogram.record(45, attributes); // above $30

    const metric = await reader.histogram(METRIC_SIGHTLINE_GEN_AI_CLIENT_COST);
    expect(metric.dataPoints).toHaveLength(1);
    const [point] = metric.dataPoints;
    expect(point?.attributes).toEqual({ ...CHAT, 'gen_ai.token.type': 'input' });
    expect(point?.value.buckets.boundaries).toEqual([0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]);
    expect(point?.value.buckets.counts).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('operation duration: the expected buckets, and error.type kept', async () => {
    const { provider, reader } = meterProvider(sightlineViews());
    const histogram = provider.getMeter('llm').createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, { unit: 's' });
    for (const seconds of [0.005, 0.015, 0.3, 0.3, 3, 100]) histogram.record(seconds, CHAT);
    histogram.record(30, { ...CHAT, 'error.type': 'timeout' });

    const metric = await reader.histogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    const ok = metric.dataPoints.find((p) => p.attributes['error.type'] === undefined);
    //                                  ≤.01 .02 .04 .08 .16 .32 .64 1.28 2.56 5.12 10.24 20.48 40.96 81.92 +Inf
    expect(ok?.value.buckets.counts).toEqual([1, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const failed = metric.dataPoints.find((p) => p.attributes['error.type'] === 'timeout');
    expect(failed?.value.count).toBe(1);
  });

  it('cardinality guard: ids, free text and unknown keys are dropped before aggregation', async () => {
    const { provider, reader } = meterProvider(sightlineViews());
    const histogram = provider.getMeter('llm').createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, { unit: 's' });
    for (let i = 0; i < 50; i++) {
      histogram.record(0.5, {
        ...CHAT,
        'gen_ai.response.id': `chatcmpl-${i}`,
        'gen_ai.conversation.id': `conv-${i}`,
        'gen_ai.prompt': `tell me about number ${i}`,
        'user.id': `u-${i}`,
        'server.address': 'api.openai.com',
      });
    }
    const metric = await reader.histogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(metric.dataPoints).toHaveLength(1);
    expect(metric.dataPoints[0].attributes).toEqual(CHAT);
    expect(metric.dataPoints[0].value.count).toBe(50);
  });

  it('MCP operations keep method, tool and error type, and drop session and request ids', async () => {
    const { provider, reader } = meterProvider(sightlineViews());
    const histogram = provider.getMeter('mcp').createHistogram(METRIC_MCP_CLIENT_OPERATION_DURATION, { unit: 's' });
    const call = { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'get_weather', 'gen_ai.operation.name': 'execute_tool' };
    histogram.record(0.07, { ...call, 'mcp.session.id': 's-1', 'jsonrpc.request.id': '1', 'mcp.resource.uri': 'file:///a' });
    histogram.record(0.15, { ...call, 'mcp.session.id': 's-2', 'jsonrpc.request.id': '2', 'error.type': 'tool_error' });

    const metric = await reader.histogram(METRIC_MCP_CLIENT_OPERATION_DURATION);
    expect(metric.dataPoints.map((p) => p.attributes)).toEqual(
      expect.arrayContaining([call, { ...call, 'error.type': 'tool_error' }]),
    );
    expect(metric.dataPoints).toHaveLength(2);
    expect(metric.dataPoints[0].value.buckets.boundaries).toEqual(MCP_DURATION_BUCKETS);
    //                                                     ≤.01 .02 .05 .1 .2 .5 1 2 5 10 30 60 120 300 +Inf
    const okPoint = metric.dataPoints.find((p) => p.attributes['error.type'] === undefined);
    expect(okPoint?.value.buckets.counts).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('extraAttributes opts keys in on every view', async () => {
    const { provider, reader } = meterProvider(sightlineViews({ extraAttributes: ['server.address'] }));
    const histogram = provider.getMeter('llm').createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, { unit: 's' });
    histogram.record(1, { ...CHAT, 'server.address': 'api.openai.com', 'user.id': 'u-1' });
    const metric = await reader.histogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(metric.dataPoints[0].attributes).toEqual({ ...CHAT, 'server.address': 'api.openai.com' });
  });

  it('selects histograms only: a counter that shares a name keeps its own aggregation', async () => {
    const { provider, reader } = meterProvider(sightlineViews());
    provider.getMeter('odd').createCounter(METRIC_GEN_AI_CLIENT_TOKEN_USAGE).add(5, { 'user.id': 'u-1' });
    const sum = await reader.sum(METRIC_GEN_AI_CLIENT_TOKEN_USAGE);
    expect(sum?.dataPoints[0].value).toBe(5);
  });
});
