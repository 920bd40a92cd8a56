import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../src/settings-store.js';
import { createTraceSampler } from '../src/trace-sampler.js';
import { parentContext, tracePipeline } from './fixtures/pipelines.js';

const keptAtHalf = '0000000000000000008fffffffffffff';
const droppedAtHalf = '00000000000000000000000000000001';

function setup(parentBased: boolean, recordDroppedLocalRoots = false) {
  return tracePipeline(createTraceSampler(new SettingsStore({ ratio: 0.5 }), { parentBased, recordDroppedLocalRoots }));
}

const sampled = (span: { spanContext(): { traceFlags: number } }) => (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;

describe('the parent-based trace sampler', () => {
  it('decides roots with the probability sampler', () => {
    const { tracer, ids } = setup(true);
    ids.next(keptAtHalf);
    const root = tracer.startSpan('root');
    expect(sampled(root)).toBe(true);
    expect(root.spanContext().traceState?.serialize()).toBe('ot=th:8');
    ids.next(droppedAtHalf);
    expect(sampled(tracer.startSpan('root'))).toBe(false);
  });

  it('follows a remote parent, whatever its randomness, checking its threshold', () => {
    const { tracer } = setup(true);
    const child = tracer.startSpan('server', {}, parentContext(droppedAtHalf, { sampled: true, traceState: 'ot=th:0' }));
    expect(sampled(child)).toBe(true);
    expect(child.spanContext().traceState?.serialize()).toBe('ot=th:0');
    const inconsistent = tracer.startSpan('server', {}, parentContext(droppedAtHalf, { sampled: true, traceState: 'ot=th:8' }));
    expect(sampled(inconsistent)).toBe(true);
    expect(inconsistent.spanContext().traceState?.serialize()).toBe('');
    expect(sampled(tracer.startSpan('server', {}, parentContext(keptAtHalf, { sampled: false })))).toBe(false);
  });

  it('gives a local child its parent’s decision and trace state', () => {
    const { tracer, ids, exporter } = setup(true);
    ids.next(keptAtHalf);
    const root = tracer.startSpan('root');
    const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, root));
    expect(sampled(child)).toBe(true);
    expect(child.spanContext().traceState?.serialize()).toBe('ot=th:8');
    child.end();
    root.end();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['child', 'root']);
  });

  it('records the local root of a dropped trace (not its children) when retention needs it; exporters skip it', () => {
    const { tracer, ids, exporter } = setup(true, true);
    ids.next(droppedAtHalf);
    const root = tracer.startSpan('root');
    expect(root.isRecording()).toBe(true);
    expect(sampled(root)).toBe(false);
    const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, root));
    expect(child.isRecording()).toBe(false);
    const server = tracer.startSpan('server', {}, parentContext(droppedAtHalf, { sampled: false }));
    expect(server.isRecording()).toBe(true);
    root.end();
    server.end();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('decides every span afresh when not parent-based (traceidratio)', () => {
    const { tracer } = setup(false);
    expect(sampled(tracer.startSpan('server', {}, parentContext(droppedAtHalf, { sampled: true, flags: 3 })))).toBe(false);
    const kept = tracer.startSpan('server', {}, parentContext(keptAtHalf, { sampled: false, flags: 2 }));
    expect(sampled(kept)).toBe(true);
    expect(kept.spanContext().traceState?.serialize()).toBe('ot=th:8');
  });
});
