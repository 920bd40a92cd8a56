import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endpointFor } from '../../src/internal/server-info.js';

/**
 * Base URLs as each provider's documentation gives them for the openai SDK (or as `AzureOpenAI` builds
 * them from a resource endpoint), with the provider name and server address/port expected.
 */
const DOCUMENTED_BASE_URLS: ReadonlyArray<readonly [string, string, string, number]> = [
  ['https://api.openai.com/v1', 'openai', 'api.openai.com', 443],
  // Azure OpenAI: AzureOpenAI({ endpoint }) → `${endpoint}/openai`; the v1 API; Foundry resources.
  ['https://my-resource.openai.azure.com/openai', 'azure.ai.openai', 'my-resource.openai.azure.com', 443],
  ['https://my-resource.openai.azure.com/openai/v1/', 'azure.ai.openai', 'my-resource.openai.azure.com', 443],
  ['https://my-resource.cognitiveservices.azure.com/openai/v1/', 'azure.ai.openai', 'my-resource.cognitiveservices.azure.com', 443],
  ['https://my-project.services.ai.azure.com/openai/v1/', 'azure.ai.openai', 'my-project.services.ai.azure.com', 443],
  ['https://my-project.services.ai.azure.com/models', 'azure.ai.inference', 'my-project.services.ai.azure.com', 443],
  ['https://my-endpoint.eastus2.models.ai.azure.com/v1', 'azure.ai.inference', 'my-endpoint.eastus2.models.ai.azure.com', 443],
  ['https://openrouter.ai/api/v1', 'openrouter', 'openrouter.ai', 443],
  ['https://api.together.xyz/v1', 'together_ai', 'api.together.xyz', 443],
  ['https://api.together.ai/v1', 'together_ai', 'api.together.ai', 443],
  ['https://api.fireworks.ai/inference/v1', 'fireworks_ai', 'api.fireworks.ai', 443],
  ['https://api.groq.com/openai/v1', 'groq', 'api.groq.com', 443],
  ['https://api.deepseek.com', 'deepseek', 'api.deepseek.com', 443],
  ['https://api.deepseek.com/v1', 'deepseek', 'api.deepseek.com', 443],
  ['https://api.x.ai/v1', 'x_ai', 'api.x.ai', 443],
  ['https://api.mistral.ai/v1', 'mistral_ai', 'api.mistral.ai', 443],
  ['https://api.perplexity.ai', 'perplexity', 'api.perplexity.ai', 443],
  ['https://api.moonshot.ai/v1', 'moonshot_ai', 'api.moonshot.ai', 443],
  ['https://generativelanguage.googleapis.com/v1beta/openai/', 'gcp.gemini', 'generativelanguage.googleapis.com', 443],
  // Self-hosted servers: vLLM (`vllm serve`, port 8000) and LM Studio (port 1234) have no host of their own.
  ['http://localhost:8000/v1', 'openai', 'localhost', 8000],
  ['http://localhost:1234/v1', 'openai', 'localhost', 1234],
  ['http://[::1]:8000/v1', 'openai', '::1', 8000],
  ['http://gpu-box.internal/v1', 'openai', 'gpu-box.internal', 80],
];

describe('endpointFor', () => {
  it.each(DOCUMENTED_BASE_URLS)('%s → %s at %s:%i', (baseURL, provider, address, port) => {
    expect(endpointFor(baseURL, 'openai')).toEqual({ provider, address, port });
  });

  it('matches whole host labels and path segments, not look-alikes', () => {
    expect(endpointFor('https://openrouter.ai.example.com/api/v1', 'openai').provider).toBe('openai');
    expect(endpointFor('https://notopenai.azure.com/openai', 'openai').provider).toBe('openai');
    expect(endpointFor('https://evilopenrouter.ai/api/v1', 'openai').provider).toBe('openai');
    expect(endpointFor('https://p.services.ai.azure.com/openaix', 'openai').provider).toBe('azure.ai.inference');
    expect(endpointFor('HTTPS://API.FIREWORKS.AI/inference/v1', 'openai').provider).toBe('fireworks_ai');
  });

  it('a base URL that is not a URL keeps the default provider and no address', () => {
    expect(endpointFor('not a url', 'groq')).toEqual({ provider: 'groq', address: undefined, port: undefined });
    expect(endpointFor(undefined, 'openai')).toEqual({ provider: 'openai', address: undefined, port: undefined });
  });

  it('any host outside the known ones is the default provider, with its own address and port', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('internal', 'example', 'local'), fc.integer({ min: 1, max: 65535 }), (labels, tld, port) => {
        const host = [...labels, tld].join('.');
        expect(endpointFor(`http://${host}:${port}/v1`, 'openai')).toEqual({ provider: 'openai', address: host, port: port === 80 ? 80 : port });
      }),
    );
  });
});
