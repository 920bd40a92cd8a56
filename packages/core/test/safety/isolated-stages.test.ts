import { ROOT_CONTEXT } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { FanOutLogRecordProcessor } from '../../src/internal/fan-out-log-processor.js';
import { IsolatedLogRecordProcessor, IsolatedSpanProcessor } from '../../src/safety/isolated-stages.js';
import { SafetyCounters } from '../../src/safety/safety-counters.js';
import { captureDiag } from '../export/helpers.js';
import { EmittedLogs } from '../fixtures/recording-processors.js';

const record = {} as ReadWriteLogRecord;
const scope = { name: 's' };
let diag: ReturnType<typeof captureDiag> | undefined;
afterEach(() => diag?.restore());

function processor(overrides: Partial<LogRecordProcessor>): LogRecordProcessor {
  return { onEmit: () => {}, forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve(), ...overrides };
}

describe('IsolatedLogRecordProcessor', () => {
  it('forwards enabled() when the stage has it, says true when it has none or throws', () => {
    const counters = new SafetyCounters();
    const options = { context: ROOT_CONTEXT, instrumentationScope: scope };
    expect(new IsolatedLogRecordProcessor('logs.a', processor({}), counters).enabled(options)).toBe(true);
    expect(new IsolatedLogRecordProcessor('logs.b', processor({ enabled: () => false }), counters).enabled(options)).toBe(false);
    diag = captureDiag();
    const throwing = processor({
      enabled: () => {
        throw new Error('enabled broke');
      },
    });
    expect(new IsolatedLogRecordProcessor('logs.c', throwing, counters).enabled(options)).toBe(true);
    expect(counters.getStageErrors()).toEqual({ 'logs.a': 0, 'logs.b': 0, 'logs.c': 1 });
  });

  it('forwards for a dropping stage that threw before forwarding, once', () => {
    diag = captureDiag();
    const counters = new SafetyCounters();
    const kept = new EmittedLogs();
    const downstream = new FanOutLogRecordProcessor([kept]);
    const failing = processor({
      onEmit: () => {
        throw new Error('sampler broke');
      },
    });
    new IsolatedLogRecordProcessor('logs.sampling', failing, counters, downstream).onEmit(record);
    expect(kept.records).toEqual([record]);
    expect(downstream.forwarded).toBe(1);
  });
});

describe('IsolatedSpanProcessor', () => {
  it('has onEnding whatever the stage, and calls the stage only when it has one', () => {
    const counters = new SafetyCounters();
    const seen: string[] = [];
    const withoutOnEnding: SpanProcessor = {
      onStart: () => seen.push('start'),
      onEnd: () => seen.push('end'),
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    const stage = new IsolatedSpanProcessor('spans.x', withoutOnEnding, counters);
    stage.onStart({} as Span, ROOT_CONTEXT);
    stage.onEnding({} as Span);
    stage.onEnd({} as Span);
    expect(seen).toEqual(['start', 'end']);
    expect(counters.getStageErrors()).toEqual({ 'spans.x': 0 });
  });
});
