import { context, diag, DiagLogLevel, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode, isTracingSuppressed, type ExportResult } from '@opentelemetry/core';
import { MetricReader, type DataPoint, type MetricData } from '@opentelemetry/sdk-metrics';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { UnsentExportError } from '../../src/export/transport/export-control.js';

/** How a {@link TestExporter} answers an export call. */
export type ExportMode = 'ok' | 'fail' | 'unsent' | 'hang' | 'throw' | 'manual';

/**
 * A small exporter whose behaviour a test sets: succeed, report FAILED, fail as unsent (the receiver was not
 * reached: retried later or spooled), never answer, throw, or hold the callback until the test releases it. Records what it saw, including whether tracing was suppressed.
 */
export class TestExporter<T> {
  mode: ExportMode = 'ok';
  readonly batches: T[][] = [];
  readonly suppressed: boolean[] = [];
  readonly activeSpans: boolean[] = [];
  /** Callbacks held in `manual` mode, oldest first. */
  readonly held: Array<(result: ExportResult) => void> = [];
  shutdownCalls = 0;
  unsentCalls = 0;
  /** `Retry-After` of `unsent` answers, in ms. */
  retryAfterMillis: number | undefined;
  forceFlushCalls = 0;

  get items(): T[] {
    return this.batches.flat();
  }

  export(items: T[], resultCallback: (result: ExportResult) => void): void {
    this.suppressed.push(isTracingSuppressed(context.active()));
    this.activeSpans.push(trace.getSpan(context.active()) !== undefined);
    switch (this.mode) {
      case 'ok':
        this.batches.push(items);
        resultCallback({ code: ExportResultCode.SUCCESS });
        return;
      case 'fail':
        resultCallback({ code: ExportResultCode.FAILED, error: new Error('collector said no') });
        return;
      case 'unsent':
        this.unsentCalls++;
        resultCallback({ code: ExportResultCode.FAILED, error: new UnsentExportError('connect ECONNREFUSED', { retryAfterMillis: this.retryAfterMillis }) });
        return;
      case 'hang':
        return;
      case 'throw':
        throw new Error('exporter bug');
      case 'manual':
        this.batches.push(items);
        this.held.push(resultCallback);
        return;
    }
  }

  /** Answers the oldest held export call. */
  release(code: ExportResultCode = ExportResultCode.SUCCESS, error?: Error): void {
    const callback = this.held.shift();
    if (!callback) throw new Error('no export call is held');
    callback({ code, error });
  }

  forceFlush(): Promise<void> {
    this.forceFlushCalls++;
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.shutdownCalls++;
    return Promise.resolve();
  }
}

/** Captures diag output; `restore()` removes the logger. */
export function captureDiag(): { warn: string[]; error: string[]; debug: string[]; sightlineWarn(): string[]; restore(): void } {
  const warn: string[] = [];
  const error: string[] = [];
  const debug: string[] = [];
  diag.setLogger(
    {
      error: (m) => error.push(m),
      warn: (m) => warn.push(m),
      info: () => {},
      debug: (m) => debug.push(m),
      verbose: () => {},
    },
    { logLevel: DiagLogLevel.ALL, suppressOverrideMessage: true },
  );
  return {
    warn,
    error,
    debug,
    sightlineWarn: () => warn.filter((m) => m.startsWith('sightline:')),
    restore: () => diag.disable(),
  };
}

/** For a test file: returns `capture()`, which starts a {@link captureDiag}; each capture ends after its test. */
export function useDiagCapture(): () => ReturnType<typeof captureDiag> {
  let current: ReturnType<typeof captureDiag> | undefined;
  afterEach(() => {
    current?.restore();
    current = undefined;
  });
  return () => (current = captureDiag());
}

/** For a `describe` block: an async-hooks context manager is the global one while its tests run. */
export function useAsyncContextManager(): void {
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
  });
  afterAll(() => {
    contextManager.disable();
    context.disable();
  });
}

/** Resolves after the pending immediates (and the microtasks they queue) have run. */
export function nextImmediate(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A reader a test collects from directly. */
export class TestMetricReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}

  async metrics(): Promise<MetricData[]> {
    const { resourceMetrics } = await this.collect();
    return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
  }
}

/** The data points of one metric, by name; empty when it was not reported. */
export function pointsOf(metrics: MetricData[], name: string): DataPoint<number>[] {
  const metric = metrics.find((m) => m.descriptor.name === name);
  return (metric?.dataPoints ?? []) as DataPoint<number>[];
}

/** The value of the point whose `error.type` is `errorType` (undefined: the success point). */
export function valueFor(points: DataPoint<number>[], errorType: string | undefined): number | undefined {
  return points.find((p) => p.attributes['error.type'] === errorType)?.value;
}
