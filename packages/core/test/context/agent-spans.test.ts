import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withAgent, withAgentCreation, withTool } from '../../src/context/agent-spans.js';

const exporter = new InMemorySpanExporter();
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
});
afterAll(() => {
  trace.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

const spans = () => exporter.getFinishedSpans();
const byName = (name: string) => spans().find((s) => s.name === name)!;

describe('withAgent / withTool', () => {
  it('an agent loop reads agent → tool, with the convention names, kinds and attributes', async () => {
    const answer = await withAgent({ name: 'Travel planner', provider: 'openai', model: 'gpt-5', conversationId: 'conv_1', id: 'asst_1' }, async () => {
      const weather = await withTool({ name: 'get_weather', callId: 'call_1', type: 'function', description: 'Weather now' }, async () => 'sunny');
      return `it is ${weather}`;
    });
    expect(answer).toBe('it is sunny');
    const agent = byName('invoke_agent Travel planner');
    const tool = byName('execute_tool get_weather');
    expect(agent.kind).toBe(SpanKind.INTERNAL);
    expect(tool.kind).toBe(SpanKind.INTERNAL);
    expect(tool.parentSpanContext?.spanId).toBe(agent.spanContext().spanId);
    expect(agent.attributes).toEqual({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.provider.name': 'openai',
      'gen_ai.agent.name': 'Travel planner',
      'gen_ai.agent.id': 'asst_1',
      'gen_ai.request.model': 'gpt-5',
      'gen_ai.conversation.id': 'conv_1',
    });
    expect(tool.attributes).toEqual({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get_weather',
      'gen_ai.tool.call.id': 'call_1',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.description': 'Weather now',
    });
  });

  it('a remote agent is a CLIENT span; creating one is create_agent, CLIENT', () => {
    withAgent({ name: 'support', remote: true }, () => undefined);
    withAgentCreation({ name: 'support', model: 'gpt-5' }, () => undefined);
    expect(byName('invoke_agent support').kind).toBe(SpanKind.CLIENT);
    const created = byName('create_agent support');
    expect(created.kind).toBe(SpanKind.CLIENT);
    expect(created.attributes['gen_ai.operation.name']).toBe('create_agent');
  });

  it('without a name the span is the bare operation', () => {
    withAgent({}, () => undefined);
    expect(spans().map((s) => s.name)).toEqual(['invoke_agent']);
    expect(spans()[0]!.attributes).toEqual({ 'gen_ai.operation.name': 'invoke_agent' });
  });

  it('a failing tool gets status ERROR and error.type, and its error reaches the caller unchanged', async () => {
    class UpstreamError extends Error {}
    const error = new UpstreamError('down');
    await expect(withAgent({ name: 'a' }, () => withTool({ name: 'flaky' }, async () => Promise.reject(error)))).rejects.toBe(error);
    const tool = byName('execute_tool flaky');
    expect(tool.status).toEqual({ code: SpanStatusCode.ERROR, message: 'down' });
    expect(tool.attributes['error.type']).toBe('UpstreamError');
    expect(byName('invoke_agent a').status.code).toBe(SpanStatusCode.ERROR);
  });

  it('never throws on any options and names the span after a non-empty string name only', () => {
    const anyOptions = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.anything(),
      fc.record({ name: fc.oneof(fc.string(), fc.anything()), callId: fc.anything(), type: fc.anything() }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(anyOptions, (options) => {
        exporter.reset();
        expect(withTool(options as never, () => 7)).toBe(7);
        expect(withAgent(options as never, () => 8)).toBe(8);
        const [tool, agent] = spans();
        const name = (options as { name?: unknown } | null | undefined)?.name;
        const target = typeof name === 'string' && name !== '' ? ` ${name}` : '';
        expect(tool!.name).toBe(`execute_tool${target}`);
        expect(agent!.name).toBe(`invoke_agent${target}`);
        for (const value of Object.values(tool!.attributes)) expect(typeof value).toBe('string');
      }),
    );
  });
});
