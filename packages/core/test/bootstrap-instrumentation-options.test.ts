import type { Instrumentation } from '@opentelemetry/instrumentation';
import { describe, expect, it } from 'vitest';
import { createComponents } from '../src/components.js';
import { resolveConfig } from '../src/config/resolve-config.js';
import { DEFAULT_INSTRUMENTATIONS } from '../src/instrumentations/default-instrumentations.js';
import type { BootstrapOptions } from '../src/types.js';

const LLM_SCOPE = '@sightline/instrumentation-llm';

/**
 * The instrumentations bootstrap's lazy ones build when their package is first resolved: each one's package
 * loaded with the config the lazy one holds (what it does at the first resolution), wrappers kept otherwise.
 */
function instrumentations(options: BootstrapOptions): Instrumentation[] {
  const { config, problems } = resolveConfig({ exporters: { logs: [], traces: [], metrics: [] }, ...options }, {});
  expect(problems).toEqual([]);
  const lazy = createComponents(config).instrumentations;
  for (const instrumentation of lazy) instrumentation.disable(); // no hooks left behind by this test
  return lazy.flatMap((instrumentation) => {
    const spec = DEFAULT_INSTRUMENTATIONS.find((s) => s.name === instrumentation.instrumentationName)!;
    const built = spec.load({ ...instrumentation.getConfig() });
    for (const each of built) each.disable();
    return built;
  });
}

const byClass = (list: Instrumentation[], name: string) => list.filter((i) => i.constructor.name === name);

describe('bootstrap({ llm, mcp }) options reach the instrumentations', () => {
  it('by default: every LLM instrumentation and the MCP one, with their own defaults', () => {
    const list = instrumentations({});
    for (const name of ['OpenAIInstrumentation', 'AnthropicInstrumentation', 'GoogleGenAIInstrumentation', 'GroqInstrumentation', 'BedrockInstrumentation', 'MistralInstrumentation', 'CohereInstrumentation', 'OllamaInstrumentation', 'AiSdkInstrumentation', 'LangChainInstrumentation', 'LlamaIndexInstrumentation', 'McpInstrumentation']) {
      expect(byClass(list, name), name).toHaveLength(1);
    }
    expect(byClass(list, 'OpenAIInstrumentation')[0]!.getConfig()).not.toHaveProperty('captureMessageContent');
    expect(list.filter((i) => i.instrumentationName === LLM_SCOPE)).toHaveLength(11);
  });

  it('content capture, capture limits and providers on/off, and the MCP options', () => {
    const list = instrumentations({
      llm: { captureMessageContent: true, maxContentLength: 512, providers: { groq: false, langchain: false, llamaindex: false, bedrock: false } },
      mcp: { captureContent: true, maxCapturedLength: 256, enabled: false },
    });
    expect(byClass(list, 'GroqInstrumentation')).toEqual([]);
    expect(byClass(list, 'LangChainInstrumentation')).toEqual([]);
    expect(byClass(list, 'LlamaIndexInstrumentation')).toEqual([]);
    expect(byClass(list, 'BedrockInstrumentation')).toEqual([]);
    const llm = list.filter((i) => i.instrumentationName === LLM_SCOPE);
    expect(llm.map((i) => i.constructor.name).sort()).toEqual([
      'AiSdkInstrumentation', 'AnthropicInstrumentation', 'CohereInstrumentation', 'GoogleGenAIInstrumentation', 'MistralInstrumentation', 'OllamaInstrumentation', 'OpenAIInstrumentation',
    ]);
    for (const instrumentation of llm) {
      expect(instrumentation.getConfig()).toMatchObject({ captureMessageContent: true, maxContentLength: 512 });
      expect(instrumentation.getConfig()).not.toHaveProperty('providers');
    }
    expect(byClass(list, 'McpInstrumentation')[0]!.getConfig()).toMatchObject({ captureContent: true, maxCapturedLength: 256, enabled: false });
  });

  it('a non-object llm or mcp option: one problem line naming it, defaults used', () => {
    const { config, problems } = resolveConfig({ llm: 'yes' as never, mcp: 3 as never }, {});
    expect(problems.join('\n')).toMatch(/options\.llm/);
    expect(problems.join('\n')).toMatch(/options\.mcp/);
    expect(config.llm).toEqual({});
    expect(config.mcp).toEqual({});
  });
});
