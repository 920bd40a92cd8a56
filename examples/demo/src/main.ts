/**
 * The demo: a "workflow" that fans out parallel steps, logs through the Sightline facade and through the
 * app's existing pino logger, and fails once; then LLM calls to several providers; then an MCP client
 * calling a server's tools, one of which calls an LLM; then a Vercel AI SDK agent and a LangChain.js chain. It has no telemetry code of its own beyond `getLogger` and
 * `withSpan`: the `--import @sightline/core/register` preload started the SDK from the environment.
 */
import { context, propagation } from '@opentelemetry/api';
import { getLogger, withSpan } from '@sightline/core';
import pino from 'pino';
import { startFakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { runFrameworkCalls } from './framework-calls.ts';
import { runLlmCalls } from './llm-calls.ts';
import { runMcpFlow } from './mcp-flow.ts';

const log = getLogger('demo.workflow');
const legacy = pino({ name: 'demo-legacy' });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function step(name: string, ms: number, fail = false): Promise<string> {
  return withSpan(`step ${name}`, async () => {
    log.debug('step started', { step: name });
    await sleep(ms);
    if (fail) throw new Error(`step ${name} timed out after ${ms} ms`);
    log.info('step finished', { step: name, 'duration.ms': ms });
    return `${name}: ok`;
  });
}

async function boardDecision(): Promise<void> {
  await withSpan('board decision', async () => {
    log.info('workflow started', { 'workflow.id': 'wf-42', steps: 3 });
    legacy.info({ 'workflow.id': 'wf-42' }, 'the legacy pino logger is captured too');
    const results = await Promise.allSettled([step('research', 40), step('draft', 25), step('review', 10, true)]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const failure of failed) log.error('a step failed', { err: failure.reason as Error });
    log.warn('workflow finished', { failed: failed.length, succeeded: results.length - failed.length });
  });
}

const baggage = propagation.createBaggage({ 'session.id': { value: 'session-7f3a' } });
await context.with(propagation.setBaggage(context.active(), baggage), boardDecision);

// LLM calls to several providers: the loopback fake providers, or the real ones when their keys are set.
await runLlmCalls();

// An MCP client calling a server's tools; the tool calls an LLM: one trace from client to LLM.
// Then frameworks: a Vercel AI SDK agent with a tool and a LangChain.js chain, in one trace.
const fake = await startFakeProviders();
try {
  await runMcpFlow(fake.baseURLs.openai);
  await runFrameworkCalls(fake.baseURLs.openai);
} finally {
  await fake.close();
}
