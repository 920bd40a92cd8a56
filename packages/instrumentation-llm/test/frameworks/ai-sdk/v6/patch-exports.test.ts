import { trace, type Tracer } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patchExports, telemetrySettings, unpatchExports } from '../../../../src/frameworks/ai-sdk/v6/patch-exports.js';

const ours = trace.getTracer('ours');
const appTracer: Tracer = trace.getTracer('app');
const source = (captureMessageContent: boolean) => ({ tracer: ours, captureMessageContent });

/** What an app may pass as `experimental_telemetry` (the SDK's `TelemetrySettings`), and junk. */
const appSettings = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      isEnabled: fc.option(fc.boolean(), { nil: undefined }),
      recordInputs: fc.option(fc.boolean(), { nil: undefined }),
      recordOutputs: fc.option(fc.boolean(), { nil: undefined }),
      functionId: fc.option(fc.string(), { nil: undefined }),
      metadata: fc.option(fc.dictionary(fc.string(), fc.string()), { nil: undefined }),
      tracer: fc.option(fc.constant(appTracer), { nil: undefined }),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

describe('telemetrySettings', () => {
  it('never throws; leaves the call alone exactly when the app turned telemetry off or gave its own tracer with it on', () => {
    fc.assert(
      fc.property(appSettings, fc.boolean(), fc.boolean(), (app, capture, embeddings) => {
        const settings = telemetrySettings(app, source(capture), embeddings);
        const a = app as Record<string, unknown> | undefined;
        const isObject = app === undefined || (typeof app === 'object' && app !== null);
        const leftAlone = !isObject || a?.isEnabled === false || (a?.isEnabled === true && a.tracer != null);
        expect(settings === undefined).toBe(leftAlone);
        if (settings === undefined) return;
        expect(settings.isEnabled).toBe(true);
        expect(settings.tracer).toBe(ours);
        // Inputs only when we capture, the app did not refuse them and the call is not an embedding.
        expect(settings.recordInputs).toBe(capture && !embeddings && a?.recordInputs !== false);
        expect(settings.recordOutputs).toBe(!embeddings && a?.recordOutputs !== false);
        // The app's own fields are kept.
        if (a?.functionId !== undefined) expect(settings.functionId).toBe(a.functionId);
        if (a?.metadata !== undefined) expect(settings.metadata).toBe(a.metadata);
      }),
    );
  });
});

describe('patchExports', () => {
  /** Getter-only exports, as esbuild's CommonJS output defines them (`ai` 6's `dist/index.js`). */
  function getterOnlyExports(functions: Record<string, (...args: unknown[]) => unknown>): Record<string, unknown> {
    const exports = {};
    for (const [name, fn] of Object.entries(functions)) Object.defineProperty(exports, name, { get: () => fn, enumerable: true });
    return exports;
  }

  it('getter-only exports: a copy with the operations wrapped (options get our telemetry, the result is the original’s), every other export the same; unpatch restores', () => {
    const seen: unknown[] = [];
    const generateText = (options: unknown) => (seen.push(options), 'result');
    const jsonSchema = () => 'schema';
    const exports = getterOnlyExports({ generateText, jsonSchema });
    const patched = patchExports(exports, () => source(false));
    expect(patched).not.toBe(exports);
    expect(exports.generateText).toBe(generateText);
    expect(patched.jsonSchema).toBe(jsonSchema);
    expect((patched.generateText as typeof generateText)({ prompt: 'hi', experimental_telemetry: { functionId: 'f' } })).toBe('result');
    expect(seen[0]).toEqual({ prompt: 'hi', experimental_telemetry: { functionId: 'f', isEnabled: true, tracer: ours, recordInputs: false, recordOutputs: true } });
    // Wrapping twice (a second instrumentation, the other build of ours) changes nothing.
    expect(patchExports(patched, () => source(true))).toBe(patched);
    unpatchExports(patched);
    expect(patched.generateText).toBe(generateText);
  });

  it('writable exports (an ES module namespace through the import hook) are patched in place', () => {
    const embed = (options: unknown) => options;
    const exports: Record<string, unknown> = { embed };
    expect(patchExports(exports, () => source(true))).toBe(exports);
    expect((exports.embed as typeof embed)({ value: 'x' })).toEqual({ value: 'x', experimental_telemetry: { isEnabled: true, tracer: ours, recordInputs: false, recordOutputs: false } });
    unpatchExports(exports);
    expect(exports.embed).toBe(embed);
  });

  it('ToolLoopAgent: prepareCall’s arguments get our telemetry; a rejection is the same rejection', async () => {
    class ToolLoopAgent {
      async prepareCall(options: { fail?: boolean }) {
        if (options.fail) throw new RangeError('bad options');
        return { ...options, experimental_telemetry: { functionId: 'agent' } };
      }
    }
    const original = ToolLoopAgent.prototype.prepareCall;
    patchExports({ ToolLoopAgent }, () => source(false));
    expect(await new ToolLoopAgent().prepareCall({})).toMatchObject({ experimental_telemetry: { functionId: 'agent', isEnabled: true, tracer: ours } });
    await expect(new ToolLoopAgent().prepareCall({ fail: true })).rejects.toThrow(RangeError);
    unpatchExports({ ToolLoopAgent });
    expect(ToolLoopAgent.prototype.prepareCall).toBe(original);
  });
});
