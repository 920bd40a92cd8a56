import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { agentSpan, toolSpan } from '../src/operation-spans.js';

// Expected values from the GenAI agent-span conventions (gen-ai-agent-spans.md, gen-ai-spans.md "Execute tool span").
describe('agentSpan / toolSpan', () => {
  it('invoke_agent {gen_ai.agent.name}, INTERNAL in process, CLIENT when remote', () => {
    expect(agentSpan({ name: 'Math Tutor' })).toEqual({
      name: 'invoke_agent Math Tutor',
      kind: SpanKind.INTERNAL,
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'Math Tutor' },
    });
    expect(agentSpan({ name: 'Math Tutor', remote: true }).kind).toBe(SpanKind.CLIENT);
    expect(agentSpan({}).name).toBe('invoke_agent');
  });

  it('create_agent is always CLIENT', () => {
    const start = agentSpan({ name: 'Fiction Writer', version: '2025-05-01', description: 'Generates fiction stories' }, 'create_agent');
    expect(start).toEqual({
      name: 'create_agent Fiction Writer',
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'create_agent',
        'gen_ai.agent.name': 'Fiction Writer',
        'gen_ai.agent.version': '2025-05-01',
        'gen_ai.agent.description': 'Generates fiction stories',
      },
    });
  });

  it('execute_tool {gen_ai.tool.name}, INTERNAL', () => {
    expect(toolSpan({ name: 'Flights', callId: 'call_mszuSIzqtI65i1wAUOE8w5H4', type: 'extension' })).toEqual({
      name: 'execute_tool Flights',
      kind: SpanKind.INTERNAL,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'Flights',
        'gen_ai.tool.call.id': 'call_mszuSIzqtI65i1wAUOE8w5H4',
        'gen_ai.tool.type': 'extension',
      },
    });
  });

  it('ignores values that are not non-empty strings', () => {
    expect(toolSpan({ name: '', callId: 42 as never }).attributes).toEqual({ 'gen_ai.operation.name': 'execute_tool' });
    expect(agentSpan(null as never).name).toBe('invoke_agent');
  });
});
