/**
 * One process of the providers benchmark (`llm-providers.bench.ts`): `node llm-providers-worker.ts
 * <provider> <variant> <calls> <fake-base-url>` makes `calls` plain and `calls / 2` streamed chat calls
 * through the real SDK of `provider` (ollama | mistral | cohere | bedrock), uninstrumented (`bare`),
 * patched by the built `@sightline/instrumentation-llm` (`sightline`) or, for Bedrock, by a peer
 * (`aws-sdk`: `@opentelemetry/instrumentation-aws-sdk`; `traceloop`: `@traceloop/instrumentation-bedrock`;
 * `openinference`: `@arizeai/openinference-instrumentation-bedrock`), with a full SDK pipeline in all: a
 * BatchSpanProcessor into a no-op exporter, a metric reader, a logger provider. With `describe` for
 * `calls` it makes one call of each kind and prints what the variant recorded instead of timings.
 * Responses come from the loopback fake provider once per distinct request, then are replayed from
 * memory by the client's fetch (Bedrock: by its Smithy request handler, which wraps the SDK's own HTTP/2
 * handler for the first request), so the SDK parses the same bytes without socket noise. Prints `{ plainUs, streamUs }`: CPU µs
 * per call after 300 warm-up calls of each kind.
 */
import { context, logs, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, type ReadableSpan, SimpleSpanProcessor, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { BedrockInstrumentation, CohereInstrumentation, MistralInstrumentation, OllamaInstrumentation } from '@sightline/instrumentation-llm';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { replayFetch } from './in-process-variants.ts';
import { noopSpanExporter, PullMetricReader } from './sdk-stubs.ts';

const [provider, variant, callsArg, url] = process.argv.slice(2) as [string, string, string, string];
const DESCRIBE = callsArg === 'describe';
const CALLS = Number(callsArg);
const WARMUP = 300;
const requireHere = createRequire(import.meta.url);
const requireLlm = createRequire(requireHere.resolve('@sightline/instrumentation-llm/package.json'));

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
/** In `describe` mode: the ended spans, kept as they end. */
const ended: ReadableSpan[] = [];
const keepSpans: SpanExporter = { ...noopSpanExporter, export: (spans, done) => (ended.push(...spans), noopSpanExporter.export(spans, done)) };
const tracerProvider = new TracerProvider({ spanProcessors: [DESCRIBE ? new SimpleSpanProcessor({ exporter: keepSpans }) : new BatchSpanProcessor({ exporter: noopSpanExporter })] });
const metricReader = new PullMetricReader();
const meterProvider = new MeterProvider({ readers: [metricReader] });
const loggerProvider = new LoggerProvider();
trace.setGlobalTracerProvider(tracerProvider);
metrics.setGlobalMeterProvider(meterProvider);
logs.setGlobalLoggerProvider(loggerProvider);

/** The parts of a Smithy `HttpRequest` / `HttpResponse` (`@smithy/core/transport`) that are used. */
interface SmithyRequest {
  method: string;
  path: string;
  body?: unknown;
}
interface SmithyResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: AsyncIterable<Uint8Array>;
}
/** A Smithy `HttpHandler` (`@smithy/core/protocols`: `RequestHandler` of `@smithy/types` plus the config accessors). */
interface SmithyHttpHandler {
  metadata?: { handlerProtocol: string };
  handle(request: SmithyRequest, options?: object): Promise<{ response: SmithyResponse }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): object;
  destroy?(): void;
}
interface RecordedSmithy {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * A Smithy request handler for the Bedrock client: sends each distinct request (method, path, body) once
 * through `live` (the SDK's own HTTP/2 handler) and records the status, headers and body bytes (the AWS
 * event stream included); replays them from memory afterwards as a fresh `HttpResponse` whose body is a
 * Node stream of those bytes, as the HTTP/2 handler's response body is.
 */
function replayHandler(live: SmithyHttpHandler, HttpResponse: new (o: SmithyResponse) => SmithyResponse): SmithyHttpHandler {
  const recorded = new Map<string, RecordedSmithy>();
  return {
    metadata: live.metadata,
    async handle(request, options) {
      // The JSON body is a Uint8Array (Smithy's JSON codec warns when it is read as a string).
      const body = request.body instanceof Uint8Array ? Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength).toString() : String(request.body);
      const key = `${request.method} ${request.path} ${body}`;
      let r = recorded.get(key);
      if (r === undefined) {
        const { response } = await live.handle(request, options);
        const chunks: Uint8Array[] = [];
        for await (const chunk of response.body ?? []) chunks.push(chunk);
        r = { statusCode: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) };
        recorded.set(key, r);
      }
      return { response: new HttpResponse({ statusCode: r.statusCode, headers: { ...r.headers }, body: Readable.from([r.body]) }) };
    },
    updateHttpClientConfig: (key, value) => live.updateHttpClientConfig(key, value),
    httpHandlerConfigs: () => live.httpHandlerConfigs(),
    destroy: () => live.destroy?.(),
  };
}

