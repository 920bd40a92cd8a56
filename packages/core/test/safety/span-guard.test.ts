import { trace, type Span as ApiSpan } from '@opentelemetry/api';
import { InstrumentationBase, type InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap.js';
import { withSpan } from '../../src/context/with-span.js';
import type { SightlineHandle } from '../../src/types.js';
import { anyValue, type Hostile } from '../fixtures/hostile-values.js';
import { EndedSpans } from '../fixtures/recording-processors.js';

/** An instrumentation's tracer: what the SDK gives the pino, LLM and MCP instrumentations. */
class AppInstrumentation extends InstrumentationBase {
  constructor() {
    super('app-instrumentation', '1.0.0', {});
  }
  protected init(): InstrumentationNodeModuleDefinition[] {
    return [];
  }
  startSpan(name: string): ApiSpan {
    return this.tracer.startSpan(name);
  }
}

const spans = new EndedSpans();
let handle: SightlineHandle;
const instrumentation = new AppInstrumentation();

beforeAll(() => {
  handle = bootstrap({
    exporters: { logs: [], traces: [], metrics: [] },
    spanProcessors: [spans],
    handleProcessExit: false,
    captureCrashes: false,
    diagLogLevel: 'none',
    instrumentations: [instrumentation],
  });
});
afterAll(() => handle.shutdown());
beforeEach(() => spans.reset());

/** The three ways an application gets a span from the SDK. */
const SOURCES: Record<string, (run: (span: ApiSpan) => void) => void> = {
  'trace.getTracer()': (run) => {
    const span = trace.getTracer('app').startSpan('app span');
    run(span);
    span.end();
  },
  instrumentation: (run) => {
    const span = instrumentation.startSpan('instrumented span');
    run(span);
    span.end();
  },
  withSpan: (run) => withSpan('workflow', (span) => run(span)),
};

type Call = (span: ApiSpan, a: unknown, b: unknown, c: unknown) => unknown;

const CALLS: Record<string, Call> = {
  setAttribute: (s, a, b) => s.setAttribute(a as string, b as never),
  'setAttribute(string key)': (s, _a, b) => s.setAttribute('key', b as never),
  setAttributes: (s, a) => s.setAttributes(a as never),
  'setAttributes({ k: value })': (s, a, b) => s.setAttributes({ k: a, k2: b } as never),
  addEvent: (s, a, b, c) => s.addEvent(a as string, b as never, c as never),
  'addEvent(name, attributes)': (s, _a, b) => s.addEvent('event', { v: b } as never),
  addLink: (s, a) => s.addLink(a as never),
  addLinks: (s, a) => s.addLinks(a as never),
  setStatus: (s, a) => s.setStatus(a as never),
  'setStatus({ code: 2, message })': (s, a) => s.setStatus({ code: 2, message: a as string }),
  updateName: (s, a) => s.updateName(a as string),
  recordException: (s, a, b) => s.recordException(a as never, b as never),
  end: (s, a) => s.end(a as never),
};

function serialize(): void {
  const ended = spans.ended;
  expect(ProtobufTraceSerializer.serializeRequest(ended)?.length).toBeGreaterThan(0);
  expect(JsonTraceSerializer.serializeRequest(ended)?.length).toBeGreaterThan(0);
}

describe('the span API of every span the SDK gives out never throws and leaves the span encodable', () => {
  for (const [source, withSpanFrom] of Object.entries(SOURCES)) {
    for (const [callName, call] of Object.entries(CALLS)) {
      it(`${source}: span.${callName} over arbitrary and hostile arguments`, () => {
        fc.assert(
          fc.property(anyValue, anyValue, anyValue, (a: Hostile, b: Hostile, c: Hostile) => {
            spans.reset();
            let returned: unknown;
            let spanSeen: ApiSpan | undefined;
            expect(() =>
              withSpanFrom((span) => {
                spanSeen = span;
                returned = call(span, a.make(), b.make(), c.make());
              }),
            ).not.toThrow();
            if (callName !== 'end' && callName !== 'recordException') expect(returned).toBe(spanSeen);
            expect(spans.ended).toHaveLength(1);
            expect(typeof spans.ended[0]?.name).toBe('string');
            serialize();
          }),
          { numRuns: 60 },
        );
      });
    }
  }

  it('a tracer given a hostile name, options or context starts a span anyway', () => {
    const tracer = trace.getTracer('app');
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, (a, b, c) => {
        spans.reset();
        let span: ApiSpan | undefined;
        expect(() => {
          span = tracer.startSpan(a.make() as string, b.make() as never, c.make() as never);
          span.end();
        }).not.toThrow();
        expect(typeof span?.spanContext().traceId).toBe('string');
        serialize();
      }),
      { numRuns: 300 },
    );
  });

  it('counts what it refused, coerced or dropped', () => {
    const before = handle.getDropCounts().sanitized.spans;
    const span = trace.getTracer('app').startSpan(null as never);
    span.setAttributes('x'.repeat(1000) as never);
    span.setAttribute('bytes', Object.setPrototypeOf({}, Uint8Array.prototype) as never);
    span.addEvent(null as never);
    span.end(Number.NaN);
    const after = handle.getDropCounts().sanitized.spans;
    expect(after.coerced - before.coerced).toBe(3); // name, event name, end time
    expect(after.invalid_argument - before.invalid_argument).toBe(1);
    expect(after.invalid_value - before.invalid_value).toBe(1);
    expect(spans.ended[0]?.name).toBe('null');
    expect(spans.ended[0]?.events.map((e) => e.name)).toEqual(['null']);
  });
});

