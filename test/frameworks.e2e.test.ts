/**
 * End to end through the OTLP receiver: the Vercel AI SDK 7 (ESM under --import) and 6 (ESM under --import,
 * CommonJS under --require) and LangChain.js plus an
 * app's own agent loop with withAgent / withTool (CommonJS under --require), and LlamaIndex.TS (both), with
 * real MCP SDK tool calls, against the loopback fake OpenAI server.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProviders, type FakeProviders } from './fixtures/fake-providers/index.mjs';
import type { ReceivedSpan } from './fixtures/otlp-receiver.js';
import { runNode } from './fixtures/run-node.js';
import { REGISTER, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

const otlp = useOtlpReceiver();
let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

function one(spans: readonly ReceivedSpan[], name: string, kind?: number): ReceivedSpan {
  const found = spans.filter((s) => s.name === name && (kind === undefined || s.kind === kind));
  expect(found, name).toHaveLength(1);
  return found[0]!;
}

async function run(args: string[]): Promise<void> {
  const result = await runNode(args, { env: otlp.env({ OTEL_SERVICE_NAME: 'frameworks-e2e', FAKE_PROVIDERS_URL: fake.url }) });
  expect(result.stderr).not.toMatch(/Error/);
  expect(result.code).toBe(0);
}

describe('Vercel AI SDK 7, ESM under --import', () => {
  it('invoke_agent → chat, execute_tool → MCP tools/call; a stream keeps its usage', async () => {
    await run(['--import', REGISTER, 'apps/frameworks-ai-sdk.mjs']);
    const spans = await otlp.receiver.waitFor('spans', (s) => s.some((x) => x.name === 'chat e2e-ai-stream') && s.some((x) => x.name === 'tools/call forecast' && x.kind === 3));
    const agent = one(spans, 'invoke_agent weather-agent');
    const chats = spans.filter((s) => s.name === 'chat e2e-ai-agent');
    expect(chats).toHaveLength(2);
    for (const chat of chats) {
      expect(chat.parentSpanId).toBe(agent.spanId);
      expect(chat.attributes).toMatchObject({ 'gen_ai.provider.name': 'openai', 'gen_ai.usage.input_tokens': 12 });
    }
    const tool = one(spans, 'execute_tool get_weather');
    expect(tool.parentSpanId).toBe(agent.spanId);
    const mcpCall = one(spans, 'tools/call forecast', 3);
    expect(mcpCall.parentSpanId).toBe(tool.spanId);
    expect(one(spans, 'tools/call forecast', 2).parentSpanId).toBe(mcpCall.spanId);
    expect(one(spans, 'chat e2e-ai-stream').attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3 });
  });
});

/**
 * The `ai` 6 apps' folder gets a node_modules of its own: `ai` is a copy of the `ai-v6` devDependency (the
 * instrumentation hooks match the module by its folder name, so a symlink, which Node resolves to `ai-v6`,
 * would not do) and `@ai-sdk/openai` points at `ai-sdk-openai-v3` (the provider major that goes with `ai` 6).
 */
function installAiSdk6(): void {
  const root = new URL('../node_modules/', import.meta.url);
  const modules = fileURLToPath(new URL('./fixtures/apps/ai-sdk-6/node_modules/', import.meta.url));
  const version = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  const source = fileURLToPath(new URL('ai-v6/', root));
  if (!existsSync(`${modules}ai/package.json`) || version(`${modules}ai/package.json`) !== version(`${source}package.json`)) {
    rmSync(modules, { recursive: true, force: true });
    cpSync(source, `${modules}ai`, { recursive: true, filter: (path) => !/\/(docs|src)$|\.map$/.test(path) });
    mkdirSync(`${modules}@ai-sdk`, { recursive: true });
    symlinkSync(fileURLToPath(new URL('ai-sdk-openai-v3', root)), `${modules}@ai-sdk/openai`, 'dir');
  }
}

