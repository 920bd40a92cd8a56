/**
 * One non-streaming `chat.completions.create` per iteration, the response served from memory by the
 * client's `fetch`. Modes: `off` / `on` (openai 7, uninstrumented / @sightline/instrumentation-llm),
 * `aggregated` (the same with its histograms in a `HistogramAggregator`, as `bootstrap()` runs it),
 * `off6` / `on6` / `aggregated6` / `otel` / `traceloop` / `openinference` (openai 6, which the peers patch), and the
 * floors on openai 7: `floor` is the least an instrumentation recording the same data must do (one span
 * with the request and response attributes, the call run in its context, the three histogram records),
 * `floor-span` the span alone, `floor-span-context` without the histograms.
 */
import { context, SpanKind, trace } from '@opentelemetry/api';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { OpenAIInstrumentation } from '@sightline/instrumentation-llm';
import { HistogramAggregator } from '@sightline/metrics';
import { createRequire } from 'node:module';
import { loggerProvider, loop, meterProvider, mode, tracerProvider } from './sdk.ts';

const require = createRequire(import.meta.url);
const v6 = ['off6', 'on6', 'aggregated6', 'otel', 'traceloop', 'openinference'].includes(mode);
/* eslint-disable @typescript-eslint/no-explicit-any */
const openai = require(v6 ? 'openai-v6' : 'openai') as any;

function patchWith(instrumentation: InstrumentationBase): void {
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.setMeterProvider(meterProvider);
  instrumentation.setLoggerProvider(loggerProvider);
  for (const d of instrumentation.getModuleDefinitions()) if (d.name === 'openai') d.patch?.(openai, v6 ? '6.49.0' : '7.57.0');
}
const peer = (name: string, config: object) => new (require(name).OpenAIInstrumentation)(config) as InstrumentationBase;

if (mode === 'on' || mode === 'on6') patchWith(new OpenAIInstrumentation({ enabled: false }));
// As bootstrap() runs it: the histograms aggregated in process (never collected here, like the SDK's).
if (mode === 'aggregated' || mode === 'aggregated6') patchWith(new OpenAIInstrumentation({ enabled: false, histogramAggregator: new HistogramAggregator() }));
if (mode === 'otel') patchWith(peer('@opentelemetry/instrumentation-openai', {}));
if (mode === 'traceloop') patchWith(peer('@traceloop/instrumentation-openai', { enabled: false, traceContent: false }));
if (mode === 'openinference') {
  patchWith(peer('@arizeai/openinference-instrumentation-openai', { enabled: false, traceConfig: { hideInputs: true, hideOutputs: true } }));
}
if (mode.startsWith('floor')) patchFloor(mode !== 'floor-span', mode === 'floor');

/** Hand-written minimal instrumentation of `chat.completions.create`. */
function patchFloor(inContext: boolean, histograms: boolean): void {
  const tracer = tracerProvider.getTracer('floor');
  const meter = meterProvider.getMeter('floor');
  const duration = meter.createHistogram('gen_ai.client.operation.duration');
  const tokens = meter.createHistogram('gen_ai.client.token.usage');
  const proto = openai.OpenAI.Chat.Completions.prototype;
  const create = proto.create;
  proto.create = function (body: any, options: unknown) {
    const start = performance.now();
    const span = tracer.startSpan(`chat ${body.model}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': body.model,
        'gen_ai.request.temperature': body.temperature, 'gen_ai.request.stream': false, 'server.address': '127.0.0.1', 'server.port': 9,
      },
    });
    const run = () => create.call(this, body, options);
    const promise = inContext ? context.with(trace.setSpan(context.active(), span), run) : run();
    promise.then((r: any) => {
      span.setAttributes({
        'gen_ai.response.id': r.id, 'gen_ai.response.model': r.model, 'gen_ai.usage.input_tokens': r.usage.prompt_tokens,
        'gen_ai.usage.output_tokens': r.usage.completion_tokens, 'gen_ai.response.finish_reasons': [r.choices[0].finish_reason],
      });
      span.end();
      if (!histograms) return;
      const a = {
        'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': body.model,
        'server.address': '127.0.0.1', 'server.port': 9, 'gen_ai.response.model': r.model,
      };
      duration.record((performance.now() - start) / 1000, a);
      tokens.record(r.usage.prompt_tokens, { ...a, 'gen_ai.token.type': 'input' });
      tokens.record(r.usage.completion_tokens, { ...a, 'gen_ai.token.type': 'output' });
    });
    return promise;
  };
}

const body = new TextEncoder().encode(JSON.stringify({
  id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-2024',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
}));
const fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'req_1' } });
const client = new openai.OpenAI({ apiKey: 'sk-bench', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0, fetch });
const messages = [{ role: 'user', content: 'hi' }];
await loop(() => client.chat.completions.create({ model: 'gpt-4o', messages, temperature: 0.2 }));