describe('bounded work on the caller’s thread', () => {
  /** A Proxy over `target` that counts every trap the code under test runs on it. */
  function counted<T extends object>(target: T): { proxy: T; traps: () => number } {
    let traps = 0;
    const proxy = new Proxy(target, {
      get: (t, k) => (traps++, Reflect.get(t, k)),
      has: (t, k) => (traps++, Reflect.has(t, k)),
      ownKeys: (t) => (traps++, Reflect.ownKeys(t)),
      getOwnPropertyDescriptor: (t, k) => (traps++, Reflect.getOwnPropertyDescriptor(t, k)),
      getPrototypeOf: (t) => (traps++, Reflect.getPrototypeOf(t)),
    });
    return { proxy, traps: () => traps };
  }

  it('a 1 MiB Buffer passed as attributes is refused after O(1) work', () => {
    const { proxy, traps } = counted(Buffer.alloc(1 << 20));
    const span = trace.getTracer('app').startSpan('bounded');
    span.setAttributes(proxy as never);
    span.addEvent('e', proxy as never);
    span.end();
    expect(traps()).toBeLessThanOrEqual(6);
    expect(spans.ended[0]?.attributes).toEqual({});
  });

  it('a nested value is walked at most 10 000 values deep into, whatever its size', () => {
    const { proxy, traps } = counted(new Array(1_000_000).fill(1));
    const span = trace.getTracer('app').startSpan('bounded');
    span.setAttribute('list', proxy as never);
    span.end();
    expect(traps()).toBeLessThan(10_100);
    expect((spans.ended[0]?.attributes.list as unknown[]).length).toBe(10_000);
  });

  it('a 10 MB string passed as attributes costs no more than a 10-character one (two sizes, one run)', () => {
    const span = trace.getTracer('app').startSpan('bounded');
    const big = 'x'.repeat(10_000_000);
    const small = 'x'.repeat(10);
    const median = (s: string) => {
      const times: number[] = [];
      for (let i = 0; i < 21; i++) {
        const t0 = process.hrtime.bigint();
        span.setAttributes(s as never);
        times.push(Number(process.hrtime.bigint() - t0));
      }
      return times.sort((x, y) => x - y)[10] as number;
    };
    median(small);
    const ratio = median(big) / Math.max(median(small), 1);
    span.end();
    // O(length) work would make the ratio about 10^6; O(1) keeps it near 1 (noise allowed).
    expect(ratio).toBeLessThan(20);
  });
});
