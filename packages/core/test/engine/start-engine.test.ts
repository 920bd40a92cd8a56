import { context, diag, DiagLogLevel, logs, metrics, propagation, ROOT_CONTEXT, trace, type DiagLogger, type TextMapSetter } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, AlwaysOnSampler } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineOptions } from '../../src/engine/engine.js';
import { loadNodeSdk } from '../../src/engine/node-sdk-engine.js';
import type { PropagatorName } from '../../src/engine/propagators.js';
import { startEngine } from '../../src/engine/start-engine.js';

const setter: TextMapSetter<Record<string, string>> = { set: (carrier, key, value) => void (carrier[key] = value) };

function options(propagators: PropagatorName[]): { options: EngineOptions; spans: InMemorySpanExporter } {
  const spans = new InMemorySpanExporter();
  return {
    spans,
    options: {
      resource: resourceFromAttributes({ 'service.name': 'engine-test' }),
      sampler: new AlwaysOnSampler(),
      spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
      logRecordProcessors: [],
      metricReaders: [],
      views: [],
      instrumentations: [],
      propagators,
    },
  };
}

function headers(): string[] {
  const span = trace.getTracer('t').startSpan('parent');
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, setter);
  span.end();
  return Object.keys(carrier).sort();
}

function captureDiag(): string[] {
  const lines: string[] = [];
  const push = (message: string) => lines.push(message);
  const logger: DiagLogger = { error: push, warn: push, info: push, debug: push, verbose: push };
  diag.setLogger(logger, DiagLogLevel.WARN);
  return lines;
}

const savedPropagators = process.env.OTEL_PROPAGATORS;
afterEach(() => {
  for (const api of [logs, trace, metrics, propagation, context, diag]) api.disable();
  if (savedPropagators === undefined) delete process.env.OTEL_PROPAGATORS;
  else process.env.OTEL_PROPAGATORS = savedPropagators;
});

describe('startEngine', () => {
  it('builds the providers itself, without loading @opentelemetry/sdk-node, for the W3C propagators', () => {
    let loads = 0;
    const engine = startEngine(options(['tracecontext', 'baggage']).options, () => {
      loads++;
      return loadNodeSdk();
    });
    expect(engine.kind).toBe('providers');
    expect(loads).toBe(0);
    expect(headers()).toEqual(['traceparent']);
  });

  it('starts NodeSDK when b3 is asked for and sdk-node is installed; NodeSDK reads OTEL_PROPAGATORS itself', async () => {
    process.env.OTEL_PROPAGATORS = 'b3multi';
    const { options: opts, spans } = options(['b3multi']);
    const engine = startEngine(opts);
    expect(engine.kind).toBe('node-sdk');
    expect(headers()).toEqual(['x-b3-sampled', 'x-b3-spanid', 'x-b3-traceid']);
    // The same components: the span reached our processor.
    expect(spans.getFinishedSpans().map((s) => s.name)).toEqual(['parent']);
    await engine.shutdown();
  });

  it('without sdk-node, says so in one diag line and propagates the W3C formats named, else the default', () => {
    const lines = captureDiag();
    const withW3c = startEngine(options(['b3', 'baggage']).options, () => undefined);
    expect(withW3c.kind).toBe('providers');
    expect(lines).toEqual([expect.stringMatching(/OTEL_PROPAGATORS names b3, which needs @opentelemetry\/sdk-node .*propagating baggage instead$/)]);
    for (const api of [logs, trace, metrics, propagation, context]) api.disable();
    lines.length = 0;
    startEngine(options(['b3']).options, () => undefined);
    expect(lines).toEqual([expect.stringMatching(/propagating tracecontext,baggage instead$/)]);
    expect(headers()).toEqual(['traceparent']);
  });

  it('loadNodeSdk: undefined when the package cannot be found from where it is looked up', () => {
    expect(loadNodeSdk('/nonexistent/dir/index.js')).toBeUndefined();
    expect(typeof loadNodeSdk()?.NodeSDK).toBe('function');
  });
});
