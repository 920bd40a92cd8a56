/**
 * Frameworks, in one trace: a Vercel AI SDK agent loop with a tool, then a LangChain.js chain, against the
 * loopback fake OpenAI server. No telemetry code here beyond the `withSpan` that groups them: the AI SDK
 * and LangChain instrumentations of @sightline/instrumentation-llm trace them.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';
import { getLogger, withSpan } from '@sightline/core';
import { generateText, stepCountIs, tool } from 'ai';
import { z } from 'zod';

const log = getLogger('demo.frameworks');

/** One assistant turn: the AI SDK agent answers with a tool's help, then a LangChain chain writes a greeting. */
export async function runFrameworkCalls(openaiBaseURL: string): Promise<void> {
  await withSpan('assistant turn', async () => {
    const openai = createOpenAI({ baseURL: openaiBaseURL, apiKey: 'demo' });
    const weather = tool({
      description: 'The weather in a city now',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }: { city: string }) => `sunny in ${city}`,
    });
    // `…agent…` makes the fake model ask for the tool first, then answer: two model calls, one tool call.
    const answer = await generateText({ model: openai.chat('gpt-5-mini-agent'), prompt: 'Weather in Paris?', tools: { get_weather: weather }, stopWhen: stepCountIs(3), telemetry: { functionId: 'weather-agent' } });
    log.info('ai sdk agent answered', { text: answer.text, steps: answer.steps.length });

    const model = new ChatOpenAI({ model: 'gpt-5-mini', apiKey: 'demo', configuration: { baseURL: openaiBaseURL } });
    const chain = ChatPromptTemplate.fromMessages([['human', 'Greet {name} in one line']]).pipe(model).pipe(new StringOutputParser());
    log.info('langchain chain answered', { text: await chain.invoke({ name: 'Ada' }) });
  });
}
