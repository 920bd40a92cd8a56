import { SeverityNumber, type Context } from '@opentelemetry/api';
import { LoggerProvider, type LogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSampling } from '../src/create-sampling.js';
import { traceIdKept } from './fixtures/exact.js';
import { ATTR_SAMPLING_THRESHOLD } from '../src/semconv.js';
import type { SamplingOptions } from '../src/types.js';
import { captureDiag } from './fixtures/diag.js';
import { traceIdAt, traceIds } from './fixtures/ids.js';
import { logPipeline, parentContext } from './fixtures/pipelines.js';
import { sdkRecords } from './fixtures/records.js';

const INFO = SeverityNumber.INFO;

function setup(options: SamplingOptions) {
  const sampling = createSampling(options);
  return { sampling, ...logPipeline(sampling) };
}

const unsampledTrace = (traceId: string): Context => parentContext(traceId, { sampled: false });

let diag: ReturnType<typeof captureDiag> | undefined;
afterEach(() => {
  diag?.restore();
  diag = undefined;
  vi.useRealTimers();
});

describe('ratio sampling', () => {
  it('keeps 10% ± 1% of 100 000 records at ratio 0.1, each saying its threshold', () => {
    const { logger, exported, sampling } = setup({ ratio: 0.1 });
    for (const traceId of traceIds(100_000, 3)) logger.emit({ severityNumber: INFO, body: 'x', context: unsampledTrace(traceId) });
    const kept = exported();
    expect(kept.length / 100_000).toBeGreaterThan(0.09);
    expect(kept.length / 100_000).toBeLessThan(0.11);
    expect(new Set(kept.map((r) => r.attributes[ATTR_SAMPLING_THRESHOLD]))).toEqual(new Set(['e6666666666666']));
    expect(sampling.controls.getDropCounts().ratio).toBe(100_000 - kept.length);
  });

  it('decides by the trace: every record of a trace shares the decision the trace sampler makes', () => {
    const { logger, exported } = setup({ ratio: 0.3 });
    const ids = traceIds(2_000, 5);
    for (const traceId of ids) {
      for (let i = 0; i < 3; i++) logger.emit({ severityNumber: INFO, body: traceId, context: unsampledTrace(traceId) });
    }
    const perTrace = new Map<string, number>();
    for (const record of exported()) perTrace.set(record.spanContext!.traceId, (perTrace.get(record.spanContext!.traceId) ?? 0) + 1);
    for (const traceId of ids) expect(perTrace.get(traceId) ?? 0).toBe(traceIdKept(traceId, 0.3) ? 3 : 0);
  });

  it('samples records outside any trace at random, or by a stable hash of their correlation key', () => {
    const { logger, exported } = setup({ ratio: 0.1 });
    for (let i = 0; i < 100_000; i++) logger.emit({ severityNumber: INFO, body: 'x' });
    expect(exported().length / 100_000).toBeGreaterThan(0.09);
    expect(exported().length / 100_000).toBeLessThan(0.11);

    const keyed = setup({ ratio: 0.5, correlationKeys: ['request.id'] });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 200; i++) keyed.logger.emit({ severityNumber: INFO, attributes: { 'request.id': `req-${i}` } });
    }
    const perKey = new Map<unknown, number>();
    for (const record of keyed.exported()) perKey.set(record.attributes['request.id'], (perKey.get(record.attributes['request.id']) ?? 0) + 1);
    expect([...perKey.values()].every((n) => n === 3)).toBe(true);
    expect(perKey.size).toBeGreaterThan(60);
    expect(perKey.size).toBeLessThan(140);
  });

  it('keeps the logs of a trace that was kept: at least the probability in its ot th (1 without one)', () => {
    const { logger, exported } = setup({ ratio: 0.1 });
    const ids = traceIds(1_000, 9);
    for (const traceId of ids) {
      logger.emit({ severityNumber: INFO, body: 'th0', context: parentContext(traceId, { traceState: 'ot=th:0' }) });
      logger.emit({ severityNumber: INFO, body: 'none', context: parentContext(traceId) });
      logger.emit({ severityNumber: INFO, body: 'th8', context: parentContext(traceId, { traceState: 'ot=th:8' }) });
    }
    const count = (body: string) => exported().filter((r) => r.body === body);
    expect(count('th0')).toHaveLength(1_000);
    expect(count('none')).toHaveLength(1_000);
    expect(count('th8')).toHaveLength(ids.filter((id) => traceIdKept(id, 0.5)).length);
    expect(count('th0')[0].attributes[ATTR_SAMPLING_THRESHOLD]).toBeUndefined();
    expect(count('th8')[0].attributes[ATTR_SAMPLING_THRESHOLD]).toBe('8');
  });

  it('uses the trace state’s explicit rv as the trace’s randomness', () => {
    const { logger, exported } = setup({ ratio: 0.5 });
    const traceId = '000000000000000000ffffffffffffff'; // kept by its id at any ratio
    logger.emit({ severityNumber: INFO, body: 'low rv', context: unsampledTrace(traceId) });
    logger.emit({ severityNumber: INFO, body: 'low rv', context: parentContext(traceId, { sampled: false, traceState: 'ot=rv:00000000000001' }) });
    expect(exported().map((r) => r.body)).toEqual(['low rv']);
  });
});

