import { InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import { geminiEmbedAdapter, geminiGenerateAdapter } from './internal/adapters/gemini.js';
import { geminiMethodWrapper } from './internal/gemini-wrapper.js';
import { LlmInstrumentationBase } from './internal/llm-instrumentation-base.js';
import { isSupportedVersion, reportShapeMismatch } from './internal/supported-version.js';
import { unwrapMethod, wrapMethod } from './internal/wrap-method.js';

/** The `@google/genai` majors this instrumentation is tested with. */
export const GOOGLE_GENAI_SUPPORTED_VERSIONS = '>=2 <4';

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
    return new InstrumentationNodeModuleDefinition(
      '@google/genai',
      ['*'],
      (exports: GenAiModule, version?: string) => this._patch(exports, version),
      (exports: GenAiModule) => this._unpatch(exports),
    );
  }

  private _patch(exports: GenAiModule, version: string | undefined): GenAiModule {
    if (!isSupportedVersion('@google/genai', version, [2, 3], GOOGLE_GENAI_SUPPORTED_VERSIONS)) return exports;
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
