/**
 * Issue 12, item 10: property-based fuzzing of the span API — every method of spans from
 * `trace.getTracer()`, and `startSpan` itself — through the default span pipeline and the real OTLP/JSON
 * exporter to a loopback receiver. Every call: no throw, no stall; every span arrives; no batch fails.
 */
import { trace, type Span } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyValue, type Hostile } from '../../packages/core/test/fixtures/hostile-values.js';
import { CallMeter, collect, inBatches, runs, summary, TIMEOUT_MS } from './fuzz-harness.js';
import { useLoopbackSdk } from './loopback-sdk.js';

const INPUTS = runs(30_000);

const sdk = useLoopbackSdk({ serviceName: 'fuzz-span', protocol: 'http/json' });

type Call = (span: Span, a: unknown, b: unknown, c: unknown) => unknown;

const CALLS: Record<string, Call> = {
  setAttribute: (s, a, b) => s.setAttribute(a as string, b as never),
  'setAttribute(key)': (s, _a, b) => s.setAttribute('k', b as never),
  setAttributes: (s, a) => s.setAttributes(a as never),
  addEvent: (s, a, b, c) => s.addEvent(a as string, b as never, c as never),
  addLink: (s, a) => s.addLink(a as never),
  addLinks: (s, a) => s.addLinks(a as never),
  setStatus: (s, a) => s.setStatus(a as never),
  updateName: (s, a) => s.updateName(a as string),
  recordException: (s, a, b) => s.recordException(a as never, b as never),
  isRecording: (s) => s.isRecording(),
  spanContext: (s) => s.spanContext(),
};

describe('fuzz: the span API', () => {
  it(`${INPUTS} calls with arbitrary and hostile arguments: 0 throws, 0 stalls, 0 unhandled rejections, every span exported`, async () => {
    const meter = new CallMeter();
    const tracer = trace.getTracer('fuzz.span');
    const names = [...Object.keys(CALLS), 'startSpan', 'end'];
    const tally = { logs: 0, spans: 0, errors: 0 };
    await inBatches(
      INPUTS,
      (numRuns) =>
        fc.assert(
          fc.property(fc.constantFrom(...names), anyValue, anyValue, anyValue, (name: string, a: Hostile, b: Hostile, c: Hostile) => {
            const [x, y, z] = [a.make(), b.make(), c.make()];
            const label = `${name}(${a.label}, ${b.label}, ${c.label})`;
            if (name === 'startSpan') {
              meter.run(label, () => tracer.startSpan(x as string, y as never).end());
              return;
            }
            const span = tracer.startSpan('fuzzed');
            if (name === 'end') {
              meter.run(label, () => span.end(x as never));
              return;
            }
            meter.run(label, () => (CALLS[name] as Call)(span, x, y, z));
            span.end();
          }),
          { numRuns },
        ),
      () => collect(sdk.handle, sdk.receiver, tally),
    );
    const report = meter.report;
    const drops = sdk.handle.getDropCounts();
    console.log(summary('fuzz-span', report, `; ${tally.spans}/${INPUTS} spans received; sanitized ${JSON.stringify(drops.sanitized.spans)}`));
    expect(report.firstThrow).toBe('');
    expect(report.throws).toBe(0);
    expect(report.stalls).toBe(0);
    expect(sdk.rejections.count).toBe(0);
    expect(tally.spans).toBe(INPUTS);
    expect(tally.errors).toBe(0);
    expect(drops.spans).toEqual({ queue_full: 0, export_failed: 0, shutdown: 0 });
    expect(Object.values(drops.stageErrors).every((n) => n === 0)).toBe(true);
  }, TIMEOUT_MS);
});