describe('always kept', () => {
  it('keeps ERROR and above, security events and rules at 1, whatever the ratio', () => {
    const { logger, loggerFor, exported, sampling } = setup({
      ratio: 0,
      logRules: [{ scope: 'llm.*', ratio: 1 }, { eventName: 'http.access', ratio: 0.01 }],
    });
    const ids = traceIds(1_000, 13);
    for (const traceId of ids) {
      const context = unsampledTrace(traceId);
      logger.emit({ severityNumber: SeverityNumber.ERROR, body: 'error', context });
      logger.emit({ severityNumber: SeverityNumber.FATAL4, body: 'fatal', context });
      logger.emit({ severityNumber: INFO, eventName: 'security.login_failed', body: 'security', context });
      loggerFor('llm.openai').emit({ severityNumber: SeverityNumber.DEBUG, body: 'llm', context });
      logger.emit({ severityNumber: INFO, eventName: 'http.access', body: 'access', context });
      logger.emit({ severityNumber: SeverityNumber.WARN, body: 'warn', context });
    }
    const byBody = (body: string) => exported().filter((r) => r.body === body).length;
    expect([byBody('error'), byBody('fatal'), byBody('security'), byBody('llm')]).toEqual([1_000, 1_000, 1_000, 1_000]);
    expect(byBody('access')).toBe(ids.filter((id) => traceIdKept(id, 0.01)).length);
    expect(byBody('warn')).toBe(0);
    expect(sampling.controls.getDropCounts().ratio).toBe(2_000 - byBody('access'));
  });
});

describe('adaptive rate budget (simulated clock)', () => {
  function offer(logger: ReturnType<typeof setup>['logger'], perSecond: number, seconds: number, exported: () => ReadableLogRecord[]) {
    const keptPerSecond: number[] = [];
    let index = 0;
    for (let s = 0; s < seconds; s++) {
      const before = exported().length;
      for (let ms = 0; ms < 1000; ms++) {
        const due = Math.floor(((ms + 1) * perSecond) / 1000) - Math.floor((ms * perSecond) / 1000);
        for (let i = 0; i < due; i++) logger.emit({ severityNumber: INFO, context: unsampledTrace(traceIdAt(index++, 17)) });
        vi.advanceTimersByTime(1);
      }
      keptPerSecond.push(exported().length - before);
    }
    return keptPerSecond;
  }

  it('holds 20 000/s offered to a budget of 1 000/s ± 10%, keeps errors outside it, and recovers', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const { logger, exported, sampling } = setup({ rateLimit: 1000 });
    const surge = offer(logger, 20_000, 5, exported);
    for (const kept of surge.slice(1)) expect(Math.abs(kept - 1000)).toBeLessThan(100);
    // Kept records say the probability they were kept with: about 1000 / 20000.
    const probability = 1 - Number.parseInt(exported().at(-1)!.attributes[ATTR_SAMPLING_THRESHOLD] as string, 16) / 16 ** 14;
    expect(probability).toBeGreaterThan(0.04);
    expect(probability).toBeLessThan(0.06);
    const drops = sampling.controls.getDropCounts();
    expect(drops.rate_limit).toBe(100_000 - surge.reduce((a, b) => a + b, 0));
    expect(drops.ratio).toBe(0);

    const errorsBefore = exported().length;
    for (let i = 0; i < 5_000; i++) logger.emit({ severityNumber: SeverityNumber.ERROR, context: unsampledTrace(traceIdAt(i, 19)) });
    expect(exported().length - errorsBefore).toBe(5_000);

    const calm = offer(logger, 500, 3, exported);
    for (const kept of calm.slice(1)) expect(kept).toBe(500);
  });

  it('gives the error path its own budget, deciding by trace', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const { logger, exported, sampling } = setup({ errorRateLimit: 100 });
    let index = 0;
    const keptPerSecond: number[] = [];
    for (let s = 0; s < 4; s++) {
      const before = exported().length;
      for (let ms = 0; ms < 1000; ms++) {
        for (let i = 0; i < 2; i++) logger.emit({ severityNumber: SeverityNumber.ERROR, context: unsampledTrace(traceIdAt(index++, 23)) });
        vi.advanceTimersByTime(1);
      }
      keptPerSecond.push(exported().length - before);
    }
    for (const kept of keptPerSecond.slice(1)) expect(Math.abs(kept - 100)).toBeLessThan(20);
    expect(sampling.controls.getDropCounts().error_rate_limit).toBe(8_000 - keptPerSecond.reduce((a, b) => a + b, 0));
  });
});

