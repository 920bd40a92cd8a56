import type { registerHooks } from 'node:module';
import { metrics, trace, type MeterProvider, type TracerProvider } from '@opentelemetry/api';
import type { Instrumentation, InstrumentationConfig } from '@opentelemetry/instrumentation';
import { describe, expect, it } from 'vitest';
import { LazyInstrumentation, type LazyInstrumentationSpec } from '../../src/instrumentations/lazy-instrumentation.js';

type ResolveHook = NonNullable<Parameters<typeof registerHooks>[0]['resolve']>;

/** An instrumentation that records what it is given. */
class Recorder implements Instrumentation {
  instrumentationName = 'recorder';
  instrumentationVersion = '1';
  enabled = true;
  tracerProvider: TracerProvider | undefined;
  meterProvider: MeterProvider | undefined;
  constructor(public config: InstrumentationConfig) {}
  enable() { this.enabled = true; }
  disable() { this.enabled = false; }
  setTracerProvider(p: TracerProvider) { this.tracerProvider = p; }
  setMeterProvider(p: MeterProvider) { this.meterProvider = p; }
  setConfig(c: InstrumentationConfig) { this.config = c; }
  getConfig() { return this.config; }
}

/** A package name of its own per test: the resolve watcher is process-wide. */
let counter = 0;
function setup(config?: InstrumentationConfig) {
  const name = `lazy-test-package-${++counter}`;
  let hook: ResolveHook | undefined;
  const register = ((options: { resolve: ResolveHook }) => {
    hook = options.resolve;
    return { deregister() {} };
  }) as unknown as typeof registerHooks;
  const built: Recorder[] = [];
  const spec: LazyInstrumentationSpec = { name: 'test-instrumentation', modules: [name], load: (c) => [built[built.length] = new Recorder(c)] };
  const lazy = new LazyInstrumentation(spec, config, register);
  const resolve = (specifier: string) => hook?.(specifier, {} as never, (s) => ({ url: s }) as never);
  return { lazy, built, resolve, name };
}

describe('LazyInstrumentation', () => {
  it('loads nothing until its package is resolved, then builds it once with the config and the providers given before', () => {
    const { lazy, built, resolve, name } = setup({ enabled: true, requireParentSpan: true } as InstrumentationConfig);
    const tracerProvider = trace.getTracerProvider();
    const meterProvider = metrics.getMeterProvider();
    lazy.setTracerProvider(tracerProvider);
    lazy.setMeterProvider(meterProvider);
    resolve('some-other-package');
    expect(built).toHaveLength(0);
    expect(lazy.loaded).toEqual([]);
    resolve(`${name}/lib/index.js`);
    resolve(name);
    expect(built).toHaveLength(1);
    expect(lazy.loaded).toEqual(built);
    expect(built[0]!.config).toMatchObject({ enabled: true, requireParentSpan: true });
    expect(built[0]!.tracerProvider).toBe(tracerProvider);
    expect(built[0]!.meterProvider).toBe(meterProvider);
    expect(lazy.instrumentationName).toBe('test-instrumentation');
  });

  it('hands later providers, config, disable and enable to what it loaded', () => {
    const { lazy, built, resolve, name } = setup();
    resolve(name);
    const provider = trace.getTracerProvider();
    lazy.setTracerProvider(provider);
    lazy.setConfig({ enabled: true });
    lazy.disable();
    expect(built[0]!.enabled).toBe(false);
    lazy.enable();
    expect(built[0]!.enabled).toBe(true);
    expect(built[0]!.tracerProvider).toBe(provider);
    expect(lazy.getConfig()).toEqual({ enabled: true });
  });

  it('disabled (by config or before the load): the package is never loaded', () => {
    const off = setup({ enabled: false });
    off.resolve(off.name);
    expect(off.built).toHaveLength(0);
    const later = setup();
    later.lazy.disable();
    later.resolve(later.name);
    expect(later.built).toHaveLength(0);
  });

  it('a package that fails to load leaves the app running, uninstrumented', () => {
    const name = `lazy-test-package-${++counter}`;
    let hook: ResolveHook | undefined;
    const register = ((options: { resolve: ResolveHook }) => ((hook = options.resolve), { deregister() {} })) as unknown as typeof registerHooks;
    const lazy = new LazyInstrumentation({ name: 'broken', modules: [name], load: () => { throw new Error('no such package'); } }, {}, register);
    expect(() => hook!(name, {} as never, (s) => ({ url: s }) as never)).not.toThrow();
    expect(lazy.loaded).toEqual([]);
  });
});
