import { PROVIDER_GROQ } from './semconv.js';
import { openAiChatAdapter } from './internal/adapters/openai-chat.js';
import { LlmInstrumentationBase } from './internal/llm-instrumentation-base.js';
import { retryCounterWrapper, stainlessMethodWrapper } from './internal/stainless-wrapper.js';
import { moduleDefinitions, reportShapeMismatch } from './internal/supported-version.js';
import { GROQ_SUPPORTED_VERSIONS } from './supported-versions.js';
import { unwrapMethod, wrapMethod } from './internal/wrap-method.js';


interface GroqModule {
  Groq?: GroqClass;
  default?: GroqClass;
}
interface GroqClass {
  prototype: object;
  Chat?: { Completions?: { prototype: object } };
}

function targets(exports: GroqModule) {
  const Groq = exports?.Groq ?? exports?.default;
  const chat = Groq?.Chat?.Completions?.prototype;
  return Groq === undefined || chat === undefined ? undefined : { client: Groq.prototype, chat };
}

/**
 * Traces `groq-sdk` (majors 0 and 1) chat completions, plain and streamed. Groq reports stream usage in
 * the last chunk's `x_groq.usage` without being asked.
 */
export class GroqInstrumentation extends LlmInstrumentationBase {
  protected init() {
    return moduleDefinitions(
      'groq-sdk',
      GROQ_SUPPORTED_VERSIONS,
      (exports: GroqModule, version?: string) => this._patch(exports, version),
      (exports: GroqModule) => this._unpatch(exports),
    );
  }

  private _patch(exports: GroqModule, version: string | undefined): GroqModule {
    const t = targets(exports);
    if (t === undefined) {
      reportShapeMismatch('groq-sdk', version, 'Groq.Chat.Completions');
      return exports;
    }
    wrapMethod(t.chat, 'create', stainlessMethodWrapper(this, openAiChatAdapter, PROVIDER_GROQ));
    wrapMethod(t.client, 'buildRequest', retryCounterWrapper);
    return exports;
  }

  private _unpatch(exports: GroqModule): void {
    const t = targets(exports);
    if (t === undefined) return;
    unwrapMethod(t.chat, 'create');
    unwrapMethod(t.client, 'buildRequest');
  }
}