describe('run-time changes', () => {
  it('applies updates between records, and never loses a record without a count', async () => {
    const { logger, exported, sampling } = setup({ ratio: 1 });
    const ratios = [0.5, 0.1, 1, 0, 0.25];
    const emitters = Array.from({ length: 4 }, async (_, e) => {
      for (let i = 0; i < 2_000; i++) {
        logger.emit({ severityNumber: INFO, context: unsampledTrace(traceIdAt(e * 10_000 + i, 29)) });
        if (i % 100 === 0) await Promise.resolve();
      }
    });
    const updater = (async () => {
      for (let i = 0; i < 40; i++) {
        sampling.controls.update({ ratio: ratios[i % ratios.length], enabled: i % 7 !== 0 });
        await Promise.resolve();
      }
    })();
    await Promise.all([...emitters, updater]);
    const drops = sampling.controls.getDropCounts();
    expect(exported().length + drops.ratio + drops.rate_limit).toBe(8_000);
    expect(drops.ratio).toBeGreaterThan(0);
  });

  it('keeps every record while disabled', () => {
    const { logger, exported, sampling } = setup({ ratio: 0 });
    sampling.controls.update({ enabled: false });
    for (let i = 0; i < 100; i++) logger.emit({ severityNumber: INFO });
    expect(exported()).toHaveLength(100);
    sampling.controls.update({ enabled: true });
    logger.emit({ severityNumber: INFO });
    expect(exported()).toHaveLength(100);
  });
});

describe('robustness', () => {
  it('never throws into the caller, reporting a failure once', () => {
    diag = captureDiag();
    const { stage } = setup({ ratio: 0.5 });
    const hostile = {
      get severityNumber(): number {
        throw new Error('hostile record');
      },
    };
    expect(() => stage.onEmit(hostile as never)).not.toThrow();
    expect(() => stage.onEmit(hostile as never)).not.toThrow();
    expect(diag.errors).toHaveLength(1);
    expect(diag.errors[0]).toContain('sightline: log sampling failed (reported once): Error: hostile record');
  });

  it('shuts down once, counting what it still holds, and flushes through', async () => {
    const calls: string[] = [];
    const downstream: LogRecordProcessor = {
      onEmit: () => void calls.push('emit'),
      forceFlush: async () => void calls.push('flush'),
      shutdown: async () => void calls.push('shutdown'),
    };
    const sampling = createSampling({ ratio: 0, retention: true });
    const stage = sampling.logStage(downstream);
    const provider = new LoggerProvider({ processors: [stage] });
    provider.getLogger('x').emit({ severityNumber: INFO, context: unsampledTrace(traceIdAt(1)) });
    expect(sampling.controls.getRetentionStats().records).toBe(1);
    await stage.forceFlush();
    const first = stage.shutdown();
    expect(stage.shutdown()).toBe(first);
    await first;
    expect(calls).toEqual(['flush', 'shutdown']);
    // After shutdown records go straight to the (shut down) downstream, which decides.
    stage.onEmit(sdkRecords([{ severityNumber: INFO }])[0]);
    expect(calls).toEqual(['flush', 'shutdown', 'emit']);
    expect(sampling.controls.getRetentionStats()).toEqual({ traces: 0, records: 0, bytes: 0 });
    expect(sampling.controls.getDropCounts().ratio).toBe(1);
  });
});
