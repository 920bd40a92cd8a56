import { createRequire } from 'node:module';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTATIONS } from '../../src/instrumentations/default-instrumentations.js';

const require = createRequire(import.meta.url);

/** What each package builds, loaded here as a user would, with its constructor's defaults, disabled. */
const REAL: Record<string, () => InstrumentationBase[]> = {
  '@opentelemetry/instrumentation-pino': () => [new (require('@opentelemetry/instrumentation-pino').PinoInstrumentation)({ enabled: false })],
  '@opentelemetry/instrumentation-winston': () => [new (require('@opentelemetry/instrumentation-winston').WinstonInstrumentation)({ enabled: false })],
  '@opentelemetry/instrumentation-bunyan': () => [new (require('@opentelemetry/instrumentation-bunyan').BunyanInstrumentation)({ enabled: false })],
  '@sightline/instrumentation-mcp': () => [new (require('@sightline/instrumentation-mcp').McpInstrumentation)({ enabled: false })],
  '@sightline/instrumentation-llm': () => require('@sightline/instrumentation-llm').createLlmInstrumentations({ enabled: false }),
};

describe('DEFAULT_INSTRUMENTATIONS', () => {
  it('names every package bootstrap() instruments with', () => {
    expect(DEFAULT_INSTRUMENTATIONS.map((spec) => spec.name).sort()).toEqual(Object.keys(REAL).sort());
  });

  it.each(DEFAULT_INSTRUMENTATIONS.map((spec) => [spec.name, spec] as const))('%s: watches exactly the packages its module definitions name, and loads them', (name, spec) => {
    const real = REAL[name]!();
    const packages = new Set(real.flatMap((i) => i.getModuleDefinitions().map((d) => d.name)));
    expect([...spec.modules].sort()).toEqual([...packages].sort());
    const loaded = spec.load({ enabled: false });
    expect(loaded.map((i) => i.instrumentationName)).toEqual(real.map((i) => i.instrumentationName));
  });
});