describe.each([
  ['ESM under --import', '--import', 'apps/ai-sdk-6/app.mjs'],
  ['CommonJS under --require', '--require', 'apps/ai-sdk-6/app.cjs'],
])('Vercel AI SDK 6, %s', (_title, flag, app) => {
  beforeAll(installAiSdk6);

  it('the same spans as ai 7: invoke_agent → chat, execute_tool → MCP tools/call; a stream keeps its usage; object, embedding, error', async () => {
    await run([flag, REGISTER, app]);
    const spans = await otlp.receiver.waitFor('spans', (s) => s.some((x) => x.name === 'chat gpt-error-400') && s.some((x) => x.name === 'tools/call forecast' && x.kind === 3));
    expect(spans.filter((s) => s.name.startsWith('ai.'))).toEqual([]);
    const agent = one(spans, 'invoke_agent weather-agent');
    expect(agent.attributes).toMatchObject({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'weather-agent', 'sightline.gen_ai.framework': 'ai-sdk' });
    const chats = spans.filter((s) => s.name === 'chat e2e-ai-agent');
    expect(chats).toHaveLength(2);
    for (const chat of chats) {
      expect(chat.parentSpanId).toBe(agent.spanId);
      expect(chat.attributes).toMatchObject({ 'gen_ai.provider.name': 'openai', 'gen_ai.usage.input_tokens': 12 });
    }
    const tool = one(spans, 'execute_tool get_weather');
    expect(tool.parentSpanId).toBe(agent.spanId);
    const mcpCall = one(spans, 'tools/call forecast', 3);
    expect(mcpCall.parentSpanId).toBe(tool.spanId);
    expect(one(spans, 'tools/call forecast', 2).parentSpanId).toBe(mcpCall.spanId);
    expect(one(spans, 'chat e2e-ai-stream').attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3 });
    expect(one(spans, 'chat gpt-json').attributes).toMatchObject({ 'gen_ai.output.type': 'json', 'gen_ai.usage.output_tokens': 2 });
    expect(one(spans, 'embeddings text-embedding-3-small').attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 5 });
    expect(one(spans, 'chat gpt-error-400').attributes).toMatchObject({ 'error.type': 'APICallError' });
  });
});

describe('LangChain.js and withAgent / withTool, CommonJS under --require', () => {
  it('a chain is one trace with one model span; an app’s agent loop reads agent → model, tool → MCP', async () => {
    await run(['--require', REGISTER, 'apps/frameworks-langchain.cjs']);
    const spans = await otlp.receiver.waitFor('spans', (s) => s.some((x) => x.name === 'tools/call forecast' && x.kind === 2) && s.some((x) => x.name === 'RunnableSequence'));
    const sequence = one(spans, 'RunnableSequence');
    const chat = one(spans, 'chat e2e-lc-chat');
    expect(chat.parentSpanId).toBe(sequence.spanId);
    expect(chat.traceId).toBe(sequence.traceId);
    const agent = one(spans, 'invoke_agent support');
    expect(agent.attributes).toMatchObject({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.provider.name': 'openai' });
    expect(one(spans, 'chat e2e-own-agent').parentSpanId).toBe(agent.spanId);
    const tool = one(spans, 'execute_tool get_weather');
    expect(tool.parentSpanId).toBe(agent.spanId);
    expect(one(spans, 'tools/call forecast', 3).parentSpanId).toBe(tool.spanId);
  });
});

describe.each([
  ['ESM under --import', '--import', 'apps/frameworks-llamaindex.mjs'],
  ['CommonJS under --require', '--require', 'apps/frameworks-llamaindex.cjs'],
])('LlamaIndex.TS, %s', (_title, flag, app) => {
  it('invoke_agent → chat (twice), execute_tool → MCP tools/call; a stream keeps its usage; one chat span per model call', async () => {
    await run([flag, REGISTER, app]);
    const spans = await otlp.receiver.waitFor('spans', (s) => s.some((x) => x.name === 'chat e2e-li-stream') && s.some((x) => x.name === 'tools/call forecast' && x.kind === 2));
    const agent = one(spans, 'invoke_agent weather-agent');
    expect(agent.attributes).toMatchObject({ 'gen_ai.operation.name': 'invoke_agent', 'sightline.gen_ai.framework': 'llamaindex' });
    const chats = spans.filter((s) => s.name === 'chat e2e-li-agent');
    expect(chats).toHaveLength(2); // @llamaindex/openai calls openai 5, which the OpenAI instrumentation leaves unpatched: no second span
    for (const chat of chats) {
      expect(chat.parentSpanId).toBe(agent.spanId);
      expect(chat.attributes).toMatchObject({ 'gen_ai.provider.name': 'openai', 'gen_ai.usage.input_tokens': 12, 'server.address': '127.0.0.1' });
    }
    const tool = one(spans, 'execute_tool get_weather');
    expect(tool.parentSpanId).toBe(agent.spanId);
    expect(tool.attributes).toMatchObject({ 'gen_ai.tool.call.id': 'call_fake_1' });
    const mcpCall = one(spans, 'tools/call forecast', 3);
    expect(mcpCall.parentSpanId).toBe(tool.spanId);
    expect(one(spans, 'chat e2e-li-stream').attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3 });
  });
});
