/**
 * One process of the LLM benchmark (`llm.bench.ts` starts it once per variant and round): sets up the
 * variant on the pipeline of `worker-pipeline.ts` and prints the per-call times of `timeCalls`.
 *
 * The calls are `openai` 6 chat completions (no peer patches openai 7) against the loopback fake provider:
 * each distinct request is fetched from it once and then replayed from memory by the client's `fetch`, so
 * socket noise stays out while the SDK still parses the same JSON.
 *
 * Usage: `node test/bench/llm-worker.ts <variant> <fake-provider-url> <warmup> <calls>`.
 */
import { context, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { OpenAIInstrumentation } from '@sightline/instrumentation-llm';
import { createRequire } from 'node:module';
import { timeCalls } from './process-rounds.ts';
import { attachedAggregator, meterProvider, shutdownPipeline, tracerProvider, useProviders } from './worker-pipeline.ts';

const [variant = 'uninstrumented', url = '', warmup = '500', calls = '3000'] = process.argv.slice(2);
const require = createRequire(import.meta.url);

/** A response recorded from the fake provider, replayed for every later request with the same body. */
const recorded = new Map<string, { status: number; headers: [string, string][]; body: Uint8Array }>();
async function replayFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const key = String(init?.body);
  let r = recorded.get(key);
  if (r === undefined) {
    const live = await fetch(input, init);
    r = { status: live.status, headers: [...live.headers.entries()], body: new Uint8Array(await live.arrayBuffer()) };
    recorded.set(key, r);
  }
  return new Response(r.body, { status: r.status, headers: r.headers });
}

/** Patches the openai 6 module the way the instrumentation's require hook would. */
function patch(instrumentation: InstrumentationBase, module: object): void {
  useProviders(instrumentation);
  for (const definition of instrumentation.getModuleDefinitions()) if (definition.name === 'openai') definition.patch?.(module, '6.49.0');
}

type Peer = new (config: object) => InstrumentationBase;
const peers: Record<string, () => InstrumentationBase> = {
  // As bootstrap() sets it up: the histograms aggregated in process, published through the reader.
  sightline: () => new OpenAIInstrumentation({ enabled: false, histogramAggregator: attachedAggregator() }),
  'sightline-sdk-histograms': () => new OpenAIInstrumentation({ enabled: false }),
  // Left enabled: it records nothing when constructed disabled (its hook matches openai < 7 only).
  otel: () => new (require('@opentelemetry/instrumentation-openai').OpenAIInstrumentation as Peer)({}),
  traceloop: () => new (require('@traceloop/instrumentation-openai').OpenAIInstrumentation as Peer)({ enabled: false, traceContent: false }),
  openinference: () =>
    new (require('@arizeai/openinference-instrumentation-openai').OpenAIInstrumentation as Peer)({
      enabled: false,
      traceConfig: { hideInputs: true, hideOutputs: true },
    }),
};

const module = require('openai-v6') as { OpenAI: new (options: object) => Client };
interface Client {
  chat: { completions: { create(body: object): Promise<ChatCompletion> } };
}
interface ChatCompletion {
  id: string;
  model: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
  choices: Array<{ finish_reason: string }>;
}
if (peers[variant] !== undefined) patch(peers[variant](), module);
const client = new module.OpenAI({ apiKey: 'sk-bench', baseURL: `${url}/openai/v1`, maxRetries: 0, fetch: replayFetch });
const body = { model: 'bench', messages: [{ role: 'user', content: 'hi' }] };
const plain = () => client.chat.completions.create(body);

// The SDK floor: what any instrumentation recording the same data must do through the SDK.
const tracer = tracerProvider.getTracer('bench');
const meter = meterProvider.getMeter('bench');
const duration = meter.createHistogram('gen_ai.client.operation.duration', { unit: 's', advice: { explicitBucketBoundaries: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] } });
const tokens = meter.createHistogram('gen_ai.client.token.usage', { unit: '{token}', advice: { explicitBucketBoundaries: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] } });

/** One span with the request attributes, active around the call, then the response attributes; `histograms` adds the three records. */
async function manual(histograms: boolean): Promise<void> {
  const start = performance.now();
  const span = tracer.startSpan('chat bench', {
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'bench',
      'gen_ai.request.stream': false,
      'server.address': '127.0.0.1',
      'server.port': 0,
    },
  });
  const result = await context.with(trace.setSpan(context.active(), span), plain);
  span.setAttributes({
    'gen_ai.response.id': result.id,
    'gen_ai.response.model': result.model,
    'gen_ai.usage.input_tokens': result.usage?.prompt_tokens,
    'gen_ai.usage.output_tokens': result.usage?.completion_tokens,
    'gen_ai.response.finish_reasons': result.choices.map((c) => c.finish_reason),
  });
  span.end();
  if (!histograms) return;
  const attributes = (tokenType?: string): Attributes => {
    const a: Attributes = { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'bench', 'server.address': '127.0.0.1', 'server.port': 0, 'gen_ai.response.model': result.model };
    if (tokenType !== undefined) a['gen_ai.token.type'] = tokenType;
    return a;
  };
  duration.record((performance.now() - start) / 1000, attributes());
  tokens.record(result.usage?.prompt_tokens ?? 0, attributes('input'));
  tokens.record(result.usage?.completion_tokens ?? 0, attributes('output'));
}

const call: () => Promise<unknown> = variant === 'span' ? () => manual(false) : variant === 'floor' ? () => manual(true) : plain;

await timeCalls(call, Number(warmup), Number(calls));
await shutdownPipeline();