/**
 * Patches `exports` (or the file `file` of the module) the way the instrumentation's hooks would: through
 * its module definition named `name` (default: its first).
 */
function patch(instrumentation: InstrumentationBase, exports: unknown, version: string, file?: unknown, name?: string): void {
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.setMeterProvider(meterProvider);
  instrumentation.setLoggerProvider(loggerProvider);
  const definitions = instrumentation.getModuleDefinitions();
  const definition = name === undefined ? definitions[0]! : definitions.find((d) => d.name === name)!;
  if (file !== undefined) definition.files[0]!.patch(file, version);
  else definition.patch?.(exports, version);
}

const BEDROCK_VERSION = '3.1178.0';
type Peer = new (config: object) => InstrumentationBase;

/**
 * Patches the Bedrock SDK for `variant` as that instrumentation's require hooks would. Ours, Traceloop's and
 * OpenInference's hook `@aws-sdk/client-bedrock-runtime` and wrap `BedrockRuntimeClient.prototype.send`; the
 * contrib aws-sdk instrumentation hooks `@smithy/core` (>= 3.24.0) at the file
 * `dist-cjs/submodules/client/index.js` (what `@smithy/core/client` resolves to, where the client's base
 * `Client` comes from) and wraps `Client.prototype.send`, which wraps each client's middleware stack on its
 * first `send`. Content capture is off in all (ours: opt-in; Traceloop: `traceContent: false`;
 * OpenInference: inputs and outputs hidden; aws-sdk: records no content).
 */
function patchBedrock(module: object, requireSdk: NodeJS.Require): void {
  if (variant === 'sightline') return patch(new BedrockInstrumentation({ enabled: false }), module, BEDROCK_VERSION);
  if (variant === 'traceloop') {
    const { BedrockInstrumentation: Traceloop } = requireHere('@traceloop/instrumentation-bedrock') as { BedrockInstrumentation: Peer };
    return patch(new Traceloop({ enabled: false, traceContent: false }), module, BEDROCK_VERSION);
  }
  if (variant === 'openinference') {
    const { BedrockInstrumentation: OpenInference } = requireHere('@arizeai/openinference-instrumentation-bedrock') as { BedrockInstrumentation: Peer };
    return patch(new OpenInference({ instrumentationConfig: { enabled: false }, traceConfig: { hideInputs: true, hideOutputs: true } }), module, BEDROCK_VERSION);
  }
  if (variant === 'aws-sdk') {
    const { AwsInstrumentation } = requireHere('@opentelemetry/instrumentation-aws-sdk') as { AwsInstrumentation: Peer };
    const smithyCore = join(dirname(requireSdk.resolve('@smithy/core')), '..');
    const { version } = JSON.parse(readFileSync(join(smithyCore, 'package.json'), 'utf8')) as { version: string };
    return patch(new AwsInstrumentation({ enabled: false }), undefined, version, requireSdk('@smithy/core/client'), '@smithy/core');
  }
  if (variant !== 'bare') throw new Error(`unknown Bedrock variant ${variant}`);
}

const messages = [{ role: 'user', content: 'hi' }];
const converseMessages = [{ role: 'user', content: [{ text: 'hi' }] }];
type Call = () => Promise<void>;

async function drain(stream: unknown): Promise<void> {
  for await (const _ of stream as AsyncIterable<unknown>);
}

