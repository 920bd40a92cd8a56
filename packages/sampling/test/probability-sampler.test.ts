import { ROOT_CONTEXT, SpanKind, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { HALF } from '../src/internal/threshold.js';
import { traceIdKept } from './fixtures/exact.js';
import { ProbabilitySampler } from '../src/probability-sampler.js';
import { SettingsStore } from '../src/settings-store.js';
import { captureDiag } from './fixtures/diag.js';
import { traceIds } from './fixtures/ids.js';
import { parentContext, tracePipeline } from './fixtures/pipelines.js';

let diag: ReturnType<typeof captureDiag> | undefined;
afterEach(() => diag?.restore());

describe('ProbabilitySampler through a real TracerProvider', () => {
  it('keeps root spans exactly when R >= T and writes ot=th:T on them', async () => {
    for (const [ratio, th] of [[0.5, '8'], [0.25, 'c'], [0.1, 'e6666666666666'], [1, '0']] as const) {
      const { tracer, ids, exporter } = tracePipeline(new ProbabilitySampler(new SettingsStore({ ratio }), false));
      for (const traceId of traceIds(500, 7)) {
        ids.next(traceId);
        const span = tracer.startSpan('root');
        const sampled = (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;
        expect(sampled).toBe(traceIdKept(traceId, ratio));
        expect(span.spanContext().traceState?.serialize()).toBe(sampled ? `ot=th:${th}` : undefined);
        span.end();
      }
      expect(exporter.getFinishedSpans().length).toBeGreaterThan(0);
    }
  });

  it('keeps the share of traces its ratio says (10% ± 1% of 100 000)', () => {
    const sampler = new ProbabilitySampler(new SettingsStore({ ratio: 0.1 }), false);
    let kept = 0;
    for (const traceId of traceIds(100_000, 11)) {
      if (sampler.shouldSample(ROOT_CONTEXT, traceId, 'root', SpanKind.SERVER, {}).decision === SamplingDecision.RECORD_AND_SAMPLED) kept++;
    }
    expect(kept / 100_000).toBeGreaterThan(0.09);
    expect(kept / 100_000).toBeLessThan(0.11);
  });

  it('uses the parent’s explicit rv instead of the trace id, and keeps rv in the trace state', () => {
    diag = captureDiag();
    const sampler = new ProbabilitySampler(new SettingsStore({ ratio: 0.5 }), false);
    // Trace id randomness ...ffffffffffffff (kept at any ratio), but rv:00000000000001 (kept only at 1).
    const traceId = '000000000000000000ffffffffffffff';
    const context = parentContext(traceId, { traceState: 'ot=rv:00000000000001;th:0,vendor=v' });
    const result = sampler.shouldSample(context, traceId, 'child', SpanKind.INTERNAL, {});
    expect(result.decision).toBe(SamplingDecision.NOT_RECORD);
    // A dropped span has th erased; rv and other vendors stay.
    expect(result.traceState?.serialize()).toBe('ot=rv:00000000000001,vendor=v');
    expect(diag.warnings).toEqual([]);
  });

  it('ignores the parent’s sampled flag, and warns once when presuming a remote trace id random', () => {
    diag = captureDiag();
    const sampler = new ProbabilitySampler(new SettingsStore({ ratio: 0.5 }), false);
    const dropped = '00000000000000000000000000000001';
    for (let i = 0; i < 3; i++) {
      const result = sampler.shouldSample(parentContext(dropped, { sampled: true }), dropped, 'child', SpanKind.INTERNAL, {});
      expect(result.decision).toBe(SamplingDecision.NOT_RECORD);
    }
    expect(diag.warnings).toHaveLength(1);
    expect(diag.warnings[0]).toContain('presuming TraceIDs are random');
    // No warning when the random flag confirms it.
    diag.restore();
    diag = captureDiag();
    const confirmed = new ProbabilitySampler(new SettingsStore({ ratio: 0.5 }), false);
    confirmed.shouldSample(parentContext(dropped, { flags: TraceFlags.SAMPLED | 0x2 }), dropped, 'child', SpanKind.INTERNAL, {});
    expect(diag.warnings).toEqual([]);
  });

  it('applies span rules by name and start attributes, raising or lowering the probability', () => {
    const store = new SettingsStore({
      ratio: 0.5,
      spanRules: [
        { name: { regex: '^GET /health' }, ratio: 0 },
        { attributes: { 'gen_ai.operation.name': 'chat' }, ratio: 1 },
      ],
    });
    const sampler = new ProbabilitySampler(store, false);
    const keptAtHalf = '0000000000000000008fffffffffffff';
    const droppedAtHalf = '00000000000000000000000000000001';
    const decide = (traceId: string, name: string, attributes = {}) =>
      sampler.shouldSample(ROOT_CONTEXT, traceId, name, SpanKind.SERVER, attributes);
    expect(decide(keptAtHalf, 'GET /healthz').decision).toBe(SamplingDecision.NOT_RECORD);
    const chat = decide(droppedAtHalf, 'POST /v1/chat', { 'gen_ai.operation.name': 'chat' });
    expect(chat.decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(chat.traceState?.serialize()).toBe('ot=th:0');
    expect(decide(droppedAtHalf, 'other').decision).toBe(SamplingDecision.NOT_RECORD);
    store.update({ enabled: false });
    expect(decide(keptAtHalf, 'GET /healthz').decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('follows run-time updates at the next span', () => {
    const store = new SettingsStore({ ratio: 1 });
    const sampler = new ProbabilitySampler(store, false);
    const traceId = `000000000000000000${(HALF / 2).toString(16)}0000000`; // R = 2^55: kept at 0.5, not below
    expect(sampler.shouldSample(ROOT_CONTEXT, traceId, 'a', SpanKind.SERVER, {}).decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    store.update({ ratio: 0.49 });
    expect(sampler.shouldSample(ROOT_CONTEXT, traceId, 'a', SpanKind.SERVER, {}).decision).toBe(SamplingDecision.NOT_RECORD);
    expect(sampler.toString()).toBe('ProbabilitySampler{0.49}');
  });

  it('records, without sampling, a dropped span that has no local parent when asked to', () => {
    const sampler = new ProbabilitySampler(new SettingsStore({ ratio: 0 }), true);
    const traceId = traceIds(1)[0];
    expect(sampler.shouldSample(ROOT_CONTEXT, traceId, 'root', SpanKind.SERVER, {}).decision).toBe(SamplingDecision.RECORD);
    expect(sampler.shouldSample(parentContext(traceId, { remote: true }), traceId, 'server', SpanKind.SERVER, {}).decision).toBe(
      SamplingDecision.RECORD,
    );
    expect(sampler.shouldSample(parentContext(traceId, { remote: false }), traceId, 'child', SpanKind.INTERNAL, {}).decision).toBe(
      SamplingDecision.NOT_RECORD,
    );
  });
});
