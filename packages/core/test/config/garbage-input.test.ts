import { DiagLogLevel } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { ENV_VARS } from '../../src/config/env-table.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import type { ResolvedConfig } from '../../src/config/resolved-config.js';
import { parseLevelSpec } from '../../src/logger/levels.js';
import type { BootstrapOptions } from '../../src/types.js';

const GARBAGE: readonly string[] = [
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  '\u200b',
  '😀',
  'ü=ö,ß',
  '\ud800', // lone surrogate
  '%',
  '%%%',
  '%E0%A4%A',
  '=',
  '==,==',
  ',',
  ';;;',
  'none,none,none',
  'NaN',
  '-0',
  '0',
  '1e999',
  '-1e999',
  '9'.repeat(400),
  'x'.repeat(1_000_000),
  'a=b,'.repeat(20_000),
  Array.from({ length: 20_000 }, (_, i) => `k${i}=v`).join(','), // many distinct entries: nothing quadratic
  '__proto__=x,constructor=y',
  '{"json":true}',
  'http://',
  'http://[::1',
  'javascript:alert(1)',
  'true\u0000',
];

/** A deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function checkShape(config: ResolvedConfig, problems: string[]): void {
  expect(typeof config.disabled).toBe('boolean');
  expect(parseLevelSpec(config.logLevel).ok).toBe(true);
  expect(Object.values(DiagLogLevel)).toContain(config.diagLogLevel);
  expect(['pretty', 'json', 'mcp']).toContain(config.consoleFormat);
  expect(config.sampler === undefined || typeof config.sampler.shouldSample === 'function').toBe(true);
  for (const signal of ['logs', 'traces', 'metrics'] as const) {
    const kinds = signal === 'metrics' ? ['otlp', 'console', 'prometheus'] : ['otlp', 'console'];
    for (const kind of config.exporters[signal]) expect(kinds).toContain(kind);
    const otlp = config.otlp[signal];
    expect(() => new URL(otlp.endpoint)).not.toThrow();
    expect(['http/protobuf', 'http/json']).toContain(otlp.protocol);
    expect(Number.isInteger(otlp.timeoutMillis) && otlp.timeoutMillis > 0).toBe(true);
    for (const [key, value] of Object.entries(otlp.headers)) {
      expect(key).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/);
      expect(value).toMatch(/^[\t\x20-\x7e\x80-\xff]*$/);
    }
  }
  for (const queue of [config.logQueue, config.spanQueue]) {
    const { maxQueueSize, ...always } = queue;
    for (const n of Object.values(always)) expect(Number.isInteger(n) && n > 0).toBe(true);
    if (maxQueueSize !== undefined) {
      expect(Number.isInteger(maxQueueSize) && maxQueueSize > 0).toBe(true);
      expect(queue.maxExportBatchSize).toBeLessThanOrEqual(maxQueueSize);
    }
    expect(['none', 'gzip']).toContain(config.otlp.logs.compression);
  }
  expect(config.shutdownTimeoutMillis).toBeGreaterThan(0);
  expect(config.shutdownTimeoutMillis).toBeLessThanOrEqual(600_000);
  expect(config.metricExportTimeoutMillis).toBeLessThanOrEqual(config.metricExportIntervalMillis);
  expect(config.prometheus.host.trim()).not.toBe('');
  expect(Number.isInteger(config.prometheus.port) && config.prometheus.port >= 1 && config.prometheus.port <= 65_535).toBe(true);
  for (const line of problems) {
    expect(typeof line).toBe('string');
    expect(line.length).toBeLessThan(2000);
  }
}

describe('garbage input', () => {
  it('every garbage value in every variable: no throw, a usable config, bounded problem lines', () => {
    for (const name of Object.keys(ENV_VARS)) {
      for (const value of GARBAGE) {
        const env = { [name]: value, OTEL_TRACES_SAMPLER: name === 'OTEL_TRACES_SAMPLER' ? value : 'traceidratio' };
        const { config, problems } = resolveConfig({}, env);
        checkShape(config, problems);
        expect(problems.length, `${name}=${JSON.stringify(value.slice(0, 20))}`).toBeLessThanOrEqual(2);
      }
    }
  });

  it('random mixes of garbage across all variables', () => {
    const random = lcg(20_240_601);
    for (let round = 0; round < 100; round++) {
      const env: NodeJS.ProcessEnv = {};
      for (const name of Object.keys(ENV_VARS)) {
        if (random() < 0.5) env[name] = GARBAGE[Math.floor(random() * GARBAGE.length)];
      }
      const { config, problems } = resolveConfig({}, env);
      checkShape(config, problems);
      // Never more than one line per variable that was set.
      expect(problems.length).toBeLessThanOrEqual(Object.keys(env).length);
    }
  });

  it('options of every wrong type', () => {
    const wrong: unknown[] = [null, 0, -1, NaN, Infinity, '', 'x', true, [], {}, [1, 'a'], () => 1, Symbol('s'), 10n, new Date(0)];
    const keys: Array<keyof BootstrapOptions> = [
      'serviceName', 'resourceAttributes', 'exporters', 'otlp', 'consoleFormat', 'consoleStream', 'logLevel',
      'diagLogLevel', 'sampler', 'baggageKeys', 'shutdownTimeoutMillis', 'handleProcessExit', 'exportQueue',
      'metricExportIntervalMillis', 'logStages', 'spanStages', 'logRecordProcessors', 'spanProcessors',
      'metricReaders', 'views', 'instrumentations',
    ];
    for (const key of keys) {
      for (const value of wrong) {
        const { config, problems } = resolveConfig({ [key]: value } as BootstrapOptions, {});
        checkShape(config, problems);
        expect(problems.length).toBeLessThanOrEqual(1);
      }
    }
  });

  it('nested option garbage', () => {
    const options = {
      exporters: { logs: [null, 3, 'OTLP'], traces: 'console', metrics: {} },
      otlp: { endpoint: ' ', headers: { 'a\nb': 'x', ok: '\u2028' }, logs: { protocol: 'GRPC', timeoutMillis: -0 }, traces: null },
      exportQueue: { maxQueueSize: 1.5, maxExportBatchSize: '9'.repeat(50) },
    } as unknown as BootstrapOptions;
    const { config, problems } = resolveConfig(options, {});
    checkShape(config, problems);
    expect(config.exporters.logs).toEqual(['otlp']);
  });

  it('options and environment that are not objects', () => {
    for (const [options, env] of [
      [null, null],
      ['x', 'y'],
      [42, []],
    ] as const) {
      const { config, problems } = resolveConfig(options as unknown as BootstrapOptions, env as unknown as NodeJS.ProcessEnv);
      checkShape(config, problems);
    }
  });

  it('an options object that throws when read still yields the defaults and one problem', () => {
    const hostile = new Proxy({}, {
      get() {
        throw new Error('no access');
      },
    });
    const { config, problems } = resolveConfig(hostile as BootstrapOptions, {});
    checkShape(config, problems);
    expect(config.exporters.logs).toEqual(['otlp']);
    expect(problems).toEqual(['configuration could not be resolved ("no access"); using the defaults']);
  });
});