function setup(): { plain: Call; stream: Call } {
  const instrumented = variant === 'sightline';
  if (provider === 'ollama') {
    const module = requireLlm('ollama') as { Ollama: new (o: object) => { chat(r: object): Promise<unknown> } };
    if (instrumented) patch(new OllamaInstrumentation({ enabled: false }), module, '0.6.4');
    const client = new module.Ollama({ host: url, fetch: replayFetch });
    return {
      plain: async () => void (await client.chat({ model: 'bench', messages })),
      stream: async () => drain(await client.chat({ model: 'bench-chunks-20', messages, stream: true })),
    };
  }
  if (provider === 'mistral') {
    const module = requireLlm('@mistralai/mistralai') as {
      Mistral: new (o: object) => { chat: { complete(r: object): Promise<unknown>; stream(r: object): Promise<unknown> } };
      HTTPClient: new (o: object) => unknown;
    };
    if (instrumented) patch(new MistralInstrumentation({ enabled: false }), module, '2.7.0');
    const client = new module.Mistral({ apiKey: 'bench', serverURL: url, httpClient: new module.HTTPClient({ fetcher: replayFetch }) });
    return {
      plain: async () => void (await client.chat.complete({ model: 'bench', messages })),
      stream: async () => drain(await client.chat.stream({ model: 'bench-chunks-20', messages })),
    };
  }
  if (provider === 'bedrock') {
    const module = requireLlm('@aws-sdk/client-bedrock-runtime') as {
      BedrockRuntimeClient: new (o: object) => { send(command: object): Promise<{ stream?: unknown }> };
      ConverseCommand: new (input: object) => object;
      ConverseStreamCommand: new (input: object) => object;
    };
    const requireSdk = createRequire(requireLlm.resolve('@aws-sdk/client-bedrock-runtime'));
    const { NodeHttp2Handler } = requireSdk('@smithy/node-http-handler') as { NodeHttp2Handler: { create(options: object): SmithyHttpHandler } };
    const { HttpResponse } = requireSdk('@smithy/core/protocols') as { HttpResponse: new (o: SmithyResponse) => SmithyResponse };
    patchBedrock(module, requireSdk);
    const client = new module.BedrockRuntimeClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDBENCHBENCHBENCH', secretAccessKey: 'bench-secret' },
      // As the client's default configuration creates its HTTP/2 handler.
      requestHandler: replayHandler(NodeHttp2Handler.create({ disableConcurrentStreams: true }), HttpResponse),
    });
    return {
      plain: async () => void (await client.send(new module.ConverseCommand({ modelId: 'bench', messages: converseMessages }))),
      stream: async () => drain((await client.send(new module.ConverseStreamCommand({ modelId: 'bench-chunks-20', messages: converseMessages }))).stream),
    };
  }
  const module = requireLlm('cohere-ai') as { CohereClientV2: new (o: object) => { chat(r: object): Promise<unknown>; chatStream(r: object): Promise<unknown> } };
  const file = requireLlm(join(dirname(requireLlm.resolve('cohere-ai')), 'api/resources/v2/client/Client.js'));
  if (instrumented) patch(new CohereInstrumentation({ enabled: false }), module, '8.1.0', file);
  const client = new module.CohereClientV2({ token: 'bench', baseUrl: url, fetch: replayFetch });
  return {
    plain: async () => void (await client.chat({ model: 'bench', messages })),
    stream: async () => drain(await client.chatStream({ model: 'bench-chunks-20', messages })),
  };
}

/**
 * CPU µs (user + system) per call: on a machine shared with other jobs, wall time counts the time the
 * process waits to be scheduled; the process CPU clock's 4 ms steps are small against the ≥ 300 ms measured.
 */
async function microsPerCall(call: Call, calls: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

/** Prints each ended span (name, kind, status, attribute names) and each metric with its data point count. */
async function describe(): Promise<void> {
  await plain();
  await stream();
  // OpenInference ends its stream span when its own copy of the stream is read, after the caller's loop.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const { resourceMetrics } = await metricReader.collect();
  const spans = ended.map((s) => ({ name: s.name, kind: s.kind, status: s.status.code, attributes: Object.keys(s.attributes).sort() }));
  const recordedMetrics = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics.map((m) => ({ name: m.descriptor.name, points: m.dataPoints.length })));
  process.stdout.write(`${JSON.stringify({ spans, metrics: recordedMetrics }, null, 1)}\n`);
}

const { plain, stream } = setup();
if (DESCRIBE) {
  await describe();
  process.exit(0);
}
for (let i = 0; i < WARMUP; i++) {
  await plain();
  await stream();
}
const plainUs = await microsPerCall(plain, CALLS);
const streamUs = await microsPerCall(stream, CALLS / 2);
await tracerProvider.shutdown();
process.stdout.write(`${JSON.stringify({ plainUs, streamUs })}\n`);
