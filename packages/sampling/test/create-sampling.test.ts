import { ROOT_CONTEXT, SeverityNumber, SpanStatusCode, TraceFlags, trace, type Span } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSampling } from '../src/create-sampling.js';
import type { SamplingOptions } from '../src/types.js';
import { traceIdAt, traceIds } from './fixtures/ids.js';
import { captureDiag } from './fixtures/diag.js';
import { logPipeline, tracePipeline } from './fixtures/pipelines.js';

/** A trace sampler and a log stage from one createSampling, on real providers. */
function setup(options: SamplingOptions) {
  const sampling = createSampling(options);
  const traces = tracePipeline(sampling.sampler, [sampling.spanProcessor]);
  const logs = logPipeline(sampling);
  const startRoot = (traceId: string, name = 'request'): Span => {
    traces.ids.next(traceId);
    return traces.tracer.startSpan(name);
  };
  const log = (span: Span, body: string, severityNumber = SeverityNumber.INFO) =>
    logs.logger.emit({ severityNumber, body, context: trace.setSpan(ROOT_CONTEXT, span) });
  return { sampling, traces, logs, startRoot, log };
}

afterEach(() => vi.useRealTimers());

describe('logs and traces agree', () => {
  for (const retention of [false, true]) {
    it(`decide identically for 10 000 trace ids at several ratios${retention ? ' (retention on)' : ''}`, () => {
      for (const ratio of [0.01, 0.1, 0.25, 0.5, 0.9]) {
        const { startRoot, log, logs, sampling } = setup({ ratio, retention });
        const ids = traceIds(10_000, Math.round(ratio * 100));
        const sampledIds = new Set<string>();
        for (const traceId of ids) {
          const span = startRoot(traceId);
          if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0) sampledIds.add(traceId);
          log(span, traceId);
          span.end();
        }
        const loggedIds = new Set(logs.exported().map((r) => r.spanContext?.traceId));
        expect(loggedIds).toEqual(sampledIds);
        expect(sampledIds.size / 10_000).toBeGreaterThan(ratio * 0.8);
        expect(sampledIds.size / 10_000).toBeLessThan(Math.min(1, ratio * 1.2));
        expect(sampling.controls.getRetentionStats().records).toBe(0);
      }
    });
  }
});

