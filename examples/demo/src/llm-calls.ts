/**
 * LLM calls for the demo: OpenAI (chat, plain and streamed), Anthropic (messages, and the stream()
 * helper) and Gemini (generateContent). Each provider is called for real when its standard API key
 * variable is set (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or GOOGLE_API_KEY), and otherwise
 * against the loopback fake providers of the test fixtures: no key, no network. The SDKs are traced by
 * @sightline/instrumentation-llm; this file has no telemetry code.
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { getLogger } from '@sightline/core';
import OpenAI from 'openai';
import { startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';

const log = getLogger('demo.llm');

const MODELS = {
  openai: process.env.DEMO_OPENAI_MODEL ?? 'gpt-5-mini',
  anthropic: process.env.DEMO_ANTHROPIC_MODEL ?? 'claude-haiku-4-5',
  gemini: process.env.DEMO_GEMINI_MODEL ?? 'gemini-2.5-flash',
};

const question = [{ role: 'user' as const, content: 'In one sentence: why trace LLM calls?' }];

async function callOpenAI(fake: FakeProviders | undefined): Promise<void> {
  const openai = new OpenAI(fake ? { apiKey: 'demo', baseURL: fake.baseURLs.openai } : {});
  const completion = await openai.chat.completions.create({ model: MODELS.openai, messages: question });
  log.info('openai answered', { text: completion.choices[0]?.message.content ?? '' });
  const stream = await openai.chat.completions.create({ model: MODELS.openai, messages: question, stream: true, stream_options: { include_usage: true } });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  log.info('openai streamed', { text });
}

async function callAnthropic(fake: FakeProviders | undefined): Promise<void> {
  const anthropic = new Anthropic(fake ? { apiKey: 'demo', baseURL: fake.baseURLs.anthropic } : {});
  const message = await anthropic.messages.create({ model: MODELS.anthropic, max_tokens: 200, messages: question });
  const first = message.content[0];
  log.info('anthropic answered', { text: first?.type === 'text' ? first.text : '' });
  const final = await anthropic.messages.stream({ model: MODELS.anthropic, max_tokens: 200, messages: question }).finalMessage();
  log.info('anthropic streamed', { stop_reason: final.stop_reason ?? '' });
}

async function callGemini(fake: FakeProviders | undefined): Promise<void> {
  const apiKey = process.env.GEMINI_API_KEY ?? process.env.GOOGLE_API_KEY;
  const ai = new GoogleGenAI(fake ? { apiKey: 'demo', httpOptions: { baseUrl: fake.baseURLs.gemini } } : { apiKey });
  const response = await ai.models.generateContent({ model: MODELS.gemini, contents: question[0].content });
  log.info('gemini answered', { text: response.text ?? '' });
}

/**
 * Makes the demo's LLM calls; a provider that fails is logged and the others still run. Starts the fake
 * providers only when some provider has no key, and stops them before returning.
 */
export async function runLlmCalls(): Promise<void> {
  const real = {
    openai: process.env.OPENAI_API_KEY !== undefined,
    anthropic: process.env.ANTHROPIC_API_KEY !== undefined,
    gemini: process.env.GEMINI_API_KEY !== undefined || process.env.GOOGLE_API_KEY !== undefined,
  };
  const fake = Object.values(real).every(Boolean) ? undefined : await startFakeProviders();
  try {
    const calls: Array<[string, () => Promise<void>]> = [
      ['openai', () => callOpenAI(real.openai ? undefined : fake)],
      ['anthropic', () => callAnthropic(real.anthropic ? undefined : fake)],
      ['gemini', () => callGemini(real.gemini ? undefined : fake)],
    ];
    for (const [provider, call] of calls) {
      await call().catch((error: unknown) => log.error('llm call failed', { provider, err: error as Error }));
    }
  } finally {
    await fake?.close();
  }
}
