import { Writable } from 'node:stream';
import { propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { LoggerProvider, type LogRecordProcessor, type ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { AlwaysOnSampler, TracerProvider, type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bootstrap } from '../src/bootstrap.js';
import { resolveConfig } from '../src/config/resolve-config.js';
import type { ExportedKind, ResolvedConfig } from '../src/config/resolved-config.js';
import { BatchLogExportProcessor } from '../src/export/batch-log-processor.js';
import { BatchSpanExportProcessor } from '../src/export/batch-span-processor.js';
import { getLogger } from '../src/logger/logger.js';
import { composePipeline, type Pipeline } from '../src/pipeline.js';
import { captureDiag, pointsOf, TestMetricReader } from './export/helpers.js';
import { EmittedLogs } from './fixtures/recording-processors.js';

/** Every stage call, in order, as `<callback>:<stage>`; `+bag` when the stage saw the baggage entry. */
let calls: string[] = [];
/** The stage that throws, and where. */
let thrower: { stage: string; callback: string } | undefined;

const BAGGAGE_KEY = 'session.id';

function maybeThrow(stage: string, callback: string): void {
  if (thrower?.stage === stage && thrower.callback === callback) throw new Error(`${stage} broke in ${callback}\nsecond line`);
}

/** A log stage that records its call (and whether it saw the enrich stage's attribute), and throws on demand. */
class LogRecorder implements LogRecordProcessor {
  constructor(readonly stage: string) {}
  onEmit(record: ReadWriteLogRecord): void {
    calls.push(`onEmit:${this.stage}${record.attributes[BAGGAGE_KEY] === undefined ? '' : '+bag'}`);
    maybeThrow(this.stage, 'onEmit');
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The sampling stage: records, then forwards (keep) or not (drop); may throw before forwarding. */
function samplingStage(mode: 'keep' | 'drop') {
  return (downstream: LogRecordProcessor): LogRecordProcessor => ({
    onEmit(record, ctx) {
      calls.push(`onEmit:sampling${record.attributes[BAGGAGE_KEY] === undefined ? '' : '+bag'}`);
      maybeThrow('sampling', 'onEmit');
      if (mode === 'keep') downstream.onEmit(record, ctx);
    },
    forceFlush: () => downstream.forceFlush(),
    shutdown: () => downstream.shutdown(),
  });
}

class SpanRecorder implements SpanProcessor {
  constructor(readonly stage: string) {}
  onStart(span: Span, _ctx: Context): void {
    calls.push(`onStart:${this.stage}${span.attributes[BAGGAGE_KEY] === undefined ? '' : '+bag'}`);
    maybeThrow(this.stage, 'onStart');
  }
  onEnding(_span: Span): void {
    calls.push(`onEnding:${this.stage}`);
    maybeThrow(this.stage, 'onEnding');
  }
  onEnd(_span: ReadableSpan): void {
    calls.push(`onEnd:${this.stage}`);
    maybeThrow(this.stage, 'onEnd');
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The console exporters write here; each write is the console export stage's call. */
const consoleStream = new Writable({
  write(_chunk, _encoding, callback) {
    calls.push('export:console');
    callback();
  },
});

const base: ResolvedConfig = resolveConfig({ consoleFormat: 'json', consoleStream, exporters: { logs: [], traces: [], metrics: [] } }, {}).config;
// The OTLP export stages only queue here: no export is ever due during a test.
const quietQueue = { ...base.logQueue, scheduledDelayMillis: 2 ** 31 - 1 };

let diagCapture: ReturnType<typeof captureDiag>;
beforeAll(() => {
  // Spy through the OTLP export stages' entry points to see where they run, or make them throw.
  const logEmit = BatchLogExportProcessor.prototype.onEmit;
  vi.spyOn(BatchLogExportProcessor.prototype, 'onEmit').mockImplementation(function (this: BatchLogExportProcessor, ...args) {
    calls.push('export:otlp');
    maybeThrow('export.otlp', 'onEmit');
    return logEmit.apply(this, args);
  });
  const spanEnd = BatchSpanExportProcessor.prototype.onEnd;
  vi.spyOn(BatchSpanExportProcessor.prototype, 'onEnd').mockImplementation(function (this: BatchSpanExportProcessor, ...args) {
    calls.push('export:otlp');
    maybeThrow('export.otlp', 'onEnd');
    return spanEnd.apply(this, args);
  });
});
afterAll(() => vi.restoreAllMocks());
afterEach(() => {
  thrower = undefined;
  calls = [];
  diagCapture?.restore();
});

interface LogShape {
  baggage: boolean;
  redaction: boolean;
  errors: number;
  processors: number;
  sampling: 'none' | 'keep' | 'drop';
  metrics: boolean;
  exports: ExportedKind[];
}

function logConfig(shape: LogShape): ResolvedConfig {
  return {
    ...base,
    baggageKeys: shape.baggage ? [BAGGAGE_KEY] : [],
    exporters: { ...base.exporters, logs: shape.exports },
    logQueue: quietQueue,
    logStages: {
      redaction: shape.redaction ? new LogRecorder('redaction') : undefined,
      errors: Array.from({ length: shape.errors }, (_, i) => new LogRecorder(`errors[${i}]`)),
      sampling: shape.sampling === 'none' ? undefined : samplingStage(shape.sampling),
      metrics: shape.metrics ? new LogRecorder('metrics') : undefined,
    },
    logRecordProcessors: Array.from({ length: shape.processors }, (_, i) => new LogRecorder(`processors[${i}]`)),
  };
}

/** Emits one record through a real LoggerProvider built on the pipeline, inside a context carrying baggage. */
function emitThrough(pipeline: Pipeline): void {
  const provider = new LoggerProvider({ processors: pipeline.logProcessors });
  const ctx = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage({ [BAGGAGE_KEY]: { value: 's-1' } }));
  provider.getLogger('order').emit({ body: 'placed', severityText: 'INFO', severityNumber: 9, context: ctx });
}

/** The documented order: enrich → redaction → errors → processors → sampling( metrics → export ). */
function expectedLogCalls(shape: LogShape): string[] {
  const bag = shape.baggage ? '+bag' : '';
  const front = [
    ...(shape.redaction ? ['redaction'] : []),
    ...Array.from({ length: shape.errors }, (_, i) => `errors[${i}]`),
    ...Array.from({ length: shape.processors }, (_, i) => `processors[${i}]`),
    ...(shape.sampling === 'none' ? [] : ['sampling']),
  ].map((stage) => `onEmit:${stage}${bag}`);
  if (shape.sampling === 'drop') return front;
  return [...front, ...(shape.metrics ? [`onEmit:metrics${bag}`] : []), ...shape.exports.map((kind) => `export:${kind}`)];
}

const EXPORT_CHOICES: ExportedKind[][] = [[], ['console'], ['otlp'], ['otlp', 'console']];

function* logShapes(): Generator<LogShape> {
  for (const baggage of [false, true])
    for (const redaction of [false, true])
      for (const errors of [0, 1, 2])
        for (const processors of [0, 1, 2])
          for (const sampling of ['none', 'keep', 'drop'] as const)
            for (const metrics of [false, true])
              for (const exports of EXPORT_CHOICES) yield { baggage, redaction, errors, processors, sampling, metrics, exports };
}

describe('composePipeline: the documented log order, for every combination of stages', () => {
  it('runs enrich → redaction → errors → processors → sampling( metrics → export ) for all 864 combinations', () => {
    let combinations = 0;
    for (const shape of logShapes()) {
      calls = [];
      emitThrough(composePipeline(logConfig(shape)));
      expect(calls, JSON.stringify(shape)).toEqual(expectedLogCalls(shape));
      combinations++;
    }
    expect(combinations).toBe(864);
  });
});

interface SpanShape {
  baggage: boolean;
  redaction: boolean;
  processors: number;
  exports: ExportedKind[];
}

function spanConfig(shape: SpanShape): ResolvedConfig {
  return {
    ...base,
    baggageKeys: shape.baggage ? [BAGGAGE_KEY] : [],
    exporters: { ...base.exporters, traces: shape.exports },
    spanQueue: quietQueue,
    spanStages: { redaction: shape.redaction ? new SpanRecorder('redaction') : undefined },
    spanProcessors: Array.from({ length: shape.processors }, (_, i) => new SpanRecorder(`processors[${i}]`)),
  };
}

function spanThrough(pipeline: Pipeline): void {
  const provider = new TracerProvider({ spanProcessors: pipeline.spanProcessors, sampler: new AlwaysOnSampler() });
  const ctx = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage({ [BAGGAGE_KEY]: { value: 's-1' } }));
  provider.getTracer('t').startSpan('work', {}, ctx).end();
}

/** enrich → redaction (onEnding) → processors → export, in each callback. */
function expectedSpanCalls(shape: SpanShape): string[] {
  const stages = [...(shape.redaction ? ['redaction'] : []), ...Array.from({ length: shape.processors }, (_, i) => `processors[${i}]`)];
  const bag = shape.baggage ? '+bag' : '';
  return [
    ...stages.map((s) => `onStart:${s}${bag}`),
    ...stages.map((s) => `onEnding:${s}`),
    ...stages.map((s) => `onEnd:${s}`),
    ...shape.exports.map((kind) => `export:${kind}`),
  ];
}

describe('composePipeline: the documented span order, for every combination of stages', () => {
  it('runs enrich → redaction → processors → export in onStart, onEnding and onEnd for all 48 combinations', () => {
    let combinations = 0;
    for (const baggage of [false, true])
      for (const redaction of [false, true])
        for (const processors of [0, 1, 2])
          for (const exports of EXPORT_CHOICES) {
            const shape = { baggage, redaction, processors, exports };
            calls = [];
            spanThrough(composePipeline(spanConfig(shape)));
            expect(calls, JSON.stringify(shape)).toEqual(expectedSpanCalls(shape));
            combinations++;
          }
    expect(combinations).toBe(48);
  });
});

const FULL_LOGS: LogShape = { baggage: true, redaction: true, errors: 2, processors: 2, sampling: 'keep', metrics: true, exports: ['otlp', 'console'] };
const LOG_POSITIONS = ['redaction', 'errors[0]', 'errors[1]', 'processors[0]', 'processors[1]', 'sampling', 'metrics', 'export.otlp'];

describe('a throwing stage loses nothing', () => {
  for (const stage of LOG_POSITIONS) {
    it(`logs: ${stage} throws; the record reaches every later stage and both exporters; the throw is counted, one diag line`, () => {
      diagCapture = captureDiag();
      const pipeline = composePipeline(logConfig(FULL_LOGS));
      thrower = { stage, callback: 'onEmit' };
      emitThrough(pipeline);
      emitThrough(pipeline);
      const once = expectedLogCalls(FULL_LOGS);
      expect(calls).toEqual([...once, ...once]);
      const errors = pipeline.safety.getStageErrors();
      expect(errors[`logs.${stage}`]).toBe(2);
      expect(Object.entries(errors).filter(([key]) => key !== `logs.${stage}`).every(([, n]) => n === 0)).toBe(true);
      expect(Object.keys(errors).filter((key) => key.startsWith('logs.')).sort()).toEqual(
        ['sanitize', 'enrich', 'redaction', 'errors[0]', 'errors[1]', 'processors[0]', 'processors[1]', 'sampling', 'metrics', 'export.otlp', 'export.console'].map((s) => `logs.${s}`).sort(),
      );
      const lines = diagCapture.sightlineWarn().filter((line) => line.includes(`logs.${stage}`));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^sightline: pipeline stage logs\\.${stage.replace(/[[\].]/g, '\\$&')} \\(\\w+\\) threw in onEmit: .*broke in onEmit second line; the record went on`));
      expect(lines[0]).not.toContain('\n');
      expect(pipeline.logExportStages[0]?.getDropCounts()).toEqual({ queue_full: 0, export_failed: 0, shutdown: 0 });
    });
  }

  for (const stage of ['redaction', 'processors[0]', 'processors[1]', 'export.otlp'])
    for (const callback of ['onStart', 'onEnding', 'onEnd']) {
      if (stage === 'export.otlp' && callback !== 'onEnd') continue;
      it(`spans: ${stage} throws in ${callback}; starting and ending never throw; every later stage and exporter gets the span`, () => {
        diagCapture = captureDiag();
        const shape = { baggage: true, redaction: true, processors: 2, exports: ['otlp', 'console'] as ExportedKind[] };
        const pipeline = composePipeline(spanConfig(shape));
        thrower = { stage, callback };
        expect(() => spanThrough(pipeline)).not.toThrow();
        expect(calls).toEqual(expectedSpanCalls(shape));
        const errors = pipeline.safety.getStageErrors();
        expect(errors[`spans.${stage}`]).toBe(1);
        expect(Object.values(errors).reduce((a, b) => a + b, 0)).toBe(1);
        expect(diagCapture.sightlineWarn().filter((l) => l.includes(`spans.${stage}`) && l.includes(`threw in ${callback}`))).toHaveLength(1);
      });
    }

  it('a dropping stage that throws after forwarding does not forward twice', () => {
    const pipeline = composePipeline({
      ...logConfig({ ...FULL_LOGS, sampling: 'none', exports: ['console'] }),
      logStages: {
        sampling: (downstream) => ({
          onEmit(record, ctx) {
            downstream.onEmit(record, ctx);
            throw new Error('after forwarding');
          },
          forceFlush: () => Promise.resolve(),
          shutdown: () => Promise.resolve(),
        }),
        metrics: new LogRecorder('metrics'),
      },
    });
    diagCapture = captureDiag();
    emitThrough(pipeline);
    expect(calls.filter((c) => c.startsWith('onEmit:metrics'))).toHaveLength(1);
    expect(calls.filter((c) => c === 'export:console')).toHaveLength(1);
    expect(pipeline.safety.getStageErrors()['logs.sampling']).toBe(1);
  });

  it('flush and shutdown of a throwing or rejecting stage settle, and are counted', async () => {
    const broken: LogRecordProcessor = {
      onEmit: () => {},
      forceFlush: () => {
        throw new Error('flush threw');
      },
      shutdown: () => Promise.reject(new Error('shutdown rejected')),
    };
    diagCapture = captureDiag();
    const pipeline = composePipeline({ ...base, logRecordProcessors: [broken], baggageKeys: [] });
    const stage = pipeline.logProcessors.find((p) => (p as { stage?: string }).stage === 'logs.processors[0]');
    await expect(stage?.forceFlush()).resolves.toBeUndefined();
    await expect(stage?.shutdown()).resolves.toBeUndefined();
    expect(pipeline.safety.getStageErrors()['logs.processors[0]']).toBe(2);
  });
});

describe('bootstrap: a user log processor that throws', () => {
  it('keeps the record flowing to sampling, metrics and export; no drop; the throw readable in getDropCounts() and as a metric', async () => {
    diagCapture = captureDiag();
    const exported = new EmittedLogs();
    const reader = new TestMetricReader();
    const handle = bootstrap({
      exporters: { logs: [], traces: [], metrics: [] },
      handleProcessExit: false,
      captureCrashes: false,
      metricReaders: [reader],
      logRecordProcessors: [
        {
          onEmit: () => {
            throw new Error('broken processor');
          },
          forceFlush: () => Promise.resolve(),
          shutdown: () => Promise.resolve(),
        },
        exported,
      ],
    });
    try {
      for (let i = 0; i < 3; i++) getLogger('app').info(`order ${i}`);
      expect(exported.records.map((r) => r.body)).toEqual(['order 0', 'order 1', 'order 2']);
      const snapshot = await handle.getMetrics();
      expect(snapshot.logs.total).toBe(3); // the metrics stage, after sampling, saw all three
      const drops = handle.getDropCounts();
      expect(drops.stageErrors['logs.processors[0]']).toBe(3);
      expect(drops.stageErrors['logs.processors[1]']).toBe(0);
      expect(drops.logs).toEqual({ queue_full: 0, export_failed: 0, shutdown: 0 });
      const collected = await reader.metrics();
      const points = pointsOf(collected, 'sightline.pipeline.stage.errors');
      expect(points.map((p) => [p.attributes['sightline.pipeline.stage'], p.value])).toEqual([['logs.processors[0]', 3]]);
    } finally {
      await handle.shutdown();
    }
  });
});

describe('the file exporters in the pipeline', () => {
  it('are export stages of their own (`logs.export.file`, `spans.export.file`) and a periodic metric reader', () => {
    const fileExport = { ...base.fileExport, dir: '/nonexistent/never-written' };
    const pipeline = composePipeline({ ...base, fileExport, exporters: { logs: ['file', 'otlp'], traces: ['file'], metrics: ['file'] } });
    expect(pipeline.logExportStages).toHaveLength(2);
    expect(pipeline.spanExportStages).toHaveLength(1);
    expect(pipeline.metricReaders).toHaveLength(1);
    expect(Object.keys(pipeline.safety.getStageErrors())).toEqual(expect.arrayContaining(['logs.export.file', 'logs.export.otlp', 'spans.export.file']));
  });
});
