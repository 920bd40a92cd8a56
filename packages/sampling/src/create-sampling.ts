import { SampledOutCounter } from './sampled-out-counter.js';
import { warnInvalid } from './internal/diagnostics.js';
import { LogSamplingProcessor } from './log-sampling-processor.js';
import { RateBudget } from './rate-budget.js';
import { resolveRetention } from './retention-buffer.js';
import { DEFAULT_CORRELATION_KEYS } from './semconv.js';
import { SettingsStore } from './settings-store.js';
import { Ticker } from './ticker.js';
import { TraceLifecycleProcessor } from './trace-lifecycle-processor.js';
import { createTraceSampler } from './trace-sampler.js';
import type { DropReason, Sampling, SamplingOptions } from './types.js';

function resolveParentBased(value: unknown): boolean {
  if (value === undefined || typeof value === 'boolean') return value ?? true;
  warnInvalid('parentBased', value, 'true|false', 'true');
  return true;
}

function resolveCorrelationKeys(value: unknown): readonly string[] {
  if (value === undefined) return DEFAULT_CORRELATION_KEYS;
  if (Array.isArray(value) && value.every((key) => typeof key === 'string')) return [...value];
  warnInvalid('correlationKeys', value, 'an array of attribute keys', JSON.stringify(DEFAULT_CORRELATION_KEYS));
  return DEFAULT_CORRELATION_KEYS;
}

function resolveOnDrop(value: unknown): ((reason: DropReason, count: number) => void) | undefined {
  if (value === undefined || typeof value === 'function') return value as ((reason: DropReason, count: number) => void) | undefined;
  warnInvalid('onDrop', value, 'a function', 'none');
  return undefined;
}

/**
 * Creates the trace sampler and the log sampling stage of one process, sharing their settings, so that
 * logs and traces agree: both apply the same threshold to the same trace randomness.
 *
 * Never throws: an invalid option is reported in one `diag.warn` line and replaced by its default.
 * With no options everything is kept (ratio 1, no budget, no rules, no retention).
 */
export function createSampling(options: SamplingOptions = {}): Sampling {
  if (typeof options !== 'object' || options === null) {
    warnInvalid('options', options, 'an object of sampling options', 'the defaults');
    options = {};
  }
  const store = new SettingsStore(options);
  const retention = resolveRetention(options.retention);
  const correlationKeys = resolveCorrelationKeys(options.correlationKeys);
  const drops = new SampledOutCounter(resolveOnDrop(options.onDrop));
  const budget = new RateBudget(store.current.rateLimit);
  const errorBudget = new RateBudget(store.current.errorRateLimit);
  const stages: LogSamplingProcessor[] = [];

  const ticker = new Ticker((elapsedMillis, now) => {
    budget.roll(elapsedMillis);
    errorBudget.roll(elapsedMillis);
    for (const stage of stages) stage.expire(now);
  });
  // The timer runs only while a budget or a buffer needs it.
  const refreshTicker = (): void => {
    if (budget.active || errorBudget.active || stages.some((stage) => stage.retains)) ticker.start();
    else ticker.stop();
  };
  store.onUpdate((settings) => {
    budget.setLimit(settings.rateLimit);
    errorBudget.setLimit(settings.errorRateLimit);
    refreshTicker();
  });
  refreshTicker();

  return {
    sampler: createTraceSampler(store, {
      parentBased: resolveParentBased(options.parentBased),
      recordDroppedLocalRoots: retention !== undefined,
    }),
    spanProcessor: new TraceLifecycleProcessor(stages),
    logStage(downstream) {
      const stage = new LogSamplingProcessor(downstream, {
        store,
        budget,
        errorBudget,
        drops,
        clock: ticker,
        correlationKeys,
        retention,
        onShutdown: refreshTicker,
      });
      stages.push(stage);
      refreshTicker();
      return stage;
    },
    controls: {
      update: (changes) => store.update(changes),
      getSettings: () => store.settings(),
      getDropCounts: () => drops.snapshot(),
      getRetentionStats: () => {
        let traces = 0;
        let records = 0;
        let bytes = 0;
        for (const stage of stages) {
          const stats = stage.retentionStats();
          traces += stats.traces;
          records += stats.records;
          bytes += stats.bytes;
        }
        return { traces, records, bytes };
      },
    },
  };
}
