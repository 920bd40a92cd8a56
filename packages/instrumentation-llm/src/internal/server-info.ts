import * as semconv from '../semconv.js';

/** Where a client sends its requests, and which provider that is. */
export interface Endpoint {
  readonly provider: string;
  readonly address: string | undefined;
  readonly port: number | undefined;
}

/**
 * Known API hosts and their `gen_ai.provider.name`: a hostname equal to or ending in `.` + the suffix,
 * and, when a path prefix is given, a base URL path starting with it. The first match wins. Base URLs as
 * each provider documents them for the openai SDK are the rows of test/internal/server-info.test.ts.
 */
const KNOWN_HOSTS: ReadonlyArray<readonly [suffix: string, provider: string, pathPrefix?: string]> = [
  ['api.openai.com', semconv.PROVIDER_OPENAI],
  ['api.deepseek.com', semconv.PROVIDER_DEEPSEEK],
  ['api.groq.com', semconv.PROVIDER_GROQ],
  // Azure OpenAI: the classic resource host, and Foundry resources (`/openai/...` paths are Azure OpenAI's
  // API; `/models` is the Azure AI model inference API).
  ['openai.azure.com', semconv.PROVIDER_AZURE_OPENAI],
  ['cognitiveservices.azure.com', semconv.PROVIDER_AZURE_OPENAI],
  ['services.ai.azure.com', semconv.PROVIDER_AZURE_OPENAI, '/openai'],
  ['services.ai.azure.com', semconv.PROVIDER_AZURE_AI_INFERENCE],
  ['models.ai.azure.com', semconv.PROVIDER_AZURE_AI_INFERENCE],
  ['api.x.ai', semconv.PROVIDER_X_AI],
  ['api.mistral.ai', semconv.PROVIDER_MISTRAL_AI],
  ['api.perplexity.ai', semconv.PROVIDER_PERPLEXITY],
  ['api.moonshot.ai', semconv.PROVIDER_MOONSHOT_AI],
  ['openrouter.ai', semconv.PROVIDER_OPENROUTER],
  ['api.together.xyz', semconv.PROVIDER_TOGETHER_AI],
  ['api.together.ai', semconv.PROVIDER_TOGETHER_AI],
  ['api.fireworks.ai', semconv.PROVIDER_FIREWORKS_AI],
  ['api.anthropic.com', semconv.PROVIDER_ANTHROPIC],
  ['generativelanguage.googleapis.com', semconv.PROVIDER_GCP_GEMINI],
  ['aiplatform.googleapis.com', semconv.PROVIDER_GCP_VERTEX_AI],
];

const MAX_CACHED = 256;
const cache = new Map<string, Map<string, Endpoint>>();

function providerForHost(hostname: string, path: string): string | undefined {
  for (const [suffix, provider, pathPrefix] of KNOWN_HOSTS) {
    if (hostname !== suffix && !hostname.endsWith(`.${suffix}`)) continue;
    if (pathPrefix === undefined || path === pathPrefix || path.startsWith(`${pathPrefix}/`)) return provider;
  }
  return undefined;
}

function parse(baseURL: string, defaultProvider: string): Endpoint {
  try {
    const url = new URL(baseURL);
    const address = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = url.port !== '' ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
    return { provider: providerForHost(address, url.pathname) ?? defaultProvider, address, port };
  } catch {
    return { provider: defaultProvider, address: undefined, port: undefined };
  }
}

/**
 * The endpoint of a client whose base URL is `baseURL`: the provider known for its host (DeepSeek, Groq,
 * Azure OpenAI, OpenRouter, … behind the `openai` SDK), else `defaultProvider` (self-hosted servers such
 * as vLLM and LM Studio, whose host says nothing: their `server.address` and `server.port` tell them
 * apart). Parsed once per base URL.
 */
export function endpointFor(baseURL: unknown, defaultProvider: string): Endpoint {
  if (typeof baseURL !== 'string') return { provider: defaultProvider, address: undefined, port: undefined };
  let byUrl = cache.get(defaultProvider);
  if (byUrl === undefined) cache.set(defaultProvider, (byUrl = new Map()));
  let endpoint = byUrl.get(baseURL);
  if (endpoint === undefined) {
    endpoint = parse(baseURL, defaultProvider);
    if (byUrl.size < MAX_CACHED) byUrl.set(baseURL, endpoint);
  }
  return endpoint;
}
