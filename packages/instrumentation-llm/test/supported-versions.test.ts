import { readFileSync } from 'node:fs';
import { satisfies } from 'semver';
import { describe, expect, it } from 'vitest';
import * as llm from '../src/index.js';
import { outsideRange } from '../src/internal/supported-version.js';
import * as ranges from '../src/supported-versions.js';

const INSTRUMENTATIONS = [
  { module: 'openai', range: ranges.OPENAI_SUPPORTED_VERSIONS, instrumentation: llm.OpenAIInstrumentation },
  { module: '@anthropic-ai/sdk', range: ranges.ANTHROPIC_SUPPORTED_VERSIONS, instrumentation: llm.AnthropicInstrumentation },
  { module: '@google/genai', range: ranges.GOOGLE_GENAI_SUPPORTED_VERSIONS, instrumentation: llm.GoogleGenAIInstrumentation },
  { module: 'groq-sdk', range: ranges.GROQ_SUPPORTED_VERSIONS, instrumentation: llm.GroqInstrumentation },
  { module: 'ai', range: ranges.AI_SDK_SUPPORTED_VERSIONS, instrumentation: llm.AiSdkInstrumentation },
  { module: '@langchain/core', range: ranges.LANGCHAIN_SUPPORTED_VERSIONS, instrumentation: llm.LangChainInstrumentation },
  { module: '@llamaindex/core', range: ranges.LLAMAINDEX_SUPPORTED_VERSIONS, instrumentation: llm.LlamaIndexInstrumentation },
  { module: '@llamaindex/workflow', range: ranges.LLAMAINDEX_WORKFLOW_SUPPORTED_VERSIONS, instrumentation: llm.LlamaIndexInstrumentation },
];

describe('supported versions', () => {
  it.each(INSTRUMENTATIONS)('$module: the patching definition carries $range, the other one exactly the versions outside it', ({ module, range, instrumentation }) => {
    const definitions = new instrumentation({ enabled: false }).getModuleDefinitions().filter((d) => d.name === module);
    expect(definitions.map((d) => d.supportedVersions)).toEqual([[range], outsideRange(range)]);
    for (const file of definitions[0]!.files) expect(file.supportedVersions).toEqual([range]);
  });

  it('the versions outside a range are its exact complement', () => {
    for (const { range } of INSTRUMENTATIONS) {
      const outside = outsideRange(range);
      for (const version of ['0.0.1', '0.137.0', '1.0.0', '1.99.9', '2.0.0', '3.5.0', '4.0.0', '5.2.0', '6.0.0', '7.57.0', '8.0.0', '12.1.0']) {
        expect(satisfies(version, range) !== outside.some((r) => satisfies(version, r)), `${range} ${version}`).toBe(true);
      }
    }
    expect(() => outsideRange('^6')).toThrow(/>=A <B/);
  });

  it('the README table lists the same ranges', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const { module, range } of INSTRUMENTATIONS) {
      expect(readme).toMatch(new RegExp(String.raw`^\| \`${module.replace(/[/.]/g, '\\$&')}\`[^|]*\| [^|]*\(\`${range}\`\) \|`, 'm'));
    }
  });
});