describe('error-triggered retention', () => {
  it('exports every record of failing traces and none of the others beyond the ratio', () => {
    const { startRoot, log, logs, traces, sampling } = setup({ ratio: 0.01, retention: true });
    const ids = traceIds(2_000, 31);
    const failing = new Set(ids.filter((_, i) => i % 10 === 0));
    const sampled = new Set<string>();
    ids.forEach((traceId, i) => {
      const span = startRoot(traceId);
      if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0) sampled.add(traceId);
      for (let n = 0; n < 5; n++) log(span, `step ${n}`);
      if (failing.has(traceId)) {
        // Half fail by an ERROR record, half by the span's status.
        if (i % 20 === 0) log(span, 'boom', SeverityNumber.ERROR);
        else span.setStatus({ code: SpanStatusCode.ERROR });
        log(span, 'after the failure');
      }
      span.end();
    });
    const perTrace = new Map<string, string[]>();
    for (const record of logs.exported()) {
      const id = record.spanContext!.traceId;
      perTrace.set(id, [...(perTrace.get(id) ?? []), String(record.body)]);
    }
    for (const traceId of ids) {
      const bodies = perTrace.get(traceId) ?? [];
      if (failing.has(traceId)) {
        expect(bodies.filter((b) => b.startsWith('step'))).toEqual(['step 0', 'step 1', 'step 2', 'step 3', 'step 4']);
        expect(bodies).toContain('after the failure');
      } else {
        expect(bodies).toHaveLength(sampled.has(traceId) ? 5 : 0);
      }
    }
    const unsampledOk = ids.filter((id) => !failing.has(id) && !sampled.has(id)).length;
    expect(sampling.controls.getDropCounts()).toEqual({ ratio: 5 * unsampledOk, rate_limit: 0, error_rate_limit: 0, retention_evicted: 0 });
    expect(sampling.controls.getRetentionStats()).toEqual({ traces: 0, records: 0, bytes: 0 });
    // Spans of dropped traces were recorded for their end, never exported.
    expect(traces.exporter.getFinishedSpans().map((s) => s.spanContext().traceId).every((id) => sampled.has(id))).toBe(true);
  });

  it('respects its memory cap under 10 000 concurrent traces, evicting the oldest', () => {
    const maxBytes = 1024 * 1024;
    const { startRoot, log, logs, sampling } = setup({ ratio: 0, retention: { maxBytes, maxRecords: 1_000_000 } });
    const spans: Span[] = [];
    let peak = 0;
    for (let i = 0; i < 10_000; i++) {
      const span = startRoot(traceIdAt(i, 37));
      spans.push(span);
      for (let n = 0; n < 3; n++) log(span, `trace ${i} record ${n}`);
      peak = Math.max(peak, sampling.controls.getRetentionStats().bytes);
    }
    expect(peak).toBeLessThanOrEqual(maxBytes);
    const held = sampling.controls.getRetentionStats().records;
    expect(held).toBeGreaterThan(1_000);
    expect(sampling.controls.getDropCounts().retention_evicted).toBe(30_000 - held);
    // The newest traces still hold everything; the oldest lost theirs.
    log(spans[9_999], 'boom', SeverityNumber.ERROR);
    log(spans[0], 'boom', SeverityNumber.ERROR);
    const bodies = logs.exported().map((r) => r.body);
    expect(bodies).toEqual(['trace 9999 record 0', 'trace 9999 record 1', 'trace 9999 record 2', 'boom', 'boom']);
    for (const span of spans) span.end();
    expect(sampling.controls.getRetentionStats()).toEqual({ traces: 0, records: 0, bytes: 0 });
  });

  it('releases nothing for failures the error path’s budget refuses', () => {
    const { startRoot, log, logs, sampling } = setup({ ratio: 0, retention: true, errorRateLimit: 0 });
    const failedByLog = startRoot(traceIdAt(1, 43));
    log(failedByLog, 'held');
    log(failedByLog, 'boom', SeverityNumber.ERROR);
    const failedBySpan = startRoot(traceIdAt(2, 43));
    log(failedBySpan, 'held');
    failedBySpan.setStatus({ code: SpanStatusCode.ERROR });
    failedByLog.end();
    failedBySpan.end();
    expect(logs.exported()).toEqual([]);
    expect(sampling.controls.getDropCounts()).toMatchObject({ ratio: 2, error_rate_limit: 1 });
  });

  it('releases a trace whose root never ends after maxAgeMillis, as a ratio drop', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const { startRoot, log, sampling } = setup({ ratio: 0, retention: { maxAgeMillis: 5_000 } });
    const span = startRoot(traceIdAt(1, 41));
    log(span, 'waiting');
    vi.advanceTimersByTime(4_000);
    expect(sampling.controls.getRetentionStats().records).toBe(1);
    vi.advanceTimersByTime(1_200);
    expect(sampling.controls.getRetentionStats()).toEqual({ traces: 0, records: 0, bytes: 0 });
    expect(sampling.controls.getDropCounts().ratio).toBe(1);
  });
});

describe('createSampling', () => {
  it('never throws on options that are not an object: one line, then the defaults', () => {
    const diag = captureDiag();
    const sampling = createSampling(null as never);
    diag.restore();
    expect(sampling.controls.getSettings().ratio).toBe(1);
    expect(diag.warnings).toEqual(['sightline: sampling options=null is not valid: expected an object of sampling options; using the defaults']);
  });

  it('reports bad static options and uses their defaults', () => {
    const diag = captureDiag();
    const sampling = createSampling({ parentBased: 'no' as never, correlationKeys: 'request.id' as never, onDrop: 1 as never });
    diag.restore();
    expect(sampling.sampler.toString()).toContain('ParentBased');
    expect(diag.warnings).toEqual([
      'sightline: sampling correlationKeys="request.id" is not valid: expected an array of attribute keys; using ["correlation.id","request.id","session.id"]',
      'sightline: sampling onDrop=1 is not valid: expected a function; using none',
      'sightline: sampling parentBased="no" is not valid: expected true|false; using true',
    ]);
  });
});

describe('controls', () => {
  it('report and change the settings of both signals', () => {
    const { sampling, startRoot } = setup({ ratio: 0.5 });
    expect(sampling.controls.getSettings()).toMatchObject({ ratio: 0.5, traceRatio: null, rateLimit: Infinity });
    sampling.controls.update({ ratio: 0, rateLimit: 10 });
    expect(sampling.controls.getSettings()).toMatchObject({ ratio: 0, rateLimit: 10 });
    expect(startRoot('0000000000000000008fffffffffffff').isRecording()).toBe(false);
    expect(sampling.sampler.toString()).toContain('ProbabilitySampler{0}');
  });
});
