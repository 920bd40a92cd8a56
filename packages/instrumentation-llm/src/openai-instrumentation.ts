import { PROVIDER_OPENAI } from './semconv.js';
import { openAiChatAdapter, withStreamUsage } from './internal/adapters/openai-chat.js';
import { openAiEmbeddingsAdapter } from './internal/adapters/openai-embeddings.js';
import { openAiResponsesAdapter } from './internal/adapters/openai-responses.js';
import { LlmInstrumentationBase } from './internal/llm-instrumentation-base.js';
import { retryCounterWrapper, stainlessMethodWrapper } from './internal/stainless-wrapper.js';
import { moduleDefinitions, reportShapeMismatch } from './internal/supported-version.js';
import { OPENAI_SUPPORTED_VERSIONS } from './supported-versions.js';
import { unwrapMethod, wrapMethod } from './internal/wrap-method.js';


interface OpenAIModule {
  OpenAI?: OpenAIClass;
  default?: OpenAIClass;
}
interface OpenAIClass {
  prototype: object;
  Chat?: { Completions?: { prototype: object } };
  Responses?: { prototype: object };
  Embeddings?: { prototype: object };
}

function targets(exports: OpenAIModule) {
  const OpenAI = exports?.OpenAI ?? exports?.default;
  const chat = OpenAI?.Chat?.Completions?.prototype;
  if (OpenAI === undefined || chat === undefined) return undefined;
  return { client: OpenAI.prototype, chat, responses: OpenAI.Responses?.prototype, embeddings: OpenAI.Embeddings?.prototype };
}

/**
 * Traces the `openai` SDK (majors 6 and 7): chat completions (plain, streamed, `parse()`, `stream()` and
 * `runTools()` helpers), the Responses API (plain, streamed, helpers) and embeddings. The provider is
 * taken from the client's base URL (DeepSeek, Groq, Azure OpenAI, xAI, Mistral, …), `openai` otherwise.
 */
export class OpenAIInstrumentation extends LlmInstrumentationBase {
  protected init() {
    return moduleDefinitions(
      'openai',
      OPENAI_SUPPORTED_VERSIONS,
      (exports: OpenAIModule, version?: string) => this._patch(exports, version),
      (exports: OpenAIModule) => this._unpatch(exports),
    );
  }

  private _patch(exports: OpenAIModule, version: string | undefined): OpenAIModule {
    const t = targets(exports);
    if (t === undefined) {
      reportShapeMismatch('openai', version, 'OpenAI.Chat.Completions');
      return exports;
    }
    const prepare = this.resolvedConfig.includeStreamUsage ? withStreamUsage : undefined;
    wrapMethod(t.chat, 'create', stainlessMethodWrapper(this, openAiChatAdapter, PROVIDER_OPENAI, prepare));
    if (t.responses !== undefined) wrapMethod(t.responses, 'create', stainlessMethodWrapper(this, openAiResponsesAdapter, PROVIDER_OPENAI));
    if (t.embeddings !== undefined) wrapMethod(t.embeddings, 'create', stainlessMethodWrapper(this, openAiEmbeddingsAdapter, PROVIDER_OPENAI));
    wrapMethod(t.client, 'buildRequest', retryCounterWrapper);
    return exports;
  }

  private _unpatch(exports: OpenAIModule): void {
    const t = targets(exports);
    if (t === undefined) return;
    unwrapMethod(t.chat, 'create');
    if (t.responses !== undefined) unwrapMethod(t.responses, 'create');
    if (t.embeddings !== undefined) unwrapMethod(t.embeddings, 'create');
    unwrapMethod(t.client, 'buildRequest');
  }
}
