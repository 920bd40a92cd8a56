import type { Tracer } from '@opentelemetry/api';

/**
 * How `ai` 6 is traced without a change to the app: its exported operations are wrapped to run with
 * `experimental_telemetry` on and our translating tracer (see `span-translator.ts`), and
 * `ToolLoopAgent.prototype.prepareCall` (which the agent's `generate` / `stream` pass to the SDK's own,
 * unwrapped, `generateText` / `streamText`) returns its call arguments with the same setting.
 */

/** The wrapped exports: the text and object operations, and the embedding ones (no content: see below). */
const TEXT_OPERATIONS = ['generateText', 'streamText', 'generateObject', 'streamObject'] as const;
const EMBED_OPERATIONS = ['embed', 'embedMany'] as const;
/** A wrapper's original, process-wide (a second instrumentation, or the other build of ours, wraps nothing twice). */
const ORIGINAL = Symbol.for('sightline.instrumentation-llm.ai-sdk-6.original');

/** What the wrappers read on every call: our tracer and whether content is captured. */
export interface TelemetrySource {
  readonly tracer: Tracer;
  readonly captureMessageContent: boolean;
}

type Fn = ((...args: unknown[]) => unknown) & { [ORIGINAL]?: Fn };

/**
 * The `experimental_telemetry` a call runs with, from the app's own (`undefined`: leave the call as the app
 * made it):
 * - `isEnabled: false`: the app turned telemetry off for the call; it stays untraced.
 * - `isEnabled: true` with the app's own `tracer`: the app's tracer receives the SDK's spans exactly as
 *   without us, and we record nothing for the call (one set of spans, never two).
 * - otherwise (no setting, or `isEnabled: true` with the global tracer, whose `ai.*` spans ours replace as on
 *   the `ai` 7 path): on, with our tracer; the app's `functionId`, `metadata` and the rest are kept. The SDK
 *   serializes the prompt (`recordInputs`) only when we capture content and the app did not say `false`;
 *   outputs (`recordOutputs`) stay on unless the app said `false` (they carry the tool calls' names and ids).
 *   Embedding operations record neither: their inputs and outputs are the values and vectors, never captured.
 */
export function telemetrySettings(app: unknown, source: TelemetrySource, embeddings: boolean): Record<string, unknown> | undefined {
  if (app !== undefined && (typeof app !== 'object' || app === null)) return undefined;
  const settings = (app ?? {}) as Record<string, unknown>;
  if (settings.isEnabled === false) return undefined;
  if (settings.isEnabled === true && settings.tracer != null) return undefined;
  return {
    ...settings,
    isEnabled: true,
    tracer: source.tracer,
    recordInputs: !embeddings && source.captureMessageContent && settings.recordInputs !== false,
    recordOutputs: !embeddings && settings.recordOutputs !== false,
  };
}

/** `options` with our `experimental_telemetry`, or `options` itself when the call is left as it is. */
function withTelemetry(options: unknown, source: TelemetrySource, embeddings: boolean): unknown {
  if (typeof options !== 'object' || options === null) return options;
  try {
    const settings = telemetrySettings((options as { experimental_telemetry?: unknown }).experimental_telemetry, source, embeddings);
    return settings === undefined ? options : { ...options, experimental_telemetry: settings };
  } catch {
    return options;
  }
}

function wrapOperation(original: Fn, source: () => TelemetrySource, embeddings: boolean): Fn {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    if (args.length > 0) args[0] = withTelemetry(args[0], source(), embeddings);
    return original.apply(this, args);
  } as Fn;
  Object.defineProperty(wrapped, 'name', { value: original.name });
  wrapped[ORIGINAL] = original;
  return wrapped;
}

function wrapPrepareCall(original: Fn, source: () => TelemetrySource): Fn {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const result = original.apply(this, args);
    if (typeof (result as PromiseLike<unknown> | null)?.then !== 'function') return withTelemetry(result, source(), false);
    return (result as PromiseLike<unknown>).then((prepared) => withTelemetry(prepared, source(), false));
  } as Fn;
  wrapped[ORIGINAL] = original;
  return wrapped;
}

/**
 * Wraps the operations of an `ai` 6 module. An ES module namespace (through the import hook) takes the new
 * values in place; the CommonJS build's exports are getter-only, so a copy of them with the wrapped
 * operations is returned, which `require` then gives the app. Returns the exports the app gets.
 */
export function patchExports(exports: Record<string, unknown>, source: () => TelemetrySource): Record<string, unknown> {
  const replacements = new Map<string, Fn>();
  for (const [names, embeddings] of [[TEXT_OPERATIONS, false], [EMBED_OPERATIONS, true]] as const) {
    for (const name of names) {
      const original = exports[name] as Fn | undefined;
      if (typeof original !== 'function' || original[ORIGINAL] !== undefined) continue;
      replacements.set(name, wrapOperation(original, source, embeddings));
    }
  }
  patchAgent(exports.ToolLoopAgent, source);
  if (replacements.size === 0) return exports;
  if (assignAll(exports, replacements)) return exports;
  const descriptors = Object.getOwnPropertyDescriptors(exports);
  for (const [name, value] of replacements) descriptors[name] = { value, writable: true, enumerable: true, configurable: true };
  return Object.defineProperties(Object.create(Object.getPrototypeOf(exports) as object | null) as Record<string, unknown>, descriptors);
}

/** Sets every replacement in place; `false` (and nothing changed) when the exports do not take them. */
function assignAll(exports: Record<string, unknown>, replacements: Map<string, Fn>): boolean {
  const originals = new Map<string, unknown>();
  try {
    for (const [name, value] of replacements) {
      originals.set(name, exports[name]);
      exports[name] = value;
      if (exports[name] !== value) throw new TypeError(`${name} is read-only`);
    }
    return true;
  } catch {
    for (const [name, value] of originals) {
      try {
        exports[name] = value;
      } catch {
        // read-only: it kept its value
      }
    }
    return false;
  }
}

function patchAgent(agent: unknown, source: () => TelemetrySource): void {
  const prototype = (agent as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  const prepareCall = prototype?.prepareCall as Fn | undefined;
  if (prototype === undefined || typeof prepareCall !== 'function' || prepareCall[ORIGINAL] !== undefined) return;
  prototype.prepareCall = wrapPrepareCall(prepareCall, source);
}

/** Puts the originals back (in the module namespace, or the copy {@link patchExports} returned). */
export function unpatchExports(exports: Record<string, unknown>): void {
  for (const name of [...TEXT_OPERATIONS, ...EMBED_OPERATIONS]) {
    const original = (exports[name] as Fn | undefined)?.[ORIGINAL];
    if (original === undefined) continue;
    try {
      exports[name] = original;
    } catch {
      // read-only exports were copied, never patched in place
    }
  }
  const prototype = (exports.ToolLoopAgent as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  const original = (prototype?.prepareCall as Fn | undefined)?.[ORIGINAL];
  if (prototype !== undefined && original !== undefined) prototype.prepareCall = original;
}
