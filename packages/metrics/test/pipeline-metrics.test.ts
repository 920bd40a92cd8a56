import { diag, DiagLogLevel } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SOURCE_KEYS, registerPipelineMetrics } from '../src/pipeline-metrics.js';
import { meterProvider } from './fixtures/metrics.js';

/** A metric's points as `attribute value → count`. */
async function byKey(reader: ReturnType<typeof meterProvider>['reader'], name: string, attribute: string) {
  const sum = await reader.sum(name);
  return Object.fromEntries((sum?.dataPoints ?? []).map((p) => [String(p.attributes[attribute]), p.value]));
}

afterEach(() => diag.disable());

describe('registerPipelineMetrics', () => {
  it('reports records sampled out by reason and redactions by type, read at each collection', async () => {
    const { provider, reader } = meterProvider();
    const sampled = { ratio: 0, rate_limit: 0, error_rate_limit: 0, retention_evicted: 0 };
    const redacted: Record<string, number> = {};
    registerPipelineMetrics(provider.getMeter('@sightline/metrics'), { sampledOut: () => ({ ...sampled }), redactions: () => ({ ...redacted }) });

    // A record dropped by sampling is never silent: it shows up at the next collection.
    sampled.ratio += 7;
    sampled.rate_limit += 2;
    redacted.email = 3;
    expect(await byKey(reader, 'sightline.log.sampled_out', 'sightline.sampling.reason')).toEqual({ ratio: 7, rate_limit: 2 });
    expect(await byKey(reader, 'sightline.redactions', 'sightline.redaction.type')).toEqual({ email: 3 });

    sampled.ratio += 1;
    redacted.credit_card = 1;
    expect(await byKey(reader, 'sightline.log.sampled_out', 'sightline.sampling.reason')).toEqual({ ratio: 8, rate_limit: 2 });
    expect(await byKey(reader, 'sightline.redactions', 'sightline.redaction.type')).toEqual({ email: 3, credit_card: 1 });
    const sum = await reader.sum('sightline.log.sampled_out');
    expect(sum?.isMonotonic).toBe(true);
    expect(sum?.descriptor.unit).toBe('{log_record}');
  });

  it('reports pipeline stage errors by stage and sanitized fields by signal and reason', async () => {
    const { provider, reader } = meterProvider();
    const stageErrors: Record<string, number> = { 'logs.redaction': 0 };
    registerPipelineMetrics(provider.getMeter('m'), {
      stageErrors: () => stageErrors,
      logsSanitized: () => ({ invalid_argument: 2, coerced: 0 }),
      spansSanitized: () => ({ invalid_value: 1 }),
    });
    stageErrors['logs.processors[0]'] = 3;
    expect(await byKey(reader, 'sightline.pipeline.stage.errors', 'sightline.pipeline.stage')).toEqual({ 'logs.processors[0]': 3 });
    expect(await byKey(reader, 'sightline.log.sanitized', 'sightline.sanitize.reason')).toEqual({ invalid_argument: 2 });
    expect(await byKey(reader, 'sightline.span.sanitized', 'sightline.sanitize.reason')).toEqual({ invalid_value: 1 });
    expect((await reader.sum('sightline.pipeline.stage.errors'))?.descriptor.unit).toBe('{error}');
    expect((await reader.sum('sightline.log.sanitized'))?.isMonotonic).toBe(true);
  });

  it('reports OTLP requests left to upstream’s encoder by export stage', async () => {
    const { provider, reader } = meterProvider();
    const fallbacks = { 'logs.export.otlp': 0, 'spans.export.otlp': 0 };
    registerPipelineMetrics(provider.getMeter('m'), { encoderFallbacks: () => ({ ...fallbacks }) });
    expect(await byKey(reader, 'sightline.export.encoder_fallbacks', 'sightline.pipeline.stage')).toEqual({});
    fallbacks['logs.export.otlp'] = 2;
    expect(await byKey(reader, 'sightline.export.encoder_fallbacks', 'sightline.pipeline.stage')).toEqual({ 'logs.export.otlp': 2 });
    const sum = await reader.sum('sightline.export.encoder_fallbacks');
    expect(sum?.isMonotonic).toBe(true);
    expect(sum?.descriptor.unit).toBe('{request}');
  });

  it('reports audit trail entries lost by error.type, so a write failure can raise an alert', async () => {
    const { provider, reader } = meterProvider();
    const lost = { queue_full: 0, write_failed: 0 };
    registerPipelineMetrics(provider.getMeter('m'), { auditDropped: () => ({ ...lost }) });
    expect(await byKey(reader, 'sightline.audit.dropped', 'error.type')).toEqual({});
    lost.write_failed = 3;
    expect(await byKey(reader, 'sightline.audit.dropped', 'error.type')).toEqual({ write_failed: 3 });
    const sum = await reader.sum('sightline.audit.dropped');
    expect(sum?.isMonotonic).toBe(true);
    expect(sum?.descriptor.unit).toBe('{entry}');
  });

  it('bounds the keys of a source: past the bound they add up under "other"', async () => {
    const { provider, reader } = meterProvider();
    const types = Object.fromEntries(Array.from({ length: MAX_SOURCE_KEYS + 10 }, (_, i) => [`custom_${i}`, 1]));
    registerPipelineMetrics(provider.getMeter('m'), { redactions: () => types });
    const points = await byKey(reader, 'sightline.redactions', 'sightline.redaction.type');
    expect(Object.keys(points)).toHaveLength(MAX_SOURCE_KEYS + 1);
    expect(points.other).toBe(10);
  });

  it('a source that throws is reported once and skipped; the other still reports', async () => {
    const errors: string[] = [];
    diag.setLogger({ error: (m) => errors.push(m), warn: () => {}, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.ERROR);
    const { provider, reader } = meterProvider();
    registerPipelineMetrics(provider.getMeter('m'), {
      redactions: () => {
        throw new Error('boom');
      },
      sampledOut: () => ({ ratio: 1, bogus: Number.NaN, negative: -1 }),
    });
    await reader.metrics();
    expect(await byKey(reader, 'sightline.log.sampled_out', 'sightline.sampling.reason')).toEqual({ ratio: 1 });
    expect(errors.filter((e) => e.includes('sightline.redactions'))).toHaveLength(1);
  });

  it('registers nothing without sources, and unregisters', async () => {
    const { provider, reader } = meterProvider();
    registerPipelineMetrics(provider.getMeter('m'), {})();
    const unregister = registerPipelineMetrics(provider.getMeter('m'), { sampledOut: () => ({ ratio: 1 }) });
    unregister();
    expect(await reader.sum('sightline.redactions')).toBeUndefined();
    expect((await reader.sum('sightline.log.sampled_out'))?.dataPoints ?? []).toEqual([]);
  });
});
