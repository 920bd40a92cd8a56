/**
 * One process of the providers benchmark (`llm-providers.bench.ts`): `node llm-providers-worker.ts
 * <provider> <variant> <calls> <fake-url>` makes `calls` plain and `calls / 2` streamed chat calls through
 * the real SDK of `provider` (ollama | mistral | cohere), uninstrumented (`bare`) or patched by the built
 * `@sightline/instrumentation-llm` (`sightline`), with a full SDK pipeline in both: a BatchSpanProcessor
 * into a no-op exporter, a metric reader, a logger provider. Responses come from the loopback fake provider
 * once per distinct request, then are replayed from memory by the client's fetch, so the SDK parses the
 * same bytes without socket noise. Prints `{ plainUs, streamUs }`: CPU µs per call after 300 warm-up
 * calls of each kind.
 */
import { context, logs, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { CohereInstrumentation, MistralInstrumentation, OllamaInstrumentation } from '@sightline/instrumentation-llm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
type Call = () => Promise<void>;

async function drain(stream: unknown): Promise<void> {
  for await (const _ of stream as AsyncIterable<unknown>);
}

function setup(): { plain: Call; stream: Call } {
  const instrumented = variant === 'sightline';
  if (provider === 'ollama') {
    const module = requireLlm('ollama') as { Ollama: new (o: object) => { chat(r: object): Promise<unknown> } };
    if (instrumented) patch(new OllamaInstrumentation({ enabled: false }), module, '0.6.4');
    const client = new module.Ollama({ host: `${url}/ollama`, fetch: replayFetch });
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
    const client = new module.Mistral({ apiKey: 'bench', serverURL: `${url}/mistral`, httpClient: new module.HTTPClient({ fetcher: replayFetch }) });
    return {
      plain: async () => void (await client.chat.complete({ model: 'bench', messages })),
      stream: async () => drain(await client.chat.stream({ model: 'bench-chunks-20', messages })),
    };
  }
  const module = requireLlm('cohere-ai') as { CohereClientV2: new (o: object) => { chat(r: object): Promise<unknown>; chatStream(r: object): Promise<unknown> } };
  const file = requireLlm(join(dirname(requireLlm.resolve('cohere-ai')), 'api/resources/v2/client/Client.js'));
  if (instrumented) patch(new CohereInstrumentation({ enabled: false }), module, '8.1.0', file);
  const client = new module.CohereClientV2({ token: 'bench', baseUrl: `${url}/cohere`, fetch: replayFetch });
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
