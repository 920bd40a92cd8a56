/**
 * One process of the providers benchmark (`llm-providers.bench.ts`): `node llm-providers-worker.ts
 * <provider> <variant> <calls> <fake-base-url>` makes `calls` plain and `calls / 2` streamed chat calls
 * through the real SDK of `provider` (ollama | mistral | cohere | bedrock), uninstrumented (`bare`) or
 * patched by the built `@sightline/instrumentation-llm` (`sightline`), with a full SDK pipeline in both: a
 * BatchSpanProcessor into a no-op exporter, a metric reader, a logger provider. Responses come from the
 * loopback fake provider once per distinct request, then are replayed from memory by the client's fetch
 * (Bedrock: by its Smithy request handler, which wraps the SDK's own HTTP/2 handler for the first
 * request), so the SDK parses the same bytes without socket noise. Prints `{ plainUs, streamUs }`: CPU µs
 * per call after 300 warm-up calls of each kind.
 */
import { context, logs, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { BedrockInstrumentation, CohereInstrumentation, MistralInstrumentation, OllamaInstrumentation } from '@sightline/instrumentation-llm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { noopSpanExporter, PullMetricReader } from './sdk-stubs.ts';

const [provider, variant, callsArg, url] = process.argv.slice(2) as [string, string, string, string];
const CALLS = Number(callsArg);
const WARMUP = 300;
const requireHere = createRequire(import.meta.url);
const requireLlm = createRequire(requireHere.resolve('@sightline/instrumentation-llm/package.json'));

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: noopSpanExporter })] });
const meterProvider = new MeterProvider({ readers: [new PullMetricReader()] });
const loggerProvider = new LoggerProvider();
trace.setGlobalTracerProvider(tracerProvider);
metrics.setGlobalMeterProvider(meterProvider);
logs.setGlobalLoggerProvider(loggerProvider);

interface Recorded {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}
const recorded = new Map<string, Recorded>();

/** Fetches each distinct request once from the fake provider; replays it from memory afterwards. */
async function replayFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : undefined;
  const key = `${request?.url ?? String(input)} ${request === undefined ? String(init?.body) : await request.clone().text()}`;
  let r = recorded.get(key);
  if (r === undefined) {
    const live = await fetch(input, init);
    r = { status: live.status, headers: [...live.headers.entries()], body: new Uint8Array(await live.arrayBuffer()) };
    recorded.set(key, r);
  }
  return new Response(r.body, { status: r.status, headers: r.headers });
}

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

/** Patches `exports` (or the file `file` of the module) the way the instrumentation's hooks would. */
function patch(instrumentation: InstrumentationBase, exports: unknown, version: string, file?: unknown): void {
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.setMeterProvider(meterProvider);
  instrumentation.setLoggerProvider(loggerProvider);
  const definition = instrumentation.getModuleDefinitions()[0]!;
  if (file !== undefined) definition.files[0]!.patch(file, version);
  else definition.patch?.(exports, version);
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
    if (instrumented) patch(new BedrockInstrumentation({ enabled: false }), module, '3.1178.0');
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

const { plain, stream } = setup();
for (let i = 0; i < WARMUP; i++) {
  await plain();
  await stream();
}
const plainUs = await microsPerCall(plain, CALLS);
const streamUs = await microsPerCall(stream, CALLS / 2);
await tracerProvider.shutdown();
process.stdout.write(`${JSON.stringify({ plainUs, streamUs })}\n`);
