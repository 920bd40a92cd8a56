import { createContextKey, type Context } from '@opentelemetry/api';

/**
 * A framework's model call (Vercel AI SDK, LangChain.js) seen from the provider instrumentations, so one
 * model call never makes two model spans. The framework puts it in the context it runs the model call in;
 * a provider SDK call made inside (a LangChain chat model over the `openai` SDK) finds it there.
 *
 * - `owner: 'framework'`: the framework's span is the model span; the provider call makes none.
 * - `owner: 'provider'`: the provider span is the model span; the provider call marks the framework call
 *   `covered` and the framework then records no span of its own for it.
 */
export interface FrameworkModelCall {
  readonly owner: 'framework' | 'provider';
  covered: boolean;
}

const KEY = createContextKey('sightline.instrumentation-llm.framework-model-call');

export function withFrameworkModelCall(ctx: Context, call: FrameworkModelCall): Context {
  return ctx.setValue(KEY, call);
}

export function frameworkModelCall(ctx: Context): FrameworkModelCall | undefined {
  return ctx.getValue(KEY) as FrameworkModelCall | undefined;
}
