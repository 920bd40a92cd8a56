import { geminiEmbedAdapter, geminiGenerateAdapter } from './internal/adapters/gemini.js';
import { geminiMethodWrapper } from './internal/gemini-wrapper.js';
import { LlmInstrumentationBase } from './internal/llm-instrumentation-base.js';
import { moduleDefinitions, reportShapeMismatch } from './internal/supported-version.js';
import { GOOGLE_GENAI_SUPPORTED_VERSIONS } from './supported-versions.js';
import { unwrapMethod, wrapMethod } from './internal/wrap-method.js';


interface GenAiModule {
  Models?: { prototype: object };
}

const METHODS = ['generateContentInternal', 'generateContentStreamInternal', 'embedContentInternal'] as const;

/**
 * Traces `@google/genai` (majors 2 and 3; Gemini API and Vertex AI): `models.generateContent`,
 * `generateContentStream` and `embedContent`, one span per model request (automatic continuation and
 * automatic function calling make several requests, each its own span).
 */
export class GoogleGenAIInstrumentation extends LlmInstrumentationBase {
  protected init() {
    return moduleDefinitions(
      '@google/genai',
      GOOGLE_GENAI_SUPPORTED_VERSIONS,
      (exports: GenAiModule, version?: string) => this._patch(exports, version),
      (exports: GenAiModule) => this._unpatch(exports),
    );
  }

  private _patch(exports: GenAiModule, version: string | undefined): GenAiModule {
    const models = exports?.Models?.prototype as Record<string, unknown> | undefined;
    const missing = models === undefined ? 'Models' : METHODS.find((m) => typeof models[m] !== 'function');
    if (models === undefined || missing !== undefined) {
      reportShapeMismatch('@google/genai', version, `Models.prototype.${missing ?? ''}`);
      return exports;
    }
    wrapMethod(models, 'generateContentInternal', geminiMethodWrapper(this, geminiGenerateAdapter(false)));
    wrapMethod(models, 'generateContentStreamInternal', geminiMethodWrapper(this, geminiGenerateAdapter(true)));
    wrapMethod(models, 'embedContentInternal', geminiMethodWrapper(this, geminiEmbedAdapter));
    return exports;
  }

  private _unpatch(exports: GenAiModule): void {
    const models = exports?.Models?.prototype;
    if (models === undefined) return;
    for (const method of METHODS) unwrapMethod(models, method);
  }
}
